using System.Collections.Generic;
using System.Web.Script.Serialization;
using Xunit;

namespace CallbackControls.Tests.Core
{
    public class CallbackEnvelopeTests
    {
        private static IDictionary<string, object> Parse(string json) =>
            (IDictionary<string, object>)new JavaScriptSerializer().DeserializeObject(json);

        [Fact]
        public void ParseRequest_ValidEnvelope_ReturnsArgumentAndState()
        {
            var args = CallbackEnvelope.ParseRequest("{\"v\":1,\"arg\":\"France\",\"state\":{\"parents\":[\"EU\"]}}");

            Assert.Equal("France", args.CallbackArgument);
            Assert.Equal(new object[] { "EU" }, (object[])args.ClientState["parents"]);
        }

        [Fact]
        public void ParseRequest_EscapedHostileText_RoundTripsExactly()
        {
            var hostile = "<script>alert('x')</script> & \"q\" ;|; Zoë 東京 🎉";
            var json = "{\"v\":1,\"arg\":" + new JavaScriptSerializer().Serialize(hostile) + "}";

            Assert.Equal(hostile, CallbackEnvelope.ParseRequest(json).CallbackArgument);
        }

        [Fact]
        public void ParseRequest_NoArgumentOrState_GivesEmptyArgumentAndEmptyState()
        {
            var args = CallbackEnvelope.ParseRequest("{\"v\":1}");

            Assert.Equal(string.Empty, args.CallbackArgument);
            Assert.Empty(args.ClientState);
        }

        [Theory]
        [InlineData(null, "no argument envelope")]
        [InlineData("", "no argument envelope")]
        [InlineData("hello", "not a JSON object")]
        [InlineData("{\"v\":1,", "not a JSON object")]
        [InlineData("{\"v\":1,\"arg\":\"x}", "not valid JSON")]
        [InlineData("[1,2]", "not a JSON object")]
        [InlineData("{\"arg\":\"x\"}", "unsupported envelope version")]
        [InlineData("{\"v\":2,\"arg\":\"x\"}", "unsupported envelope version")]
        [InlineData("{\"v\":1,\"arg\":{\"a\":1}}", "argument must be a string")]
        [InlineData("{\"v\":1,\"arg\":\"x\",\"state\":[1]}", "state must be a JSON object")]
        public void ParseRequest_MalformedParameter_ThrowsClearCallbackException(string parameter, string expected)
        {
            var ex = Assert.Throws<CallbackException>(() => CallbackEnvelope.ParseRequest(parameter));

            Assert.Contains(expected, ex.Message);
        }

        [Fact]
        public void ParseRequest_OversizedParameter_IsRefused()
        {
            var ex = Assert.Throws<CallbackException>(() => CallbackEnvelope.ParseRequest(new string(' ', CallbackEnvelope.MaxRequestLength + 1)));

            Assert.Contains("too large", ex.Message);
        }

        [Fact]
        public void WriteResult_Object_WritesMarkedSuccessEnvelope()
        {
            var reply = Parse(CallbackEnvelope.WriteResult(new { name = "x", count = 3 }));

            Assert.Equal(1, reply["cc"]);
            Assert.Equal(true, reply["ok"]);
            var result = (IDictionary<string, object>)reply["result"];
            Assert.Equal("x", result["name"]);
            Assert.Equal(3, result["count"]);
        }

        [Fact]
        public void WriteResult_MarkupInData_IsEscapedSoItCannotCloseAScriptOrAttribute()
        {
            var json = CallbackEnvelope.WriteResult("</script><b>&amp;");

            Assert.DoesNotContain("<", json);
            Assert.DoesNotContain(">", json);
            Assert.Equal("</script><b>&amp;", Parse(json)["result"]);
        }

        [Fact]
        public void WriteError_WritesCodeAndMessage()
        {
            var reply = Parse(CallbackEnvelope.WriteError("handler", "Nope"));

            Assert.Equal(false, reply["ok"]);
            var error = (IDictionary<string, object>)reply["error"];
            Assert.Equal("handler", error["code"]);
            Assert.Equal("Nope", error["message"]);
        }
    }
}
