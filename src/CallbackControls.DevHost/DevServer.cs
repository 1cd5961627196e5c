// Over 500 lines on purpose: one server's whole life (start, stop, and moving the port across a recycle under one lock); split, its invariants would span files.
using System;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Runtime.Remoting;
using System.Threading;

namespace CallbackControls.DevHost
{
    /// <summary>
    /// A development web server: <see cref="System.Net.HttpListener"/> on the loopback address in front of a
    /// <see cref="SiteHost"/>. Requests are served concurrently; each reply is written in one piece.
    /// </summary>
    /// <remarks>
    /// On Mono the listener runs inside the ASP.NET application's domain (<see cref="ApplicationListener"/>), so
    /// no request crosses a domain boundary. When ASP.NET recycles that domain, a listener in the next one
    /// takes the port over before the old domain goes: the old one stops accepting, the new one binds the
    /// port at once (new connections are refused only for that moment), and the requests the old one still
    /// holds are finished there or run by the new application. Elsewhere, or when no listener can run inside
    /// the application, a relay listener sends every request to this domain, which runs it through the
    /// <see cref="SiteHost"/>.
    /// </remarks>
    public sealed class DevServer : IDisposable
    {
        private readonly object sync = new object();
        private readonly string sitePath;
        private readonly bool ownsSite;
        private readonly int requestedPort;
        private Owner owner;
        private SiteHost site;
        private RequestListener front;
        private AspNetApplication frontApplication;
        private AppDomain relayDomain;
        private TextWriter log;
        private int port;
        private string host = "127.0.0.1";
        private int retiredNoDelayRequests;
        private volatile bool running;
        private volatile bool stopping;
        private bool portLost;

        /// <summary>Creates a server for a site folder; the site is started by <see cref="Start"/> and stopped by <see cref="Stop()"/>.</summary>
        /// <param name="physicalSitePath">The Web Forms site folder.</param>
        /// <param name="port">The TCP port on 127.0.0.1; 0 picks a free one.</param>
        public DevServer(string physicalSitePath, int port)
        {
            if (string.IsNullOrEmpty(physicalSitePath))
            {
                throw new ArgumentException("A site folder is required.", nameof(physicalSitePath));
            }

            CheckPort(port);
            sitePath = physicalSitePath;
            requestedPort = port;
            ownsSite = true;
        }

        /// <summary>Creates a server in front of a running site; stopping the server leaves the site running.</summary>
        /// <param name="site">The site to serve.</param>
        /// <param name="port">The TCP port on 127.0.0.1; 0 picks a free one.</param>
        public DevServer(SiteHost site, int port)
        {
            CheckPort(port);
            this.site = site ?? throw new ArgumentNullException(nameof(site));
            sitePath = site.PhysicalPath;
            requestedPort = port;
            ownsSite = false;
        }

        /// <summary>
        /// The base URL, such as <c>http://127.0.0.1:5080/</c> (<c>localhost</c> on Windows without the right to
        /// register 127.0.0.1); null until started.
        /// </summary>
        public string Url
        {
            get { return port == 0 || FastCgiEndpoint != null ? null : "http://" + host + ":" + port.ToString(CultureInfo.InvariantCulture) + "/"; }
        }

        /// <summary>The TCP port listened on; 0 until started.</summary>
        public int Port
        {
            get { return port; }
        }

        /// <summary>The site being served; null until started when the server was given a folder.</summary>
        public SiteHost Site
        {
            get { return site; }
        }

        /// <summary>True between <see cref="Start"/> and <see cref="Stop()"/>.</summary>
        public bool IsRunning
        {
            get { return running; }
        }

        /// <summary>
        /// Gets or sets whether the listener runs inside the ASP.NET application's domain, so that no request
        /// crosses a domain boundary; read by <see cref="Start"/>. True by default on Mono, where a crossing
        /// costs about as much as running a bare handler; false elsewhere.
        /// </summary>
        public bool ServeInsideApplication { get; set; } = Type.GetType("Mono.Runtime") != null;

        /// <summary>
        /// Gets or sets where the server takes FastCGI connections from a web server in front of it (nginx),
        /// instead of HTTP: <c>unix:/path/to.sock</c>, <c>HOST:PORT</c> or <c>PORT</c>; null (the default) serves
        /// HTTP on <see cref="Port"/>. Read by <see cref="Start"/>; <see cref="Url"/> is then null.
        /// </summary>
        public string FastCgiEndpoint { get; set; }

        /// <summary>True while the listener runs inside the ASP.NET application's domain.</summary>
        public bool IsServingInsideApplication
        {
            get { return running && frontApplication != null; }
        }

