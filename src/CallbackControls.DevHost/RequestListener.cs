// Over 500 lines on purpose: the accept loops (HTTP and FastCGI) and the copying of requests and replies between them and ASP.NET, whose details (headers, NODELAY, hand-over, orderly stop) belong together.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Threading;

namespace CallbackControls.DevHost
{
    /// <summary>
    /// An <see cref="HttpListener"/> on the loopback address, or a FastCGI socket for a web server in front
    /// (<see cref="StartFastCgi"/>, the protocol in <see cref="FastCgiConnection"/>), and what every front end
    /// of the dev host does with it: the accept loop, copying requests and replies, TCP_NODELAY, the request
    /// log, the hand-over in a recycle, and an orderly stop. Subclasses decide where a request is answered
    /// (<see cref="Answer"/>).
    /// </summary>
    /// <remarks>
    /// A <see cref="MarshalByRefObject"/> because <see cref="ApplicationListener"/> lives in the ASP.NET domain
    /// (or, as a relay, in a domain of its own) and is driven from the default one. A listener inside the
    /// application crosses only per start, stop and recycle (and for the requests its unloading application
    /// can no longer run); a relay crosses for every request, which <see cref="ListenerOwner.ProcessElsewhere"/>
    /// runs in the default domain.
    /// </remarks>
    internal abstract class RequestListener : MarshalByRefObject
    {
        // HttpListener writes these itself from ContentLength64 and its keep-alive logic; passing
        // ASP.NET's copies through would duplicate or contradict them.
        private static readonly HashSet<string> ListenerManagedHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive",
        };

        private readonly object sync = new object();
        private readonly SocketTuning socketTuning = new SocketTuning();
        private HttpListener listener;
        private Socket fastCgiSocket;
        private string fastCgiUnixPath;
        private readonly HashSet<Socket> fastCgiConnections = new HashSet<Socket>();
        private Thread acceptThread;
        private string host;
        private int port;
        private int inFlight;
        private int noDelayRequests;
        private int noDelayWarned;
        private volatile bool logRequests;
        private volatile bool stopping;
        private volatile bool accepting;

        /// <summary>The host name listened on (<c>127.0.0.1</c>, or <c>localhost</c> where only that may be registered).</summary>
        public string Host => host;

        /// <summary>The TCP port listened on; 0 until started.</summary>
        public int Port => port;

        /// <summary>Requests accepted and not yet answered.</summary>
        public int InFlight => Volatile.Read(ref inFlight);

        /// <summary>How many requests arrived on a connection with TCP_NODELAY set.</summary>
        public int NoDelayRequests => Volatile.Read(ref noDelayRequests);

        /// <summary>Whether a line is written per request (method, URL, status, milliseconds).</summary>
        public bool LogRequests
        {
            get => logRequests;
            set => logRequests = value;
        }

        /// <summary>
        /// True once this listener stopped taking new connections and handed the port on: replies then close
        /// their connection, so a client's next request opens one to the listener that took over.
        /// </summary>
        protected bool HandedOver => (listener != null || fastCgiSocket != null) && !accepting && !stopping;

        /// <summary>Where FastCGI connections are taken (as given to <see cref="StartFastCgi"/>); null for HTTP.</summary>
        public string FastCgiEndpoint { get; private set; }

        /// <summary>True once <see cref="BeginStop"/> was called: new requests are answered 503.</summary>
        protected bool Stopping => stopping;

        /// <summary>Keeps a cross-domain proxy alive for the life of the domain.</summary>
        /// <returns>Null: an infinite lease.</returns>
        public override object InitializeLifetimeService() => null;

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

        /// <summary>Binds the port (0 picks a free one) and starts accepting.</summary>
        /// <param name="requestedPort">The TCP port on 127.0.0.1, or 0.</param>
        public void Start(int requestedPort)
        {
            lock (sync)
            {
                if (listener != null || fastCgiSocket != null)
                {
                    throw new InvalidOperationException("The listener is already started.");
                }

                // Each request holds a pool thread while ASP.NET runs it; the pool's slow thread injection
                // would otherwise queue a handful of concurrent requests behind each other.
                ThreadPool.GetMinThreads(out int workers, out int completionPorts);
                if (workers < 32)
                {
                    ThreadPool.SetMinThreads(32, completionPorts);
                }

                listener = Bind(requestedPort, out port, out host);
                accepting = true;
                HttpListener http = listener;
                acceptThread = new Thread(() => AcceptLoop(http)) { IsBackground = true, Name = "Dev host accept" };
                acceptThread.Start();
            }
        }

