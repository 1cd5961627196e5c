// Over 500 lines on purpose: the HttpListener front end in one place (accept loop, request and reply copying, logging, orderly stop).
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace CallbackControls.DevHost
{
    /// <summary>
    /// A development web server: <see cref="HttpListener"/> on the loopback address in front of a
    /// <see cref="SiteHost"/>. Requests are served concurrently; each reply is written in one piece.
    /// </summary>
    public sealed class DevServer : IDisposable
    {
        // HttpListener writes these itself from ContentLength64 and its keep-alive logic; passing
        // ASP.NET's copies through would duplicate or contradict them.
        private static readonly HashSet<string> ListenerManagedHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive",
        };

        private readonly object sync = new object();
        private readonly string sitePath;
        private readonly bool ownsSite;
        private readonly int requestedPort;
        private readonly SocketTuning socketTuning = new SocketTuning();
        private SiteHost site;
        private HttpListener listener;
        private Thread acceptThread;
        private TextWriter log;
        private int port;
        private string host = "127.0.0.1";
        private int inFlight;
        private volatile bool running;
        private volatile bool stopping;
        private int noDelayWarned;
        private int noDelayRequests;

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
            get { return port == 0 ? null : "http://" + host + ":" + port.ToString(CultureInfo.InvariantCulture) + "/"; }
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
        /// Receives one line per request (method, URL, status, milliseconds) and host warnings; null turns
        /// logging off.
        /// </summary>
        public TextWriter Log
        {
            get { return log; }
            set { log = value == null ? null : TextWriter.Synchronized(value); }
        }

        /// <summary>Starts the site (if given a folder) and begins accepting requests.</summary>
        /// <exception cref="InvalidOperationException">Already started.</exception>
        public void Start()
        {
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

                // Each request holds a pool thread while ASP.NET runs it; the pool's slow thread injection
                // would otherwise queue a handful of concurrent requests behind each other.
                int workers;
                int completionPorts;
                ThreadPool.GetMinThreads(out workers, out completionPorts);
                if (workers < 32)
                {
                    ThreadPool.SetMinThreads(32, completionPorts);
                }

                listener = StartListener(requestedPort, out port, out host);
                stopping = false;
                running = true;
                acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = "DevServer accept" };
                acceptThread.Start();
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
            HttpListener stoppedListener;
            Thread stoppedThread;
            lock (sync)
            {
                if (!running)
                {
                    return;
                }

                stopping = true;
                running = false;
                stoppedListener = listener;
                stoppedThread = acceptThread;
                listener = null;
                acceptThread = null;
            }

            DateTime deadline = DateTime.UtcNow + drainTimeout;
            while (Volatile.Read(ref inFlight) > 0 && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(10);
            }

            try
            {
                stoppedListener.Stop();
                stoppedListener.Close();
            }
            catch (Exception ex)
            {
                Warn("closing the listener: " + ex.Message);
            }

            if (stoppedThread != null && stoppedThread != Thread.CurrentThread)
            {
                stoppedThread.Join(TimeSpan.FromSeconds(2));
            }

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
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            try
            {
                return ((IPEndPoint)probe.LocalEndpoint).Port;
            }
            finally
            {
                probe.Stop();
            }
        }

        private static void CheckPort(int port)
        {
            if (port < 0 || port > 65535)
            {
                throw new ArgumentOutOfRangeException(nameof(port), port, "A TCP port is 0 to 65535.");
            }
        }

        private static HttpListener StartListener(int requested, out int chosen, out string chosenHost)
        {
            // A free port found by probing can be taken by someone else before the listener binds it.
            int attempts = requested == 0 ? 5 : 1;
            for (int attempt = 1; ; attempt++)
            {
                int candidate = requested == 0 ? FindFreePort() : requested;
                chosenHost = "127.0.0.1";
                HttpListener http = TryStart(chosenHost, candidate, out Exception error);
                if (http == null && IsAccessDenied(error))
                {
                    // http.sys (Windows) lets a non-administrator register "localhost" but not "127.0.0.1".
                    chosenHost = "localhost";
                    http = TryStart(chosenHost, candidate, out error);
                }

                if (http != null)
                {
                    chosen = candidate;
                    return http;
                }

                if (attempt >= attempts)
                {
                    throw error;
                }
            }
        }

        private static HttpListener TryStart(string hostName, int candidate, out Exception error)
        {
            var http = new HttpListener();
            http.Prefixes.Add("http://" + hostName + ":" + candidate.ToString(CultureInfo.InvariantCulture) + "/");
            try
            {
                http.Start();
                error = null;
                return http;
            }
            catch (Exception ex)
            {
                error = ex;
                try
                {
                    http.Close();
                }
                catch (Exception)
                {
                    // The listener never started; there is nothing to release.
                }

                return null;
            }
        }

        private static bool IsAccessDenied(Exception error)
        {
            const int ErrorAccessDenied = 5;
            var listenerError = error as HttpListenerException;
            return listenerError != null && listenerError.ErrorCode == ErrorAccessDenied && Environment.OSVersion.Platform == PlatformID.Win32NT;
        }

        private void AcceptLoop()
        {
            HttpListener http = listener;

            // Runs until the listener is closed, so requests arriving while Stop drains still get a 503.
            while (true)
            {
                HttpListenerContext context;
                try
                {
                    context = http.GetContext();
                }
                catch (Exception ex)
                {
                    if (stopping || !http.IsListening)
                    {
                        return;
                    }

                    Warn("accepting a request: " + ex.Message);
                    Thread.Sleep(10);
                    continue;
                }

                Interlocked.Increment(ref inFlight);
                try
                {
                    ThreadPool.UnsafeQueueUserWorkItem(HandleContext, context);
                }
                catch (Exception ex)
                {
                    Interlocked.Decrement(ref inFlight);
                    Warn("queueing a request: " + ex.Message);
                    TryAbort(context);
                }
            }
        }

        private void HandleContext(object state)
        {
            var context = (HttpListenerContext)state;
            Stopwatch watch = Stopwatch.StartNew();
            string method = "?";
            string url = "?";
            int status = 500;
            try
            {
                method = context.Request.HttpMethod;
                url = context.Request.RawUrl;
                TuneSocket(context);

                HostedResponse response;
                SiteHost current = site;
                if (stopping || current == null)
                {
                    response = AspNetApplication.PlainResponse(503, "Service Unavailable", "The server is shutting down.");
                }
                else
                {
                    response = current.Process(ReadRequest(context));
                }

                status = response.StatusCode;
                WriteResponse(context, response);
            }
            catch (Exception ex)
            {
                status = 500;
                Warn("request failed: " + method + " " + url + ": " + ex.GetType().Name + ": " + ex.Message);
                WriteFailure(context);
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
                TextWriter writer = log;
                if (writer != null)
                {
                    try
                    {
                        writer.WriteLine(string.Format(
                            CultureInfo.InvariantCulture, "{0} {1} {2} {3:0.0} ms", method, url, status, watch.Elapsed.TotalMilliseconds));
                    }
                    catch (Exception)
                    {
                        // A broken log (closed pipe) must not take requests down with it.
                    }
                }
            }
        }

        /// <summary>
        /// How many requests arrived on a connection with TCP_NODELAY set: without it, Mono's listener
        /// writes a reply over 16 KB in two writes and the client's delayed ACK adds ~40 ms to each.
        /// </summary>
        public int NoDelayRequests => Volatile.Read(ref noDelayRequests);

        private void TuneSocket(HttpListenerContext context)
        {
            bool set = socketTuning.TrySetNoDelay(context);
            if (set) Interlocked.Increment(ref noDelayRequests);
            if (!set && socketTuning.Failure != null && Interlocked.Exchange(ref noDelayWarned, 1) == 0)
            {
                Warn("could not set TCP_NODELAY (replies over 16 KB may be ~40 ms slower): " + socketTuning.Failure);
            }
        }

        private static HostedRequest ReadRequest(HttpListenerContext context)
        {
            HttpListenerRequest source = context.Request;
            var request = new HostedRequest(source.HttpMethod, source.RawUrl)
            {
                HttpVersion = "HTTP/" + source.ProtocolVersion.ToString(2),
            };

            var headers = source.Headers;
            for (int i = 0; i < headers.Count; i++)
            {
                string name = headers.GetKey(i);
                if (!string.IsNullOrEmpty(name))
                {
                    request.AddHeader(name, headers.Get(i));
                }
            }

            if (source.HasEntityBody)
            {
                long declared = source.ContentLength64;
                using (var body = new MemoryStream(declared > 0 && declared < int.MaxValue ? (int)declared : 4096))
                {
                    source.InputStream.CopyTo(body);
                    request.Body = body.ToArray();
                }
            }

            IPEndPoint remote = source.RemoteEndPoint;
            if (remote != null)
            {
                request.RemoteAddress = remote.Address.ToString();
                request.RemotePort = remote.Port;
            }

            IPEndPoint local = source.LocalEndPoint;
            if (local != null)
            {
                request.LocalAddress = local.Address.ToString();
                request.LocalPort = local.Port;
            }

            return request;
        }

        private void WriteResponse(HttpListenerContext context, HostedResponse response)
        {
            HttpListenerResponse target = context.Response;
            target.StatusCode = response.StatusCode;
            if (!string.IsNullOrEmpty(response.StatusDescription))
            {
                target.StatusDescription = response.StatusDescription;
            }

            foreach (KeyValuePair<string, string> header in response.Headers)
            {
                if (ListenerManagedHeaders.Contains(header.Key))
                {
                    continue;
                }

                if (string.Equals(header.Key, "Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    target.ContentType = header.Value;
                    continue;
                }

                try
                {
                    target.Headers.Add(header.Key, header.Value);
                }
                catch (ArgumentException ex)
                {
                    Warn("dropped response header " + header.Key + ": " + ex.Message);
                }
            }

            byte[] body = response.Body;
            bool head = string.Equals(context.Request.HttpMethod, "HEAD", StringComparison.OrdinalIgnoreCase);
            target.ContentLength64 = body.Length;
            if (!head && body.Length > 0)
            {
                target.OutputStream.Write(body, 0, body.Length);
            }

            target.Close();
        }

        private static void WriteFailure(HttpListenerContext context)
        {
            try
            {
                byte[] body = Encoding.ASCII.GetBytes("Internal Server Error\n");
                HttpListenerResponse target = context.Response;
                target.StatusCode = 500;
                target.StatusDescription = "Internal Server Error";
                target.ContentType = "text/plain; charset=us-ascii";
                target.ContentLength64 = body.Length;
                target.OutputStream.Write(body, 0, body.Length);
                target.Close();
            }
            catch (Exception)
            {
                // Headers already went out (or the client left): all that remains is dropping the connection.
                TryAbort(context);
            }
        }

        private static void TryAbort(HttpListenerContext context)
        {
            try
            {
                context.Response.Abort();
            }
            catch (Exception)
            {
                // Nothing left to release.
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
                // See HandleContext: logging never fails a request.
            }
        }
    }
}
