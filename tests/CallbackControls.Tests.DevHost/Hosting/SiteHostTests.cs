using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using CallbackControls.DevHost;
using Xunit;

namespace CallbackControls.Tests.Hosting
{
    [Collection(HostingCollection.Name)]
    public class SiteHostTests
    {
        private readonly HostingFixture _fixture;

        public SiteHostTests(HostingFixture fixture)
        {
            this._fixture = fixture;
        }

        private SiteHost Site => _fixture.Site;

        private static IHtmlDocument Html(HostedResponse response) => new HtmlParser().ParseDocument(response.GetBodyText());

        private static string Text(IHtmlDocument document, string id) => document.GetElementById(id)?.TextContent;

        [Fact]
        public void Get_Page_Returns200Html()
        {
            HostedResponse response = Site.Get("/Default.aspx");

            Assert.Equal(200, response.StatusCode);
            Assert.StartsWith("text/html", response.ContentType);
            IHtmlDocument document = Html(response);
            Assert.Equal("Dev host test", document.Title);
            Assert.Equal("GET", Text(document, "method"));
            Assert.NotNull(document.QuerySelector("input[name=__VIEWSTATE]"));
        }

        [Fact]
        public void Get_ApplicationRoot_RunsTheDefaultDocument()
        {
            HostedResponse response = Site.Get("/");

            Assert.Equal(200, response.StatusCode);
            Assert.Equal("Dev host test", Html(response).Title);
        }

        [Fact]
        public void Get_FolderWithoutSlash_RedirectsToTheSlash_ThenServesItsIndex()
        {
            HostedResponse redirect = Site.Get("/sub?x=1");

            Assert.Equal(301, redirect.StatusCode);
            Assert.Equal("/sub/?x=1", redirect.Location);

            HostedResponse index = Site.Get("/sub/");
            Assert.Equal(200, index.StatusCode);
            Assert.Equal("sub index", Html(index).Title);
        }

        [Fact]
        public void Post_FormBody_ReachesRequestForm()
        {
            HostedResponse response = Site.Post("/Default.aspx", "application/x-www-form-urlencoded", "name=Zo%C3%AB+%26+co&other=1");

            Assert.Equal(200, response.StatusCode);
            IHtmlDocument document = Html(response);
            Assert.Equal("POST", Text(document, "method"));
            Assert.Equal("Zoë & co", Text(document, "name"));
        }

        [Fact]
        public void Request_CustomHeaderAndCookie_ReachThePage()
        {
            var request = new HostedRequest("GET", "/Default.aspx?q=a%20b")
                .AddHeader("Host", "localhost")
                .AddHeader("X-Custom", "hello header")
                .AddHeader("Cookie", "c1=v1; c2=v2");

            IHtmlDocument document = Html(Site.Process(request));

            Assert.Equal("hello header", Text(document, "hdr"));
            Assert.Equal("v1", Text(document, "cookie"));
            Assert.Equal("a b", Text(document, "query"));
        }

        [Fact]
        public void Request_PathAfterThePage_BecomesPathInfo()
        {
            IHtmlDocument document = Html(Site.Get("/Default.aspx/extra/more"));

            Assert.Equal("/Default.aspx", Text(document, "filePath"));
            Assert.Equal("/extra/more", Text(document, "pathInfo"));
        }

        [Fact]
        public void Response_CustomHeaderAndSeveralCookies_AreKeptApart()
        {
            HostedResponse response = Site.Get("/Default.aspx");

            Assert.Equal("yes", response.GetHeader("X-Test"));
            var cookies = response.GetHeaders("Set-Cookie");
            Assert.Contains(cookies, c => c.StartsWith("first=1", StringComparison.Ordinal));
            Assert.Contains(cookies, c => c.StartsWith("second=2", StringComparison.Ordinal));
        }

