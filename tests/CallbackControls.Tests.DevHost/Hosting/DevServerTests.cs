using System;
using System.Threading;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AngleSharp.Html.Parser;
using CallbackControls.DevHost;
using Xunit;

namespace CallbackControls.Tests.Hosting
{
    [Collection(HostingCollection.Name)]
    public sealed class DevServerTests : IDisposable
    {
        private readonly HostingFixture _fixture;
        private readonly DevServer _server;
        private readonly StringWriter _log = new StringWriter();

        public DevServerTests(HostingFixture fixture)
        {
            this._fixture = fixture;
            _server = new DevServer(fixture.Site, 0) { Log = _log };
            _server.Start();
        }

        public void Dispose()
        {
            _server.Dispose();
        }

        private sealed class Reply
        {
            public int Status;
            public WebHeaderCollection Headers;
            public byte[] Body;

            public string Text => Encoding.UTF8.GetString(Body);
        }

        private Reply Send(string method, string path, string contentType = null, byte[] body = null, Action<HttpWebRequest> configure = null)
        {
            var request = (HttpWebRequest)WebRequest.Create(_server.Url + path.TrimStart('/'));
            request.Method = method;
            request.AllowAutoRedirect = false;
            request.Timeout = 30000;
            configure?.Invoke(request);
            if (body != null)
            {
                request.ContentType = contentType;
                request.ContentLength = body.Length;
                using (Stream stream = request.GetRequestStream())
                {
                    stream.Write(body, 0, body.Length);
                }
            }

            HttpWebResponse response;
            try
            {
                response = (HttpWebResponse)request.GetResponse();
            }
            catch (WebException ex) when (ex.Response is HttpWebResponse)
            {
                response = (HttpWebResponse)ex.Response;
            }

            using (response)
            using (var buffer = new MemoryStream())
            {
                using (Stream stream = response.GetResponseStream())
                {
                    stream.CopyTo(buffer);
                }

                return new Reply { Status = (int)response.StatusCode, Headers = response.Headers, Body = buffer.ToArray() };
            }
        }

        [Fact]
        public void Url_IsLoopbackWithTheChosenPort()
        {
            Assert.True(_server.IsRunning);
            Assert.NotEqual(0, _server.Port);
            Assert.Equal("http://127.0.0.1:" + _server.Port + "/", _server.Url);
            Assert.Equal(IPAddress.Loopback, _server.LocalEndPoint.Address);
        }

        [Fact]
        public void Get_Page_Returns200Html()
        {
            Reply reply = Send("GET", "/Default.aspx");

            Assert.Equal(200, reply.Status);
            Assert.StartsWith("text/html", reply.Headers["Content-Type"]);
            Assert.Equal("Dev host test", new HtmlParser().ParseDocument(reply.Text).Title);
            // The line is written once the reply has gone out, so it may land a moment after the client has it.
            Assert.True(SpinWait.SpinUntil(() => _log.ToString().Contains("GET /Default.aspx 200"), TimeSpan.FromSeconds(5)), _log.ToString());
        }

        [Fact]
        public void Post_FormBodyAndCustomHeader_ReachThePage()
        {
            Reply reply = Send(
                "POST",
                "/Default.aspx",
                "application/x-www-form-urlencoded",
                Encoding.ASCII.GetBytes("name=Zo%C3%AB"),
                r => r.Headers["X-Custom"] = "over the wire");

            var document = new HtmlParser().ParseDocument(reply.Text);
            Assert.Equal(200, reply.Status);
            Assert.Equal("Zoë", document.GetElementById("name").TextContent);
            Assert.Equal("over the wire", document.GetElementById("hdr").TextContent);
        }

        [Fact]
        public void Response_SeveralSetCookieHeaders_ArriveSeparately()
        {
            Reply reply = Send("GET", "/Default.aspx");

            Assert.Equal("yes", reply.Headers["X-Test"]);
            string[] cookies = reply.Headers.GetValues("Set-Cookie") ?? new string[0];
            string all = string.Join(" | ", cookies);
            Assert.Contains("first=1", all);
            Assert.Contains("second=2", all);
        }

        [Fact]
        public void Get_MissingPage_Returns404()
        {
            Assert.Equal(404, Send("GET", "/Missing.aspx").Status);
        }

        [Fact]
        public void Redirect_Returns302WithLocation()
        {
            Reply reply = Send("GET", "/Default.aspx?go=away");

            Assert.Equal(302, reply.Status);
            Assert.Equal("/Default.aspx?from=redirect", reply.Headers["Location"]);
        }

        [Fact]
        public void StaticBinaryFile_IsByteIdentical()
        {
            Reply reply = Send("GET", "/blob.bin");

            Assert.Equal(200, reply.Status);
            Assert.Equal(File.ReadAllBytes(Path.Combine(_fixture.Folder, "blob.bin")), reply.Body);
            Assert.Equal(reply.Body.Length.ToString(), reply.Headers["Content-Length"]);
        }

