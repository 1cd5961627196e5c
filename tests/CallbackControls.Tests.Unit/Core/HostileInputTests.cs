using System;
using System.Linq;
using Xunit;

namespace CallbackControls.Tests.Core
{
    /// <summary>Hostile text and requests at the level where each rule lives.</summary>
    public class HostileInputTests
    {
        [Theory]
        [InlineData("[", 100000)]
        [InlineData("{\"a\":", 100000)]
        [InlineData("[", 33)]
        public void ParseRequest_NestedDeeperThanTheLimit_IsRefusedBeforeAnyReaderRecurses(string opener, int depth)
        {
            var state = string.Concat(Enumerable.Repeat(opener, depth));
            var ex = Assert.Throws<CallbackException>(() => CallbackEnvelope.ParseRequest("{\"v\":1,\"state\":" + state + "}"));
            Assert.Equal("The callback request is nested too deeply.", ex.Message);
        }

        [Fact]
        public void ParseRequest_NestingAtTheLimit_IsRead()
        {
            // The envelope is one level; 31 more arrays reach the limit of 32.
            var nested = string.Concat(Enumerable.Repeat("[", 31)) + string.Concat(Enumerable.Repeat("]", 31));
            var args = CallbackEnvelope.ParseRequest("{\"v\":1,\"state\":{\"x\":" + nested.Substring(1, nested.Length - 2) + "}}");
            Assert.NotNull(args.ClientState["x"]);
        }

        [Fact]
        public void ParseRequest_BracketsInsideStrings_DoNotCountAsNesting()
        {
            var text = new string('[', 5000);
            Assert.Equal(text, CallbackEnvelope.ParseRequest("{\"v\":1,\"arg\":\"" + text + "\"}").CallbackArgument);
        }

        [Theory]
        [InlineData('\u0000')]
        [InlineData('\u0001')]
        [InlineData('\u001f')]
        [InlineData('\n')]
        public void ParseRequest_RawControlCharacterInString_IsRefused(char c)
        {
            var ex = Assert.Throws<CallbackException>(() => CallbackEnvelope.ParseRequest("{\"v\":1,\"arg\":\"a" + c + "b\"}"));
            Assert.Equal("The callback request holds a control character.", ex.Message);
        }

        [Fact]
        public void ParseRequest_EscapedLoneSurrogate_IsReadNotThrown()
        {
            // The strict reader refuses what it cannot encode; the answer is a bad request, never a crash.
            var outcome = Record.Exception(() => CallbackEnvelope.ParseRequest("{\"v\":1,\"arg\":\"\\ud800x\"}"));
            Assert.True(outcome == null || outcome is CallbackException, outcome?.ToString());
        }

        [Fact]
        public void ParseRequest_LargerThanTheLimit_IsRefused()
        {
            var big = "{\"v\":1,\"arg\":\"" + new string('a', CallbackEnvelope.MaxRequestLength) + "\"}";
            Assert.Equal("The callback request is too large.", Assert.Throws<CallbackException>(() => CallbackEnvelope.ParseRequest(big)).Message);
        }

        [Theory]
        [InlineData("<script>", true)]
        [InlineData("<\tb", true)]
        [InlineData("\uFF1Cscript\uFF1E", true)]
        [InlineData("a < b", true)]
        [InlineData("&#60;", true)]
        [InlineData("~tilde", true)]
        [InlineData("Zürich", false)]
        [InlineData("Tom & Jerry", false)]
        [InlineData("🎉", false)]
        [InlineData("\uD7FF\uE000\uFFFF", false)]
        [InlineData("trailing &", false)]
        [InlineData("&#", true)]
        [InlineData("=;:", false)]
        public void ListValueCodec_ValuesRequestValidationCouldRefuse_TravelEncodedAndRoundTrip(string value, bool encoded)
        {
            var posted = ListValueCodec.Encode(value);
            Assert.Equal(encoded, posted != value);
            Assert.DoesNotContain('<', posted);
            Assert.DoesNotContain('\uFF1C', posted);
            Assert.Equal(value, ListValueCodec.Decode(posted));
        }

        // Built in code: attribute arguments are stored as UTF-8, which cannot hold a lone surrogate.
        public static TheoryData<string, string> SurrogateCases => new TheoryData<string, string>
        {
            { "ok", "ok" },
            { "a\ud800b", "a\uFFFDb" },
            { "\udc00", "\uFFFD" },
            { "end\ud83d", "end\uFFFD" },
            { "\ud83c\udf89 pair", "\ud83c\udf89 pair" },
        };

        [Theory]
        [MemberData(nameof(SurrogateCases))]
        public void ReplaceLoneSurrogates_ReplacesOnlyHalvesOfPairs(string input, string expected)
        {
            Assert.Equal(expected, TextRules.ReplaceLoneSurrogates(input));
        }

        // Built in code, as above: an attribute argument cannot hold a lone surrogate.
        public static TheoryData<string> LoneSurrogateValues => new TheoryData<string>
        {
            "x\ud800y", "x\udc00y", "end\udbff", "\udfff", "\ud83c\ud83c\udf89",
        };

        [Theory]
        [MemberData(nameof(LoneSurrogateValues))]
        public void ListValueCodec_LoneSurrogate_TravelsEncoded(string value)
        {
            var posted = ListValueCodec.Encode(value);
            Assert.StartsWith("~", posted);
        }

        [Fact]
        public void ChartTitleWithLoneSurrogate_IsStoredReplaced()
        {
            var chart = new CallbackControls.RefreshingChart { Title = "CPU \ud800" };
            Assert.Equal("CPU \uFFFD", chart.Title);
        }

        [Theory]
        [InlineData("Could not find file '/srv/www/site/App_Data/orders.db'.", "Could not find file '[path]'.")]
        [InlineData("Access to C:\\inetpub\\wwwroot\\web.config denied", "Access to [path] denied")]
        [InlineData("first line\n   at Foo.Bar() in /src/x.cs:line 3", "first line")]
        [InlineData("The ratio 3/4 is fine", "The ratio 3/4 is fine")]
        public void Sanitize_KeepsTheFirstLineAndRemovesPaths(string message, string expected)
        {
            Assert.Equal(expected, CallbackErrors.Sanitize(message));
        }
    }
}
