using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using CallbackControls.DevHost;
using Xunit;

namespace CallbackControls.Tests.Hosting
{
    [Collection(HostingCollection.Name)]
    public class SiteRecycleTests
    {
        [Fact]
        public void ChangedWebConfig_RecyclesTheDomain_AndRequestsKeepWorking()
        {
            string folder = TestSite.Create();
            try
            {
                using (SiteHost site = SiteHost.Create(folder))
                {
                    Assert.Equal(200, site.Get("/Default.aspx").StatusCode);
                    AspNetApplication first = site.Application;

                    // ASP.NET unloads its domain when web.config changes; the host must start a new one.
                    File.WriteAllText(Path.Combine(folder, "web.config"), TestSite.WebConfig.Replace("<system.web>", "<system.web><!-- changed -->"));

                    Stopwatch watch = Stopwatch.StartNew();
                    while (ReferenceEquals(first, site.Application) && watch.Elapsed < TimeSpan.FromSeconds(20))
                    {
                        Assert.Equal(200, site.Get("/Default.aspx").StatusCode);
                        Thread.Sleep(100);
                    }

                    Assert.NotSame(first, site.Application);
                    Assert.Equal(200, site.Get("/Default.aspx").StatusCode);
                }
            }
            finally
            {
                TestSite.TryDelete(folder);
            }
        }
    

        [Fact]
        public void DevServer_ChangedWebConfig_MovesTheListenerToTheNewDomain_AndEveryRequestIsAnswered()
        {
            if (Type.GetType("Mono.Runtime") == null)
            {
                return; // The listener runs inside the application only on Mono.
            }

            string folder = TestSite.Create();
            try
            {
                using (var server = new DevServer(folder, 0))
                {
                    server.Start();
                    Assert.True(server.IsServingInsideApplication);
                    Assert.Equal(200, Status(server.Url + "Echo.ashx", "warm"));
                    AspNetApplication first = server.Site.Application;

                    // Requests keep coming while the domain recycles: none may fail or be refused.
                    var statuses = new ConcurrentBag<int>();
                    RecycleUnderLoad(folder, server, (i, done) =>
                    {
                        while (!done.IsCancellationRequested)
                        {
                            statuses.Add(Status(server.Url + "Echo.ashx", "client " + i));
                        }
                    });

                    Assert.NotSame(first, server.Site.Application);
                    Assert.True(server.IsServingInsideApplication);
                    Assert.NotEmpty(statuses);
                    Assert.All(statuses, status => Assert.Equal(200, status));
                    Assert.Equal(200, Status(server.Url + "Default.aspx", null));
                }
            }
            finally
            {
                TestSite.TryDelete(folder);
            }
        }

        [Fact]
        public void FastCgi_ChangedWebConfig_MovesTheSocketToTheNewDomain_AndEveryRequestIsAnswered()
        {
            if (Type.GetType("Mono.Runtime") == null)
            {
                return; // The listener runs inside the application only on Mono.
            }

            string folder = TestSite.Create();
            string endpoint = "unix:" + Path.Combine(folder, "fcgi.sock");
            try
            {
                using (var server = new DevServer(folder, 0) { FastCgiEndpoint = endpoint })
                {
                    server.Start();
                    Assert.True(server.IsServingInsideApplication);
                    AspNetApplication first = server.Site.Application;

                    // Each client keeps its connection as nginx does, and, as nginx does, sends a request again
                    // on a new connection when a kept one was closed before any reply (the old domain closes its
                    // connections after the hand-over) or when the socket is between listeners.
                    var statuses = new ConcurrentBag<int>();
                    int reconnects = 0;
                    RecycleUnderLoad(folder, server, (i, done) =>
                    {
                        var client = new FastCgiClient(endpoint);
                        try
                        {
                            while (!done.IsCancellationRequested)
                            {
                                statuses.Add(client.Send(FastCgiWire.Variables("POST", "/Echo.ashx"), Encoding.UTF8.GetBytes("client " + i), ref reconnects));
                            }
                        }
                        finally
                        {
                            client.Dispose();
                        }
                    });

                    Assert.NotSame(first, server.Site.Application);
                    Assert.True(server.IsServingInsideApplication);
                    Assert.NotEmpty(statuses);
                    Assert.All(statuses, status => Assert.Equal(200, status));
                    Assert.True(reconnects >= 4, reconnects + " reconnections: the old domain should have closed every kept connection");
                }
            }
            finally
            {
                TestSite.TryDelete(folder);
            }
        }

