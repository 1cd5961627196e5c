using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Text;
using AngleSharp.Html.Parser;
using CallbackControls.DevHost;
using Xunit;
using static CallbackControls.Tests.Hosting.FastCgiWire;

namespace CallbackControls.Tests.Hosting
{
    /// <summary>The dev host in FastCGI mode (<c>--fastcgi</c>), spoken to as nginx speaks to it.</summary>
    [Collection(HostingCollection.Name)]
    public sealed class FastCgiServerTests : IDisposable
    {
        private readonly HostingFixture fixture;
        private readonly List<DevServer> servers = new List<DevServer>();
        private readonly string socketFolder = Path.Combine(Path.GetTempPath(), "cc-fcgi-" + Guid.NewGuid().ToString("N").Substring(0, 8));

        public FastCgiServerTests(HostingFixture fixture)
        {
            this.fixture = fixture;
            Directory.CreateDirectory(socketFolder);
        }

        public void Dispose()
        {
            foreach (DevServer server in servers)
            {
                server.Dispose();
            }

            TestSite.TryDelete(socketFolder);
        }

        private DevServer Start(string endpoint)
        {
            var server = new DevServer(fixture.Site, 0) { FastCgiEndpoint = endpoint, Log = new StringWriter() };
            servers.Add(server);
            server.Start();
            return server;
        }

        private static CgiReply Send(NetworkStream stream, int id, bool keep, IDictionary<string, string> variables, byte[] body = null)
        {
            WriteRequest(stream, id, keep, variables, body);
            return Reply(ReadUntilEnd(stream, id), id);
        }

        private static string TcpEndpoint() => "127.0.0.1:" + DevServer.FindFreePort();

        [Fact]
        public void TcpEndpoint_ServesPages_SeveralOnOneKeptConnection()
        {
            string endpoint = TcpEndpoint();
            DevServer server = Start(endpoint);
            Assert.Null(server.Url);

            using (Socket socket = FastCgiWire.Connect(endpoint))
            using (var stream = new NetworkStream(socket, true))
            {
                for (int id = 1; id <= 3; id++)
                {
                    CgiReply reply = Send(stream, id, true, Variables("GET", "/Default.aspx?q=" + id));

                    Assert.Equal(200, reply.Status);
                    Assert.StartsWith("text/html", reply.Header("Content-Type"));
                    var document = new HtmlParser().ParseDocument(reply.Text);
                    Assert.Equal("Dev host test", document.Title);
                    Assert.Equal(id.ToString(), document.GetElementById("query").TextContent);
                    Assert.Equal("http plain", document.GetElementById("scheme").TextContent);
                    Assert.Equal("example.test:8080", document.GetElementById("host").TextContent);
                }
            }
        }

        [Fact]
        public void UnixSocket_PostedFormHeadersAndTls_ReachThePage_AndStopRemovesTheSocket()
        {
            string path = Path.Combine(socketFolder, "site.sock");
            string endpoint = "unix:" + path;
            DevServer server = Start(endpoint);
            Assert.True(File.Exists(path));

            using (Socket socket = FastCgiWire.Connect(endpoint))
            using (var stream = new NetworkStream(socket, true))
            {
                var variables = Variables(
                    "POST",
                    "/Default.aspx",
                    "CONTENT_TYPE", "application/x-www-form-urlencoded",
                    "HTTP_X_CUSTOM", "over FastCGI",
                    "HTTP_COOKIE", "c1=crumb",
                    "HTTPS", "on");
                CgiReply reply = Send(stream, 1, false, variables, Encoding.ASCII.GetBytes("name=Zo%C3%AB"));

                var document = new HtmlParser().ParseDocument(reply.Text);
                Assert.Equal(200, reply.Status);
                Assert.Equal("Zoë", document.GetElementById("name").TextContent);
                Assert.Equal("over FastCGI", document.GetElementById("hdr").TextContent);
                Assert.Equal("crumb", document.GetElementById("cookie").TextContent);
                Assert.Equal("POST", document.GetElementById("method").TextContent);
                Assert.Equal("https secure", document.GetElementById("scheme").TextContent);
                List<string> cookies = reply.Headers.FindAll(h => h.Key == "Set-Cookie").ConvertAll(h => h.Value);
                Assert.Contains(cookies, c => c.StartsWith("first=1", StringComparison.Ordinal));
                Assert.Contains(cookies, c => c.StartsWith("second=2", StringComparison.Ordinal));

                // The request did not ask to keep the connection: the host closes it.
                Assert.Equal(0, stream.Read(new byte[1], 0, 1));
            }

            server.Stop();
            Assert.False(File.Exists(path));
        }

