using System;
using System.Diagnostics;
using System.IO;
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
    }
}