        [Fact]
        public void Get_MissingPage_Returns404()
        {
            Assert.Equal(404, Site.Get("/Missing.aspx").StatusCode);
            Assert.Equal(404, Site.Get("/missing.png").StatusCode);
        }

        [Fact]
        public void Redirect_Returns302WithLocation()
        {
            HostedResponse response = Site.Get("/Default.aspx?go=away");

            Assert.Equal(302, response.StatusCode);
            Assert.Equal("/Default.aspx?from=redirect", response.Location);
        }

        [Fact]
        public void StaticBinaryFile_IsByteIdentical()
        {
            // Served by ASP.NET's static file handler through SendResponseFromFile.
            HostedResponse response = Site.Get("/blob.bin");

            Assert.Equal(200, response.StatusCode);
            Assert.Equal(File.ReadAllBytes(Path.Combine(_fixture.Folder, "blob.bin")), response.Body);
        }

        [Fact]
        public void BinaryPostBody_IsEchoedByteIdentical()
        {
            byte[] body = TestSite.BinaryContent(200000, 11);

            HostedResponse response = Site.Post("/Echo.ashx", "application/octet-stream", body);

            Assert.Equal(200, response.StatusCode);
            Assert.Equal("application/octet-stream", response.ContentType);
            Assert.Equal(body, response.Body);
        }

        [Fact]
        public void StatusCodeSetByHandler_PassesThrough()
        {
            Assert.Equal(418, Site.Get("/Echo.ashx?status=418").StatusCode);
        }

        [Fact]
        public void HandlerException_Returns500()
        {
            Assert.Equal(500, Site.Get("/Echo.ashx?throw=1").StatusCode);
        }

        [Fact]
        public void WebResourceUrlRenderedByAPage_ServesJavaScript()
        {
            string url = WebUtility.HtmlDecode(Text(Html(Site.Get("/Default.aspx")), "webResource"));
            Assert.StartsWith("/WebResource.axd?", url);

            HostedResponse script = Site.Get(url);

            Assert.Equal(200, script.StatusCode);
            Assert.StartsWith("text/javascript", script.ContentType);
            Assert.Contains("function", script.GetBodyText());
        }

        [Fact]
        public void ConcurrentRequests_AllSucceed()
        {
            var results = Enumerable.Range(0, 8)
                .AsParallel()
                .WithDegreeOfParallelism(8)
                .Select(i => Site.Post("/Echo.ashx", "text/plain", "request " + i))
                .ToList();

            Assert.All(results, r => Assert.Equal(200, r.StatusCode));
            Assert.Equal(
                Enumerable.Range(0, 8).Select(i => "request " + i).OrderBy(s => s),
                results.Select(r => Encoding.UTF8.GetString(r.Body)).OrderBy(s => s));
        }

        [Fact]
        public void DeployHostAssembly_CopiesOnlyWhenMissingOrDifferent()
        {
            string folder = Path.Combine(Path.GetTempPath(), "cc-devhost-deploy-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(folder);
            try
            {
                Assert.True(SiteHost.DeployHostAssembly(folder));
                string deployed = Path.Combine(folder, "bin", Path.GetFileName(typeof(SiteHost).Assembly.Location));
                Assert.True(File.Exists(deployed));

                Assert.False(SiteHost.DeployHostAssembly(folder));

                File.WriteAllBytes(deployed, new byte[] { 1, 2, 3 });
                Assert.True(SiteHost.DeployHostAssembly(folder));
                Assert.Equal(File.ReadAllBytes(typeof(SiteHost).Assembly.Location), File.ReadAllBytes(deployed));
            }
            finally
            {
                TestSite.TryDelete(folder);
            }
        }

        [Fact]
        public void Create_MissingFolder_Throws()
        {
            Assert.Throws<DirectoryNotFoundException>(() => SiteHost.Create(Path.Combine(Path.GetTempPath(), "cc-devhost-missing-" + Guid.NewGuid().ToString("N"))));
        }
    }
}