        [Fact]
        public void BinaryPostBody_IsEchoedByteIdentical()
        {
            byte[] body = TestSite.BinaryContent(150000, 5);

            Reply reply = Send("POST", "/Echo.ashx", "application/octet-stream", body);

            Assert.Equal(200, reply.Status);
            Assert.Equal(body, reply.Body);
        }

        [Fact]
        public void HandlerException_Returns500()
        {
            Reply reply = Send("GET", "/Echo.ashx?throw=1");

            Assert.Equal(500, reply.Status);
        }

        [Fact]
        public void HostFailure_Returns500WithAShortPlainBody()
        {
            string folder = TestSite.Create();
            try
            {
                SiteHost site = SiteHost.Create(folder);
                site.Shutdown(TimeSpan.FromSeconds(5));

                // The shut-down site throws on every request: the server must answer, not die or leak the exception.
                using (var broken = new DevServer(site, 0))
                {
                    broken.Start();
                    var client = new WebClient();
                    var ex = Assert.Throws<WebException>(() => client.DownloadString(broken.Url + "Default.aspx"));
                    var response = (HttpWebResponse)ex.Response;
                    Assert.Equal(500, (int)response.StatusCode);
                    Assert.StartsWith("text/plain", response.ContentType);
                    using (var reader = new StreamReader(response.GetResponseStream()))
                    {
                        Assert.Equal("Internal Server Error", reader.ReadToEnd().Trim());
                    }

                    // And it keeps serving.
                    ex = Assert.Throws<WebException>(() => client.DownloadString(broken.Url + "Default.aspx"));
                    Assert.Equal(500, (int)((HttpWebResponse)ex.Response).StatusCode);
                }
            }
            finally
            {
                TestSite.TryDelete(folder);
            }
        }

        [Fact]
        public void Reply_Over16KB_IsSentOnAConnectionWithNoDelay()
        {
            // Mono's listener sends such a reply in two writes; with Nagle on, the client's delayed ACK
            // made each keep-alive request ~40 ms slower. The server must have switched Nagle off on the
            // connection that carried the reply (timing itself belongs in the benchmarks).
            int before = _server.NoDelayRequests;
            Reply reply = Send("GET", "/Default.aspx?size=20000");

            Assert.Equal(20000, reply.Body.Length);
            Assert.True(_server.NoDelayRequests > before, "TCP_NODELAY was not set on the request's connection");
        }

        [Fact]
        public void Stop_ClosesThePort()
        {
            int port = _server.Port;
            _server.Stop();

            Assert.False(_server.IsRunning);
            Assert.Throws<SocketException>(() =>
            {
                using (var client = new TcpClient())
                {
                    client.Connect(IPAddress.Loopback, port);
                }
            });
        }

        [Fact]
        public void Start_AfterStop_ServesAgain()
        {
            _server.Stop();
            _server.Start();

            Assert.True(_server.IsRunning);
            Reply reply = Send("GET", "/Default.aspx");
            Assert.Equal(200, reply.Status);
        }

        [Fact]
        public void AFlushedReply_GoesOutAsItComes_AndEndsWithTheConnection()
        {
            // Server-sent events need this: a stream whose events waited for the handler's end would arrive all at once.
            string release = Path.Combine(Path.GetTempPath(), "cc-flushed-" + Guid.NewGuid().ToString("N"));
            try
            {
                using (Socket socket = RawHttp.Connect(_server.Port))
                {
                    socket.Send(Encoding.ASCII.GetBytes("GET /Flushed.ashx?release=" + Uri.EscapeDataString(release) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
                    var received = new StringBuilder();
                    var buffer = new byte[4096];
                    socket.ReceiveTimeout = 30000;
                    while (!received.ToString().Contains("data: first\n\n"))
                    {
                        int read = socket.Receive(buffer);
                        Assert.True(read > 0, "the connection closed before the first part: " + received);
                        received.Append(Encoding.UTF8.GetString(buffer, 0, read));
                    }

                    string head = received.ToString();
                    Assert.StartsWith("HTTP/1.1 200 ", head);
                    Assert.Contains("Connection: close\r\n", head);
                    Assert.DoesNotContain("Content-Length", head);
                    Assert.Contains("Content-Type: text/event-stream", head);
                    Assert.DoesNotContain("second", head);

                    File.WriteAllText(release, "go");
                    var rest = RawHttp.ReadToEnd(socket, TimeSpan.FromSeconds(30));
                    Assert.True(rest.Closed, "the reply ends with the connection");
                    Assert.Equal("data: second\n\n", rest.Text);
                }
            }
            finally
            {
                File.Delete(release);
            }

            Assert.Contains("GET /Flushed.ashx", _log.ToString());
        }
    }
}
