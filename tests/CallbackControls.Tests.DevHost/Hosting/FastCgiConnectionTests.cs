using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CallbackControls.DevHost;
using Xunit;
using static CallbackControls.Tests.Hosting.FastCgiWire;

namespace CallbackControls.Tests.Hosting
{
    /// <summary>The dev host's FastCGI responder, record by record, with no web server and no ASP.NET.</summary>
    public sealed class FastCgiConnectionTests
    {
        private readonly List<HostedRequest> seen = new List<HostedRequest>();

        /// <summary>Reads what the web server sent and keeps what the responder writes.</summary>
        private sealed class Pipe : Stream
        {
            private readonly MemoryStream input;

            public Pipe(byte[] input)
            {
                this.input = new MemoryStream(input);
            }

            public MemoryStream Output { get; } = new MemoryStream();

            public long Unread => input.Length - input.Position;

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => true;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override void Flush()
            {
            }

            // A few bytes at a time, as a socket may deliver them.
            public override int Read(byte[] buffer, int offset, int count) => input.Read(buffer, offset, Math.Min(count, 5));

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => Output.Write(buffer, offset, count);
        }

        private HostedResponse Echo(HostedRequest request)
        {
            seen.Add(request);
            var response = new HostedResponse { StatusCode = 201, StatusDescription = "Created", Body = Encoding.UTF8.GetBytes("got " + request.Body.Length) };
            response.Headers.Add(new KeyValuePair<string, string>("Content-Type", "text/plain; charset=utf-8"));
            response.Headers.Add(new KeyValuePair<string, string>("Set-Cookie", "a=1"));
            response.Headers.Add(new KeyValuePair<string, string>("Set-Cookie", "b=2"));
            return response;
        }

        private Pipe Run(byte[] input, Func<HostedRequest, HostedResponse> answer = null, long? maxBody = null)
        {
            var pipe = new Pipe(input);
            var connection = new FastCgiConnection(pipe, answer ?? Echo);
            if (maxBody.HasValue)
            {
                connection.MaxBodyBytes = maxBody.Value;
            }

            connection.Run();
            return pipe;
        }

        private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

        [Fact]
        public void Request_SplitAcrossPaddedRecords_ReachesTheApplicationWhole()
        {
            byte[] body = Encoding.UTF8.GetBytes("name=Zo%C3%AB&" + new string('x', 300));
            var variables = Variables(
                "POST",
                "/Default.aspx?q=1",
                "CONTENT_TYPE", "application/x-www-form-urlencoded",
                "HTTP_X_CALLBACKCONTROLS_TOKEN", "tok",
                "HTTP_ACCEPT_ENCODING", "gzip",
                "HTTP_COOKIE", "c1=v",
                "HTTPS", "on");

            Pipe pipe = Run(Request(1, false, variables, body, chunk: 7));

            HostedRequest request = seen.Single();
            Assert.Equal("POST", request.Verb);
            Assert.Equal("/Default.aspx?q=1", request.PathAndQuery);
            Assert.Equal("HTTP/1.1", request.HttpVersion);
            Assert.Equal("10.1.2.3", request.RemoteAddress);
            Assert.Equal(51000, request.RemotePort);
            Assert.Equal(8080, request.LocalPort);
            Assert.True(request.IsSecure);
            Assert.Equal("application/x-www-form-urlencoded", request.GetHeader("Content-Type"));
            Assert.Equal("tok", request.GetHeader("X-CallbackControls-Token"));
            Assert.Equal("gzip", request.GetHeader("Accept-Encoding"));
            Assert.Equal("example.test:8080", request.GetHeader("Host"));
            Assert.Equal("c1=v", request.GetHeader("Cookie"));
            Assert.Equal(body, request.Body);

            CgiReply reply = Reply(ReadRecords(pipe.Output.ToArray()), 1);
            Assert.Equal(201, reply.Status);
            Assert.Equal("201 Created", reply.StatusLine);
            Assert.Equal("text/plain; charset=utf-8", reply.Header("Content-Type"));
            Assert.Equal(new[] { "a=1", "b=2" }, reply.Headers.Where(h => h.Key == "Set-Cookie").Select(h => h.Value));
            Assert.Equal(reply.Body.Length.ToString(), reply.Header("Content-Length"));
            Assert.Equal("got " + body.Length, reply.Text);
            Assert.Equal(0, reply.ProtocolStatus);
        }

