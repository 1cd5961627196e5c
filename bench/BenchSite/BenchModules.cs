using System;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Web;
using System.Web.Caching;

namespace BenchSite
{
    /// <summary>
    /// Reports how long the page (or handler) took on the server, as a standard Server-Timing header
    /// ("handler;dur=12.3"), for requests that ask with X-Bench-Timing: the chart benchmark reads it.
    /// Other requests get nothing, so the cascading benchmark's byte counts are untouched.
    /// </summary>
    public sealed class ServerTimingModule : IHttpModule
    {
        private static readonly object Key = new object();

        /// <inheritdoc />
        public void Init(HttpApplication application)
        {
            application.PreRequestHandlerExecute += (sender, e) =>
            {
                var context = ((HttpApplication)sender).Context;
                if (context.Request.Headers["X-Bench-Timing"] != null) context.Items[Key] = Stopwatch.StartNew();
            };
            application.PostRequestHandlerExecute += (sender, e) =>
            {
                var context = ((HttpApplication)sender).Context;
                if (!(context.Items[Key] is Stopwatch watch)) return;
                try
                {
                    context.Response.AppendHeader("Server-Timing", "handler;dur=" + watch.Elapsed.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture));
                }
                catch (HttpException)
                {
                    // Headers already sent (a flushed response): no timing for this one.
                }
            };
        }

        /// <inheritdoc />
        public void Dispose()
        {
        }
    }

    /// <summary>
    /// Gc.ashx, for the soak: runs a full garbage collection and answers the managed heap size in bytes,
    /// so memory at the start and at the end compare without garbage that is merely not yet collected;
    /// with it the number of entries in HttpRuntime.Cache and in ASP.NET's internal cache (where Mono keeps
    /// InProc sessions), to tell per-request cache entries or sessions from other growth. Local requests only.
    /// </summary>
    public sealed class GcHandler : IHttpHandler
    {
        /// <inheritdoc />
        public bool IsReusable => true;

        /// <inheritdoc />
        public void ProcessRequest(HttpContext context)
        {
            if (!context.Request.IsLocal)
            {
                context.Response.StatusCode = 404;
                return;
            }
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            context.Response.ContentType = "application/json";
            context.Response.Write("{\"managedBytes\":" + GC.GetTotalMemory(true).ToString(CultureInfo.InvariantCulture)
                + ",\"cacheEntries\":" + HttpRuntime.Cache.Count.ToString(CultureInfo.InvariantCulture)
                + ",\"internalCacheEntries\":" + InternalCacheCount() + "}");
        }

        /// <summary>Entries of Mono's HttpRuntime.InternalCache (sessions among them), or null where it cannot be read.</summary>
        private static string InternalCacheCount()
        {
            try
            {
                var property = typeof(HttpRuntime).GetProperty("InternalCache", BindingFlags.NonPublic | BindingFlags.Static);
                return property?.GetValue(null) is Cache cache ? cache.Count.ToString(CultureInfo.InvariantCulture) : "null";
            }
            catch (Exception)
            {
                return "null";
            }
        }
    }
}