        [Fact]
        public void BinaryBodyAndStatus_PassThroughUnchanged()
        {
            string endpoint = TcpEndpoint();
            Start(endpoint);
            byte[] body = TestSite.BinaryContent(150000, 11);

            using (Socket socket = FastCgiWire.Connect(endpoint))
            using (var stream = new NetworkStream(socket, true))
            {
                CgiReply echoed = Send(stream, 1, true, Variables("POST", "/Echo.ashx", "CONTENT_TYPE", "application/octet-stream"), body);
                CgiReply teapot = Send(stream, 2, true, Variables("GET", "/Echo.ashx?status=418"));

                Assert.Equal(200, echoed.Status);
                Assert.Equal(body, echoed.Body);
                Assert.Equal(418, teapot.Status);
            }
        }

        [Fact]
        public void FailingHandler_AnswersAnErrorPage_WithoutItsDetail()
        {
            string endpoint = TcpEndpoint();
            Start(endpoint);

            using (Socket socket = FastCgiWire.Connect(endpoint))
            using (var stream = new NetworkStream(socket, true))
            {
                CgiReply reply = Send(stream, 1, false, Variables("GET", "/Echo.ashx?throw=1", "REMOTE_ADDR", "10.9.9.9"));

                Assert.Equal(500, reply.Status);
                Assert.DoesNotContain("secret detail", reply.Text);
            }
        }

        [Fact]
        public void StaleSocketFile_IsReplaced_ButALiveOneOrAnOrdinaryFileIsNot()
        {
            string stale = Path.Combine(socketFolder, "stale.sock");
            using (var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
            {
                dead.Bind(FastCgiWire.UnixEndPoint(stale));
            }

            Assert.True(File.Exists(stale));
            Start("unix:" + stale);
            using (Socket socket = FastCgiWire.Connect("unix:" + stale))
            using (var stream = new NetworkStream(socket, true))
            {
                Assert.Equal(200, Send(stream, 1, false, Variables("GET", "/Default.aspx")).Status);
            }

            // A second server on the same socket would take the first one's requests.
            var second = new DevServer(fixture.Site, 0) { FastCgiEndpoint = "unix:" + stale };
            Assert.Throws<IOException>(() => second.Start());

            string ordinary = Path.Combine(socketFolder, "notes.txt");
            File.WriteAllText(ordinary, "keep me");
            var third = new DevServer(fixture.Site, 0) { FastCgiEndpoint = "unix:" + ordinary };
            Assert.Throws<IOException>(() => third.Start());
            Assert.Equal("keep me", File.ReadAllText(ordinary));
        }

        [Fact]
        public void StoppedServer_ServesNothingMore_OnAConnectionThatWasOpen()
        {
            string endpoint = TcpEndpoint();
            DevServer server = Start(endpoint);

            using (Socket socket = FastCgiWire.Connect(endpoint))
            using (var stream = new NetworkStream(socket, true))
            {
                Assert.Equal(200, Send(stream, 1, true, Variables("GET", "/Default.aspx")).Status);
                server.Stop(TimeSpan.Zero);

                // The stop closes the connection; had it stayed open, the answer would be "shutting down".
                int status;
                try
                {
                    status = Send(stream, 2, true, Variables("GET", "/Default.aspx")).Status;
                }
                catch (IOException)
                {
                    status = 0;
                }

                Assert.Contains(status, new[] { 0, 503 });
            }
        }
    }
}
