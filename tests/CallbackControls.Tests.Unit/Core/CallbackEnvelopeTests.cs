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

        [Fact]
        public void ParseRequest_StateValues_ComeAsJavaScriptSerializerGaveThem()
        {
            // Page authors read e.ClientState; its value types are what JavaScriptSerializer produced
            // before the envelope had a reader of its own.
            var state = CallbackEnvelope.ParseRequest(
                "{\"v\":1,\"state\":{\"i\":-7,\"l\":12345678901,\"m\":1.5,\"e\":1e3,\"d\":123456789012345678901234567890,"
                + "\"t\":true,\"f\":false,\"n\":null,\"s\":\"\",\"a\":[1,\"x\",[],{}],\"o\":{\"k\":{\"deep\":[null]}}}}").ClientState;

            Assert.Equal(-7, state["i"]);
            Assert.Equal(12345678901L, state["l"]);
            Assert.Equal(1.5m, state["m"]);
            Assert.Equal(1000m, state["e"]);
            Assert.Equal(1.2345678901234568E+29, (double)state["d"], 10);
            Assert.Equal(true, state["t"]);
            Assert.Equal(false, state["f"]);
            Assert.True(state.ContainsKey("n"));
            Assert.Null(state["n"]);
            Assert.Equal(string.Empty, state["s"]);
            var items = Assert.IsType<object[]>(state["a"]);
            Assert.Equal(1, items[0]);
            Assert.Equal("x", items[1]);
            Assert.Empty(Assert.IsType<object[]>(items[2]));
            Assert.Empty(Assert.IsAssignableFrom<IDictionary<string, object>>(items[3]));
            var inner = (IDictionary<string, object>)((IDictionary<string, object>)state["o"])["k"];
            Assert.Equal(new object[] { null }, (object[])inner["deep"]);
        }

        [Theory]
        [InlineData("a b")]
        [InlineData("<x>")]
        [InlineData("item")]
        [InlineData("1st")]
        [InlineData("")]
        [InlineData("xmlns")]
        [InlineData("a:b")]
        [InlineData("Zoë 東京")]
        public void ParseRequest_MemberNamesThatAreNoXmlNames_ComeBackExactly(string name)
        {
            var json = "{\"v\":1,\"state\":{" + new JavaScriptSerializer().Serialize(name) + ":\"value\"}}";

            var state = CallbackEnvelope.ParseRequest(json).ClientState;

            Assert.Equal("value", state[name]);
            Assert.Single(state);
        }

        [Fact]
        public void ParseRequest_RepeatedName_LastOneWins()
        {
            Assert.Equal("second", CallbackEnvelope.ParseRequest("{\"v\":1,\"arg\":\"first\",\"arg\":\"second\"}").CallbackArgument);
        }

        [Theory]
        [InlineData("{\"v\":1,\"state\":{\"x\":1e400}}", "out of range")]
        [InlineData("{\"v\":1} {\"v\":1}", "not valid JSON")]
        [InlineData("{\"v\":1,\"arg\":\"x\",}", "not valid JSON")]
        [InlineData("{\"v\":1,\"arg\":'x'}", "not valid JSON")]
        [InlineData("{\"v\":01}", "not valid JSON")]
        [InlineData("{\"v\":-01}", "not valid JSON")]
        [InlineData("{\"v\":1 2}", "not valid JSON")]
        [InlineData("{\"v\":[1 2]}", "not valid JSON")]
        [InlineData("{\"v\":0x10}", "not valid JSON")]
        [InlineData("{\"v\":-}", "not valid JSON")]
        [InlineData("{\"v\":1e}", "not valid JSON")]
        [InlineData("{\"v\":1.}", "not valid JSON")]
        [InlineData("{\"v\":NaN}", "not valid JSON")]
        [InlineData("{\"v\":[1,]}", "not valid JSON")]
        [InlineData("{\"v\":1}}", "not valid JSON")]
        [InlineData("{\"v\":1} ]}", "not valid JSON")]
        [InlineData("{v:1}", "not valid JSON")]
        [InlineData("{\"v\":1,\"arg\":\"\\q\"}", "not valid JSON")]
        public void ParseRequest_TextNoStrictReaderAccepts_IsRefusedClearly(string parameter, string expected)
        {
            var ex = Assert.Throws<CallbackException>(() => CallbackEnvelope.ParseRequest(parameter));

            Assert.Contains(expected, ex.Message);
        }

        [Fact]
        public void ParseRequest_AfterARefusedRequest_ReadsTheNextOneWhole()
        {
            // The reader and its buffer are kept per thread: a request that failed half-way must leave
            // nothing behind for the next one, shorter or longer.
            Assert.Throws<CallbackException>(() => CallbackEnvelope.ParseRequest("{\"v\":1,\"arg\":\"" + new string('a', 500) + "\",\"state\":{\"x\":[1,}}"));
            Assert.Equal("b", CallbackEnvelope.ParseRequest("{\"v\":1,\"arg\":\"b\"}").CallbackArgument);

            var large = new string('z', 40 * 1024); // more than the kept buffer holds
            Assert.Equal(large, CallbackEnvelope.ParseRequest("{\"v\":1,\"arg\":\"" + large + "\"}").CallbackArgument);
            Assert.Equal("c", CallbackEnvelope.ParseRequest("{\"v\":1,\"arg\":\"c\"}").CallbackArgument);
        }


        [Fact]
        public void ReadFields_PairsInOrder_AsTyped()
        {
            var fields = CallbackEnvelope.ReadFields("{\"v\":1,\"arg\":\"\",\"fields\":[[\"Comment\",\"\\u003cb\\u003e\"],[\"Notes\",\"a\\u0026#b\"]]}");

            Assert.Equal(new[] { "Comment", "Notes" }, fields.AllKeys);
            Assert.Equal("<b>", fields["Comment"]);
            Assert.Equal("a&#b", fields["Notes"]);
        }

        [Fact]
        public void ReadFields_NoneSent_IsNull()
        {
            Assert.Null(CallbackEnvelope.ReadFields("{\"v\":1,\"arg\":\"x\"}"));
        }

        [Theory]
        [InlineData("{\"v\":1,\"fields\":\"Comment\"}")]
        [InlineData("{\"v\":1,\"fields\":[[\"Comment\"]]}")]
        [InlineData("{\"v\":1,\"fields\":[[\"Comment\",7]]}")]
        [InlineData("{\"v\":1,\"fields\":[[\"\",\"x\"]]}")]
        [InlineData("{\"v\":1,\"fields\":[[\"a\",\"b\",\"c\"]]}")]
        public void ReadFields_NotPairsOfText_IsRefusedWithTheReason(string envelope)
        {
            var error = Assert.Throws<CallbackException>(() => CallbackEnvelope.ReadFields(envelope));
            Assert.Contains("[name, value] pairs", error.Message);
        }
    }
}
