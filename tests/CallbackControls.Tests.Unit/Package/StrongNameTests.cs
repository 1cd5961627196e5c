using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace CallbackControls.Tests.Package
{
    /// <summary>
    /// The library's strong name: a signed assembly (a user's signed class library) can only reference
    /// a signed one, and the name is part of every reference compiled against the package, so it must
    /// come from the committed key pair and never change by accident.
    /// </summary>
    public class StrongNameTests
    {
        // The token users see in binding redirects and assembly-qualified names; the README states it.
        private const string PublishedToken = "7325c8333c433d6a";

        private static AssemblyName Library => typeof(CallbackControl).Assembly.GetName();

        // The output folder, not [CallerFilePath]: a CI build (ContinuousIntegrationBuild) maps source paths to /_/.
        private static string OutputFolder() =>
            Path.GetDirectoryName(new Uri(typeof(StrongNameTests).Assembly.CodeBase).LocalPath);

        private static string Hex(byte[] bytes) => string.Concat(bytes.Select(b => b.ToString("x2")));

        [Fact]
        public void Library_IsStrongNamed_WithThePublishedToken()
        {
            var token = Library.GetPublicKeyToken();

            Assert.NotNull(token);
            Assert.NotEmpty(token);
            Assert.Equal(PublishedToken, Hex(token));
        }

        [Fact]
        public void Library_IsSignedWithTheCommittedKeyPair_ThePackBuildsFrom()
        {
            // dotnet pack signs with the AssemblyOriginatorKeyFile of the library's project: this file,
            // src/CallbackControls/CallbackControls.snk, which the test project copies to its output.
            var keyFile = Path.Combine(OutputFolder(), "Package", "CallbackControls.snk");
            Assert.True(File.Exists(keyFile), "key file missing from the output: " + keyFile);
            var committed = new StrongNameKeyPair(File.ReadAllBytes(keyFile)).PublicKey;

            Assert.Equal(Hex(committed), Hex(Library.GetPublicKey()));
        }

        [Fact]
        public void Library_OpensItsInternalsOnlyToTheTestsSignedWithTheSameKey()
        {
            var grants = typeof(CallbackControl).Assembly
                .GetCustomAttributes<System.Runtime.CompilerServices.InternalsVisibleToAttribute>()
                .Select(a => a.AssemblyName)
                .ToArray();

            var expected = "CallbackControls.Tests.Unit, PublicKey=" + Hex(typeof(StrongNameTests).Assembly.GetName().GetPublicKey());
            Assert.Equal(new[] { expected }, grants);
        }
    }
}
