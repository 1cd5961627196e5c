using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Web.Script.Serialization;
using AngleSharp.Html.Parser;
using CallbackControls.DevHost;
using Xunit;

namespace CallbackControls.Tests.InProcess
{
    /// <summary>
    /// The toolkit's CascadingDropDown page converted as docs/MIGRATION.md says
    /// (tests/TestSite/Migration/Cars.aspx): it renders, fills every level from one handler, and
    /// takes the Syncfusion-style hook casing (BeforeCallBackScript) that migrated pages carry.
    /// </summary>
    [Collection(TestSiteCollection.Name)]
    public class MigrationTests
    {
        private const string Page = "/Migration/Cars.aspx";
        private readonly SiteHost site;

        public MigrationTests(TestSiteFixture fixture)
        {
            site = fixture.Site;
        }

        private IDictionary<string, object> OptionsOf(string callbackId)
        {
            var response = site.Get(Page);
            Assert.Equal(200, response.StatusCode);
            var serializer = new JavaScriptSerializer();
            return new HtmlParser().ParseDocument(response.GetBodyText())
                .QuerySelectorAll("[data-cc-options]")
                .Select(e => (IDictionary<string, object>)serializer.DeserializeObject(e.GetAttribute("data-cc-options")))
                .Single(o => (string)o["callbackId"] == callbackId);
        }

        private string[] Items(string callbackId, params string[] fields)
        {
            var pairs = new List<string> { "__EVENTTARGET=" };
            for (int i = 0; i < fields.Length; i += 2) pairs.Add(WebUtility.UrlEncode(fields[i]) + "=" + WebUtility.UrlEncode(fields[i + 1]));
            pairs.Add("__CALLBACKID=" + callbackId);
            pairs.Add("__CALLBACKPARAM=" + WebUtility.UrlEncode("{\"v\":1,\"arg\":\"\"}"));
            var response = CallbackCalls.Post(site, Page, "application/x-www-form-urlencoded", string.Join("&", pairs));
            Assert.Equal(200, response.StatusCode);
            var reply = CallbackReply.Parse(response.GetBodyText());
            Assert.Equal(true, reply["ok"]);
            return ((object[])reply["result"]).Cast<object[]>().Select(i => (string)i[0]).ToArray();
        }

        [Fact]
        public void Markup_HookNamesInAnyCasing_SetTheSameHooks()
        {
            // ASP.NET matches markup attribute names to properties without regard to case.
            var hooks = (IDictionary<string, object>)OptionsOf("Model")["hooks"];

            Assert.Equal("Cars.before", hooks["beforeCallback"]);
            Assert.Equal("Cars.after", hooks["afterCallback"]);
            Assert.Equal("Cars.error", hooks["error"]);
        }

        [Fact]
        public void ConvertedToolkitPage_OneHandlerFillsEveryLevelByItsID()
        {
            Assert.Equal(new[] { "A4", "S4" }, Items("Model", "Make", "Audi"));
            Assert.Equal(new[] { "Racing Blue", "White" }, Items("Color", "Make", "BMW", "Model", "3 series"));
            Assert.Empty(Items("Color", "Make", "BMW", "Model", "5 series"));
        }
    }
}
