using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Web.Script.Serialization;
using AngleSharp.Html.Parser;
using CallbackControls.DevHost;
using CallbackControls.Tests.Kit;
using Xunit;

namespace CallbackControls.Tests.InProcess
{
    /// <summary>Real requests through ASP.NET: a GET of the page, then callback POSTs as the runtime sends them.</summary>
    [Collection(TestSiteCollection.Name)]
    public class CallbackRequestTests : TestSiteTests
    {
        public CallbackRequestTests(TestSiteFixture fixture) : base(fixture) { }

        /// <summary>Posts a callback and returns the envelope after the ASP.NET framing.</summary>
        private IDictionary<string, object> Callback(string page, string callbackId, string argument, params string[] fields)
        {
            var response = CallbackCalls.Call(Site, page, callbackId, argument, null, fields);
            Assert.Equal(200, response.StatusCode);
            return ParseReply(response.GetBodyText());
        }

        private static IDictionary<string, object> ParseReply(string text) => CallbackReply.Parse(text);

        [Fact]
        public void Get_EchoPage_RendersControlOptionsAndRuntimeScript()
        {
            var response = Site.Get("/Echo.aspx");

            Assert.Equal(200, response.StatusCode);
            var document = new HtmlParser().ParseDocument(response.GetBodyText());
            var echo = document.GetElementById("Echo");
            Assert.Equal("callback", echo.GetAttribute("data-cc-control"));
            Assert.Contains(document.Scripts, s => (s.Source ?? "").Contains("WebResource.axd"));
        }

        [Fact]
        public void Callback_WithoutViewState_ReturnsHandlerResult()
        {
            var reply = Callback("/Echo.aspx", "Echo", "hello");

            Assert.Equal(true, reply["ok"]);
            Assert.Equal("echo:hello", reply["result"]);
        }

        [Fact]
        public void Callback_PageMethodTargetHeaderNamingAnotherControl_DoesNotChangeWhichTokenIsChecked()
        {
            // The framework runs the control the form names; the page-method target header must not make
            // the page's guard check another control's token (here Other's, which the caller holds).
            var otherToken = CallbackCalls.TokenFor(Site, "/Echo.aspx", "Other");
            var response = CallbackCalls.Post(Site, "/Echo.aspx", "application/x-www-form-urlencoded", CallbackCalls.Body("Echo", "hello"), otherToken,
                new KeyValuePair<string, string>(CallbackCalls.TargetHeader, "Other"));

            Assert.Equal(403, response.StatusCode);
            Assert.Equal("forbidden", ((IDictionary<string, object>)ParseReply(response.GetBodyText())["error"])["code"]);
        }

        [Fact]
        public void Callback_HostileArgumentEscapedInEnvelope_PassesRequestValidationAndRoundTrips()
        {
            var hostile = "<script>alert(1)</script> &#60; \"q\" ;|; Zoë 東京 🎉";

            var reply = Callback("/Echo.aspx", "Echo", hostile);

            Assert.Equal("echo:" + hostile, reply["result"]);
        }

        [Fact]
        public void Callback_NamedField_HandlerSeesPostedValue()
        {
            var document = new HtmlParser().ParseDocument(Site.Get("/Echo.aspx").GetBodyText());
            var validation = document.QuerySelector("#__EVENTVALIDATION").GetAttribute("value");

            var reply = Callback("/Echo.aspx", "Echo", "field", "Field1", "typed now", "__EVENTVALIDATION", validation);

            Assert.Equal("field:typed now", reply["result"]);
        }

        [Fact]
        public void Callback_HandlerThrows_ReturnsErrorEnvelopeNotAnErrorPage()
        {
            var reply = Callback("/Echo.aspx", "Echo", "throw");

            Assert.Equal(false, reply["ok"]);
            var error = (IDictionary<string, object>)reply["error"];
            Assert.Equal("handler", error["code"]);
            Assert.Equal("secret detail from the handler", error["message"]); // customErrors Off in the test Site
        }

        [Fact]
        public void Callback_HandlerThrowsWhereErrorsAreHidden_ReturnsGenericMessageWithoutDetail()
        {
            var response = CallbackCalls.Post(Site, "/Hidden/Throw.aspx", "application/x-www-form-urlencoded",
                CallbackCalls.Body("Fail", "x"));
            var text = response.GetBodyText();

            Assert.DoesNotContain("secret", text);
            Assert.DoesNotContain("   at ", text);
            Assert.Equal("The server could not complete the request.", ((IDictionary<string, object>)ParseReply(text)["error"])["message"]);
        }

