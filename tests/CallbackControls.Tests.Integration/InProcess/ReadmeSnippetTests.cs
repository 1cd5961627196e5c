using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using CallbackControls.Tests.Kit;
using Xunit;

namespace CallbackControls.Tests.InProcess
{
    /// <summary>
    /// Every snippet the README marks with <c>&lt;!-- snippet: name --&gt;</c> is compiled and run as
    /// the README prints it: the markup blocks of a name become a page's form, its C# blocks the page's
    /// code (a page class's body when the snippet shows the class), over the data of
    /// tests/TestSite/ReadmeStubs.cs. A snippet that stops compiling or working fails here.
    /// </summary>
    [Collection(TestSiteCollection.Name)]
    public class ReadmeSnippetTests : TestSiteTests
    {
        private static readonly Dictionary<string, (List<string> Markup, List<string> Code)> Snippets = ReadSnippets();

        public ReadmeSnippetTests(TestSiteFixture fixture) : base(fixture) { }

        private static Dictionary<string, (List<string>, List<string>)> ReadSnippets()
        {
            var readme = File.ReadAllText(Path.Combine(TestSiteFixture.RepositoryRoot(), "README.md"));
            var snippets = new Dictionary<string, (List<string>, List<string>)>(StringComparer.Ordinal);
            foreach (Match m in Regex.Matches(readme, @"<!-- snippet: ([\w-]+)[^>]*-->\s*```(aspx|csharp)\n(.*?)```", RegexOptions.Singleline))
            {
                if (!snippets.TryGetValue(m.Groups[1].Value, out var snippet)) snippets[m.Groups[1].Value] = snippet = (new List<string>(), new List<string>());
                (m.Groups[2].Value == "aspx" ? snippet.Item1 : snippet.Item2).Add(m.Groups[3].Value);
            }
            return snippets;
        }

        /// <summary>Writes the snippet's page under tests/TestSite/Readme/ (ignored by git) and GETs it.</summary>
        private AngleSharp.Html.Dom.IHtmlDocument Render(string name)
        {
            Assert.True(Snippets.ContainsKey(name), "the README has no snippet '" + name + "'");
            var (markup, code) = Snippets[name];
            var body = string.Join("\n", code.Select(c =>
            {
                // A snippet showing the page class: its body is the page's code.
                var cls = Regex.Match(c, @"^public partial class \w+ : Page\s*\{(.*)\}\s*$", RegexOptions.Singleline);
                return cls.Success ? cls.Groups[1].Value : c;
            }));
            var page = new StringBuilder()
                .AppendLine("<%@ Page Language=\"C#\" %>")
                .AppendLine("<%@ Import Namespace=\"System.Linq\" %>")
                .AppendLine("<%@ Import Namespace=\"CallbackControls\" %>")
                .AppendLine("<%@ Import Namespace=\"TestSite.Readme\" %>")
                .AppendLine("<script runat=\"server\">")
                .AppendLine("static readonly Database db = new Database();")
                .AppendLine(body)
                .AppendLine("</script>")
                .AppendLine("<!DOCTYPE html><html lang=\"en\"><head runat=\"server\"><title>" + name + "</title></head><body><form runat=\"server\">")
                .AppendLine(string.Join("\n", markup))
                .AppendLine("</form></body></html>")
                .ToString();
            var folder = Path.Combine(TestSiteFixture.RepositoryRoot(), "tests", "TestSite", "Readme");
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, name + ".aspx");
            if (!File.Exists(path) || File.ReadAllText(path) != page) File.WriteAllText(path, page, new UTF8Encoding(false));
            var response = Site.Get("/Readme/" + name + ".aspx");
            Assert.True(response.StatusCode == 200, "snippet '" + name + "' failed: " + System.Net.WebUtility.HtmlDecode(response.GetBodyText()).Substring(0, Math.Min(2000, response.GetBodyText().Length)));
            return new HtmlParser().ParseDocument(response.GetBodyText());
        }

        private static object[][] Rows(IDictionary<string, object> reply)
        {
            Assert.Equal(true, reply["ok"]);
            return ((object[])reply["result"]).Cast<object[]>().ToArray();
        }

        [Fact]
        public void CallbackControlSnippet_CountsTheLettersOfTheWordSentWithTheCall()
        {
            var page = Render("callback-control");
            // As the runtime sends it: the field's current value, and __EVENTVALIDATION, which the text box checks.
            var validation = page.QuerySelector("input[name=__EVENTVALIDATION]")?.GetAttribute("value") ?? "";

            var reply = CallbackReply.Parse(CallbackCalls.Call(Site, "/Readme/callback-control.aspx", "LetterCount", "count", null,
                "Word", "Zoë-2026", "__EVENTVALIDATION", validation).GetBodyText());

            Assert.True(true.Equals(reply["ok"]), new System.Web.Script.Serialization.JavaScriptSerializer().Serialize(reply));
            Assert.Equal(3, ((IDictionary<string, object>)reply["result"])["letters"]);
        }

