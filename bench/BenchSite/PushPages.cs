using System.Globalization;
using System.Threading;
using System.Web;
using CallbackControls;

namespace BenchSite
{
    /// <summary>
    /// What the push benchmark's pages show (Push.aspx, Poll.aspx): a count of orders that PushNotify.ashx
    /// raises, drawn as the last 20 counts, so a chart's drawing changes exactly when the count does (a polling
    /// chart's tick in between is answered "unchanged").
    /// </summary>
    public static class PushOrders
    {
        private static int _count;

        /// <summary>Gets the current count.</summary>
        public static int Count => Volatile.Read(ref _count);

        /// <summary>Raises the count by one and returns the new value.</summary>
        public static int Raise() => Interlocked.Increment(ref _count);

        /// <summary>Fills a series with the 20 counts up to <paramref name="count"/>, as points of a line.</summary>
        public static void Fill(ChartSeries series, int count)
        {
            series.Points.Clear();
            for (int k = count - 19; k <= count; k++) series.Points.AddXY(k, ((k * 37) % 100) + 1);
        }
    }

    /// <summary>
    /// PushNotify.ashx: what a page's own code does when its data changes, for the benchmark to trigger (POST
    /// topic, data): CallbackPush.Notify. The topic "orders" raises the charts' count first and answers it.
    /// </summary>
    public sealed class PushNotifyHandler : IHttpHandler
    {
        /// <inheritdoc />
        public bool IsReusable => true;

        /// <inheritdoc />
        public void ProcessRequest(HttpContext context)
        {
            if (context.Request.HttpMethod != "POST")
            {
                context.Response.StatusCode = 405;
                return;
            }
            var topic = context.Request.Form["topic"];
            int count = topic == "orders" ? PushOrders.Raise() : PushOrders.Count;
            CallbackPush.Notify(topic, context.Request.Form["data"]);
            context.Response.ContentType = "text/plain";
            context.Response.Write(count.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// Heap.ashx: the managed heap as it stands (<c>GC.GetTotalMemory(false)</c>, no collection, so reading it
    /// every 10 s does not stop a thousand streams), for the push fan-out's samples. Local requests only.
    /// </summary>
    public sealed class HeapHandler : IHttpHandler
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
            context.Response.ContentType = "application/json";
            context.Response.Write("{\"managedBytes\":" + System.GC.GetTotalMemory(false).ToString(CultureInfo.InvariantCulture) + "}");
        }
    }
}
