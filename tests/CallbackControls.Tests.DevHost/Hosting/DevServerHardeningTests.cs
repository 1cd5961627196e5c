using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using CallbackControls.DevHost;
using Xunit;

namespace CallbackControls.Tests.Hosting
{
    /// <summary>A test site with secrets where IIS Express would refuse them, served by a started dev server.</summary>
    public sealed class HardenedSiteFixture : IDisposable
    {
        public const string Secret = "SECRET-do-not-serve";

        public HardenedSiteFixture()
        {
            Folder = TestSite.Create();
            File.WriteAllText(Path.Combine(Folder, "web.config"), TestSite.WebConfig.Replace("<httpRuntime ", "<httpRuntime maxRequestLength=\"64\" "));
            foreach (string folder in new[] { "App_Data", "obj", ".git", "bin" })
            {
                Directory.CreateDirectory(Path.Combine(Folder, folder));
                File.WriteAllText(Path.Combine(Folder, folder, "secret.txt"), Secret);
            }

            File.WriteAllText(Path.Combine(Folder, ".env"), Secret);
            File.WriteAllText(Path.Combine(Folder, "file.db"), Secret);
            File.WriteAllText(Path.Combine(Folder, "plain.txt"), "plain text");
            File.WriteAllText(Path.Combine(Folder, "Addr.aspx"), "<%@ Page Language=\"C#\" %><%= Request.ServerVariables[\"REMOTE_ADDR\"] + \" \" + Request.IsLocal %>");
            Server = new DevServer(Folder, 0) { HeaderTimeout = TimeSpan.FromSeconds(2), BodyTimeout = TimeSpan.FromSeconds(2) };
            Server.Start();
        }

        public string Folder { get; }

        public DevServer Server { get; }

        public void Dispose()
        {
            Server.Dispose();
            TestSite.TryDelete(Folder);
        }
    }

    [Collection(HostingCollection.Name)]
    public sealed class DevServerHardeningTests : IClassFixture<HardenedSiteFixture>
    {
        private readonly HardenedSiteFixture _fixture;

        public DevServerHardeningTests(HardenedSiteFixture fixture)
        {
            this._fixture = fixture;
        }

        private int Port => _fixture.Server.Port;

        [Theory]
        [InlineData("/App_Data/secret.txt")]
        [InlineData("/app_data/secret.txt")]
        [InlineData("/APP_DATA/secret.txt")]
        [InlineData("/App_Data./secret.txt")]
        [InlineData("/App_Data%20/secret.txt")]
        [InlineData("/App_Data%2e/secret.txt")]
        [InlineData("/%41pp_Data/secret.txt")]
        [InlineData("//App_Data//secret.txt")]
        [InlineData("/x/..%2fApp_Data/secret.txt")]
        [InlineData("/%5cApp_Data%5csecret.txt")]
        [InlineData("/App_Code/x.cs")]
        [InlineData("/App_GlobalResources/x.resx")]
        [InlineData("/App_LocalResources/x.resx")]
        [InlineData("/App_Browsers/x.browser")]
        [InlineData("/App_WebReferences/x.wsdl")]
        [InlineData("/bin/secret.txt")]
        [InlineData("/Bin/secret.txt")]
        [InlineData("/bin%20/secret.txt")]
        [InlineData("/bin./secret.txt")]
        [InlineData("/bin%5csecret.txt")]
        [InlineData("/bin/CallbackControls.DevHost.exe")]
        [InlineData("/obj/secret.txt")]
        [InlineData("/.git/secret.txt")]
        [InlineData("/%2egit/secret.txt")]
        [InlineData("/.GIT/secret.txt")]
        [InlineData("/.env")]
        [InlineData("/%2eenv")]
        [InlineData("/sub/../App_Data/secret.txt")]
        [InlineData("/sub/%2e%2e/App_Data/secret.txt")]
        [InlineData("/sub/%2e%2e%2fApp_Data%2fsecret.txt")]
        [InlineData("/..")]
        [InlineData("/sub/..")]
        [InlineData("/plain.txt/..")]
        [InlineData("/bin/CallbackControls.DevHost.exe/x.aspx")]
        [InlineData("/App_Data/secret.txt/x.aspx")]
        public void ProtectedPath_IsRefused(string target)
        {
            Reply reply = RawHttp.Get(Port, target);

            Assert.Equal(404, reply.Status);
            Assert.DoesNotContain(HardenedSiteFixture.Secret, reply.Text);
        }

        [Theory]
        [InlineData("/Default.aspx", "Dev host test")]
        [InlineData("/plain.txt", "plain text")]
        [InlineData("//plain.txt", "plain text")]
        [InlineData("/%70lain.txt", "plain text")]
        [InlineData("/sub/", "sub index")]
        [InlineData("/sub/index.html", "sub index")]
        public void OrdinaryPageAndStaticFile_AreServed(string target, string expected)
        {
            Reply reply = RawHttp.Get(Port, target);

            Assert.Equal(200, reply.Status);
            Assert.Contains(expected, reply.Body);
        }

