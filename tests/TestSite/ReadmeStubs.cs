using System;
using System.Collections.Generic;
using System.Linq;

namespace TestSite.Readme
{
    // The data the README's snippets read (db, Db, Metrics), so ReadmeSnippetTests can compile and run
    // each snippet exactly as the README prints it.

    /// <summary>A named item with a code: a country, a region or a city.</summary>
    public sealed class Place
    {
        public Place(string code, string name) { Code = code; Name = name; }

        public string Code { get; }

        public string Name { get; }
    }

    /// <summary>The README's <c>db</c>: a tiny world.</summary>
    public sealed class Database
    {
        public IEnumerable<Place> Countries() => new[] { new Place("fr", "France"), new Place("jp", "Japan") };

        public IEnumerable<Place> RegionsOf(string country) =>
            country == "fr" ? new[] { new Place("idf", "Île-de-France"), new Place("pac", "Provence") }
            : country == "jp" ? new[] { new Place("kanto", "Kantō") } : new Place[0];

        public IEnumerable<Place> CitiesOf(string region) =>
            region == "idf" ? new[] { new Place("paris", "Paris") } : region == "kanto" ? new[] { new Place("tokyo", "Tokyo") } : new Place[0];

        /// <summary>The README's query for a long level: the cities of a country whose name contains the text, one page of them, and how many match.</summary>
        public IEnumerable<Place> FindCities(string country, string text, int skip, int take, out int total)
        {
            var cities = country == "fr"
                ? new[] { "Paris", "Lyon", "Marseille", "Pau", "Perpignan", "Nice" }.Select(n => new Place(n.ToLowerInvariant(), n))
                : Enumerable.Empty<Place>();
            var matches = cities.Where(c => c.Name.IndexOf(text ?? string.Empty, StringComparison.OrdinalIgnoreCase) >= 0).ToList();
            total = matches.Count;
            return matches.Skip(skip).Take(take).ToList();
        }

        private static readonly List<string> Orders = new List<string>();

        /// <summary>The README's push example: an order saved, from a region.</summary>
        public void SaveOrder(string region)
        {
            lock (Orders) Orders.Add(region);
        }

        /// <summary>How many orders each region has.</summary>
        public IEnumerable<KeyValuePair<string, int>> OrdersByRegion()
        {
            lock (Orders) return Orders.GroupBy(r => r).Select(g => new KeyValuePair<string, int>(g.Key, g.Count())).OrderBy(p => p.Key).ToList();
        }
    }

    /// <summary>The README's static <c>Db</c>, for page methods.</summary>
    public static class Db
    {
        private static readonly Database World = new Database();

        public static IEnumerable<Place> RegionsOf(string country) => World.RegionsOf(country);

        public static int StockOf(string item) => item == "widget" ? 7 : 0;
    }

    /// <summary>One sample of the README's <c>Metrics</c>.</summary>
    public sealed class MetricsSample
    {
        public DateTime Time { get; set; }

        public double Cpu { get; set; }
    }

    /// <summary>The README's <c>Metrics</c>: a minute of made-up CPU samples, one every 5 s.</summary>
    public static class Metrics
    {
        public static IEnumerable<MetricsSample> Last(TimeSpan span)
        {
            var end = new DateTime(2026, 11, 28, 12, 0, 0);
            return Enumerable.Range(0, 12).Select(i => new MetricsSample { Time = end.AddSeconds(5 * (i - 11)), Cpu = 10 + 3 * i });
        }
    }
}
