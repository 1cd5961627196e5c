using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
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
        // Open connections beyond which a new one is answered 503 and closed.
        private const int MaxConnections = 1000;

        // How long Stop lets requests in flight finish.
        private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

        private readonly object _sync = new object();
        private readonly string _sitePath; // null when the server was given a running site, which it leaves running
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

        /// <summary>Creates a server for a site folder on a TCP port (0 picks a free one); <see cref="Start"/> starts the site, <see cref="Stop()"/> stops it.</summary>
        public DevServer(string physicalSitePath, int port)
        {
            _sitePath = physicalSitePath ?? throw new ArgumentNullException(nameof(physicalSitePath));
            _requestedPort = port;
        }

        /// <summary>Creates a server in front of a running site on a TCP port (0 picks a free one); stopping the server leaves the site running.</summary>
        public DevServer(SiteHost site, int port)
        {
            _site = site ?? throw new ArgumentNullException(nameof(site));
            _requestedPort = port;
        }

        /// <summary>The address listened on; 127.0.0.1 unless set before <see cref="Start"/>.</summary>
        public IPAddress BindAddress { get; set; } = IPAddress.Loopback;

        /// <summary>How long a client has to send a request's head, and how long an idle kept connection stays open.</summary>
        public TimeSpan HeaderTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>How long a client has to send a request's body.</summary>
        public TimeSpan BodyTimeout { get; set; } = TimeSpan.FromSeconds(60);

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

                if (_sitePath != null && _site == null) _site = SiteHost.Create(_sitePath);

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

        /// <summary>Stops listening, lets requests in flight finish (up to 5 seconds), closes every connection and, when the server started the site, shuts it down.</summary>
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

            socket?.Close();
            thread?.Join(TimeSpan.FromSeconds(2));
            DateTime deadline = DateTime.UtcNow + DrainTimeout;
            while (Volatile.Read(ref _inFlight) > 0 && DateTime.UtcNow < deadline) Thread.Sleep(10);

            Socket[] open;
            lock (_connections)
            {
                open = _connections.ToArray();
            }

            foreach (Socket connection in open) connection.Close();

            lock (_sync)
            {
                _listening = null;
                _port = 0;
                if (_sitePath != null && _site != null)
                {
                    _site.Shutdown(TimeSpan.FromSeconds(5));
                    _site = null;
                }
            }
        }

        /// <summary>Same as <see cref="Stop()"/>.</summary>
        public void Dispose() => Stop();

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
                    wire.WriteResponse(HostedResponse.Plain(503, "Service Unavailable", "Too many connections."), false, true);
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
            ReplyStream stream = null;
            bool close;
            try
            {
                request = wire.ReadHead(DateTime.UtcNow + HeaderTimeout);
                if (request == null) return false;

                started = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref _inFlight);
                try
                {
                    request.Body = wire.ReadBody(request, _site.MaxRequestLength, DateTime.UtcNow + BodyTimeout);
                    SetEndPoints(request, connection);
                    close = _stopping || request.HttpVersion != "HTTP/1.1"
                        || string.Equals(request.GetHeader("Connection"), "close", StringComparison.OrdinalIgnoreCase);
                    bool head = string.Equals(request.Verb, "HEAD", StringComparison.Ordinal);
                    stream = new ReplyStream(wire.WriteStreamHead, bytes =>
                    {
                        if (!head) wire.WriteBody(bytes);
                    });
                    response = _stopping ? HostedResponse.Plain(503, "Service Unavailable", "The server is shutting down.") : Answer(request, stream);
                }
                finally
                {
                    Interlocked.Decrement(ref _inFlight);
                }
            }
            catch (HttpError error)
            {
                // Refused before ASP.NET: the rest of what the client sends cannot be trusted to frame a next request.
                response = HostedResponse.Plain(error.Status, error.Description, error.Description + ": " + error.Message + ".");
                started = started == 0 ? Stopwatch.GetTimestamp() : started;
                wire.WriteResponse(response, false, true);
                WriteLog(request, error.Status, started);
                wire.CloseGently();
                return false;
            }

            if (connection.NoDelay) Interlocked.Increment(ref _noDelayRequests);

            stream.Close();
            if (stream.Started)
            {
                // Sent as the application flushed it, with no length: the connection's end is the reply's.
                WriteLog(request, response.StatusCode, started);
                return false;
            }

            wire.WriteResponse(response, string.Equals(request.Verb, "HEAD", StringComparison.Ordinal), close);
            WriteLog(request, response.StatusCode, started);
            return !close;
        }

        private HostedResponse Answer(HostedRequest request, ReplyStream stream)
        {
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    return _site.Process(request, stream);
                }
                catch (ThreadAbortException) when (attempt == 0 && !_stopping && !stream.Started)
                {
                    // Mono aborts a thread that is inside a domain it unloads (a recycle): the request goes to the next application.
                    Thread.ResetAbort();
                }
                catch (Exception ex)
                {
                    // The details go to the developer's console, never to the client.
                    Warn("request failed: " + request.Verb + " " + request.PathAndQuery + ": " + ex.GetType().Name + ": " + ex.Message);
                    return HostedResponse.Plain(500, "Internal Server Error", "Internal Server Error");
                }
            }
        }

        private static void SetEndPoints(HostedRequest request, Socket connection)
        {
            var remote = (IPEndPoint)connection.RemoteEndPoint;
            var local = (IPEndPoint)connection.LocalEndPoint;
            request.RemoteAddress = AddressText(remote.Address);
            request.RemotePort = remote.Port;
            request.LocalAddress = AddressText(local.Address);
            request.LocalPort = local.Port;
        }

        // ASP.NET decides "local" (RemoteOnly custom errors, Request.IsLocal) from these: real addresses,
        // IPv4 ones as such even on a dual-stack socket.
        private static string AddressText(IPAddress address) => (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

        private void Forget(Socket connection)
        {
            lock (_connections)
            {
                _connections.Remove(connection);
            }

            connection.Close();
        }

        private static void WriteQuietly(TextWriter writer, string line)
        {
            try
            {
                writer?.WriteLine(line);
            }
            catch (Exception)
            {
                // A broken log (closed pipe) must not take requests down with it.
            }
        }

        private void WriteLog(HostedRequest request, int status, long started)
        {
            if (_log == null) return;

            double milliseconds = (Stopwatch.GetTimestamp() - started) * 1000.0 / Stopwatch.Frequency;
            string what = request == null ? "(unreadable request)" : request.Verb + " " + request.PathAndQuery;
            WriteQuietly(_log, string.Format(CultureInfo.InvariantCulture, "{0} {1} {2:0.0} ms", what, status, milliseconds));
        }

        private void Warn(string message) => WriteQuietly(_log ?? Console.Error, "dev host: " + message);
    }
}
