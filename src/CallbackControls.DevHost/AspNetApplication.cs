using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Web;

namespace CallbackControls.DevHost
{
    /// <summary>
    /// The ASP.NET side of the host: one instance lives inside the application domain that
    /// <see cref="System.Web.Hosting.ApplicationHost.CreateApplicationHost"/> creates, and runs requests
    /// through <see cref="HttpRuntime.ProcessRequest"/> on the caller's thread.
    /// </summary>
    /// <remarks>Create it with <see cref="SiteHost.Create(string)"/>, which also deploys this assembly to the site.</remarks>
    public sealed class AspNetApplication : MarshalByRefObject
    {
        private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

        private readonly ConcurrentDictionary<HostedWorkerRequest, bool> _pending = new ConcurrentDictionary<HostedWorkerRequest, bool>();
        private volatile bool _domainUnloading;
        private long _requestTimeoutTicks = TimeSpan.FromSeconds(110).Ticks;

        /// <summary>Called by the ASP.NET hosting layer inside the new application domain.</summary>
        public AspNetApplication()
        {
            AppDomain.CurrentDomain.DomainUnload += OnDomainUnload;
        }

        /// <summary>
        /// How long <see cref="Process"/> waits for ASP.NET to finish a request before answering 503;
        /// 110 seconds (ASP.NET's own execution timeout) unless set.
        /// </summary>
        public TimeSpan RequestTimeout
        {
            get { return TimeSpan.FromTicks(Interlocked.Read(ref _requestTimeoutTicks)); }
            set { Interlocked.Exchange(ref _requestTimeoutTicks, value <= TimeSpan.Zero ? TimeSpan.FromSeconds(110).Ticks : value.Ticks); }
        }

        /// <summary>The application's virtual path (<c>/</c>).</summary>
        public string VirtualPath => HttpRuntime.AppDomainAppVirtualPath;

        /// <summary>The application's folder on disk.</summary>
        public string PhysicalPath => HttpRuntime.AppDomainAppPath;

        /// <summary>True once ASP.NET has begun shutting this application domain down.</summary>
        public bool IsUnloading => CheckUnloading();

        /// <summary>Keeps the remoting proxy alive for the life of the application domain.</summary>
        /// <returns>Null: an infinite lease.</returns>
        public override object InitializeLifetimeService() => null;