        [Fact]
        public void CascadingSnippet_FillsEveryLevel()
        {
            var page = Render("cascading");
            Assert.Equal(new[] { "Choose a country", "France", "Japan" }, page.QuerySelectorAll("#Country option").Select(o => o.TextContent).ToArray());

            var regions = Rows(CallbackReply.Parse(CallbackCalls.Call(Site, "/Readme/cascading.aspx", "Region", "", "{\"ancestors\":[\"fr\"]}", "Country", "fr").GetBodyText()));
            var cities = Rows(CallbackReply.Parse(CallbackCalls.Call(Site, "/Readme/cascading.aspx", "City", "", "{\"ancestors\":[\"jp\",\"kanto\"]}", "Country", "jp", "Region", "kanto").GetBodyText()));

            Assert.Equal(new[] { "Île-de-France", "Provence" }, regions.Select(r => (string)r[0]).ToArray());
            Assert.Equal(new[] { "Tokyo" }, cities.Select(r => (string)r[0]).ToArray());
        }

        [Fact]
        public void FindSnippet_RendersAFindBox_AndAnswersTheMatchesOfWhatIsTyped()
        {
            var page = Render("find");
            Assert.NotNull(page.QuerySelector("input.cc-filter#City_Filter[name='City$Filter']"));

            var reply = CallbackReply.Parse(CallbackCalls.Call(Site, "/Readme/find.aspx", "City", "", "{\"ancestors\":[\"fr\"],\"filter\":\"p\",\"skip\":0}", "Country", "fr").GetBodyText());

            Assert.True(true.Equals(reply["ok"]), new System.Web.Script.Serialization.JavaScriptSerializer().Serialize(reply));
            var matches = (IDictionary<string, object>)reply["result"];
            Assert.Equal(new[] { "Paris", "Pau", "Perpignan" }, ((object[])matches["items"]).Cast<object[]>().Select(r => (string)r[0]).ToArray());
            Assert.Equal(3, matches["total"]);
        }

        [Fact]
        public void PageMethodsSnippet_AnswersWithoutThePage()
        {
            Render("page-methods");

            var regions = Rows(CallbackReply.Parse(CallbackCalls.CallMethod(Site, "/Readme/page-methods.aspx", "Region", "GetRegions", "", "{\"ancestors\":[\"jp\"]}").GetBodyText()));
            var stock = CallbackReply.Parse(CallbackCalls.CallMethod(Site, "/Readme/page-methods.aspx", "Stock", "StockOf", "widget").GetBodyText());

            Assert.Equal(new[] { "Kantō" }, regions.Select(r => (string)r[0]).ToArray());
            Assert.Equal(7, stock["result"]);
        }

        [Fact]
        public void ChartSnippet_DrawsItsDataOnTheFirstPaint_WithReadableTimes()
        {
            var page = Render("chart");

            var svg = page.QuerySelector("#Chart1 svg");
            Assert.NotNull(svg);
            Assert.DoesNotContain("HH:mm", svg.TextContent);
            Assert.Contains(svg.QuerySelectorAll("text"), t => Regex.IsMatch(t.TextContent, @"^11:5\d:\d\d$"));
            Assert.Equal(12, page.QuerySelectorAll("#Chart1 table tbody tr").Length);
            var reply = CallbackReply.Parse(CallbackCalls.Call(Site, "/Readme/chart.aspx", "Chart1", "").GetBodyText());
            Assert.Equal(true, reply["ok"]);
        }

        [Fact]
        public void PushSnippet_SubscribesTheChartToItsTopic_AndItsRefreshDrawsTheOrders()
        {
            var page = Render("push");

            var options = (IDictionary<string, object>)new System.Web.Script.Serialization.JavaScriptSerializer()
                .DeserializeObject(page.QuerySelector("#Orders").GetAttribute("data-cc-options"));
            Assert.Equal("push", options["refreshMode"]);
            Assert.Equal("orders", ((IDictionary<string, object>)options["push"])["topic"]);
            Assert.NotNull(page.QuerySelector("#Orders button.cc-chart-pause"));
            var reply = CallbackReply.Parse(CallbackCalls.Call(Site, "/Readme/push.aspx", "Orders", "").GetBodyText());
            Assert.Equal(true, reply["ok"]);
        }
    }
}
