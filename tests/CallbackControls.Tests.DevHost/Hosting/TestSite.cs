using System;
using System.IO;
using System.Text;
using CallbackControls.DevHost;
using Xunit;

namespace CallbackControls.Tests.Hosting
{
    /// <summary>A throwaway Web Forms site written to a temp folder by the tests themselves.</summary>
    internal static class TestSite
    {
        public const string WebConfig =
            "<?xml version=\"1.0\"?>\n<configuration>\n  <system.web>\n" +
            "    <compilation debug=\"true\" targetFramework=\"4.8\"/>\n" +
            "    <httpRuntime targetFramework=\"4.8\"/>\n" +
            "  </system.web>\n</configuration>\n";

        // Inline code only: the site has no compiled assembly of its own.
        public const string DefaultAspx = @"<%@ Page Language=""C#"" %>
<script runat=""server"">
protected void Page_Load(object sender, EventArgs e)
{
    if (Request.QueryString[""go""] == ""away"")
    {
        Response.Redirect(""~/Default.aspx?from=redirect"", false);
        Context.ApplicationInstance.CompleteRequest();
        return;
    }

    if (Request.QueryString[""size""] != null)
    {
        Response.ContentType = ""text/plain"";
        Response.Write(new string('x', int.Parse(Request.QueryString[""size""])));
        Response.End();
    }

    Response.Cookies.Add(new HttpCookie(""first"", ""1""));
    Response.Cookies.Add(new HttpCookie(""second"", ""2""));
    Response.AppendHeader(""X-Test"", ""yes"");
    name.Text = Server.HtmlEncode(Request.Form[""name""] ?? ""(none)"");
    hdr.Text = Server.HtmlEncode(Request.Headers[""X-Custom""] ?? ""(none)"");
    cookie.Text = Server.HtmlEncode(Request.Cookies[""c1""] == null ? ""(none)"" : Request.Cookies[""c1""].Value);
    method.Text = Request.HttpMethod;
    filePath.Text = Server.HtmlEncode(Request.FilePath);
    pathInfo.Text = Server.HtmlEncode(Request.PathInfo);
    query.Text = Server.HtmlEncode(Request.QueryString[""q""] ?? ""(none)"");
    webResource.Text = Server.HtmlEncode(Page.ClientScript.GetWebResourceUrl(typeof(System.Web.UI.Page), ""webform.js""));
    scheme.Text = Request.Url.Scheme + "" "" + (Request.IsSecureConnection ? ""secure"" : ""plain"");
    host.Text = Server.HtmlEncode(Request.Url.Authority);
}
</script>
<!DOCTYPE html>
<html><head><title>Dev host test</title></head>
<body>
<form id=""form1"" runat=""server"">
<p id=""name""><asp:Literal ID=""name"" runat=""server"" /></p>
<p id=""hdr""><asp:Literal ID=""hdr"" runat=""server"" /></p>
<p id=""cookie""><asp:Literal ID=""cookie"" runat=""server"" /></p>
<p id=""method""><asp:Literal ID=""method"" runat=""server"" /></p>
<p id=""filePath""><asp:Literal ID=""filePath"" runat=""server"" /></p>
<p id=""pathInfo""><asp:Literal ID=""pathInfo"" runat=""server"" /></p>
<p id=""query""><asp:Literal ID=""query"" runat=""server"" /></p>
<p id=""webResource""><asp:Literal ID=""webResource"" runat=""server"" /></p>
<p id=""scheme""><asp:Literal ID=""scheme"" runat=""server"" /></p>
<p id=""host""><asp:Literal ID=""host"" runat=""server"" /></p>
</form>
</body></html>
";

        public const string EchoAshx = @"<%@ WebHandler Language=""C#"" Class=""EchoHandler"" %>
using System.Web;

public class EchoHandler : IHttpHandler
{
    public bool IsReusable { get { return true; } }

