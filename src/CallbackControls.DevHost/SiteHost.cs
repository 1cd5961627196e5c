using System;
using System.IO;
using System.Reflection;
using System.Runtime.Remoting;
using System.Text;
using System.Threading;
using System.Web.Hosting;

namespace CallbackControls.DevHost
{
    /// <summary>
    /// A Web Forms site served in this process: owns the ASP.NET application domain for one folder and
    /// starts a fresh one when ASP.NET recycles the old (a changed <c>web.config</c> or <c>bin</c>).
    /// </summary>
    public sealed class SiteHost : IDisposable
    {
        private readonly object _sync = new object();
        private readonly string _physicalPath;
        private AspNetApplication _application;
        private TimeSpan _requestTimeout = TimeSpan.FromSeconds(110);
        private bool _disposed;
        private AspNetApplication _limitOf;
        private long _maxRequestLength = DefaultMaxRequestLength;

        private SiteHost(string physicalPath)
        {
            this._physicalPath = physicalPath;
        }

        /// <summary>The site folder on disk (full path).</summary>
        public string PhysicalPath => _physicalPath;

        /// <summary>How long a request may run before the host answers 503; 110 seconds unless set.</summary>
        public TimeSpan RequestTimeout
        {
            get
            {
                return _requestTimeout;
            }

            set
            {
                lock (_sync)
                {
                    _requestTimeout = value;
                    if (_application != null) _application.RequestTimeout = value;
                }
            }
        }

        /// <summary>
        /// The proxy to the application in its ASP.NET domain, created on first use and recreated after
        /// ASP.NET recycled the domain.
        /// </summary>
        public AspNetApplication Application => GetApplication();

        /// <summary>
        /// Deploys this assembly into <c>SITE/bin</c> (ASP.NET loads the host type from there) and starts the
        /// ASP.NET application for the folder.
        /// </summary>
        /// <param name="physicalSitePath">The Web Forms site folder.</param>
        /// <returns>The running site.</returns>
        /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
        public static SiteHost Create(string physicalSitePath)
        {
            if (string.IsNullOrEmpty(physicalSitePath)) throw new ArgumentException("A site folder is required.", nameof(physicalSitePath));

            string fullPath = Path.GetFullPath(physicalSitePath);
            if (!Directory.Exists(fullPath)) throw new DirectoryNotFoundException("The site folder does not exist: " + fullPath);

            var host = new SiteHost(fullPath);
            host.GetApplication();
            return host;
        }

        /// <summary>
        /// Copies this assembly (and its .pdb) into <c>SITE/bin</c> when missing or different, creating the
        /// folder if needed.
        /// </summary>
        /// <param name="physicalSitePath">The Web Forms site folder.</param>
        /// <returns>True when a file was written.</returns>
        public static bool DeployHostAssembly(string physicalSitePath)
        {
            string source = HostAssemblyPath();
            string bin = Path.Combine(Path.GetFullPath(physicalSitePath), "bin");
            Directory.CreateDirectory(bin);

            bool copied = CopyIfDifferent(source, Path.Combine(bin, Path.GetFileName(source)));
            string pdb = Path.ChangeExtension(source, ".pdb");
            if (File.Exists(pdb)) copied |= CopyIfDifferent(pdb, Path.Combine(bin, Path.GetFileName(pdb)));

            return copied;
        }