        [Fact]
        public void ReplyRecords_EndWithAnEmptyStdoutAndEndRequest()
        {
            Pipe pipe = Run(Request(9, false, Variables("GET", "/")));

            List<FastCgiRecord> records = ReadRecords(pipe.Output.ToArray());
            Assert.Equal(Stdout, records[records.Count - 2].Type);
            Assert.Empty(records[records.Count - 2].Content);
            Assert.Equal(EndRequest, records.Last().Type);
            Assert.All(records, r => Assert.Equal(9, r.Id));
        }

        [Fact]
        public void VariableSentTwice_KeepsItsLastValue_AsOneHeader()
        {
            // nginx with `fastcgi_param HTTP_HOST $host:$server_port` sends the browser's HTTP_HOST and then its own.
            var pairs = Variables("GET", "/").ToList();
            pairs.Add(new KeyValuePair<string, string>("HTTP_HOST", "example.test:9090"));
            var buffer = new MemoryStream();
            WriteRecord(buffer, BeginRequest, 1, new byte[] { 0, 1, 0, 0, 0, 0, 0, 0 }, 0, 8);
            byte[] encoded = Pairs(pairs);
            WriteRecord(buffer, Params, 1, encoded, 0, encoded.Length);
            WriteRecord(buffer, Params, 1, null, 0, 0);
            WriteRecord(buffer, Stdin, 1, null, 0, 0);

            Run(buffer.ToArray());

            Assert.Equal(new[] { "example.test:9090" }, seen.Single().GetHeaders("Host"));
        }

        [Fact]
        public void BodyHeadersSentAsBothCgiAndHttpVariables_ArriveOnce()
        {
            // As nginx sends a multipart POST: a doubled Content-Type would end its boundary with ", multipart/...".
            var variables = Variables(
                "POST",
                "/Echo.aspx",
                "CONTENT_TYPE", "multipart/form-data; boundary=b0",
                "CONTENT_LENGTH", "3",
                "HTTP_CONTENT_TYPE", "multipart/form-data; boundary=b0",
                "HTTP_CONTENT_LENGTH", "3");

            Run(Request(1, false, variables, new byte[] { 1, 2, 3 }));

            Assert.Equal(new[] { "multipart/form-data; boundary=b0" }, seen.Single().GetHeaders("Content-Type"));
            Assert.Empty(seen.Single().GetHeaders("Content-Length"));
        }

        [Fact]
        public void NoUriVariable_PathIsBuiltFromScriptNamePathInfoAndQuery()
        {
            var variables = Variables("GET", "/ignored");
            variables.Remove("REQUEST_URI");
            variables["SCRIPT_NAME"] = "/Page.aspx";
            variables["PATH_INFO"] = "/extra";
            variables["QUERY_STRING"] = "a=1";

            Run(Request(1, false, variables));

            Assert.Equal("/Page.aspx/extra?a=1", seen.Single().PathAndQuery);
        }

        [Fact]
        public void KeptConnection_ServesRequestsOneAfterAnother_UntilTheWebServerCloses()
        {
            byte[] input = Concat(
                Request(1, true, Variables("GET", "/one")),
                Request(2, true, Variables("POST", "/two"), new byte[] { 1, 2, 3 }),
                Request(1, true, Variables("GET", "/three")));

            Pipe pipe = Run(input);

            Assert.Equal(new[] { "/one", "/two", "/three" }, seen.Select(r => r.PathAndQuery));
            List<FastCgiRecord> records = ReadRecords(pipe.Output.ToArray());
            Assert.Equal(3, records.Count(r => r.Type == EndRequest));
            Assert.Equal("got 3", Reply(records.Where(r => r.Id == 2), 2).Text);
        }