    public void ProcessRequest(HttpContext context)
    {
        if (context.Request.QueryString[""status""] != null)
        {
            context.Response.StatusCode = int.Parse(context.Request.QueryString[""status""]);
        }

        if (context.Request.QueryString[""throw""] != null)
        {
            throw new System.InvalidOperationException(""secret detail"");
        }

        context.Response.ContentType = string.IsNullOrEmpty(context.Request.ContentType) ? ""application/octet-stream"" : context.Request.ContentType;
        var input = context.Request.InputStream;
        var buffer = new byte[input.Length];
        int read = 0;
        while (read < buffer.Length)
        {
            int n = input.Read(buffer, read, buffer.Length - read);
            if (n <= 0) break;
            read += n;
        }

        // Mono's BinaryWrite throws on an empty array.
        if (read > 0)
        {
            context.Response.BinaryWrite(buffer);
        }
    }
}
";

        // Sends its reply in two parts: the first flushed at once, the second once the file named by ?release= exists.
        private const string FlushedAshx = @"<%@ WebHandler Language=""C#"" Class=""FlushedHandler"" %>
using System;
using System.IO;
using System.Web;

public class FlushedHandler : IHttpHandler
{
    public bool IsReusable { get { return false; } }

    public void ProcessRequest(HttpContext context)
    {
        context.Response.ContentType = ""text/event-stream"";
        context.Response.Write(""data: first\n\n"");
        context.Response.Flush();
        string release = context.Request.QueryString[""release""];
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        while (!File.Exists(release) && DateTime.UtcNow < deadline) System.Threading.Thread.Sleep(20);
        context.Response.Write(""data: second\n\n"");
    }
}
";

        /// <summary>Creates the folder with a page, a handler and a binary file; returns its path.</summary>
        public static string Create()
        {
            string root = Path.Combine(Path.GetTempPath(), "cc-devhost-test-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(root);
            File.WriteAllText(Path.Combine(root, "web.config"), WebConfig, Encoding.UTF8);
            File.WriteAllText(Path.Combine(root, "Default.aspx"), DefaultAspx, Encoding.UTF8);
            File.WriteAllText(Path.Combine(root, "Echo.ashx"), EchoAshx, Encoding.UTF8);
            File.WriteAllText(Path.Combine(root, "Flushed.ashx"), FlushedAshx, Encoding.UTF8);
            File.WriteAllBytes(Path.Combine(root, "blob.bin"), BinaryContent(300000, 7));
            Directory.CreateDirectory(Path.Combine(root, "sub"));
            File.WriteAllText(Path.Combine(root, "sub", "index.html"), "<!DOCTYPE html><title>sub index</title>", Encoding.UTF8);
            return root;
        }

        /// <summary>Every byte value, CR/LF pairs and zero runs included, in a repeatable order.</summary>
        public static byte[] BinaryContent(int length, int seed)
        {
            var random = new Random(seed);
            var bytes = new byte[length];
            random.NextBytes(bytes);
            for (int i = 0; i < 256 && i < length; i++)
            {
                bytes[i] = (byte)i;
            }

            if (length > 300)
            {
                bytes[260] = 13;
                bytes[261] = 10;
                bytes[262] = 0;
                bytes[263] = 0;
            }

            return bytes;
        }

        public static void TryDelete(string folder)
        {
            try
            {
                if (folder != null && Directory.Exists(folder))
                {
                    Directory.Delete(folder, true);
                }
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
            catch (UnauthorizedAccessException)
            {
                // Same.
            }
        }
    }

    /// <summary>One site and one ASP.NET domain shared by the hosting tests (a domain takes about a second to start).</summary>
    public sealed class HostingFixture : IDisposable
    {
        public HostingFixture()
        {
            Folder = TestSite.Create();
            Site = SiteHost.Create(Folder);
        }

        public string Folder { get; }

        public SiteHost Site { get; }

        public void Dispose()
        {
            Site.Shutdown(TimeSpan.FromSeconds(5));
            TestSite.TryDelete(Folder);
        }
    }

    [CollectionDefinition(Name)]
    public sealed class HostingCollection : ICollectionFixture<HostingFixture>
    {
        public const string Name = "Hosting";
    }
}