        /// <summary>
        /// Runs four clients (each given its number and a token cancelled at the end) while the site's
        /// web.config changes, until the next application serves and the old domain has had time to finish
        /// and go (2 s).
        /// </summary>
        private static void RecycleUnderLoad(string folder, DevServer server, Action<int, CancellationToken> client)
        {
            AspNetApplication first = server.Site.Application;
            using (var done = new CancellationTokenSource())
            {
                Thread[] clients = Enumerable.Range(0, 4).Select(i => new Thread(() => client(i, done.Token))).ToArray();
                foreach (Thread thread in clients)
                {
                    thread.Start();
                }

                Thread.Sleep(300);
                File.WriteAllText(Path.Combine(folder, "web.config"), TestSite.WebConfig.Replace("<system.web>", "<system.web><!-- changed -->"));
                Stopwatch watch = Stopwatch.StartNew();
                while (ReferenceEquals(first, server.Site.Application) && watch.Elapsed < TimeSpan.FromSeconds(20))
                {
                    Thread.Sleep(50);
                }

                Thread.Sleep(2000);
                done.Cancel();
                foreach (Thread thread in clients)
                {
                    thread.Join();
                }
            }
        }

        /// <summary>One kept FastCGI connection, re-opened when the server closed it or the socket is between listeners.</summary>
        private sealed class FastCgiClient : IDisposable
        {
            private readonly string endpoint;
            private System.Net.Sockets.NetworkStream stream;
            private int nextId = 1;

            public FastCgiClient(string endpoint)
            {
                this.endpoint = endpoint;
            }

            public int Send(System.Collections.Generic.IDictionary<string, string> variables, byte[] body, ref int reconnects)
            {
                for (int attempt = 1; ; attempt++)
                {
                    try
                    {
                        if (stream == null)
                        {
                            stream = Open();
                            if (nextId > 1)
                            {
                                Interlocked.Increment(ref reconnects);
                            }
                        }

                        int id = nextId++ % 60000 + 1;
                        FastCgiWire.WriteRequest(stream, id, true, variables, body);
                        return FastCgiWire.Reply(FastCgiWire.ReadUntilEnd(stream, id), id).Status;
                    }
                    catch (Exception ex) when ((ex is IOException || ex is System.Net.Sockets.SocketException) && attempt < 50)
                    {
                        Dispose();
                        Thread.Sleep(10);
                    }
                }
            }

            public void Dispose()
            {
                stream?.Dispose();
                stream = null;
            }

            private System.Net.Sockets.NetworkStream Open()
            {
                return new System.Net.Sockets.NetworkStream(FastCgiWire.Connect(endpoint), true);
            }
        }

        [Fact]
        public void DevServer_NotInsideTheApplication_RelaysEveryRequest()
        {
            string folder = TestSite.Create();
            try
            {
                using (var server = new DevServer(folder, 0) { ServeInsideApplication = false })
                {
                    server.Start();

                    Assert.False(server.IsServingInsideApplication);
                    Assert.Equal(200, Status(server.Url + "Default.aspx", null));
                    Assert.Equal(200, Status(server.Url + "Echo.ashx", "relayed"));
                }
            }
            finally
            {
                TestSite.TryDelete(folder);
            }
        }

        /// <summary>GET (no body) or POST of a text body; the status, or -1 when no reply came back.</summary>
        private static int Status(string url, string body)
        {
            var request = (HttpWebRequest)WebRequest.Create(url);
            request.Timeout = 30000;
            if (body != null)
            {
                byte[] bytes = Encoding.UTF8.GetBytes(body);
                request.Method = "POST";
                request.ContentType = "text/plain";
                request.ContentLength = bytes.Length;
                using (Stream stream = request.GetRequestStream())
                {
                    stream.Write(bytes, 0, bytes.Length);
                }
            }

            try
            {
                using (var response = (HttpWebResponse)request.GetResponse())
                {
                    string text = new StreamReader(response.GetResponseStream()).ReadToEnd();
                    return body == null || text == body ? (int)response.StatusCode : 520;
                }
            }
            catch (WebException ex) when (ex.Response is HttpWebResponse failed)
            {
                return (int)failed.StatusCode;
            }
            catch (WebException)
            {
                return -1;
            }
        }
    }
}
