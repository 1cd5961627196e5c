using System.Collections.Generic;
using System.Linq;
using System.Net;
using AngleSharp.Html.Parser;
using CallbackControls.Tests.Kit;
using Xunit;

namespace CallbackControls.Tests.InProcess
{
    /// <summary>
    /// The fast path (tests/TestSite/FastPath.aspx): controls whose ServiceMethod names a
    /// [CallbackMethod] static method of the page are answered by it without the page being built,
    /// and with the same protection as every other call.
    /// </summary>
    [Collection(TestSiteCollection.Name)]
    public class PageMethodTests : TestSiteTests
    {
        private const string Page = "/FastPath.aspx";

        public PageMethodTests(TestSiteFixture fixture) : base(fixture) { }

        private IDictionary<string, object> Call(string callbackId, string method, string argument, string stateJson = null, string token = null)
        {
            var response = CallbackCalls.CallMethod(Site, Page, callbackId, method, argument, stateJson, token);
            var reply = CallbackReply.Parse(response.GetBodyText());
            reply["status"] = response.StatusCode;
            return reply;
        }

        private static IDictionary<string, object> Result(IDictionary<string, object> reply)
        {
            Assert.True(true.Equals(reply["ok"]), "not ok: " + new System.Web.Script.Serialization.JavaScriptSerializer().Serialize(reply));
            return (IDictionary<string, object>)reply["result"];
        }

        private static IDictionary<string, object> Error(IDictionary<string, object> reply) => (IDictionary<string, object>)reply["error"];

        [Fact]
        public void Call_IsAnsweredByThePageMethod_WithoutBuildingThePage()
        {
            var first = Result(Call("EchoCall", "Echo", "one"));
            var second = Result(Call("EchoCall", "Echo", "two <b>&"));

            Assert.Equal("one", first["echo"]);
            Assert.Equal("two <b>&", second["echo"]);
            Assert.Equal(first["built"], second["built"]);
        }

        [Fact]
        public void Call_OfAMethodWithEnableSession_GetsTheSessionReadOnly_SoCallsOfOneUserDoNotQueue()
        {
            Assert.Equal(true, Result(Call("EchoCall", "Echo", "x"))["sessionReadOnly"]);
        }

        [Fact]
        public void Call_OfAMethodWithoutEnableSession_TakesNoSession_SoNoSessionCookieIsHandedOut()
        {
            // FastPath.aspx has session state on; GetRegions does not ask for it, so the call must not look a
            // session up: for a visitor without one, each call would make a new session id and cookie.
            var response = CallbackCalls.CallMethod(Site, Page, "Region", "GetRegions", "", "{\"ancestors\":[\"fr\"]}");

            Assert.Equal(true, CallbackReply.Parse(response.GetBodyText())["ok"]);
            Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Contains("SessionId"));
        }

        [Fact]
        public void CascadingCall_ReadsTheLevelsAboveFromTheState()
        {
            var reply = Call("Region", "GetRegions", "", "{\"ancestors\":[\"fr\"]}");

            Assert.Equal(true, reply["ok"]);
            var rows = ((object[])reply["result"]).Cast<object[]>().Select(r => r[0] + "=" + r[1]).ToArray();
            Assert.Equal(new[] { "Île-de-France=idf", "Provence=pac" }, rows);
        }

        [Fact]
        public void CascadingCall_HostileParentValueTravelsEncoded_AndHostileTextStaysText()
        {
            // The value as the page wrote it in the country list (encoded: it trips request validation).
            var page = new HtmlParser().ParseDocument(Site.Get(Page).GetBodyText());
            var encoded = page.QuerySelectorAll("#Country option").Single(o => o.TextContent == "<b>Hostile</b>").GetAttribute("value");
            Assert.NotEqual("<b>x", encoded);
            var reply = Call("Region", "GetRegions", "", "{\"ancestors\":[\"" + encoded + "\"]}");

            var row = ((object[])reply["result"]).Cast<object[]>().Single();
            Assert.Equal("<img src=x onerror=\"window.pwned=1\">", row[0]);
        }