        [Fact]
        public void ConnectionNotKept_EndsAfterTheFirstReply()
        {
            byte[] second = Request(2, false, Variables("GET", "/two"));
            Pipe pipe = Run(Concat(Request(1, false, Variables("GET", "/one")), second));

            Assert.Equal("/one", seen.Single().PathAndQuery);
            Assert.Equal(second.Length, pipe.Unread);
        }

        [Fact]
        public void SecondRequestWhileOneIsOpen_IsRefusedAsMultiplexed_AndTheFirstIsStillAnswered()
        {
            var buffer = new MemoryStream();
            WriteRecord(buffer, BeginRequest, 1, new byte[] { 0, 1, 0, 0, 0, 0, 0, 0 }, 0, 8);
            WriteRecord(buffer, BeginRequest, 2, new byte[] { 0, 1, 1, 0, 0, 0, 0, 0 }, 0, 8);
            byte[] pairs = Pairs(Variables("GET", "/first"));
            WriteRecord(buffer, Params, 1, pairs, 0, pairs.Length);
            WriteRecord(buffer, Params, 1, null, 0, 0);
            WriteRecord(buffer, Stdin, 1, null, 0, 0);

            Pipe pipe = Run(buffer.ToArray());

            List<FastCgiRecord> records = ReadRecords(pipe.Output.ToArray());
            FastCgiRecord refusal = records.First();
            Assert.Equal(EndRequest, refusal.Type);
            Assert.Equal(2, refusal.Id);
            Assert.Equal(1, refusal.Content[4]); // FCGI_CANT_MPX_CONN
            Assert.Equal("/first", seen.Single().PathAndQuery);
            Assert.Equal(201, Reply(records, 1).Status);
        }

        [Fact]
        public void LargeReply_IsSplitIntoRecords_ThatJoinToTheWholeBody()
        {
            byte[] big = TestSite.BinaryContent(200000, 3);
            Pipe pipe = Run(Request(1, false, Variables("GET", "/big")), r => new HostedResponse { Body = big });

            CgiReply reply = Reply(ReadRecords(pipe.Output.ToArray()), 1);
            Assert.Equal(200, reply.Status);
            Assert.True(reply.StdoutRecords >= 5, reply.StdoutRecords + " STDOUT records");
            Assert.Equal(big, reply.Body);
        }

        [Fact]
        public void BodyOverTheLimit_IsRead_AndAnswered413_WithoutRunningTheRequest()
        {
            byte[] body = new byte[5000];
            byte[] next = Request(2, true, Variables("GET", "/after"));
            Pipe pipe = Run(Concat(Request(1, true, Variables("POST", "/upload"), body, chunk: 1000), next), maxBody: 4096);

            List<FastCgiRecord> records = ReadRecords(pipe.Output.ToArray());
            Assert.Equal(413, Reply(records, 1).Status);
            Assert.Equal("/after", seen.Single().PathAndQuery);
        }

        [Fact]
        public void AbortBeforeTheBodyEnds_EndsTheRequestUnanswered()
        {
            var buffer = new MemoryStream();
            WriteRecord(buffer, BeginRequest, 1, new byte[] { 0, 1, 0, 0, 0, 0, 0, 0 }, 0, 8);
            byte[] pairs = Pairs(Variables("POST", "/slow"));
            WriteRecord(buffer, Params, 1, pairs, 0, pairs.Length);
            WriteRecord(buffer, Params, 1, null, 0, 0);
            WriteRecord(buffer, Stdin, 1, new byte[] { 1 }, 0, 1);
            WriteRecord(buffer, AbortRequest, 1, null, 0, 0);

            Pipe pipe = Run(buffer.ToArray());

            Assert.Empty(seen);
            FastCgiRecord end = ReadRecords(pipe.Output.ToArray()).Single();
            Assert.Equal(EndRequest, end.Type);
            Assert.Equal(0, end.Content[4]);
        }

