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
        public void DevServer_ChangedWebConfig_RestartsTheApplication_AndEveryRequestIsAnswered()
        {
            string folder = TestSite.Create();
            try
            {
                using (var server = new DevServer(folder, 0))
                {
                    server.Start();
                    Assert.Equal(200, Status(server.Url + "Echo.ashx", "warm"));
                    AspNetApplication first = server.Site.Application;

                    // Requests keep coming while the domain recycles: none may fail or be refused.
                    var statuses = new ConcurrentBag<int>();
                    using (var done = new CancellationTokenSource())
                    {
                        Thread[] clients = Enumerable.Range(0, 4).Select(i => new Thread(() =>
                        {
                            while (!done.IsCancellationRequested)
                            {
                                statuses.Add(Status(server.Url + "Echo.ashx", "client " + i));
                            }
                        })).ToArray();
                        foreach (Thread thread in clients)
                        {
                            thread.Start();
                        }

                        // Bounded waits for the positive events: some requests served, then the next application serving.
                        Assert.True(SpinWait.SpinUntil(() => statuses.Count >= 4, TimeSpan.FromSeconds(30)));
                        File.WriteAllText(Path.Combine(folder, "web.config"), TestSite.WebConfig.Replace("<system.web>", "<system.web><!-- changed -->"));
                        Assert.True(SpinWait.SpinUntil(() => !ReferenceEquals(first, server.Site.Application), TimeSpan.FromSeconds(20)), "the application did not restart");
                        int before = statuses.Count;
                        Assert.True(SpinWait.SpinUntil(() => statuses.Count >= before + 8, TimeSpan.FromSeconds(30)), "no requests served after the restart");
                        done.Cancel();
                        foreach (Thread thread in clients)
                        {
                            thread.Join();
                        }
                    }

                    Assert.All(statuses, status => Assert.Equal(200, status));
                    Assert.Equal(200, Status(server.Url + "Default.aspx", null));
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
