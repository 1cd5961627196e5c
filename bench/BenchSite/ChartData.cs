using System;
using System.Collections.Concurrent;
using System.Globalization;
using CallbackControls;

namespace BenchSite
{
    /// <summary>
    /// Data of the chart benchmark: N readings of a sensor, computed once per N and kept, so a refresh
    /// measures the chart (filling its points, decimating, drawing, sending) rather than the data source.
    /// Each refresh starts the series at another offset, so every drawing differs from the last.
    /// </summary>
    public static class ChartData
    {
        private static readonly ConcurrentDictionary<int, double[]> Readings = new ConcurrentDictionary<int, double[]>();

        /// <summary>The largest series the page accepts.</summary>
        public const int MaxPoints = 10000000;

        /// <summary>Reads "points=N;decimate=0|1;tooltips=0|1" (any part may be missing).</summary>
        /// <param name="argument">The callback argument.</param>
        /// <param name="points">N, 1000 when missing.</param>
        /// <param name="decimate">Whether to decimate; true when missing (the control's default).</param>
        /// <param name="tooltips">Whether points carry tooltips; true when missing (the control's default).</param>
        public static void Parse(string argument, out int points, out bool decimate, out bool tooltips)
        {
            points = 1000;
            decimate = true;
            tooltips = true;
            foreach (var part in (argument ?? string.Empty).Split(';'))
            {
                var pair = part.Split('=');
                if (pair.Length != 2) continue;
                if (pair[0] == "points" && int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)) points = Math.Max(1, Math.Min(MaxPoints, n));
                if (pair[0] == "decimate") decimate = pair[1] != "0";
                if (pair[0] == "tooltips") tooltips = pair[1] != "0";
            }
        }

        /// <summary>Fills the series with N points (x: sample number, y: reading), starting at the refresh's offset.</summary>
        /// <param name="series">The series to fill.</param>
        /// <param name="points">How many points.</param>
        /// <param name="refresh">The refresh number; it shifts the readings.</param>
        public static void Fill(ChartSeries series, int points, int refresh)
        {
            var readings = Readings.GetOrAdd(points, Compute);
            int offset = (refresh * 7) % points;
            var target = series.Points;
            target.Clear();
            // Room for all of them first: the two parts then go into one array of the right size, which
            // the chart's array pool hands back refresh after refresh.
            target.EnsureCapacity(points);
            // The bulk API, as a page holding its readings in a ring buffer would fill a big series: the
            // older part, then the newer, with no copy of its own.
            target.AddRange(readings, offset, points - offset);
            target.AddRange(readings, 0, offset);
        }

        private static double[] Compute(int points)
        {
            var values = new double[points];
            uint state = 7919;
            for (int i = 0; i < points; i++)
            {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                double noise = (state % 1000) / 100.0 - 5;
                values[i] = 50 + 30 * Math.Sin(i * 2 * Math.PI / Math.Max(points / 3.0, 20)) + noise;
            }
            return values;
        }
    }
}