        [Fact]
        public void PathInfo_IsSplitAfterAHandlerExtension()
        {
            Reply reply = RawHttp.Get(Port, "/Default.aspx/extra/more");

            Assert.Equal(200, reply.Status);
            Assert.Contains("<p id=\"filePath\">/Default.aspx</p>", reply.Body);
            Assert.Contains("<p id=\"pathInfo\">/extra/more</p>", reply.Body);
        }

        [Theory]
        [InlineData("/file.db/x")]
        [InlineData("/plain.txt/x")]
        [InlineData("/blob.bin/x.aspx")]
        public void PathInfo_IsNotSplitAfterAFile(string target)
        {
            Reply reply = RawHttp.Get(Port, target);

            Assert.Equal(404, reply.Status);
            Assert.DoesNotContain(HardenedSiteFixture.Secret, reply.Text);
            Assert.DoesNotContain("plain text", reply.Text);
        }

        [Theory]
        [InlineData("//evil.example/%2e%2e%2fsub")]
        [InlineData("//evil.example/../sub")]
        [InlineData("/%2fevil.example/%2e%2e%2fsub")]
        [InlineData("/%5cevil.example/%2e%2e/sub")]
        [InlineData("//sub")]
        [InlineData("/\\sub")]
        [InlineData("http://evil.example/sub")]
        public void FolderRedirect_NeverLeavesTheSite(string target)
        {
            Reply reply = RawHttp.Get(Port, target);

            string location = reply.Header("Location");
            if (location != null)
            {
                Assert.StartsWith("/", location);
                Assert.False(location.StartsWith("//", StringComparison.Ordinal) || location.StartsWith("/\\", StringComparison.Ordinal), location);
                Assert.DoesNotContain("://", location);
                Assert.DoesNotContain("evil", location);
            }
        }

        [Fact]
        public void FolderWithoutSlash_RedirectsToTheNormalizedFolder()
        {
            Reply reply = RawHttp.Get(Port, "//sub?x=1");

            Assert.Equal(301, reply.Status);
            Assert.Equal("/sub/?x=1", reply.Header("Location"));
        }

        [Fact]
        public void EveryReply_CarriesNosniff()
        {
            foreach (string target in new[] { "/Default.aspx", "/plain.txt", "/App_Data/secret.txt", "/sub" })
            {
                Assert.Equal("nosniff", RawHttp.Get(Port, target).Header("X-Content-Type-Options"));
            }
        }

        [Fact]
        public void RemoteAddress_IsTheClientsRealAddress()
        {
            Reply reply = RawHttp.Get(Port, "/Addr.aspx");

            Assert.Equal(200, reply.Status);
            Assert.Equal("127.0.0.1 True", reply.Body.Trim());
        }

        [Fact]
        public void BodyOverMaxRequestLength_Is413_BeforeTheBodyIsSent()
        {
            // The site says 64 KB; 10 MB are announced and none sent: the answer cannot wait for them.
            Reply reply = RawHttp.Send(Port, "POST /Echo.ashx HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 10485760\r\n\r\nabc", TimeSpan.FromSeconds(10));

            Assert.Equal(413, reply.Status);
            Assert.True(reply.Closed, reply.ToString());
        }

        [Fact]
        public void BodyOverMaxRequestLength_WithExpect100_Is413_WithoutContinue()
        {
            Reply reply = RawHttp.Send(Port, "POST /Echo.ashx HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 70000\r\nExpect: 100-continue\r\n\r\n", TimeSpan.FromSeconds(10));

            Assert.Equal(413, reply.Status);
        }

        [Fact]
        public void ChunkedBodyOverMaxRequestLength_Is413()
        {
            string chunk = new string('x', 40000);
            string request = "POST /Echo.ashx HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "9C40\r\n" + chunk + "\r\n9C40\r\n" + chunk + "\r\n0\r\n\r\n";

            Assert.Equal(413, RawHttp.Send(Port, request, TimeSpan.FromSeconds(10)).Status);
        }

        [Fact]
        public void BodyWithinMaxRequestLength_IsServed_PlainOrChunked()
        {
            string body = new string('y', 60000);
            Reply plain = RawHttp.Send(Port, "POST /Echo.ashx HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: 60000\r\n\r\n" + body);
            Reply chunked = RawHttp.Send(Port, "POST /Echo.ashx HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");

            Assert.Equal(200, plain.Status);
            Assert.Equal(body, plain.Body);
            Assert.Equal(200, chunked.Status);
            Assert.Equal("hello", chunked.Body);
        }