        [Fact]
        public void GetValues_AnswersThatConnectionsAreNotMultiplexed()
        {
            var buffer = new MemoryStream();
            byte[] asked = Pairs(new Dictionary<string, string> { ["FCGI_MPXS_CONNS"] = string.Empty, ["FCGI_MAX_REQS"] = string.Empty, ["OTHER"] = string.Empty });
            WriteRecord(buffer, GetValues, 0, asked, 0, asked.Length);

            Pipe pipe = Run(buffer.ToArray());

            FastCgiRecord result = ReadRecords(pipe.Output.ToArray()).Single();
            Assert.Equal(GetValuesResult, result.Type);
            string text = Encoding.ASCII.GetString(result.Content);
            Assert.Contains("FCGI_MPXS_CONNS0", text);
            Assert.Contains("FCGI_MAX_REQS", text);
            Assert.DoesNotContain("OTHER", text);
        }

        [Fact]
        public void UnknownManagementRecord_IsAnsweredUnknownType()
        {
            var buffer = new MemoryStream();
            WriteRecord(buffer, 42, 0, new byte[3], 0, 3);

            Pipe pipe = Run(buffer.ToArray());

            FastCgiRecord answer = ReadRecords(pipe.Output.ToArray()).Single();
            Assert.Equal(UnknownType, answer.Type);
            Assert.Equal(42, answer.Content[0]);
        }

        [Fact]
        public void OtherRole_IsRefusedAsUnknownRole()
        {
            var buffer = new MemoryStream();
            WriteRecord(buffer, BeginRequest, 1, new byte[] { 0, 2, 0, 0, 0, 0, 0, 0 }, 0, 8);

            Pipe pipe = Run(buffer.ToArray());

            Assert.Equal(3, ReadRecords(pipe.Output.ToArray()).Single().Content[4]); // FCGI_UNKNOWN_ROLE
        }

        [Fact]
        public void HeaderValueWithALineBreak_IsDropped_SoTheReplyCannotBeSplit()
        {
            Pipe pipe = Run(Request(1, false, Variables("GET", "/")), r =>
            {
                var response = new HostedResponse { Body = Encoding.ASCII.GetBytes("ok") };
                response.Headers.Add(new KeyValuePair<string, string>("X-Evil", "a\r\nSet-Cookie: owned=1"));
                response.Headers.Add(new KeyValuePair<string, string>("X-Fine", "b"));
                return response;
            });

            CgiReply reply = Reply(ReadRecords(pipe.Output.ToArray()), 1);
            Assert.Null(reply.Header("X-Evil"));
            Assert.Null(reply.Header("Set-Cookie"));
            Assert.Equal("b", reply.Header("X-Fine"));
            Assert.Equal("ok", reply.Text);
        }

        [Fact]
        public void NotFastCgi_IsRefused()
        {
            byte[] http = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n");

            Assert.Throws<InvalidDataException>(() => Run(http));
            Assert.Empty(seen);
        }

        [Fact]
        public void PairRunningPastItsRecord_IsRefused()
        {
            var buffer = new MemoryStream();
            WriteRecord(buffer, BeginRequest, 1, new byte[] { 0, 1, 0, 0, 0, 0, 0, 0 }, 0, 8);
            byte[] broken = { 4, 100, (byte)'N', (byte)'A', (byte)'M', (byte)'E', (byte)'v' };
            WriteRecord(buffer, Params, 1, broken, 0, broken.Length);
            WriteRecord(buffer, Params, 1, null, 0, 0);
            WriteRecord(buffer, Stdin, 1, null, 0, 0);

            Assert.Throws<InvalidDataException>(() => Run(buffer.ToArray()));
            Assert.Empty(seen);
        }

        [Fact]
        public void ConnectionCutMidRecord_IsAnEndOfStream()
        {
            byte[] whole = Request(1, false, Variables("GET", "/"));

            Assert.Throws<EndOfStreamException>(() => Run(whole.Take(whole.Length - 3).ToArray()));
            Assert.Empty(seen);
        }

        [Theory]
        [InlineData("HTTP_X_CALLBACKCONTROLS_TOKEN", "X-Callbackcontrols-Token")]
        [InlineData("HTTP_ACCEPT", "Accept")]
        [InlineData("HTTP_SEC_FETCH_SITE", "Sec-Fetch-Site")]
        public void VariableNames_BecomeHeaderNames(string variable, string header)
        {
            Assert.Equal(header, FastCgiConnection.HeaderName(variable));
        }
    }
}
