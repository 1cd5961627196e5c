using System;
using System.IO;
using CallbackControls.DevHost;
using Xunit;

namespace CallbackControls.Tests.InProcess
{
    /// <summary>Hosts tests/TestSite in-process once for every test of the collection.</summary>
    public sealed class TestSiteFixture : IDisposable
    {
        public TestSiteFixture()
        {
            Site = SiteHost.Create(Path.Combine(RepositoryRoot(), "tests", "TestSite"));
        }

        public SiteHost Site { get; }

        public void Dispose() => Site.Dispose();

        /// <summary>The repository root, found from the real (not shadow-copied) test assembly location.</summary>
        public static string RepositoryRoot()
        {
            var location = new Uri(typeof(TestSiteFixture).Assembly.CodeBase).LocalPath;
            for (var dir = new DirectoryInfo(Path.GetDirectoryName(location)); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CallbackControls.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("CallbackControls.sln not found above " + location);
        }
    }

    /// <summary>A test class of the collection: the hosted test site as <see cref="Site"/>.</summary>
    public abstract class TestSiteTests
    {
        protected TestSiteTests(TestSiteFixture fixture)
        {
            Site = fixture.Site;
        }

        /// <summary>tests/TestSite, hosted in-process.</summary>
        protected SiteHost Site { get; }
    }

    [CollectionDefinition(Name)]
    public sealed class TestSiteCollection : ICollectionFixture<TestSiteFixture>
    {
        public const string Name = "TestSite in-process";
    }
}
