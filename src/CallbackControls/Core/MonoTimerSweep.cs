using System;
using System.Threading;

namespace CallbackControls
{
    /// <summary>
    /// On Mono, keeps System.Web from holding every finished request for up to two minutes: a timer that
    /// fires every second and does nothing, so Mono's timer scheduler wakes every second and drops the
    /// timers disposed since. Started once per application by <see cref="CallbackControlsStartup"/>; on
    /// .NET Framework it is not started (its timers leave the scheduler when disposed).
    /// </summary>
    /// <remarks>
    /// Found with heap-shots of the soak (bench/heapshot.js, docs/RESULTS.md): Mono 6.8's
    /// <see cref="Timer.Dispose()"/> only marks a timer dead, and the application domain's scheduler removes
    /// dead timers when it next wakes, which is when the earliest live timer is due. Mono's HttpApplication
    /// starts one timer per request (<c>HttpContext.StartTimeoutTimer</c>, due after <c>executionTimeout</c>,
    /// 110 s by default) and disposes it when the request ends, and the dead timer's callback still points at
    /// the HttpContext: each request's HttpRequest, HttpResponse and output buffers stayed reachable for
    /// ~110 s and were let go in bulk, ~90 KB per chart callback, hundreds of MB under 50 pollers. It is a
    /// fault of Mono's System.Web that every site on Mono has (the dev host, xsp, fastcgi-mono-server4);
    /// the library works around it for the sites that use it.
    /// </remarks>
    internal static class MonoTimerSweep
    {
        internal static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

        private static readonly object Sync = new object();
        private static Timer _timer;

        internal static bool IsMono => Type.GetType("Mono.Runtime") != null;

        /// <summary>Whether the timer runs in this application domain.</summary>
        internal static bool IsRunning
        {
            get { lock (Sync) return _timer != null; }
        }

        /// <summary>Starts the timer once per application domain when running on Mono; later calls do nothing.</summary>
        internal static void StartOnMono()
        {
            if (!IsMono) return;
            lock (Sync)
            {
                // It goes with the application domain: nothing to stop when the site recycles.
                if (_timer == null) _timer = new Timer(_ => { }, null, Period, Period);
            }
        }
    }
}
