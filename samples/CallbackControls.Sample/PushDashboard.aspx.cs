using System;
using System.Globalization;
using System.Linq;
using System.Web.UI;

namespace CallbackControls.Sample
{
    /// <summary>
    /// Two charts that move when an order is placed, on every open page at once, with no timer: placing an
    /// order calls CallbackPush.Notify("orders"), and the charts (RefreshMode="Push" PushTopic="orders") refresh.
    /// </summary>
    public partial class PushDashboard : Page
    {
        private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

        /// <summary>Draws the first paint; each chart's refresh fills itself in its handler.</summary>
        protected void Page_Load(object sender, EventArgs e)
        {
            if (IsCallback) return;
            FillPerMinute();
            FillByRegion();
        }

        /// <summary>A refresh of the orders-per-minute chart (on a notification, or its timer while push is unavailable).</summary>
        protected void PerMinute_RefreshCallback(object sender, CallbackEventArgs e) => FillPerMinute();

        /// <summary>A refresh of the revenue chart.</summary>
        protected void ByRegion_RefreshCallback(object sender, CallbackEventArgs e) => FillByRegion();

        /// <summary>The buttons: place one order, or ten, then tell every page showing the orders.</summary>
        protected void Place_Callback(object sender, CallbackEventArgs e)
        {
            int count = e.CallbackArgument == "10" ? 10 : 1;
            OrderBook.Order last = null;
            for (int i = 0; i < count; i++) last = OrderBook.Place();
            // What the pages' PushScript shows: plain text, written with textContent on the client.
            string summary = string.Format(CultureInfo.InvariantCulture, "{0} order{1}, the last from {2}: €{3:N2}", count, count == 1 ? string.Empty : "s", last.Region, last.Amount);
            CallbackPush.Notify("orders", summary);
            e.Result = summary;
        }

        private void FillPerMinute()
        {
            var now = DateTime.UtcNow;
            var start = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc) - Window + TimeSpan.FromMinutes(1);
            var counts = OrderBook.Since(start).GroupBy(o => (int)((o.Time - start).TotalMinutes)).ToDictionary(g => g.Key, g => g.Count());
            var points = PerMinute.Series["Orders"].Points;
            for (int minute = 0; minute < Window.TotalMinutes; minute++)
                points.AddXY(start.AddMinutes(minute).ToLocalTime(), counts.TryGetValue(minute, out int count) ? count : 0);
        }

        private void FillByRegion()
        {
            var totals = OrderBook.Since(DateTime.UtcNow - Window).GroupBy(o => o.Region).ToDictionary(g => g.Key, g => g.Sum(o => o.Amount));
            var points = ByRegion.Series["Revenue"].Points;
            foreach (var region in OrderBook.Regions) points.AddXY(region, (double)(totals.TryGetValue(region, out decimal sum) ? sum : 0m));
        }
    }
}