        /// <summary>
        /// Receives one line per request (method, URL, status, milliseconds) and host warnings; null turns
        /// logging off.
        /// </summary>
        public TextWriter Log
        {
            get
            {
                return log;
            }

            set
            {
                log = value == null ? null : TextWriter.Synchronized(value);
                RequestListener current = front;
                if (current != null)
                {
                    TryCall(() => current.LogRequests = log != null);
                }
            }
        }

        /// <summary>
        /// How many requests arrived on a connection with TCP_NODELAY set: without it, Mono's listener
        /// writes a reply over 16 KB in two writes and the client's delayed ACK adds ~40 ms to each.
        /// </summary>
        public int NoDelayRequests
        {
            get
            {
                RequestListener current = front;
                int now = 0;
                if (current != null)
                {
                    TryCall(() => now = current.NoDelayRequests);
                }

                return Volatile.Read(ref retiredNoDelayRequests) + now;
            }
        }

        /// <summary>Starts the site (if given a folder) and begins accepting requests; also after <see cref="Stop()"/>.</summary>
        /// <exception cref="InvalidOperationException">Already started.</exception>
        public void Start()
        {
            bool lost;
            lock (sync)
            {
                lost = portLost;
            }

            if (lost)
            {
                // No listener took the port over after a restart: finish that stop first.
                Stop(TimeSpan.Zero);
            }

            lock (sync)
            {
                if (running)
                {
                    throw new InvalidOperationException("The server is already running.");
                }

                if (site == null)
                {
                    site = SiteHost.Create(sitePath);
                }

                stopping = false;

                // One per start: Stop disconnects it, so that nothing keeps a stopped server in memory.
                owner = new Owner(this);
                site.ApplicationStarted += OnApplicationStarted;
                try
                {
                    front = StartFront(requestedPort, out frontApplication);
                }
                catch (Exception)
                {
                    site.ApplicationStarted -= OnApplicationStarted;
                    Disconnect(owner);
                    throw;
                }

                port = front.Port;
                host = front.Host;
                running = true;
            }
        }

        /// <summary>Stops accepting, lets requests in flight finish (up to 5 seconds) and shuts the site down if it owns it.</summary>
        public void Stop()
        {
            Stop(TimeSpan.FromSeconds(5));
        }

        /// <summary>Stops accepting, lets requests in flight finish and shuts the site down if it owns it.</summary>
        /// <param name="drainTimeout">How long to wait for requests in flight.</param>
        public void Stop(TimeSpan drainTimeout)
        {
            RequestListener stopped;
            Owner stoppedOwner;
            lock (sync)
            {
                // A server that lost its port is no longer running but still holds its site and owner.
                if (!running && !portLost)
                {
                    return;
                }

                stopping = true;
                running = false;
                portLost = false;
                stopped = front;
                stoppedOwner = owner;
                site.ApplicationStarted -= OnApplicationStarted;
            }

            if (stopped != null)
            {
                StopListener(stopped, drainTimeout);
            }

            UnloadRelayDomain();

            if (ownsSite && site != null)
            {
                try
                {
                    site.Shutdown(TimeSpan.FromSeconds(5));
                }
                catch (Exception ex)
                {
                    Warn("shutting the site down: " + ex.Message);
                }

                site = null;
            }

            // Every listener that could call the owner is closed (or its domain gone): without this, the
            // remoting table would hold the owner, and through it this server, for the life of the process.
            Disconnect(stoppedOwner);
        }

        /// <summary>Same as <see cref="Stop()"/>.</summary>
        public void Dispose()
        {
            Stop();
        }

        /// <summary>Finds a TCP port on 127.0.0.1 that nothing listens on right now.</summary>
        /// <returns>The port number.</returns>
        public static int FindFreePort()
        {
            return RequestListener.FindFreePort();
        }

        private static void Disconnect(Owner stoppedOwner)
        {
            try
            {
                RemotingServices.Disconnect(stoppedOwner);
            }
            catch (Exception)
            {
                // Never marshaled (no listener was made), or already disconnected.
            }
        }

        private void StopListener(RequestListener stopped, TimeSpan drainTimeout)
        {
            // Requests arriving while the others finish are answered 503 "shutting down".
            TryCall(() => stopped.BeginStop());
            DateTime deadline = DateTime.UtcNow + drainTimeout;
            while (DateTime.UtcNow < deadline)
            {
                int inFlight = 0;
                TryCall(() => inFlight = stopped.InFlight);
                if (inFlight == 0)
                {
                    break;
                }

                Thread.Sleep(10);
            }

            lock (sync)
            {
                TryCall(() => retiredNoDelayRequests += stopped.NoDelayRequests);
                front = null;
                frontApplication = null;
            }

            if (!TryCall(() => stopped.Close(), out Exception error))
            {
                Warn("closing the listener: " + error.Message);
            }
        }

        private static void CheckPort(int port)
        {
            if (port < 0 || port > 65535)
            {
                throw new ArgumentOutOfRangeException(nameof(port), port, "A TCP port is 0 to 65535.");
            }
        }