        /// <summary>
        /// Takes FastCGI connections from a web server (nginx) instead of HTTP ones: each connection gets a thread
        /// of its own that reads a request, runs it and writes the reply, for as long as the web server keeps
        /// the connection open (nginx: <c>keepalive</c> in the upstream and <c>fastcgi_keep_conn on</c>).
        /// </summary>
        /// <param name="endpoint"><c>unix:/path/to.sock</c>, <c>HOST:PORT</c> or <c>PORT</c>.</param>
        public void StartFastCgi(string endpoint)
        {
            lock (sync)
            {
                if (listener != null || fastCgiSocket != null)
                {
                    throw new InvalidOperationException("The listener is already started.");
                }

                fastCgiSocket = FastCgiListening.Bind(endpoint, out fastCgiUnixPath);
                FastCgiEndpoint = endpoint;
                accepting = true;
                Socket listening = fastCgiSocket;
                acceptThread = new Thread(() => FastCgiAcceptLoop(listening)) { IsBackground = true, Name = "Dev host FastCGI accept" };
                acceptThread.Start();
            }
        }

        /// <summary>
        /// Binds and closes a listener on a throwaway port, so that the first <see cref="Start"/> in this domain
        /// does not spend its time compiling: during a recycle the port is closed until then.
        /// </summary>
        public void PrepareToListen()
        {
            HttpListener probe = TryBind("127.0.0.1", FindFreePort(), out Exception ignored);
            if (probe != null)
            {
                probe.Close();
            }
        }

        /// <summary>
        /// Stops taking new connections and frees the port for another listener; requests on connections
        /// already open are still answered (each reply then closes its connection).
        /// </summary>
        public void StopAccepting()
        {
            HttpListener http;
            Socket fastCgi;
            lock (sync)
            {
                http = listener;
                fastCgi = fastCgiSocket;
                if ((http == null && fastCgi == null) || !accepting)
                {
                    return;
                }

                accepting = false;
            }

            if (fastCgi != null)
            {
                // The socket's file stays: the next listener replaces it with its own.
                CloseQuietly(fastCgi);
                return;
            }

            if (!CloseListeningSockets(port))
            {
                // Not Mono's listener: the only way to free the port is to stop it, connections and all.
                CloseQuietly(http);
            }
        }

        /// <summary>Answers every request from now on with 503 "shutting down" (the server is stopping).</summary>
        public void BeginStop()
        {
            stopping = true;
        }

        /// <summary>Closes the listener and every connection it holds.</summary>
        public void Close()
        {
            HttpListener http;
            Socket fastCgi;
            Socket[] connections;
            Thread thread;
            bool ownsSocketFile;
            lock (sync)
            {
                // After StopAccepting the socket's file belongs to the listener that took over.
                ownsSocketFile = accepting;
                stopping = true;
                accepting = false;
                http = listener;
                fastCgi = fastCgiSocket;
                thread = acceptThread;
                acceptThread = null;
            }

            lock (fastCgiConnections)
            {
                connections = new Socket[fastCgiConnections.Count];
                fastCgiConnections.CopyTo(connections);
            }

            if (http != null)
            {
                CloseQuietly(http);
            }

            if (fastCgi != null)
            {
                CloseQuietly(fastCgi);
                if (ownsSocketFile)
                {
                    FastCgiListening.TryDelete(fastCgiUnixPath);
                }
            }

            foreach (Socket connection in connections)
            {
                CloseQuietly(connection);
            }

            if (thread != null && thread != Thread.CurrentThread)
            {
                thread.Join(TimeSpan.FromSeconds(2));
            }

            OnClosed();
        }

        /// <summary>Answers one request; runs on a pool thread of this listener's domain.</summary>
        /// <param name="request">The request as read from the connection.</param>
        /// <returns>The reply to write.</returns>
        protected abstract HostedResponse Answer(HostedRequest request);

        /// <summary>Writes one line of the request log or a warning.</summary>
        /// <param name="line">The line, without its end.</param>
        protected abstract void WriteLine(string line);

        /// <summary>Called once <see cref="Close"/> has closed the listener.</summary>
        protected virtual void OnClosed()
        {
        }

        /// <summary>Reports a problem of the host itself (never a request's own failure).</summary>
        /// <param name="message">What went wrong.</param>
        protected void Warn(string message)
        {
            try
            {
                WriteLine("dev host: " + message);
            }
            catch (Exception)
            {
                // Logging never fails a request.
            }
        }

