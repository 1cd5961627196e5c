using System.Collections.Generic;
using System.Net;
using CallbackControls.DevHost;
using CallbackControls.Tests.Kit;
using Xunit;

namespace CallbackControls.Tests.InProcess
{
    /// <summary>
    /// The mistakes new users make, met as they would meet them (tests/TestSite/Mistakes): each one
    /// answers with a message that names the control, the cause and the fix.
    /// </summary>
    [Collection(TestSiteCollection.Name)]
    public class MistakeTests : TestSiteTests
    {
        public MistakeTests(TestSiteFixture fixture) : base(fixture) { }

        /// <summary>The error page's text with the HTML entities read back.</summary>
        private string ErrorPage(string page)
        {
            var response = Site.Get(page);
            Assert.Equal(500, response.StatusCode);
            return WebUtility.HtmlDecode(response.GetBodyText());
        }

        private IDictionary<string, object> CallError(string page, string callbackId, params string[] extraFields)
        {
            var reply = CallbackReply.Parse(CallbackCalls.Call(Site, page, callbackId, string.Empty, null, extraFields).GetBodyText());
            Assert.Equal(false, reply["ok"]);
            return (IDictionary<string, object>)reply["error"];
        }

        [Fact]
        public void Get_ControlOutsideServerForm_FailsNamingTheControlAndTheForm()
        {
            Assert.Contains("Control 'Lonely' of type 'CallbackControl' must be placed inside a form tag with runat=server.", ErrorPage("/Mistakes/NoForm.aspx"));
        }

        [Fact]
        public void Get_CascadingDropDownWithoutItemSource_FailsNamingPopulateAndDataSourceID()
        {
            Assert.Contains("CascadingDropDown 'Region' has nothing to fill it: handle its Populate event", ErrorPage("/Mistakes/NoSource.aspx"));
        }

        [Fact]
        public void Get_ServiceMethodNamingNoPageMethod_FailsSayingWhatToWrite()
        {
            var text = ErrorPage("/Mistakes/NoServiceMethod.aspx");
            Assert.Contains("ServiceMethod of 'Lonely' names 'GetNothing', but the page class TestSite.FastPathPage has no such method.", text);
            Assert.Contains("[CallbackMethod] public static void GetNothing(CascadingDropDownPopulateEventArgs e)", text);
        }

        [Fact]
        public void Get_TimedChartWithoutRefreshHandler_FailsNamingRefreshCallback()
        {
            var text = ErrorPage("/Mistakes/ChartNoHandler.aspx");
            Assert.Contains("RefreshingChart 'Chart1' refreshes by itself (RefreshFrequency 2000 ms) but nothing fills it", text);
            Assert.Contains("OnRefreshCallback", text);
        }

        [Fact]
        public void Callback_SeriesNameInWrongCase_AnswersWhichNameWasMeant()
        {
            var error = CallError("/Mistakes/SeriesCase.aspx", "Chart1");
            Assert.Equal("The chart has no series named 'cpu'. Series names are case-sensitive: did you mean 'CPU'? Its series: 'CPU'.", error["message"]);
        }

        [Fact]
        public void Callback_PageLoadThrowsOnALeanCall_AsksForThePageStateFirst()
        {
            var error = CallError("/Mistakes/LoadThrows.aspx", "Echo");
            Assert.Equal("needs-page-state", error["code"]);
        }

        [Fact]
        public void Callback_PageLoadThrowsWithPageState_AnswersTheServersMessageWithoutStackTrace()
        {
            var page = Site.Get("/Mistakes/LoadThrows.aspx").GetBodyText();
            var viewState = System.Text.RegularExpressions.Regex.Match(page, "id=\"__VIEWSTATE\" value=\"([^\"]*)\"").Groups[1].Value;

            var error = CallError("/Mistakes/LoadThrows.aspx", "Echo", "__VIEWSTATE", viewState);

            Assert.Equal("page", error["code"]);
            Assert.Equal("The page failed before 'Echo' could answer: The orders database is offline.", error["message"]);
        }

        [Fact]
        public void Callback_ParentValueTheServerDoesNotOffer_AnswersWhichChoiceWasRefused()
        {
            // What a page without a charset used to post back: "Zürich" read as windows-1252.
            var error = CallError("/Mistakes/NoCharset.aspx", "Street", "Country", "ZÃ¼rich");
            Assert.Equal("The value chosen in 'Country' is not one the server offers, so 'Street' cannot be filled. Choose it again.", error["message"]);
        }

        [Fact]
        public void Get_PageWithoutMetaCharset_DeclaresUtf8InTheContentType()
        {
            Assert.Equal("text/html; charset=utf-8", Site.Get("/Mistakes/NoCharset.aspx").ContentType);
        }
    }
}
