using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Threading;
using CallbackControls.DevHost;
using Xunit;

namespace CallbackControls.Tests.Hosting
{
    [Collection(HostingCollection.Name)]
    public class ProgramTests
    {
        [Theory]
        [InlineData("")]
        [InlineData("--port 80")]
        [InlineData("--site")]
        [InlineData("--site . --port abc")]
        [InlineData("--site . --port 70000")]
        [InlineData("--site . --bogus")]
        [InlineData("--site . --fastcgi unix:/tmp/x.sock")]
        [InlineData("--site . --bind")]
        [InlineData("--site . --bind localhost.example")]
        public void Main_BadArguments_Returns2(string commandLine)
        {
            string[] args = commandLine.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);

            Assert.Equal(Program.ExitUsage, Program.Main(args));
        }

        [Fact]
        public void Main_MissingSiteFolder_Returns2()
        {
            string missing = Path.Combine(Path.GetTempPath(), "cc-devhost-missing-" + Guid.NewGuid().ToString("N"));

            Assert.Equal(Program.ExitUsage, Program.Main(new[] { "--site", missing, "--port", "0" }));
        }

        [Theory]
        [InlineData("0.0.0.0", true)]
        [InlineData("::", true)]
        [InlineData("127.0.0.1", false)]
        [InlineData("::1", false)]
        public void Main_SaysItIsADevelopmentServer_AndWarnsOfABindOffLoopback(string address, bool warns)
        {
            // A missing site stops it right after the banner: nothing listens.
            string missing = Path.Combine(Path.GetTempPath(), "cc-devhost-missing-" + Guid.NewGuid().ToString("N"));
            TextWriter original = Console.Out;
            var output = new StringWriter();
            Console.SetOut(output);
            try
            {
                Assert.Equal(Program.ExitUsage, Program.Main(new[] { "--site", missing, "--bind", address }));
            }
            finally
            {
                Console.SetOut(original);
            }

            Assert.Contains("a development server, not for deployment", output.ToString());
            Assert.Contains("IIS", output.ToString());
            Assert.Equal(warns, output.ToString().Contains("WARNING: listening on " + address));
        }

        [MonoFact]
        public void Process_StartsOnLoopback_PrintsTheBanner_AndStopsCleanlyOnSigterm()
        {
            string folder = TestSite.Create();
            string urlFile = Path.Combine(folder, "url.txt");
            string exe = new Uri(typeof(Program).Assembly.CodeBase).LocalPath;
            var start = new ProcessStartInfo("mono", "\"" + exe + "\" --site \"" + folder + "\" --port 0 --quiet --url-file \"" + urlFile + "\"")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            var output = new System.Text.StringBuilder();
            using (Process host = Process.Start(start))
            {
                host.OutputDataReceived += (s, e) => { lock (output) output.AppendLine(e.Data); };
                host.ErrorDataReceived += (s, e) => { lock (output) output.AppendLine(e.Data); };
                host.BeginOutputReadLine();
                host.BeginErrorReadLine();
                try
                {
                    Assert.True(SpinWait.SpinUntil(() => File.Exists(urlFile) || host.HasExited, TimeSpan.FromSeconds(60)), "no URL file");
                    Assert.False(host.HasExited, output.ToString());
                    string url = File.ReadAllText(urlFile).Trim();
                    Assert.StartsWith("http://127.0.0.1:", url);
                    using (var client = new WebClient())
                    {
                        Assert.Contains("Dev host test", client.DownloadString(url + "Default.aspx"));
                    }

                    using (Process kill = Process.Start(new ProcessStartInfo("kill", "-TERM " + host.Id) { UseShellExecute = false }))
                    {
                        kill.WaitForExit();
                    }

                    // Polled: Mono's WaitForExit(timeout) with asynchronous output reading returned false at once here.
                    Assert.True(SpinWait.SpinUntil(() => host.HasExited, TimeSpan.FromSeconds(30)), "did not stop on SIGTERM: " + output);
                    Assert.Equal(0, host.ExitCode);
                    string text;
                    lock (output)
                    {
                        text = output.ToString();
                    }

                    Assert.Contains(Program.Banner, text);
                    Assert.Contains("stopping", text);
                    Assert.False(File.Exists(urlFile), "the URL file outlived the server");
                }
                finally
                {
                    if (!host.HasExited)
                    {
                        host.Kill();
                    }

                    TestSite.TryDelete(folder);
                }
            }
        }
    }
}
