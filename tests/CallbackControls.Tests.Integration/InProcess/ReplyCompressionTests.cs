using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;
using CallbackControls.DevHost;
using CallbackControls.Tests.Kit;
using Xunit;

namespace CallbackControls.Tests.InProcess
{
    /// <summary>
    /// Callback replies are compressed by the library when the browser accepts it and the reply is large
    /// enough to gain, on the page path and the page-method path alike; small replies go as they are.
    /// </summary>
    [Collection(TestSiteCollection.Name)]
    public class ReplyCompressionTests : TestSiteTests
    {
        public ReplyCompressionTests(TestSiteFixture fixture) : base(fixture) { }

        private static KeyValuePair<string, string> Accept(string encodings) => new KeyValuePair<string, string>("Accept-Encoding", encodings);

        private HostedResponse RefreshChart(int points, params KeyValuePair<string, string>[] headers) =>
            CallbackCalls.Post(Site, "/ChartPerf.aspx", "application/x-www-form-urlencoded; charset=UTF-8",
                CallbackCalls.Body("Chart1", "points=" + points + ";decimate=1;tips=1", "{\"timer\":true}"), null, headers);

        /// <summary>The reply's text, decoded as its Content-Encoding says.</summary>
        private static string Decode(HostedResponse response)
        {
            var encoding = response.GetHeader("Content-Encoding");
            if (encoding == null) return Encoding.UTF8.GetString(response.Body);
            using (var input = new MemoryStream(response.Body))
            using (Stream decoder = encoding == "gzip" ? (Stream)new GZipStream(input, CompressionMode.Decompress) : new DeflateStream(input, CompressionMode.Decompress))
            using (var reader = new StreamReader(decoder, Encoding.UTF8))
                return reader.ReadToEnd();
        }

        [Fact]
        public void AChartReply_IsGzipped_WhenTheBrowserAcceptsIt_AndReadsTheSame()
        {
            var plain = RefreshChart(10000);
            var gzipped = RefreshChart(10000, Accept("gzip, deflate, br"));

            Assert.Null(plain.GetHeader("Content-Encoding"));
            Assert.Equal("gzip", gzipped.GetHeader("Content-Encoding"));
            Assert.Contains("Accept-Encoding", gzipped.GetHeader("Vary"));
            var text = Decode(gzipped);
            Assert.Equal(Encoding.UTF8.GetString(plain.Body), text);
            Assert.Equal(true, CallbackReply.Parse(text)["ok"]);
            // A drawing with tooltips is repetitive markup: it shrinks several times over.
            Assert.True(gzipped.Body.Length * 4 < plain.Body.Length, gzipped.Body.Length + " bytes gzipped of " + plain.Body.Length);
        }

        [Fact]
        public void Deflate_IsUsedWhenGzipIsNotAccepted_AndNothingWhenBothAreRefused()
        {
            var deflated = RefreshChart(2000, Accept("deflate"));
            var refused = RefreshChart(2000, Accept("gzip;q=0, deflate;q=0, br"));
            var starRefused = RefreshChart(2000, Accept("br, *;q=0"));

            Assert.Equal("deflate", deflated.GetHeader("Content-Encoding"));
            Assert.Equal(true, CallbackReply.Parse(Decode(deflated))["ok"]);
            Assert.Null(refused.GetHeader("Content-Encoding"));
            Assert.Equal(true, CallbackReply.Parse(Encoding.UTF8.GetString(refused.Body))["ok"]);
            Assert.Null(starRefused.GetHeader("Content-Encoding"));
        }

        [Fact]
        public void ASmallReply_GoesUncompressed_EvenWhenGzipIsAccepted()
        {
            var response = CallbackCalls.Post(Site, "/Echo.aspx", "application/x-www-form-urlencoded; charset=UTF-8",
                CallbackCalls.Body("Echo", "short"), null, Accept("gzip"));

            Assert.Null(response.GetHeader("Content-Encoding"));
            Assert.Equal(true, CallbackReply.Parse(response.GetBodyText())["ok"]);
        }

        [Fact]
        public void APageMethodReply_IsCompressedToo()
        {
            var argument = new string('x', 5000);
            var response = CallbackCalls.CallMethod(Site, "/FastPath.aspx", "EchoCall", "Echo", argument, null, null, Accept("gzip"));

            Assert.Equal(200, response.StatusCode);
            Assert.Equal("gzip", response.GetHeader("Content-Encoding"));
            var result = (IDictionary<string, object>)CallbackReply.Parse(Decode(response))["result"];
            Assert.Equal(argument, result["echo"]);
        }
    }
}