        private static void TryCall(Action call)
        {
            TryCall(call, out Exception ignored);
        }

        private static bool TryCall(Action call, out Exception error)
        {
            // Callers pass lambdas over a local holding the listener, never method groups: Mono 6.8 binds a
            // delegate to a method of a MarshalByRefObject through its remoting wrapper and aborts the process
            // (remoting.c:393) when the object is local. A lambda that captures a local compiles to a method of
            // a compiler-made closure class, so the delegate is bound to that closure and the listener is
            // called inside it. (A lambda capturing only `this` would compile to an instance method of the
            // class it is written in: harmless here, DevServer is no MarshalByRefObject.)
            // A listener in a domain that is gone (or going) has nothing left to stop or report.
            try
            {
                call();
                error = null;
                return true;
            }
            catch (Exception ex) when (SiteHost.IsDeadDomain(ex) || ex is ObjectDisposedException || ex is System.Net.HttpListenerException)
            {
                error = ex;
                return false;
            }
        }

        private RequestListener StartFront(int listenPort, out AspNetApplication application)
        {
            application = null;
            ApplicationListener inside = ServeInsideApplication ? TryCreateInside(site, out application) : null;
            if (inside != null)
            {
                try
                {
                    Listen(inside, listenPort);
                    return inside;
                }
                catch (Exception)
                {
                    TryCall(() => inside.Close());
                    application = null;
                    throw;
                }
            }

            return StartRelay(listenPort);
        }

        private void Listen(RequestListener listener, int listenPort)
        {
            if (FastCgiEndpoint != null)
            {
                listener.StartFastCgi(FastCgiEndpoint);
            }
            else
            {
                listener.Start(listenPort);
            }
        }

        /// <summary>
        /// Starts a relay listener in a domain of its own. Not in this one: on Mono 6.8 (seen under the xunit
        /// host) an HttpListener in the domain that made the ASP.NET domains stopped delivering requests once a
        /// listener inside an ASP.NET domain had served a page, while one in a fresh domain kept working.
        /// </summary>
        private ApplicationListener StartRelay(int listenPort)
        {
            var setup = new AppDomainSetup { ApplicationBase = Path.GetDirectoryName(SiteHost.HostAssemblyPath()) };
            AppDomain domain = AppDomain.CreateDomain("CallbackControls.DevHost relay", null, setup);
            try
            {
                var relay = (ApplicationListener)domain.CreateInstanceAndUnwrap(
                    typeof(ApplicationListener).Assembly.FullName,
                    typeof(ApplicationListener).FullName,
                    false,
                    BindingFlags.Instance | BindingFlags.Public,
                    null,
                    new object[] { null, owner, log != null },
                    CultureInfo.InvariantCulture,
                    null);
                Listen(relay, listenPort);
                UnloadRelayDomain();
                relayDomain = domain;
                return relay;
            }
            catch (Exception)
            {
                TryUnload(domain);
                throw;
            }
        }

        private void UnloadRelayDomain()
        {
            AppDomain domain = Interlocked.Exchange(ref relayDomain, null);
            if (domain != null)
            {
                TryUnload(domain);
            }
        }

        private static void TryUnload(AppDomain domain)
        {
            try
            {
                AppDomain.Unload(domain);
            }
            catch (Exception ex) when (ex is CannotUnloadAppDomainException || ex is AppDomainUnloadedException)
            {
                // Already going; nothing in it is needed any more.
            }
        }

        private ApplicationListener TryCreateInside(SiteHost from, out AspNetApplication application)
        {
            try
            {
                application = from.Application;
                return application.CreateListener(owner, log != null);
            }
            catch (Exception ex) when (SiteHost.IsDeadDomain(ex) || ex is ObjectDisposedException || ex is InvalidOperationException)
            {
                // A site already shut down, or one whose domain will not start: the relay answers for it.
                application = null;
                return null;
            }
        }

        private void OnApplicationStarted(AspNetApplication next)
        {
            try
            {
                MoveFront(next);
            }
            catch (Exception ex)
            {
                Warn("moving the listener to the restarted application: " + ex.GetType().Name + ": " + ex.Message);
            }
        }