        [Fact]
        public void CascadingCall_ValueThisPageNeverWrote_IsABadRequest()
        {
            var reply = Call("Region", "GetRegions", "", "{\"ancestors\":[\"~!!\"]}");

            Assert.Equal("bad-request", Error(reply)["code"]);
        }

        [Fact]
        public void ContextKey_ReachesThePageMethod_AndCannotBeSwapped()
        {
            var token = CallbackCalls.TokenFor(Site, Page, "Tenanted");
            var context = new KeyValuePair<string, string>("X-CallbackControls-Context", System.Uri.EscapeDataString("tenant-a é"));
            var forged = new KeyValuePair<string, string>("X-CallbackControls-Context", "tenant-b");

            var reply = CallbackReply.Parse(CallbackCalls.CallMethod(Site, Page, "Tenanted", "GetTenantRegions", "", "{\"ancestors\":[\"fr\"]}", token, context).GetBodyText());
            var swapped = CallbackCalls.CallMethod(Site, Page, "Tenanted", "GetTenantRegions", "", "{\"ancestors\":[\"fr\"]}", token, forged);

            Assert.Equal("tenant-a é / fr", ((object[])((object[])reply["result"])[0])[0]);
            Assert.Equal(403, swapped.StatusCode);
        }

        [Fact]
        public void Call_WithoutToken_IsForbidden()
        {
            var reply = Call("EchoCall", "Echo", "x", token: "");

            Assert.Equal(403, reply["status"]);
            Assert.Equal("forbidden", Error(reply)["code"]);
        }

        [Fact]
        public void Call_WithTheTokenOfAnotherControl_IsForbidden()
        {
            var echoToken = CallbackCalls.TokenFor(Site, Page, "EchoCall");
            // Accepted once for its own control first: a verified token is remembered, for its purposes only.
            Assert.Equal(200, Call("EchoCall", "Echo", "x", token: echoToken)["status"]);

            var reply = Call("FailCall", "Echo", "x", token: echoToken);

            Assert.Equal(403, reply["status"]);
        }

        [Fact]
        public void Call_NamingAnotherMethodThanTheTokenWasIssuedFor_IsForbidden()
        {
            var echoToken = CallbackCalls.TokenFor(Site, Page, "EchoCall");
            Assert.Equal(200, Call("EchoCall", "Echo", "x", token: echoToken)["status"]);

            Assert.Equal(403, Call("EchoCall", "NotMarked", "x", token: echoToken)["status"]);
            Assert.Equal(403, Call("EchoCall", "Fail", "x", token: echoToken)["status"]);
        }

        [Fact]
        public void Call_FromAnotherSite_IsRefusedBeforeAnything()
        {
            var response = CallbackCalls.CallMethod(Site, Page, "EchoCall", "Echo", "x", null, null,
                new KeyValuePair<string, string>("Origin", "https://evil.example"));

            Assert.Equal(403, response.StatusCode);
            Assert.Equal("forbidden", Error(CallbackReply.Parse(response.GetBodyText()))["code"]);
        }

        [Fact]
        public void MethodThatThrows_AnswersAHandlerError_WithoutStackTrace()
        {
            var response = CallbackCalls.CallMethod(Site, Page, "FailCall", "Fail", "x");
            var text = response.GetBodyText();

            Assert.Equal(200, response.StatusCode);
            Assert.DoesNotContain("   at ", text);
            var error = Error(CallbackReply.Parse(text));
            Assert.Equal("handler", error["code"]);
            Assert.Equal("secret detail of a page method", error["message"]); // customErrors Off here
        }

        [Fact]
        public void MethodThatRefuses_AnswersItsOwnMessage()
        {
            Assert.Equal("No such order.", Error(Call("RefuseCall", "Refuse", "x"))["message"]);
        }

