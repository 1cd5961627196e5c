using System.Collections.Generic;
using System.Linq;
using AngleSharp.Html.Parser;
using CallbackControls.Tests.Kit;
using Xunit;

namespace CallbackControls.Tests.InProcess
{
    /// <summary>
    /// A page of the AjaxControlToolkit sample's shape (tests/TestSite/Migration/CarsXml.aspx): XML data with
    /// defaults and tooltips, a level from a page method, an AutoPostBack list whose SelectedIndexChanged
    /// writes a label. What its author relied on in the toolkit must hold here.
    /// </summary>
    [Collection(TestSiteCollection.Name)]
    public class ToolkitSampleTests : TestSiteTests
    {
        private const string Page = "/Migration/CarsXml.aspx";

        public ToolkitSampleTests(TestSiteFixture fixture) : base(fixture) { }

        private static object[][] Rows(IDictionary<string, object> reply)
        {
            Assert.True(true.Equals(reply["ok"]), new System.Web.Script.Serialization.JavaScriptSerializer().Serialize(reply));
            return ((object[])reply["result"]).Cast<object[]>().ToArray();
        }

        private static IDictionary<string, object> Details(object[] row) => row.Length > 2 ? (IDictionary<string, object>)row[2] : new Dictionary<string, object>();

        [Fact]
        public void Render_ItemTooltipFromTheData_IsOnTheOption_AndAutoPostBackWritesThePostBackScript()
        {
            var page = new HtmlParser().ParseDocument(Site.Get(Page).GetBodyText());

            Assert.Equal("Sheer driving pleasure", page.QuerySelectorAll("#DropDownList1 option").Single(o => o.TextContent == "BMW").GetAttribute("title"));
            // __doPostBack on .NET, WebForm_DoPostback on Mono: either posts the page back from the list.
            Assert.Matches("(?i)dopostback\\(\"DropDownList3\"|__doPostBack\\('DropDownList3'", page.GetElementById("DropDownList3").GetAttribute("onchange"));
            Assert.Null(page.GetElementById("DropDownList2").GetAttribute("onchange"));
        }

        [Fact]
        public void Callback_ItemsCarryTheDefaultAndTheTooltipOfTheData()
        {
            var audi = Rows(CallbackReply.Parse(CallbackCalls.Call(Site, Page, "DropDownList2", "", null, "DropDownList1", "", "DropDownList1", "Audi").GetBodyText()));
            var bmw = Rows(CallbackReply.Parse(CallbackCalls.Call(Site, Page, "DropDownList2", "", null, "DropDownList1", "", "DropDownList1", "BMW").GetBodyText()));

            Assert.Equal(new[] { "A4", "S4" }, audi.Select(r => (string)r[0]).ToArray());
            Assert.Equal("The small sedan", ((IDictionary<string, object>)Details(audi[0])["attributes"])["title"]);
            Assert.False(Details(audi[1]).ContainsKey("selected"));
            Assert.Equal(true, Details(bmw.Single(r => (string)r[0] == "3 series"))["selected"]);
            Assert.False(Details(bmw.Single(r => (string)r[0] == "5 series")).ContainsKey("selected"));
        }

        [Fact]
        public void PageMethodLevel_ItemsCarryTheDefaultAndTheTooltip()
        {
            var reply = CallbackReply.Parse(CallbackCalls.CallMethod(Site, Page, "DropDownList3", "GetColors", "", "{\"ancestors\":[\"BMW\",\"3 series\"]}").GetBodyText());

            var rows = Rows(reply);
            Assert.Equal(new[] { "Racing Blue=blue", "Sky Blue=skyblue", "White=white" }, rows.Select(r => r[0] + "=" + r[1]).ToArray());
            Assert.Equal(true, Details(rows[0])["selected"]);
            Assert.Equal("Bright", ((IDictionary<string, object>)Details(rows[0])["attributes"])["title"]);
        }

        [Fact]
        public void AutoPostBack_OfAColorFilledByCallback_RaisesSelectedIndexChangedAndKeepsTheChoice()
        {
            var response = CallbackCalls.Postback(Site, Page, "__EVENTTARGET", "DropDownList3",
                "DropDownList1", "BMW", "DropDownList2", "3 series", "DropDownList3", "skyblue");

            var page = new HtmlParser().ParseDocument(response.GetBodyText());
            Assert.Equal("You have chosen a Sky Blue BMW 3 series. Nice car!", page.GetElementById("Label1").TextContent);
            Assert.Equal("skyblue", page.QuerySelector("#DropDownList3 option[selected]").GetAttribute("value"));
            Assert.Equal("3 series", page.QuerySelector("#DropDownList2 option[selected]").GetAttribute("value"));
        }

        [Fact]
        public void AutoPostBack_WithThePromptChosenAgain_SelectedItemIsThePrompt_NotNull()
        {
            // First a color, then the prompt again, each posted from the page the last postback rendered.
            var first = CallbackCalls.Postback(Site, Page, "__EVENTTARGET", "DropDownList3",
                "DropDownList1", "BMW", "DropDownList2", "3 series", "DropDownList3", "skyblue");
            var state = new HtmlParser().ParseDocument(first.GetBodyText())
                .QuerySelectorAll("input[type=hidden][name^='__VIEWSTATE'], input[type=hidden][name='__EVENTVALIDATION']")
                .SelectMany(i => new[] { i.GetAttribute("name"), i.GetAttribute("value") ?? string.Empty });
            var fields = state.Concat(new[] { "__EVENTTARGET", "DropDownList3", "DropDownList1", "BMW", "DropDownList2", "3 series", "DropDownList3", "" }).ToArray();

            var response = CallbackCalls.Post(Site, Page, "application/x-www-form-urlencoded", CallbackCalls.Form(fields));

            Assert.Equal(200, response.StatusCode);
            var page = new HtmlParser().ParseDocument(response.GetBodyText());
            Assert.Equal("Please select a color.", page.GetElementById("Label1").TextContent);
        }

        [Fact]
        public void Postback_ColorNotOfferedForThePostedModel_IsRefused()
        {
            var response = CallbackCalls.Postback(Site, Page, "__EVENTTARGET", "DropDownList3",
                "DropDownList1", "BMW", "DropDownList2", "3 series", "DropDownList3", "black");

            var page = new HtmlParser().ParseDocument(response.GetBodyText());
            Assert.DoesNotContain("Black", page.GetElementById("Label1").TextContent);
            Assert.Equal("true", page.GetElementById("DropDownList3").GetAttribute("aria-invalid"));
        }
    }
}
