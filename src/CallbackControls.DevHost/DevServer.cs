using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace CallbackControls.DevHost
{
    /// <summary>
    /// A development web server, not for deployment: HTTP/1.1 on 127.0.0.1 (unless <see cref="BindAddress"/>
    /// says otherwise) in front of a <see cref="SiteHost"/>. Each connection is served on a thread of its own;
    /// each request crosses once into the ASP.NET application domain, which may be recycled underneath.
    /// </summary>
    public sealed class DevServer : IDisposable
    {
        private readonly object _sync = new object();
        private readonly string _sitePath;
        private readonly bool _ownsSite;
        private readonly int _requestedPort;
        private readonly HashSet<Socket> _connections = new HashSet<Socket>();
        private SiteHost _site;
        private Socket _listening;
        private Thread _acceptThread;
        private int _port;
        private int _inFlight;
        private int _noDelayRequests;
        private volatile bool _running;
        private volatile bool _stopping;
        private TextWriter _log;

        /// <summary>Creates a server for a site folder; the site is started by <see cref="Start"/> and stopped by <see cref="Stop()"/>.</summary>
        /// <param name="physicalSitePath">The Web Forms site folder.</param>
        /// <param name="port">The TCP port; 0 picks a free one.</param>
        public DevServer(string physicalSitePath, int port)
        {
            if (string.IsNullOrEmpty(physicalSitePath)) throw new ArgumentException("A site folder is required.", nameof(physicalSitePath));

            CheckPort(port);
            _sitePath = physicalSitePath;
            _requestedPort = port;
            _ownsSite = true;
        }

        /// <summary>Creates a server in front of a running site; stopping the server leaves the site running.</summary>
        /// <param name="site">The site to serve.</param>
        /// <param name="port">The TCP port; 0 picks a free one.</param>
        public DevServer(SiteHost site, int port)
        {
            CheckPort(port);
            this._site = site ?? throw new ArgumentNullException(nameof(site));
            _sitePath = site.PhysicalPath;
            _requestedPort = port;
        }

        /// <summary>The address listened on; 127.0.0.1 unless set before <see cref="Start"/>.</summary>
        public IPAddress BindAddress { get; set; } = IPAddress.Loopback;

        /// <summary>How long a client has to send a request's head, and how long an idle kept connection stays open.</summary>
        public TimeSpan HeaderTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>How long a client has to send a request's body.</summary>
        public TimeSpan BodyTimeout { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>How long <see cref="Stop()"/> lets requests in flight finish.</summary>
        public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>Open connections beyond which a new one is answered 503 and closed.</summary>
        public int MaxConnections { get; set; } = 1000;

        /// <summary>Where one line per request goes (method, URL, status, milliseconds); null for none.</summary>
        public TextWriter Log
        {
            get => _log;
            set => _log = value == null ? null : TextWriter.Synchronized(value);
        }

        /// <summary>The base URL, such as <c>http://127.0.0.1:5080/</c>; null until started.</summary>
        public string Url
        {
            get
            {
                if (_port == 0) return null;

                IPAddress shown = BindAddress.Equals(IPAddress.Any) ? IPAddress.Loopback : BindAddress.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : BindAddress;
                string host = shown.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + shown + "]" : shown.ToString();
                return "http://" + host + ":" + _port.ToString(CultureInfo.InvariantCulture) + "/";
            }
        }

        /// <summary>The TCP port listened on; 0 until started.</summary>
        public int Port => _port;

        /// <summary>The end point the listening socket is bound to; null until started.</summary>
        public IPEndPoint LocalEndPoint => (IPEndPoint)_listening?.LocalEndPoint;

        /// <summary>The site being served; null until started when the server was given a folder.</summary>
        public SiteHost Site => _site;

        /// <summary>True between <see cref="Start"/> and <see cref="Stop()"/>.</summary>
        public bool IsRunning => _running;

        /// <summary>How many requests were answered on a connection with TCP_NODELAY set.</summary>
        public int NoDelayRequests => Volatile.Read(ref _noDelayRequests);

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

        /// <summary>Starts the site (when given a folder) and begins listening.</summary>
        public void Start()
        {
            lock (_sync)
            {
                if (_running) throw new InvalidOperationException("The server is already running.");

                // Each request holds its connection's thread into ASP.NET, which also takes pool threads;
                // the pool's slow thread injection would queue a handful of concurrent requests.
                ThreadPool.GetMinThreads(out int workers, out int completionPorts);
                if (workers < 32) ThreadPool.SetMinThreads(32, completionPorts);

                if (_ownsSite && _site == null) _site = SiteHost.Create(_sitePath);

                var socket = new Socket(BindAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(BindAddress, _requestedPort));
                    socket.Listen(512);
                }
                catch (Exception)
                {
                    socket.Close();
                    throw;
                }

                _listening = socket;
                _port = ((IPEndPoint)socket.LocalEndPoint).Port;
                _stopping = false;
                _running = true;
                _acceptThread = new Thread(() => AcceptLoop(socket)) { IsBackground = true, Name = "Dev host accept" };
                _acceptThread.Start();
            }
        }

        /// <summary>Stops listening, lets requests in flight finish (up to <see cref="DrainTimeout"/>), closes every connection and, when the server started the site, shuts it down.</summary>
        public void Stop()
        {
            Socket socket;
            Thread thread;
            lock (_sync)
            {
                if (!_running) return;

                _stopping = true;
                _running = false;
                socket = _listening;
                thread = _acceptThread;
                _acceptThread = null;
            }

            CloseQuietly(socket);
            thread?.Join(TimeSpan.FromSeconds(2));
            DateTime deadline = DateTime.UtcNow + DrainTimeout;
            while (Volatile.Read(ref _inFlight) > 0 && DateTime.UtcNow < deadline) Thread.Sleep(10);

            Socket[] open;
            lock (_connections)
            {
                open = new Socket[_connections.Count];
                _connections.CopyTo(open);
            }

            foreach (Socket connection in open) CloseQuietly(connection);

            lock (_sync)
            {
                _listening = null;
                _port = 0;
                if (_ownsSite && _site != null)
                {
                    _site.Shutdown(TimeSpan.FromSeconds(5));
                    _site = null;
                }
            }
        }

        /// <summary>Same as <see cref="Stop()"/>.</summary>
        public void Dispose() => Stop();

        private static void CheckPort(int port)
        {
            if (port < 0 || port > 65535) throw new ArgumentOutOfRangeException(nameof(port), port, "A TCP port is 0 to 65535.");
        }

        private static void CloseQuietly(Socket socket)
        {
            try
            {
                socket?.Close();
            }
            catch (Exception)
            {
                // Already closed.
            }
        }

        private void AcceptLoop(Socket socket)
        {
            while (!_stopping)
            {
                Socket connection;
                try
                {
                    connection = socket.Accept();
                }
                catch (Exception ex)
                {
                    if (_stopping) return;

                    Warn("accepting a connection: " + ex.Message);
                    Thread.Sleep(10);
                    continue;
                }

                bool admitted;
                lock (_connections)
                {
                    admitted = _connections.Count < MaxConnections && _connections.Add(connection);
                }

                try
                {
                    // Without it a reply written in two pieces waits for the client's delayed ACK.
                    connection.NoDelay = true;
                    var thread = new Thread(() => Serve(connection, admitted)) { IsBackground = true, Name = "Dev host connection" };
                    thread.Start();
                }
                catch (Exception ex)
                {
                    Warn("starting a connection: " + ex.Message);
                    Forget(connection);
                }
            }
        }

        private void Serve(Socket connection, bool admitted)
        {
            var wire = new HttpWire(connection);
            try
            {
                if (!admitted)
                {
                    wire.WriteResponse(Plain(503, "Service Unavailable", "Too many connections."), false, true);
                    return;
                }

                while (!wire.Closed && !_stopping) if (!ServeOne(connection, wire)) return;
            }
            catch (Exception ex) when (ex is SocketException || ex is ObjectDisposedException || ex is IOException)
            {
                // The client left, or Stop closed the connection.
            }
            catch (Exception ex)
            {
                Warn("a connection failed: " + ex.GetType().Name + ": " + ex.Message);
            }
            finally
            {
                Forget(connection);
            }
        }

        /// <summary>Reads, answers and logs one request; false when the connection must close.</summary>
        private bool ServeOne(Socket connection, HttpWire wire)
        {
            HostedRequest request = null;
            long started = 0;
            HostedResponse response;
            bool close;
            try
            {
                request = wire.ReadHead(DateTime.UtcNow + HeaderTimeout);
                if (request == null) return false;

                started = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref _inFlight);
                try
                {
                    request.Body = wire.ReadBody(request, MaxRequestBytes(), DateTime.UtcNow + BodyTimeout);
                    SetEndPoints(request, connection);
                    close = _stopping || request.HttpVersion != "HTTP/1.1"
                        || string.Equals(request.GetHeader("Connection"), "close", StringComparison.OrdinalIgnoreCase);
                    response = _stopping ? Plain(503, "Service Unavailable", "The server is shutting down.") : Answer(request);
                }
                finally
                {
                    Interlocked.Decrement(ref _inFlight);
                }
            }
            catch (HttpError error)
            {
                // Refused before ASP.NET: the rest of what the client sends cannot be trusted to frame a next request.
                response = Plain(error.Status, error.Description, error.Description + ": " + error.Message + ".");
                started = started == 0 ? Stopwatch.GetTimestamp() : started;
                wire.WriteResponse(response, false, true);
                WriteLog(request, error.Status, started);
                wire.CloseGently();
                return false;
            }

            if (connection.NoDelay) Interlocked.Increment(ref _noDelayRequests);

            wire.WriteResponse(response, string.Equals(request.Verb, "HEAD", StringComparison.Ordinal), close);
            WriteLog(request, response.StatusCode, started);
            return !close;
        }

        private HostedResponse Answer(HostedRequest request)
        {
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    return _site.Process(request);
                }
                catch (ThreadAbortException) when (attempt == 0 && !_stopping)
                {
                    // Mono aborts a thread that is inside a domain it unloads (a recycle): the request goes to the next application.
                    Thread.ResetAbort();
                }
                catch (Exception ex)
                {
                    // The details go to the developer's console, never to the client.
                    Warn("request failed: " + request.Verb + " " + request.PathAndQuery + ": " + ex.GetType().Name + ": " + ex.Message);
                    return Plain(500, "Internal Server Error", "Internal Server Error");
                }
            }
        }

        private long MaxRequestBytes()
        {
            try
            {
                return _site.MaxRequestLength;
            }
            catch (Exception)
            {
                // A site that cannot start answers 500 anyway; its body is still bounded.
                return SiteHost.DefaultMaxRequestLength;
            }
        }

        private static void SetEndPoints(HostedRequest request, Socket connection)
        {
            // ASP.NET decides "local" (RemoteOnly custom errors, Request.IsLocal) from these: real addresses,
            // IPv4 ones as such even on a dual-stack socket.
            if (connection.RemoteEndPoint is IPEndPoint remote)
            {
                request.RemoteAddress = (remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address).ToString();
                request.RemotePort = remote.Port;
            }

            if (connection.LocalEndPoint is IPEndPoint local)
            {
                request.LocalAddress = (local.Address.IsIPv4MappedToIPv6 ? local.Address.MapToIPv4() : local.Address).ToString();
                request.LocalPort = local.Port;
            }
        }

        private void Forget(Socket connection)
        {
            lock (_connections)
            {
                _connections.Remove(connection);
            }

            CloseQuietly(connection);
        }

        private static HostedResponse Plain(int status, string description, string text) => AspNetApplication.PlainResponse(status, description, text);

        private void WriteLog(HostedRequest request, int status, long started)
        {
            TextWriter writer = _log;
            if (writer == null) return;

            double milliseconds = (Stopwatch.GetTimestamp() - started) * 1000.0 / Stopwatch.Frequency;
            string what = request == null ? "(unreadable request)" : request.Verb + " " + request.PathAndQuery;
            try
            {
                writer.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} {1} {2:0.0} ms", what, status, milliseconds));
            }
            catch (Exception)
            {
                // A broken log (closed pipe) must not take requests down with it.
            }
        }

        private void Warn(string message)
        {
            try
            {
                (Log ?? Console.Error).WriteLine("dev host: " + message);
            }
            catch (Exception)
            {
                // Logging never fails a request.
            }
        }
    }
}