        [Theory]
        [InlineData("not json")]
        [InlineData("{\"v\":1,")]
        [InlineData("{\"v\":9}")]
        public void Callback_MalformedParameter_ReturnsBadRequestEnvelope(string parameter)
        {
            var response = CallbackCalls.Post(Site, "/Echo.aspx", "application/x-www-form-urlencoded",
                CallbackCalls.Form("__EVENTTARGET", "", "__CALLBACKID", "Echo", "__CALLBACKPARAM", parameter));

            var reply = ParseReply(response.GetBodyText());
            Assert.Equal(false, reply["ok"]);
            Assert.Equal("bad-request", ((IDictionary<string, object>)reply["error"])["code"]);
        }

        [Fact]
        public void Callback_RepeatedUserControlsInMasterPage_EachAnswersForItsItem()
        {
            var document = new HtmlParser().ParseDocument(Site.Get("/Nested.aspx").GetBodyText());
            var ids = document.QuerySelectorAll(".box [data-cc-control]")
                .Select(e => (string)((IDictionary<string, object>)new JavaScriptSerializer().DeserializeObject(e.GetAttribute("data-cc-options")))["callbackId"])
                .ToList();

            Assert.Equal(3, ids.Distinct().Count());
            var answers = ids.Select(id => Callback("/Nested.aspx", id, "hi")["result"]).ToList();
            Assert.Equal(new object[] { "first:hi", "second:hi", "third:hi" }, answers);
        }

        [Fact]
        public void CascadingCallback_ParentFieldPosted_ReturnsItsChildren()
        {
            var reply = Callback("/Cascading.aspx", "Region", "", "Country", "", "Country", "fr");

            var items = ((object[])reply["result"]).Cast<object[]>().Select(i => i[0] + "=" + i[1]).ToArray();
            Assert.Equal(new[] { "Île-de-France=idf", "Provence=pac" }, items);
        }

        [Fact]
        public void CascadingCallback_ForgedParentValue_IsRefusedWithNoItemsAndSaysWhichLevel()
        {
            var reply = Callback("/Cascading.aspx", "City", "", "Country", "fr", "Region", "kanto");

            Assert.Equal(false, reply["ok"]);
            Assert.False(reply.ContainsKey("result"));
            Assert.Equal("The value chosen in 'Region' is not one the server offers, so 'City' cannot be filled. Choose it again.",
                ((IDictionary<string, object>)reply["error"])["message"]);
        }

        [Fact]
        public void CascadingPostback_ValidChain_IsAcceptedAndRenderedSelected()
        {
            var response = CallbackCalls.Postback(Site, "/Cascading.aspx",
                "Country", "", "Country", "jp", "Region", "", "Region", "kanto", "City", "", "City", "yokohama", "Submit", "Submit");

            var page = new HtmlParser().ParseDocument(response.GetBodyText());
            Assert.Equal("country=jp;region=kanto;city=yokohama;continentCountry=;changed=Country,Region,City;valid=True", page.GetElementById("result").TextContent);
            Assert.Equal("yokohama", page.QuerySelector("#City option[selected]").GetAttribute("value"));
        }

        [Fact]
        public void CascadingPostback_ValueOfAnotherParent_IsRejected()
        {
            var response = CallbackCalls.Postback(Site, "/Cascading.aspx",
                "Country", "jp", "Region", "kanto", "City", "paris", "Submit", "Submit");

            Assert.Equal(200, response.StatusCode);
            var page = new HtmlParser().ParseDocument(response.GetBodyText());
            Assert.Equal("country=jp;region=kanto;city=;continentCountry=;changed=Country,Region;valid=False", page.GetElementById("result").TextContent);
            Assert.Equal("true", page.GetElementById("City").GetAttribute("aria-invalid"));
        }

        [Fact]
        public void CascadingPostback_UndecodableEncodedValue_IsRejected()
        {
            var response = CallbackCalls.Postback(Site, "/Cascading.aspx",
                "Country", "xx", "Region", "~!!notbase64", "Submit", "Submit");

            var page = new HtmlParser().ParseDocument(response.GetBodyText());
            Assert.Contains("region=;", page.GetElementById("result").TextContent);
            Assert.Contains("valid=False", page.GetElementById("result").TextContent);
        }
    }
}
