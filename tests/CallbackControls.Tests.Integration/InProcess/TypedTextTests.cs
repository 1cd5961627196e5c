using System.Collections.Generic;
using System.Web.Script.Serialization;
using AngleSharp.Html.Parser;
using CallbackControls.Tests.Kit;
using Xunit;

namespace CallbackControls.Tests.InProcess
{
    /// <summary>
    /// Text typed into fields named in CallbackFieldIDs reaches the handler as typed: the runtime sends it
    /// inside the escaped envelope, and the page guard hands it to the text boxes before Page_Load.
    /// </summary>
    [Collection(TestSiteCollection.Name)]
    public class TypedTextTests : TestSiteTests
    {
        private const string Page = "/Habits/TypedText.aspx";

        public TypedTextTests(TestSiteFixture fixture) : base(fixture) { }

        /// <summary>The envelope the runtime sends for the given typed fields, escaped as it escapes them.</summary>
        private static string EnvelopeWith(params string[][] fields)
        {
            var json = new JavaScriptSerializer().Serialize(new Dictionary<string, object> { ["v"] = 1, ["arg"] = "send", ["fields"] = fields });
            return json.Replace("<", "\\u003c").Replace(">", "\\u003e").Replace("&", "\\u0026").Replace("\uff1c", "\\uff1c").Replace("\uff1e", "\\uff1e");
        }

        private (int Status, IDictionary<string, object> Envelope) Send(params string[][] fields)
        {
            var validation = new HtmlParser().ParseDocument(Site.Get(Page).GetBodyText()).QuerySelector("#__EVENTVALIDATION").GetAttribute("value");
            var body = CallbackCalls.Form("__EVENTTARGET", string.Empty, "__EVENTVALIDATION", validation, "__CALLBACKID", "Echo", "__CALLBACKPARAM", EnvelopeWith(fields));
            var response = CallbackCalls.Post(Site, Page, "application/x-www-form-urlencoded", body, CallbackCalls.TokenFor(Site, Page, "Echo"));
            return (response.StatusCode, CallbackReply.Parse(response.GetBodyText()));
        }

        [Theory]
        [InlineData("<b>")]
        [InlineData("a&#b")]
        [InlineData("\uff1cscript\uff1e")]
        [InlineData("<script>alert(1)</script> & &#60; \"q\" Zoë 東京")]
        public void TypedText_ThatRequestValidationRefusesInAForm_ReachesTheHandlerAsTyped(string text)
        {
            var reply = Send(new[] { "Comment", text }, new[] { "Notes", text + "\nline 2" });

            Assert.Equal(200, reply.Status);
            var result = (IDictionary<string, object>)reply.Envelope["result"];
            Assert.Equal(text, result["comment"]);
            Assert.Equal(text + "\nline 2", result["notes"]);
        }

        [Fact]
        public void TypedText_ChangedFromThePage_RaisesTextChangedBeforeTheHandler()
        {
            var result = (IDictionary<string, object>)Send(new[] { "Comment", "new text" }).Envelope["result"];

            Assert.Equal(true, result["changed"]);
        }

        [Fact]
        public void TypedText_ForAFieldTheControlDoesNotName_IsRefusedAndNamesIt()
        {
            var reply = Send(new[] { "__VIEWSTATEUSERKEY", "x" });

            Assert.Equal(400, reply.Status);
            var error = (IDictionary<string, object>)reply.Envelope["error"];
            Assert.Equal("bad-request", error["code"]);
            Assert.Contains("'__VIEWSTATEUSERKEY'", (string)error["message"]);
        }
    }
}
