using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace CallbackControls.DevHost
{
    /// <summary>
    /// The dev host's listener inside the ASP.NET application domain: each request is read, run by the
    /// application and answered on the same thread, without crossing a domain boundary. On Mono a
    /// cross-domain call costs ~90 µs (docs/RESULTS.md), about half a bare handler's time, which held the dev
    /// host well below the throughput of a host with no boundary.
    /// </summary>
    /// <remarks>
    /// The domain does not outlive a recycle (a changed <c>web.config</c> or <c>bin</c>): as it unloads, the
    /// <see cref="ListenerOwner"/> in the host's domain starts a listener in the next application, which takes
    /// the port over; this one stops accepting first, finishes the requests it holds, and sends the ones
    /// its own application can no longer run to the next application.
    /// Without an application (a relay: a site already shut down, a restart that failed, not Mono) it sends
    /// every request to the host's domain, which runs it through <see cref="SiteHost.Process"/>.
    /// </remarks>
    internal sealed class ApplicationListener : RequestListener
    {
        // How long an unloading domain waits for the requests it still holds before it goes (their
        // connections go with it).
        private static readonly TimeSpan DrainOnUnload = TimeSpan.FromSeconds(10);

        private readonly AspNetApplication application;
        private readonly ListenerOwner owner;
        private readonly ConcurrentQueue<string> pendingLines = new ConcurrentQueue<string>();
        private readonly EventHandler onDomainUnload;
        private int flushScheduled;
        private volatile bool closed;

        /// <summary>Creates a listener; <see cref="RequestListener.Start"/> binds it.</summary>
        /// <param name="application">The application in this domain, or null for a relay.</param>
        /// <param name="owner">The host's side.</param>
        /// <param name="logRequests">Whether a line is written per request.</param>
        public ApplicationListener(AspNetApplication application, ListenerOwner owner, bool logRequests)
        {
            this.application = application;
            this.owner = owner;
            LogRequests = logRequests;

            // This lambda captures only `this`, so it compiles to an instance method of this class and the
            // delegate is bound to this MarshalByRefObject, as a method group's would be (so are the log
            // flush below and RequestListener's per-request work item). They are made and run in this
            // object's own domain and work on Mono 6.8; DevServer.TryCall tells of the abort seen with method
            // groups of a listener.
            onDomainUnload = (sender, e) => OnDomainUnload();
            AppDomain.CurrentDomain.DomainUnload += onDomainUnload;
        }

        /// <inheritdoc />
        protected override HostedResponse Answer(HostedRequest request)
        {
            if (application != null)
            {
                HostedResponse response = application.Process(request);
                if (!response.ApplicationUnloading)
                {
                    return response;
                }
            }

            // ASP.NET of this domain has begun shutting down and no longer runs requests: the next
            // application does, started now if it was not yet.
            try
            {
                return HostedMessageCodec.UnpackResponse(owner.ProcessElsewhere(this, HostedMessageCodec.Pack(request)));
            }
            catch (Exception ex) when (application != null)
            {
                Warn("could not pass a request to the restarted application: " + ex.GetType().Name + ": " + ex.Message);
                return Stopping
                    ? AspNetApplication.ShuttingDownResponse()
                    : AspNetApplication.UnloadingResponse();
            }
        }

        /// <inheritdoc />
        protected override void WriteLine(string line)
        {
            if (!LogRequests)
            {
                // Warnings still reach the developer: this domain's console is the process's.
                Console.Error.WriteLine(line);
                return;
            }

            // One call to the host's domain per batch, not per line: a cross-domain call costs more than a request.
            pendingLines.Enqueue(line);
            if (Interlocked.Exchange(ref flushScheduled, 1) == 0)
            {
                ThreadPool.UnsafeQueueUserWorkItem(state => FlushLog(), null);
            }
        }

        /// <inheritdoc />
        protected override void OnClosed()
        {
            closed = true;
            AppDomain.CurrentDomain.DomainUnload -= onDomainUnload;
            FlushLog();
        }

        private void FlushLog()
        {
            while (true)
            {
                var lines = new List<string>();
                while (pendingLines.TryDequeue(out string line))
                {
                    lines.Add(line);
                }

                if (lines.Count > 0)
                {
                    try
                    {
                        owner.WriteLines(lines.ToArray());
                    }
                    catch (Exception)
                    {
                        // The log's domain is gone or its writer broken: the lines are lost, the requests are not.
                    }
                }

                Volatile.Write(ref flushScheduled, 0);
                if (pendingLines.IsEmpty || Interlocked.Exchange(ref flushScheduled, 1) != 0)
                {
                    return;
                }
            }
        }

        private void OnDomainUnload()
        {
            if (closed)
            {
                return;
            }

            // Runs before Mono aborts this domain's threads: until it returns, this listener still answers.
            try
            {
                owner.ApplicationUnloading(this);
            }
            catch (Exception ex)
            {
                Warn("no listener took the port over after a restart: " + ex.GetType().Name + ": " + ex.Message);
            }

            DateTime deadline = DateTime.UtcNow + DrainOnUnload;
            while (InFlight > 0 && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(10);
            }

            FlushLog();
        }
    }
}