        /// <summary>
        /// Moves the port from the listener in a recycled application to one in <paramref name="next"/>
        /// (null: to a relay): the new listener is made ready first, so the port is closed only
        /// between the old listener closing its socket and the new one binding it.
        /// </summary>
        private void MoveFront(AspNetApplication next)
        {
            lock (sync)
            {
                if (!running || stopping || frontApplication == null || ReferenceEquals(frontApplication, next))
                {
                    return;
                }

                // ApplicationStarted is raised outside the site's lock: a late move to an application that a
                // newer one replaced would take the port back from the newer one (whose own move may have run
                // first). The newer one's move brings the port there. A retired application that nothing replaced
                // yet still takes it: its unload then moves the port on, where a skip could leave it in a
                // domain that is going.
                if (next != null && site.IsReplaced(next))
                {
                    return;
                }

                RequestListener old = front;
                ApplicationListener fresh = null;
                if (next != null)
                {
                    try
                    {
                        fresh = next.CreateListener(owner, log != null);
                        fresh.PrepareToListen();
                    }
                    catch (Exception ex)
                    {
                        // Whatever the failure, the relay below takes the port over.
                        Warn("could not start a listener in the restarted application: " + ex.GetType().Name + ": " + ex.Message);
                        if (fresh != null)
                        {
                            CloseQuietly(fresh);
                            fresh = null;
                        }
                    }
                }

                TryCall(() => retiredNoDelayRequests += old.NoDelayRequests);
                TryCall(() => old.StopAccepting());

                // The old socket is closed: from here every failure must still leave something on the port.
                if (fresh != null)
                {
                    try
                    {
                        Listen(fresh, port);
                        front = fresh;
                        frontApplication = next;
                        return;
                    }
                    catch (Exception ex)
                    {
                        Warn("the restarted application could not take the port over: " + ex.GetType().Name + ": " + ex.Message);
                        CloseQuietly(fresh);
                    }
                }

                // Every request crosses from here on, and SiteHost starts whatever application it needs.
                frontApplication = null;
                const int RelayAttempts = 2;
                for (int attempt = 1; ; attempt++)
                {
                    try
                    {
                        front = StartRelay(port);
                        return;
                    }
                    catch (Exception ex) when (attempt < RelayAttempts)
                    {
                        Warn("could not start a relay listener, trying again: " + ex.GetType().Name + ": " + ex.Message);
                        Thread.Sleep(100);
                    }
                    catch (Exception ex)
                    {
                        // Nothing listens any more: say so and stop, rather than claim to be running.
                        Warn("NOTHING LISTENS ON PORT " + port.ToString(CultureInfo.InvariantCulture) + " ANY MORE: no listener could take it over after the restart ("
                            + ex.GetType().Name + ": " + ex.Message + "); the server has stopped.");
                        front = null;
                        running = false;
                        portLost = true;
                        site.ApplicationStarted -= OnApplicationStarted;
                        return;
                    }
                }
            }
        }

        private static void CloseQuietly(RequestListener listener)
        {
            try
            {
                listener.Close();
            }
            catch (Exception)
            {
                // A listener that would not start holds nothing worth a second failure.
            }
        }

        private void Warn(string message)
        {
            TextWriter writer = log ?? Console.Error;
            try
            {
                writer.WriteLine("dev host: " + message);
            }
            catch (Exception)
            {
                // Logging never fails a request.
            }
        }

        /// <summary>The server's side of its listeners inside ASP.NET domains.</summary>
        private sealed class Owner : ListenerOwner
        {
            private readonly DevServer server;

            public Owner(DevServer server)
            {
                this.server = server;
            }

            public override byte[] ProcessElsewhere(ApplicationListener caller, byte[] packedRequest)
            {
                server.Retire(caller);
                SiteHost current = server.site;
                if (current == null)
                {
                    return HostedMessageCodec.Pack(AspNetApplication.ShuttingDownResponse());
                }

                // Starts the next application when none has yet, which moves the listener there.
                return HostedMessageCodec.Pack(current.Process(HostedMessageCodec.UnpackRequest(packedRequest)));
            }

            public override void ApplicationUnloading(ApplicationListener unloading)
            {
                if (!server.Retire(unloading))
                {
                    return;
                }

                AspNetApplication next = null;
                try
                {
                    // Starting it raises ApplicationStarted, which moves the listener; when a request already
                    // started it, the move below finds nothing left to do.
                    next = server.site.Application;
                }
                catch (Exception ex)
                {
                    server.Warn("could not restart the application: " + ex.GetType().Name + ": " + ex.Message);
                }

                server.MoveFront(next);
            }

            public override void WriteLines(string[] lines)
            {
                TextWriter writer = server.log;
                if (writer == null)
                {
                    return;
                }

                foreach (string line in lines)
                {
                    writer.WriteLine(line);
                }
            }
        }

        /// <summary>Forgets the application of the listener serving now when it is <paramref name="caller"/>.</summary>
        /// <returns>True when that listener is the one serving (so it still holds the port).</returns>
        private bool Retire(ApplicationListener caller)
        {
            AspNetApplication dying;
            lock (sync)
            {
                if (!running || stopping || !ReferenceEquals(front, caller))
                {
                    return false;
                }

                dying = frontApplication;
            }

            if (dying != null)
            {
                site?.Retire(dying);
            }

            return true;
        }
    }
}
