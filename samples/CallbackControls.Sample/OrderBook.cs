using System;
using System.Collections.Generic;
using System.Linq;

namespace CallbackControls.Sample
{
    /// <summary>
    /// The orders of the push dashboard, in memory and shared by every visitor of this server: what a real
    /// site keeps in its database. Placing one is what tells the pages (CallbackPush.Notify).
    /// </summary>
    public static class OrderBook
    {
        /// <summary>The regions orders come from.</summary>
        public static readonly string[] Regions = { "Europe", "Americas", "Asia", "Africa", "Oceania" };

        // The orders of the last hour are kept; the charts show the last ten minutes.
        private static readonly TimeSpan Kept = TimeSpan.FromHours(1);
        private static readonly object Sync = new object();
        private static readonly List<Order> Orders = new List<Order>();
        private static readonly Random Random = new Random();

        /// <summary>Places an order from a region (or a random one) for an amount (or a random one), and returns it.</summary>
        public static Order Place(string region = null, decimal? amount = null)
        {
            lock (Sync)
            {
                var order = new Order(
                    DateTime.UtcNow,
                    Regions.Contains(region) ? region : Regions[Random.Next(Regions.Length)],
                    amount ?? Math.Round((decimal)(20 + Random.NextDouble() * 480), 2));
                Orders.Add(order);
                Orders.RemoveAll(o => o.Time < order.Time - Kept);
                return order;
            }
        }

        /// <summary>The orders placed since a time, oldest first.</summary>
        public static IList<Order> Since(DateTime utc)
        {
            lock (Sync)
            {
                return Orders.Where(o => o.Time >= utc).ToList();
            }
        }

        /// <summary>One order.</summary>
        public sealed class Order
        {
            internal Order(DateTime time, string region, decimal amount)
            {
                Time = time;
                Region = region;
                Amount = amount;
            }

            /// <summary>When it was placed (UTC).</summary>
            public DateTime Time { get; }

            /// <summary>Where it came from.</summary>
            public string Region { get; }

            /// <summary>Its amount in euros.</summary>
            public decimal Amount { get; }
        }
    }
}
