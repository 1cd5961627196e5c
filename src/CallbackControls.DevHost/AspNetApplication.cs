using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Web;
using System.Web.Configuration;

namespace CallbackControls.DevHost
{
    /// <summary>
    /// The ASP.NET side of the host: one instance lives inside the application domain that
    /// <see cref="System.Web.Hosting.ApplicationHost.CreateApplicationHost"/> creates, and runs requests
    /// through <see cref="HttpRuntime.ProcessRequest"/> on the caller's thread.
    /// </summary>
    /// <remarks>Created by <see cref="SiteHost"/>, which also deploys this assembly to the site.</remarks>
    public sealed class AspNetApplication : MarshalByRefObject
    {
        private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

        // ASP.NET's own execution timeout: a request still running then is answered 503.
        private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(110);

        private readonly ConcurrentDictionary<HostedWorkerRequest, bool> _pending = new ConcurrentDictionary<HostedWorkerRequest, bool>();
        private volatile bool _unloading;

        /// <summary>Called by the ASP.NET hosting layer inside the new application domain.</summary>
        public AspNetApplication()
        {
            AppDomain.CurrentDomain.DomainUnload += (sender, e) =>
            {
                _unloading = true;
                foreach (HostedWorkerRequest worker in _pending.Keys) worker.Abandon();
            };
        }

        /// <summary>
        /// The site's <c>httpRuntime maxRequestLength</c> in bytes (ASP.NET's default, 4096 KB, when the site
        /// sets none): the server refuses a longer body before reading it.
        /// </summary>
        public long MaxRequestLength => ((WebConfigurationManager.GetSection("system.web/httpRuntime") as HttpRuntimeSection)?.MaxRequestLength ?? 4096L) * 1024L;

        /// <summary>Keeps the remoting proxy alive for the life of the application domain.</summary>
        /// <returns>Null: an infinite lease.</returns>
        public override object InitializeLifetimeService() => null;

        /// <summary>
        /// Runs one request through ASP.NET; the request and the reply travel packed by <see cref="HostedMessageCodec"/>,
        /// as byte arrays cross the domain boundary by a plain copy. The reply is 503 with
        /// <see cref="HostedResponse.ApplicationUnloading"/> set when the domain is shutting down, 503 when ASP.NET
        /// did not finish in time, 500 when the host failed.
        /// </summary>
        public byte[] Process(byte[] packedRequest) => Process(packedRequest, null);

        /// <summary>
        /// Runs one request as <see cref="Process(byte[])"/> does; once the application flushes the reply before it
        /// ends, the reply goes to <paramref name="stream"/> as it comes (the returned one then carries no body),
        /// and no deadline ends the request: the application does.
        /// </summary>
        public byte[] Process(byte[] packedRequest, ReplyStream stream) => HostedMessageCodec.Pack(Process(HostedMessageCodec.UnpackRequest(packedRequest), stream));

        /// <summary>Asks ASP.NET to shut this application down and unload its domain; returns at once.</summary>
        public void Shutdown() => HttpRuntime.UnloadAppDomain();

        /// <summary>Unloads the domain without ASP.NET's orderly shutdown, for when <see cref="Shutdown"/> did not finish; returns at once.</summary>
        public void UnloadDomain()
        {
            // AppDomain.Unload must not run on a thread inside the domain being unloaded.
            AppDomain domain = AppDomain.CurrentDomain;
            new Thread(() =>
            {
                try
                {
                    AppDomain.Unload(domain);
                }
                catch (Exception)
                {
                    // Already unloading or unloaded: the goal is reached either way.
                }
            })
            { IsBackground = true }.Start();
        }

        /// <summary>A cheap call to tell whether the domain is still alive (the proxy throws once it is gone); false while it is shutting down.</summary>
        public bool Ping() => !_unloading;

        private HostedResponse Process(HostedRequest request, ReplyStream stream)
        {
            if (_unloading) return UnloadingResponse();

            HostedWorkerRequest worker;
            try
            {
                worker = new HostedWorkerRequest(request, stream);
            }
            catch (Exception ex)
            {
                return ErrorResponse(ex);
            }

            if (worker.Refused) return HostedResponse.Plain(404, "Not Found", "Not Found");

            if (worker.DirectoryRedirect != null)
            {
                HostedResponse redirect = HostedResponse.Plain(301, "Moved Permanently", "Moved to " + worker.DirectoryRedirect);
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
                    if (_unloading)
                    {
                        // The unload event abandons the requests it finds; this one may have come in just after it.
                        worker.Abandon();
                    }
                    else if (DateTime.UtcNow >= deadline && !worker.IsStreaming)
                    {
                        worker.Abandon();
                        return HostedResponse.Plain(503, "Service Unavailable", "The request did not finish in time.");
                    }
                }

                return worker.WasAbandoned ? UnloadingResponse() : worker.CreateResponse();
            }
            catch (Exception ex)
            {
                worker.Abandon();
                return ErrorResponse(ex);
            }
            finally
            {
                _pending.TryRemove(worker, out _);
            }
        }

        private static HostedResponse UnloadingResponse()
        {
            HostedResponse response = HostedResponse.Plain(503, "Service Unavailable", "The application is restarting; try again.");
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

            return HostedResponse.Plain(500, "Internal Server Error", "Internal Server Error");
        }
    }
}
