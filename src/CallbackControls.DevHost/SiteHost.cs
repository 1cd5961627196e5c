using System;
using System.IO;
using System.Linq;
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
        // ASP.NET's default maxRequestLength (4096 KB) in bytes.
        private const long DefaultMaxRequestLength = 4096L * 1024L;

        private readonly object _sync = new object();
        private AspNetApplication _application;
        private bool _disposed;
        private Tuple<AspNetApplication, long> _limit;

        private SiteHost(string physicalPath)
        {
            PhysicalPath = physicalPath;
        }

        /// <summary>The site folder on disk (full path).</summary>
        public string PhysicalPath { get; }

        /// <summary>The application in its ASP.NET domain, started on first use and again after ASP.NET recycled the domain.</summary>
        public AspNetApplication Application => GetApplication();

        /// <summary>
        /// The application's <c>maxRequestLength</c> in bytes, asked of each application once; ASP.NET's
        /// default when it cannot tell (a site that cannot start answers every request with an error anyway).
        /// </summary>
        internal long MaxRequestLength
        {
            get
            {
                try
                {
                    AspNetApplication app = GetApplication();
                    Tuple<AspNetApplication, long> limit = _limit;
                    if (limit?.Item1 != app) _limit = limit = Tuple.Create(app, app.MaxRequestLength);

                    return limit.Item2;
                }
                catch (Exception)
                {
                    return DefaultMaxRequestLength;
                }
            }
        }

        /// <summary>Deploys this assembly into <c>SITE/bin</c> and starts the ASP.NET application for a site folder.</summary>
        /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
        public static SiteHost Create(string physicalSitePath)
        {
            string fullPath = Path.GetFullPath(physicalSitePath);
            if (!Directory.Exists(fullPath)) throw new DirectoryNotFoundException("The site folder does not exist: " + fullPath);

            var host = new SiteHost(fullPath);
            host.GetApplication();
            return host;
        }

        /// <summary>
        /// Copies this assembly (and its .pdb) into <c>SITE/bin</c>, where ASP.NET loads the host type from,
        /// when missing or different; true when a file was written.
        /// </summary>
        public static bool DeployHostAssembly(string physicalSitePath)
        {
            string bin = Path.Combine(Path.GetFullPath(physicalSitePath), "bin");
            Directory.CreateDirectory(bin);
            string assembly = typeof(SiteHost).Assembly.Location;
            bool copied = false;
            foreach (string source in new[] { assembly, Path.ChangeExtension(assembly, ".pdb") })
            {
                string target = Path.Combine(bin, Path.GetFileName(source));
                if (!File.Exists(source) || File.Exists(target) && File.ReadAllBytes(source).SequenceEqual(File.ReadAllBytes(target))) continue;

                File.Copy(source, target, true);
                copied = true;
            }

            return copied;
        }

        /// <summary>Runs one request. When the domain was recycled under it, the request is sent once more to a fresh domain.</summary>
        public HostedResponse Process(HostedRequest request) => Process(request, null);

        /// <summary>
        /// Runs one request; a reply the application flushes before it ends goes to <paramref name="stream"/> as it
        /// comes (<see cref="ReplyStream.Started"/> then says so). When the domain was recycled under it, the request
        /// is sent once more to a fresh domain.
        /// </summary>
        public HostedResponse Process(HostedRequest request, ReplyStream stream)
        {
            for (int attempt = 0; ; attempt++)
            {
                AspNetApplication app = GetApplication();
                try
                {
                    HostedResponse response = HostedMessageCodec.UnpackResponse(app.Process(HostedMessageCodec.Pack(request), stream));
                    if (!response.ApplicationUnloading || attempt > 0 || (stream?.Started ?? false)) return response;

                    Retire(app);
                }
                catch (Exception ex) when (attempt == 0 && IsDeadDomain(ex) && !(stream?.Started ?? false))
                {
                    Retire(app);
                }
                catch (ThreadAbortException) when (attempt == 0 && !(stream?.Started ?? false))
                {
                    // Mono aborts a thread that is inside a domain it unloads (a recycle after a web.config
                    // change): that abort is the domain's, not a request to stop this caller, so the
                    // request goes to the new domain. Any other abort goes on.
                    Thread.ResetAbort();
                    if (Ping(app) == true) throw;

                    Retire(app);
                }
            }
        }

        /// <summary>Sends a GET request for <c>localhost</c>, such as <c>Get("/Default.aspx?x=1")</c>.</summary>
        public HostedResponse Get(string pathAndQuery) => Process(new HostedRequest("GET", pathAndQuery).AddHeader("Host", "localhost"));

        /// <summary>Sends a POST request for <c>localhost</c>.</summary>
        public HostedResponse Post(string pathAndQuery, string contentType, byte[] body) =>
            Process(new HostedRequest("POST", pathAndQuery) { Body = body }.AddHeader("Host", "localhost").AddHeader("Content-Type", contentType));

        /// <summary>Sends a POST request for <c>localhost</c> with a UTF-8 text body.</summary>
        public HostedResponse Post(string pathAndQuery, string contentType, string body) => Post(pathAndQuery, contentType, Encoding.UTF8.GetBytes(body ?? string.Empty));

        /// <summary>Shuts the ASP.NET application down, forcing the unload when its domain is not gone after <paramref name="timeout"/>.</summary>
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
        public void Dispose() => Shutdown(TimeSpan.FromSeconds(5));

        // Whether an exception says the application's domain is gone or going (a call into it cannot succeed).
        private static bool IsDeadDomain(Exception ex) => ex is AppDomainUnloadedException || ex is RemotingException || ex is CannotUnloadAppDomainException;

        // True while the application's domain runs, false while it shuts down, null once it is gone.
        private static bool? Ping(AspNetApplication app)
        {
            try
            {
                return app.Ping();
            }
            catch (Exception ex) when (IsDeadDomain(ex))
            {
                return null;
            }
        }

        private static bool WaitForDomainGone(AspNetApplication app, TimeSpan timeout)
        {
            DateTime deadline = DateTime.UtcNow + timeout;
            while (Ping(app) != null)
            {
                if (DateTime.UtcNow >= deadline) return false;

                Thread.Sleep(50);
            }

            return true;
        }

        private AspNetApplication GetApplication()
        {
            lock (_sync)
            {
                if (_disposed) throw new ObjectDisposedException(nameof(SiteHost));

                if (_application == null)
                {
                    DeployHostAssembly(PhysicalPath);
                    _application = (AspNetApplication)ApplicationHost.CreateApplicationHost(typeof(AspNetApplication), "/", PhysicalPath);
                }

                return _application;
            }
        }

        // Forgets an application whose domain is going away, so that the next request starts a new one.
        private void Retire(AspNetApplication dead)
        {
            lock (_sync)
            {
                // Another request may already have replaced it.
                if (ReferenceEquals(_application, dead)) _application = null;
            }
        }
    }
}