        [Theory]
        [InlineData("Content-Length: 3\r\nContent-Length: 4\r\n")]
        [InlineData("Content-Length: 3, 4\r\n")]
        [InlineData("Content-Length: 3\r\nTransfer-Encoding: chunked\r\n")]
        [InlineData("Transfer-Encoding: chunked\r\nContent-Length: 3\r\n")]
        [InlineData("Content-Length: -3\r\n")]
        [InlineData("Content-Length : 3\r\n")]
        [InlineData("Content-Length: 3\r\n Content-Length: 4\r\n")]
        public void AmbiguousFraming_Is400_AndCloses(string framing)
        {
            Reply reply = RawHttp.Send(Port, "POST /Echo.ashx HTTP/1.1\r\nHost: 127.0.0.1\r\n" + framing + "\r\nabcdGET /Default.aspx HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", TimeSpan.FromSeconds(10));

            Assert.Equal(400, reply.Status);
            Assert.Single(reply.Replies);
            Assert.True(reply.Closed);
        }

        [Fact]
        public void SameContentLengthTwice_IsAccepted()
        {
            Reply reply = RawHttp.Send(Port, "POST /Echo.ashx HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc");

            Assert.Equal(200, reply.Status);
            Assert.Equal("abc", reply.Body);
        }

        [Fact]
        public void PipelinedRequests_AreAnsweredInOrder()
        {
            Reply reply = RawHttp.Send(Port,
                "GET /plain.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                + "POST /Echo.ashx HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nfirst"
                + "GET /App_Data/secret.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

            Assert.Equal(new[] { 200, 200, 404 }, reply.Replies.Select(r => r.Status).ToArray());
            Assert.Equal(new[] { "plain text", "first" }, reply.Replies.Take(2).Select(r => r.Body).ToArray());
            Assert.True(reply.Closed);
        }

        [Fact]
        public void SlowHead_IsAnswered408_AndClosed()
        {
            using (Socket socket = RawHttp.Connect(Port))
            {
                socket.Send(Encoding.ASCII.GetBytes("GET /Default.aspx HTTP/1.1\r\nHost: 1"));

                // The fixture's head timeout is 2 s; bounded wait for the answer.
                Reply reply = RawHttp.ReadToEnd(socket, TimeSpan.FromSeconds(20));
                Assert.True(reply.Closed);
                Assert.Equal(408, reply.Status);
            }
        }

        [Fact]
        public void SlowBody_IsAnswered408_AndClosed()
        {
            using (Socket socket = RawHttp.Connect(Port))
            {
                socket.Send(Encoding.ASCII.GetBytes("POST /Echo.ashx HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nab"));

                Reply reply = RawHttp.ReadToEnd(socket, TimeSpan.FromSeconds(20));
                Assert.True(reply.Closed);
                Assert.Equal(408, reply.Status);
            }
        }

        [Fact]
        public void ManySlowBodies_DoNotStopOrdinaryRequests()
        {
            var slow = new List<Socket>();
            try
            {
                for (int i = 0; i < 120; i++)
                {
                    Socket socket = RawHttp.Connect(Port);
                    slow.Add(socket);
                    socket.Send(Encoding.ASCII.GetBytes("POST /Echo.ashx HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\nx"));
                }

                // While all 120 wait for their bodies, ordinary requests are answered at once.
                Stopwatch watch = Stopwatch.StartNew();
                Reply page = RawHttp.Send(Port, "GET /Default.aspx HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", TimeSpan.FromSeconds(10));
                Reply file = RawHttp.Get(Port, "/plain.txt");
                Assert.Equal(200, page.Status);
                Assert.Equal(200, file.Status);
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
            }
            finally
            {
                foreach (Socket socket in slow)
                {
                    socket.Close();
                }
            }
        }
    }

    [Collection(HostingCollection.Name)]
    public sealed class DevServerSymlinkTests
    {
        [UnixFact]
        public void SymbolicLinkOutOfTheSite_IsRefused_OneInsideIsFollowed()
        {
            string folder = TestSite.Create();
            string outside = Path.Combine(Path.GetTempPath(), "cc-devhost-outside-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(outside);
            File.WriteAllText(Path.Combine(outside, "secret.txt"), HardenedSiteFixture.Secret);
            try
            {
                Link(outside, Path.Combine(folder, "outdir"));
                Link(Path.Combine(outside, "secret.txt"), Path.Combine(folder, "out.txt"));
                Link(Path.Combine(folder, "sub"), Path.Combine(folder, "indir"));
                using (var server = new DevServer(folder, 0))
                {
                    server.Start();

                    foreach (string target in new[] { "/outdir/secret.txt", "/out.txt", "/outdir/" })
                    {
                        Reply refused = RawHttp.Get(server.Port, target);
                        Assert.Equal(404, refused.Status);
                        Assert.DoesNotContain(HardenedSiteFixture.Secret, refused.Text);
                    }

                    Reply inside = RawHttp.Get(server.Port, "/indir/index.html");
                    Assert.Equal(200, inside.Status);
                    Assert.Contains("sub index", inside.Body);
                }
            }
            finally
            {
                TestSite.TryDelete(folder);
                TestSite.TryDelete(outside);
            }
        }

        private static void Link(string target, string link)
        {
            using (Process ln = Process.Start(new ProcessStartInfo("ln", "-s \"" + target + "\" \"" + link + "\"") { UseShellExecute = false }))
            {
                ln.WaitForExit();
                Assert.Equal(0, ln.ExitCode);
            }
        }
    }
}