        [Theory]
        [InlineData("{\"v\":1,", "not a JSON object")]
        [InlineData("", "no argument envelope")]
        [InlineData("__CALLBACKID=EchoCall&__CALLBACKPARAM=%7B%22v%22%3A1%7D", "not a JSON object")] // a form, as the default path posts
        public void MalformedEnvelope_IsABadRequest(string body, string expected)
        {
            var response = CallbackCalls.PostMethodBody(Site, Page, "EchoCall", "Echo", body);

            var error = Error(CallbackReply.Parse(response.GetBodyText()));
            Assert.Equal(200, response.StatusCode);
            Assert.Equal("bad-request", error["code"]);
            Assert.Contains(expected, (string)error["message"]);
        }

        [Fact]
        public void BodyThatIsNotUtf8_IsABadRequestNotReplacementCharacters()
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes("{\"v\":1,\"arg\":\"x\"}");
            bytes[bytes.Length - 3] = 0xFF; // the argument's one letter

            var error = Error(CallbackReply.Parse(CallbackCalls.PostMethodBytes(Site, Page, "EchoCall", "Echo", bytes).GetBodyText()));

            Assert.Equal("bad-request", error["code"]);
            Assert.Contains("not UTF-8", (string)error["message"]);
        }

        [Fact]
        public void BodyLargerThanAnyEnvelope_IsRefusedUnread()
        {
            var bytes = new byte[3 * 1024 * 1024 + 1];
            for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)'a';

            var error = Error(CallbackReply.Parse(CallbackCalls.PostMethodBytes(Site, Page, "EchoCall", "Echo", bytes).GetBodyText()));

            Assert.Equal("bad-request", error["code"]);
            Assert.Contains("too large", (string)error["message"]);
        }

        [Fact]
        public void CallNamingNoControl_IsRefused()
        {
            var token = CallbackCalls.TokenFor(Site, Page, "EchoCall");

            var response = CallbackCalls.PostMethodBody(Site, Page, null, "Echo", CallbackCalls.Envelope("x"), token);

            Assert.Equal(403, response.StatusCode);
            Assert.Equal("forbidden", Error(CallbackReply.Parse(response.GetBodyText()))["code"]);
        }

        [Fact]
        public void MarkupInTheBody_ReachesTheMethodAsTextAndComesBackEscaped()
        {
            // No form, so no request validation: the envelope is data to the method, and the reply writer
            // escapes what the method sends back, as for any other call.
            var response = CallbackCalls.PostMethodBody(Site, Page, "EchoCall", "Echo", "{\"v\":1,\"arg\":\"<script>alert(1)</script>\"}");
            var text = response.GetBodyText();

            Assert.Equal(200, response.StatusCode);
            Assert.DoesNotContain("<script>", text);
            Assert.Equal("<script>alert(1)</script>", Result(CallbackReply.Parse(text))["echo"]);
        }

        [Fact]
        public void Postback_ChecksThePostedChainThroughThePageMethods()
        {
            var valid = new HtmlParser().ParseDocument(CallbackCalls.Postback(Site, Page,
                "Country", "jp", "Region", "kanto", "City", "tokyo", "Submit", "Submit").GetBodyText());
            var forged = new HtmlParser().ParseDocument(CallbackCalls.Postback(Site, Page,
                "Country", "jp", "Region", "kanto", "City", "paris", "Submit", "Submit").GetBodyText());

            Assert.Equal("country=jp;region=kanto;city=tokyo;valid=True", valid.GetElementById("result").TextContent);
            Assert.Equal("country=jp;region=kanto;city=;valid=False", forged.GetElementById("result").TextContent);
            Assert.Equal("true", forged.GetElementById("City").GetAttribute("aria-invalid"));
        }

        [Fact]
        public void Render_ControlsOfPageMethods_SendNoFieldsAndNameTheirMethod()
        {
            var options = CallbackCalls.Options(Site.Get(Page).GetBodyText(), "Region");

            Assert.Equal("GetRegions", options["method"]);
            Assert.Empty((object[])options["fields"]);
            Assert.Equal(false, options["pageState"]);
        }
    }
}