        /// <summary>
        /// Runs one request. When the domain was recycled under it, the request is sent once more to a
        /// fresh domain.
        /// </summary>
        /// <param name="request">The request.</param>
        /// <returns>The reply.</returns>
        public HostedResponse Process(HostedRequest request)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));

            for (int attempt = 0; ; attempt++)
            {
                AspNetApplication app = GetApplication();
                try
                {
                    HostedResponse response = HostedMessageCodec.UnpackResponse(app.ProcessPacked(HostedMessageCodec.Pack(request)));
                    if (response.ApplicationUnloading && attempt == 0)
                    {
                        Retire(app);
                        continue;
                    }

                    return response;
                }
                catch (Exception ex) when (attempt == 0 && IsDeadDomain(ex))
                {
                    Retire(app);
                }
                catch (ThreadAbortException) when (attempt == 0)
                {
                    // Mono aborts a thread that is inside a domain it unloads (a recycle after a web.config
                    // change): that abort is the domain's, not a request to stop this caller, so the
                    // request goes to the new domain. Any other abort goes on.
                    Thread.ResetAbort();
                    if (IsAlive(app)) throw;
                    Retire(app);
                }
            }
        }

        /// <summary>Sends a GET request.</summary>
        /// <param name="pathAndQuery">The URL path and query, such as <c>/Default.aspx?x=1</c>.</param>
        /// <returns>The reply.</returns>
        public HostedResponse Get(string pathAndQuery) => Process(AspNetApplication.CreateGet(pathAndQuery));

        /// <summary>Sends a POST request.</summary>
        /// <param name="pathAndQuery">The URL path and query.</param>
        /// <param name="contentType">The body's content type, such as <c>application/x-www-form-urlencoded</c>.</param>
        /// <param name="body">The body bytes.</param>
        /// <returns>The reply.</returns>
        public HostedResponse Post(string pathAndQuery, string contentType, byte[] body) => Process(AspNetApplication.CreatePost(pathAndQuery, contentType, body));

        /// <summary>Sends a POST request with a UTF-8 text body.</summary>
        /// <param name="pathAndQuery">The URL path and query.</param>
        /// <param name="contentType">The body's content type, such as <c>application/x-www-form-urlencoded</c>.</param>
        /// <param name="body">The body text.</param>
        /// <returns>The reply.</returns>
        public HostedResponse Post(string pathAndQuery, string contentType, string body) => Post(pathAndQuery, contentType, Encoding.UTF8.GetBytes(body ?? string.Empty));

        /// <summary>Shuts the ASP.NET application down and waits up to <paramref name="timeout"/> for its domain to go.</summary>
        /// <param name="timeout">How long to wait for the orderly shutdown before forcing the unload.</param>
        public void Shutdown(TimeSpan timeout)
        {
            AspNetApplication app;
            lock (_sync)
            {
                _disposed = true;
                app = _application;
                _application = null;
            }

            if (app == null) return;

            try
            {
                app.Shutdown();
                if (WaitForDomainGone(app, timeout)) return;

                app.UnloadDomain();
                WaitForDomainGone(app, TimeSpan.FromSeconds(2));
            }
            catch (Exception ex) when (IsDeadDomain(ex))
            {
                // Already gone.
            }
        }

        /// <summary>Shuts the application down (waits up to 5 seconds).</summary>
        public void Dispose()
        {
            Shutdown(TimeSpan.FromSeconds(5));
        }

        /// <summary>
        /// Forgets an application whose domain is going away, so that the next request starts a new one.
        /// </summary>
        /// <param name="dead">The application; nothing happens when another already replaced it.</param>
        internal void Retire(AspNetApplication dead)
        {
            lock (_sync)
            {
                // Another request may already have replaced it.
                if (ReferenceEquals(_application, dead)) _application = null;
            }
        }

        /// <summary>ASP.NET's default <c>maxRequestLength</c> (4096 KB) in bytes.</summary>
        public const long DefaultMaxRequestLength = 4096L * 1024L;

        /// <summary>The application's <c>maxRequestLength</c> in bytes, asked of each application once.</summary>
        public long MaxRequestLength
        {
            get
            {
                AspNetApplication app = GetApplication();
                lock (_sync)
                {
                    if (!ReferenceEquals(_limitOf, app))
                    {
                        _maxRequestLength = app.MaxRequestLength;
                        _limitOf = app;
                    }

                    return _maxRequestLength;
                }
            }
        }

        private AspNetApplication GetApplication()
        {
            lock (_sync)
            {
                if (_disposed) throw new ObjectDisposedException(nameof(SiteHost));

                if (_application == null)
                {
                    DeployHostAssembly(_physicalPath);
                    var app = (AspNetApplication)ApplicationHost.CreateApplicationHost(typeof(AspNetApplication), "/", _physicalPath);
                    app.RequestTimeout = _requestTimeout;
                    _application = app;
                }

                return _application;
            }
        }

        private static bool WaitForDomainGone(AspNetApplication app, TimeSpan timeout)
        {
            DateTime deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                try
                {
                    app.Ping();
                }
                catch (Exception ex) when (IsDeadDomain(ex))
                {
                    return true;
                }

                Thread.Sleep(50);
            }

            return false;
        }

        private static bool IsAlive(AspNetApplication app)
        {
            try
            {
                return app.Ping() && !app.IsUnloading;
            }
            catch (Exception ex) when (IsDeadDomain(ex))
            {
                return false;
            }
        }

        /// <summary>Whether an exception says the application's domain is gone or going (a call into it cannot succeed).</summary>
        internal static bool IsDeadDomain(Exception ex) => ex is AppDomainUnloadedException || ex is RemotingException || ex is CannotUnloadAppDomainException;

        internal static string HostAssemblyPath()
        {
            Assembly assembly = typeof(SiteHost).Assembly;

            // Test runners shadow-copy assemblies; CodeBase still names the original file, Location the copy.
            // Either holds the same bytes, so the first usable one wins.
            string location = assembly.Location;
            if (!string.IsNullOrEmpty(location) && File.Exists(location)) return location;

            var codeBase = new Uri(assembly.CodeBase);
            return codeBase.LocalPath;
        }

        private static bool CopyIfDifferent(string source, string target)
        {
            if (File.Exists(target) && SameContent(source, target)) return false;

            File.Copy(source, target, true);
            return true;
        }

        private static bool SameContent(string a, string b)
        {
            var infoA = new FileInfo(a);
            var infoB = new FileInfo(b);
            if (infoA.Length != infoB.Length) return false;

            byte[] bytesA = File.ReadAllBytes(a);
            byte[] bytesB = File.ReadAllBytes(b);
            for (int i = 0; i < bytesA.Length; i++) if (bytesA[i] != bytesB[i]) return false;

            return true;
        }
    }
}