        /// <summary>Runs one request through ASP.NET and returns what it sent back.</summary>
        /// <param name="request">The request.</param>
        /// <returns>
        /// The reply; 503 with <see cref="HostedResponse.ApplicationUnloading"/> set when the domain is shutting
        /// down, 503 when ASP.NET did not finish within <see cref="RequestTimeout"/>, 500 when the host failed.
        /// </returns>
        public HostedResponse Process(HostedRequest request)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));

            if (CheckUnloading()) return UnloadingResponse();

            HostedWorkerRequest worker;
            try
            {
                worker = new HostedWorkerRequest(request, HttpRuntime.AppDomainAppVirtualPath, HttpRuntime.AppDomainAppPath);
            }
            catch (Exception ex)
            {
                return ErrorResponse(ex);
            }

            if (worker.Refused) return PlainResponse(404, "Not Found", "Not Found");

            if (worker.DirectoryRedirect != null)
            {
                HostedResponse redirect = PlainResponse(301, "Moved Permanently", "Moved to " + worker.DirectoryRedirect);
                redirect.Headers.Add(new KeyValuePair<string, string>("Location", worker.DirectoryRedirect));
                return redirect;
            }

            _pending[worker] = true;
            try
            {
                HttpRuntime.ProcessRequest(worker);

                DateTime deadline = DateTime.UtcNow + RequestTimeout;
                while (!worker.WaitForCompletion(PollInterval))
                {
                    if (CheckUnloading() && !worker.IsCompleted)
                    {
                        worker.Abandon();
                        return UnloadingResponse();
                    }

                    if (DateTime.UtcNow >= deadline)
                    {
                        worker.Abandon();
                        return PlainResponse(503, "Service Unavailable", "The request did not finish in time.");
                    }
                }

                if (worker.WasAbandoned) return UnloadingResponse();

                return worker.CreateResponse();
            }
            catch (Exception ex)
            {
                worker.Abandon();
                return ErrorResponse(ex);
            }
            finally
            {
                bool ignored;
                _pending.TryRemove(worker, out ignored);
            }
        }

        /// <summary>
        /// <see cref="Process"/> for a caller in another application domain: the request and the reply
        /// travel packed into byte arrays, which cross the boundary as a plain copy.
        /// </summary>
        /// <param name="packedRequest">The request, packed by <see cref="HostedMessageCodec"/>.</param>
        /// <returns>The reply, packed the same way.</returns>
        public byte[] ProcessPacked(byte[] packedRequest) => HostedMessageCodec.Pack(Process(HostedMessageCodec.UnpackRequest(packedRequest)));

        /// <summary>
        /// The site's <c>httpRuntime maxRequestLength</c> in bytes (ASP.NET's default, 4096 KB, when the site
        /// sets none): the server refuses a longer body before reading it.
        /// </summary>
        public long MaxRequestLength
        {
            get
            {
                var section = System.Web.Configuration.WebConfigurationManager.GetSection("system.web/httpRuntime") as System.Web.Configuration.HttpRuntimeSection;
                return (section == null ? 4096L : section.MaxRequestLength) * 1024L;
            }
        }

        /// <summary>Sends a GET request.</summary>
        /// <param name="pathAndQuery">The URL path and query, such as <c>/Default.aspx?x=1</c>.</param>
        /// <returns>The reply.</returns>
        public HostedResponse Get(string pathAndQuery) => Process(CreateGet(pathAndQuery));

        /// <summary>Sends a POST request.</summary>
        /// <param name="pathAndQuery">The URL path and query.</param>
        /// <param name="contentType">The body's content type, such as <c>application/x-www-form-urlencoded</c>.</param>
        /// <param name="body">The body bytes.</param>
        /// <returns>The reply.</returns>
        public HostedResponse Post(string pathAndQuery, string contentType, byte[] body) => Process(CreatePost(pathAndQuery, contentType, body));

        /// <summary>Asks ASP.NET to shut this application down and unload its domain; returns at once.</summary>
        public void Shutdown()
        {
            HttpRuntime.UnloadAppDomain();
        }

        /// <summary>
        /// Unloads the domain without ASP.NET's orderly shutdown; for when <see cref="Shutdown"/> did not
        /// finish. Returns at once.
        /// </summary>
        public void UnloadDomain()
        {
            // AppDomain.Unload must not run on a thread inside the domain being unloaded.
            AppDomain domain = AppDomain.CurrentDomain;
            var thread = new Thread(() =>
            {
                try
                {
                    AppDomain.Unload(domain);
                }
                catch (Exception)
                {
                    // Already unloading or unloaded: the goal is reached either way.
                }
            });
            thread.IsBackground = true;
            thread.Start();
        }

        /// <summary>A cheap call to tell whether the domain is still alive (the proxy throws once it is gone).</summary>
        /// <returns>False while the domain is shutting down.</returns>
        public bool Ping() => !CheckUnloading();

        internal static HostedRequest CreateGet(string pathAndQuery)
        {
            var request = new HostedRequest("GET", pathAndQuery);
            request.AddHeader("Host", "localhost");
            return request;
        }

        internal static HostedRequest CreatePost(string pathAndQuery, string contentType, byte[] body)
        {
            var request = new HostedRequest("POST", pathAndQuery) { Body = body };
            request.AddHeader("Host", "localhost");
            if (!string.IsNullOrEmpty(contentType)) request.AddHeader("Content-Type", contentType);

            return request;
        }

        internal static HostedResponse PlainResponse(int status, string description, string text)
        {
            var response = new HostedResponse
            {
                StatusCode = status,
                StatusDescription = description,
                Body = Encoding.UTF8.GetBytes(text + "\n"),
            };
            response.Headers.Add(new KeyValuePair<string, string>("Content-Type", "text/plain; charset=utf-8"));
            return response;
        }

        internal static HostedResponse UnloadingResponse()
        {
            HostedResponse response = PlainResponse(503, "Service Unavailable", "The application is restarting; try again.");
            response.ApplicationUnloading = true;
            return response;
        }

        private static HostedResponse ErrorResponse(Exception ex)
        {
            // The details go to the developer's console, never to the client.
            try
            {
                Console.Error.WriteLine("dev host: request failed: " + ex.GetType().FullName + ": " + ex.Message);
            }
            catch (Exception)
            {
                // Console gone (service, closed pipe): nothing more to do.
            }

            return PlainResponse(500, "Internal Server Error", "Internal Server Error");
        }

        private bool CheckUnloading()
        {
            if (_domainUnloading) return true;

            return false;
        }

        private void OnDomainUnload(object sender, EventArgs e)
        {
            _domainUnloading = true;
            foreach (HostedWorkerRequest worker in _pending.Keys) worker.Abandon();
        }
    }
}
