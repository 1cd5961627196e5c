using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Web.Script.Serialization;
using AngleSharp.Html.Parser;
using CallbackControls.Tests.Kit;
using Xunit;

namespace CallbackControls.Tests.InProcess
{
    /// <summary>
    /// The toolkit's CascadingDropDown page converted as docs/MIGRATION.md says
    /// (tests/TestSite/Migration/Cars.aspx): it renders, fills every level from one handler, and
    /// takes the Syncfusion-style hook casing (BeforeCallBackScript) that migrated pages carry.
    /// </summary>
    [Collection(TestSiteCollection.Name)]
    public class MigrationTests : TestSiteTests
    {
        private const string Page = "/Migration/Cars.aspx";

        public MigrationTests(TestSiteFixture fixture) : base(fixture) { }

        private IDictionary<string, object> OptionsOf(string callbackId)
        {
            var response = Site.Get(Page);
            Assert.Equal(200, response.StatusCode);
            return CallbackCalls.Options(response.GetBodyText(), callbackId);
        }

        private string[] Items(string callbackId, params string[] fields)
        {
            var response = CallbackCalls.Call(Site, Page, callbackId, string.Empty, null, fields);
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
