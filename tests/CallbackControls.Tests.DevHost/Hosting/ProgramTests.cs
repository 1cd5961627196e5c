using System;
using System.IO;
using CallbackControls.DevHost;
using Xunit;

namespace CallbackControls.Tests.Hosting
{
    public class ProgramTests
    {
        [Theory]
        [InlineData("")]
        [InlineData("--port 80")]
        [InlineData("--site")]
        [InlineData("--site . --port abc")]
        [InlineData("--site . --port 70000")]
        [InlineData("--site . --bogus")]
        [InlineData("--site . --fastcgi")]
        [InlineData("--site . --fastcgi unix:")]
        [InlineData("--site . --fastcgi nowhere")]
        [InlineData("--site . --fastcgi 127.0.0.1:99999")]
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
    }
}