        private static HttpListener Bind(int requested, out int chosen, out string chosenHost)
        {
            // A free port found by probing can be taken by someone else before the listener binds it.
            int attempts = requested == 0 ? 5 : 1;
            for (int attempt = 1; ; attempt++)
            {
                int candidate = requested == 0 ? FindFreePort() : requested;
                chosenHost = "127.0.0.1";
                HttpListener http = TryBind(chosenHost, candidate, out Exception error);
                if (http == null && IsAccessDenied(error))
                {
                    // http.sys (Windows) lets a non-administrator register "localhost" but not "127.0.0.1".
                    chosenHost = "localhost";
                    http = TryBind(chosenHost, candidate, out error);
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

        private static HttpListener TryBind(string hostName, int candidate, out Exception error)
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

        /// <summary>
        /// Closes the listening sockets of Mono's listener for a port. HttpListener.Stop would also close every
        /// open connection, dropping the requests in flight; this leaves them be. Mono keeps its sockets in
        /// private fields (EndPointManager → address → port → EndPointListener → Socket), found here by their
        /// types; false where they are not found (http.sys on Windows).
        /// </summary>
        private static bool CloseListeningSockets(int listenedPort)
        {
            try
            {
                Type manager = typeof(HttpListener).Assembly.GetType("System.Net.EndPointManager", false);
                FieldInfo table = manager == null ? null : FindField(manager, typeof(Hashtable), BindingFlags.Static | BindingFlags.NonPublic);
                var byAddress = table?.GetValue(null) as Hashtable;
                if (byAddress == null)
                {
                    return false;
                }

                bool closed = false;

                // Mono's EndPointManager locks the table itself (not its SyncRoot, a separate object).
                lock (byAddress)
                {
                    foreach (object ports in byAddress.Values)
                    {
                        var byPort = ports as Hashtable;
                        object endpoint = byPort?[listenedPort];
                        FieldInfo socketField = endpoint == null ? null : FindField(endpoint.GetType(), typeof(Socket), BindingFlags.Instance | BindingFlags.NonPublic);
                        if (socketField?.GetValue(endpoint) is Socket socket)
                        {
                            socket.Close();
                            closed = true;
                        }
                    }
                }

                return closed;
            }
            catch (Exception)
            {
                return false;
            }
        }

        private static FieldInfo FindField(Type type, Type fieldType, BindingFlags flags)
        {
            foreach (FieldInfo field in type.GetFields(flags))
            {
                if (fieldType.IsAssignableFrom(field.FieldType))
                {
                    return field;
                }
            }

            return null;
        }

        private static void CloseQuietly(HttpListener http)
        {
            try
            {
                if (http.IsListening)
                {
                    http.Stop();
                }

                http.Close();
            }
            catch (Exception)
            {
                // Already closed.
            }
        }

        private static void CloseQuietly(Socket socket)
        {
            try
            {
                socket.Close();
            }
            catch (Exception)
            {
                // Already closed.
            }
        }

        private void FastCgiAcceptLoop(Socket listening)
        {
            while (true)
            {
                Socket connection;
                try
                {
                    connection = listening.Accept();
                }
                catch (Exception ex)
                {
                    // Closed: stopped, or handed over to the next application's listener.
                    if (stopping || !accepting)
                    {
                        return;
                    }

                    Warn("accepting a FastCGI connection: " + ex.Message);
                    Thread.Sleep(10);
                    continue;
                }

                bool admitted;
                lock (fastCgiConnections)
                {
                    admitted = fastCgiConnections.Count < FastCgiListening.MaxConnections && fastCgiConnections.Add(connection);
                }

                if (!admitted)
                {
                    Warn("more than " + FastCgiListening.MaxConnections.ToString(CultureInfo.InvariantCulture) + " FastCGI connections; closing a new one");
                    CloseQuietly(connection);
                    continue;
                }

                try
                {
                    if (connection.AddressFamily != AddressFamily.Unix)
                    {
                        connection.NoDelay = true;
                    }

                    // A thread per connection, not a pool thread: a kept connection waits between requests,
                    // and a pool thread waiting there is one ASP.NET cannot use.
                    new Thread(() => ServeFastCgi(connection)) { IsBackground = true, Name = "Dev host FastCGI connection" }.Start();
                }
                catch (Exception ex)
                {
                    Warn("starting a FastCGI connection: " + ex.Message);
                    ForgetFastCgi(connection);
                }
            }
        }

        private void ServeFastCgi(Socket connection)
        {
            try
            {
                using (var stream = new NetworkStream(connection, true))
                {
                    var fastCgi = new FastCgiConnection(stream, AnswerFastCgi) { CloseAfterReply = () => HandedOver || stopping };
                    fastCgi.Run();
                }
            }
            catch (InvalidDataException ex)
            {
                Warn("closing a FastCGI connection: " + ex.Message);
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException || ex is ObjectDisposedException)
            {
                // The web server closed the connection, or the listener is closing it.
            }
            catch (Exception ex)
            {
                Warn("a FastCGI connection failed: " + ex.GetType().Name + ": " + ex.Message);
            }
            finally
            {
                ForgetFastCgi(connection);
            }
        }

        private void ForgetFastCgi(Socket connection)
        {
            lock (fastCgiConnections)
            {
                fastCgiConnections.Remove(connection);
            }

            CloseQuietly(connection);
        }

        private HostedResponse AnswerFastCgi(HostedRequest request)
        {
            Interlocked.Increment(ref inFlight);
            bool log = logRequests;
            long started = log ? Stopwatch.GetTimestamp() : 0;
            HostedResponse response;
            try
            {
                response = stopping
                    ? AspNetApplication.ShuttingDownResponse()
                    : Answer(request);
            }
            catch (Exception ex)
            {
                Warn("request failed: " + request.Verb + " " + request.PathAndQuery + ": " + ex.GetType().Name + ": " + ex.Message);
                response = AspNetApplication.PlainResponse(500, "Internal Server Error", "Internal Server Error");
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }

            if (log)
            {
                LogRequest(request.Verb + " " + request.PathAndQuery, response.StatusCode, started);
            }

            return response;
        }

        private void LogRequest(string description, int status, long started)
        {
            double milliseconds = (Stopwatch.GetTimestamp() - started) * 1000.0 / Stopwatch.Frequency;
            try
            {
                WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} {1} {2:0.0} ms", description, status, milliseconds));
            }
            catch (Exception)
            {
                // A broken log (closed pipe) must not take requests down with it.
            }
        }

        private void AcceptLoop(HttpListener http)
        {
            // Runs until the listener is closed, so requests arriving while the server drains still get a 503;
            // after StopAccepting it still takes the requests of connections that were already open.
            while (true)
            {
                HttpListenerContext context;
                try
                {
                    context = http.GetContext();
                }
                catch (Exception ex)
                {
                    // Closed, or aborted as the domain unloads after handing the port over.
                    if (stopping || !accepting || !http.IsListening)
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
                    ThreadPool.UnsafeQueueUserWorkItem(item => HandleContext(item), context);
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
            bool log = logRequests;
            long started = log ? Stopwatch.GetTimestamp() : 0;
            int status = 500;
            try
            {
                TuneSocket(context);
                HostedResponse response = stopping
                    ? AspNetApplication.ShuttingDownResponse()
                    : Answer(ReadRequest(context));
                status = response.StatusCode;
                WriteResponse(context, response);
            }
            catch (Exception ex)
            {
                status = 500;
                Warn("request failed: " + Describe(context) + ": " + ex.GetType().Name + ": " + ex.Message);
                WriteFailure(context);
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
                if (log)
                {
                    LogRequest(Describe(context), status, started);
                }
            }
        }

        private static string Describe(HttpListenerContext context)
        {
            try
            {
                return context.Request.HttpMethod + " " + context.Request.RawUrl;
            }
            catch (Exception)
            {
                return "? ?";
            }
        }

        private void TuneSocket(HttpListenerContext context)
        {
            bool set = socketTuning.TrySetNoDelay(context);
            if (set)
            {
                Interlocked.Increment(ref noDelayRequests);
            }
            else if (socketTuning.Failure != null && Interlocked.Exchange(ref noDelayWarned, 1) == 0)
            {
                Warn("could not set TCP_NODELAY (replies over 16 KB may be ~40 ms slower): " + socketTuning.Failure);
            }
        }

        private static HostedRequest ReadRequest(HttpListenerContext context)
        {
            HttpListenerRequest source = context.Request;
            var request = new HostedRequest(source.HttpMethod, source.RawUrl)
            {
                HttpVersion = source.ProtocolVersion.Minor == 1 && source.ProtocolVersion.Major == 1 ? "HTTP/1.1" : "HTTP/" + source.ProtocolVersion.ToString(2),
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

            if (HandedOver)
            {
                // The port belongs to the next listener now: the client's next request goes there.
                target.KeepAlive = false;
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
    }
}
