using System;
using System.Collections.Generic;
using System.Linq;
using static CallbackControls.ChartMath;

namespace CallbackControls
{
    /// <summary>
    /// Thins a series to a bounded number of points that keeps its visual shape, with
    /// largest-triangle-three-buckets (LTTB): the first and last points stay; the points between are cut
    /// into equal buckets and each bucket keeps the point forming the largest triangle with the point kept
    /// before it and the average of the next bucket. The series' highest and lowest points are always kept
    /// (from a threshold of 4; at 3 there is room for one of them), so peaks never vanish from a decimated chart.
    /// </summary>
    internal static class ChartDecimation
    {
        /// <summary>The smallest useful threshold: the first point, the last, and one between.</summary>
        public const int MinimumThreshold = 3;

        /// <summary>
        /// Picks the points to keep, in ascending order. Values must be finite (callers split a series at its
        /// empty points first).
        /// </summary>
        /// <param name="x">The X values (or positions), in drawing order.</param>
        /// <param name="y">The Y values, as many as <paramref name="x"/>.</param>
        /// <param name="threshold">The most points to keep; values below <see cref="MinimumThreshold"/> count as it.</param>
        /// <returns>The indexes of the kept points: all of them when there are no more than the threshold.</returns>
        public static int[] LargestTriangleThreeBuckets(double[] x, double[] y, int threshold)
        {
            if (x == null) throw new ArgumentNullException(nameof(x));
            if (y == null) throw new ArgumentNullException(nameof(y));
            if (x.Length != y.Length) throw new ArgumentException("X and Y must have the same number of values.", nameof(y));
            return LargestTriangleThreeBuckets(x, y, 0, x.Length, threshold);
        }

        /// <summary>Decimates a list of points (see the class remarks); empty points are left out.</summary>
        /// <param name="points">The points, in drawing order.</param>
        /// <param name="threshold">The most points to keep.</param>
        /// <returns>The kept points, in their original order.</returns>
        public static IList<ChartPoint> Decimate(IList<ChartPoint> points, int threshold)
        {
            if (points == null) throw new ArgumentNullException(nameof(points));
            var kept = new List<ChartPoint>(points.Count);
            foreach (var point in points)
            {
                if (point != null && !point.IsEmpty && !double.IsNaN(point.X) && !double.IsInfinity(point.X)) kept.Add(point);
            }
            var x = new double[kept.Count];
            var y = new double[kept.Count];
            for (int i = 0; i < kept.Count; i++)
            {
                x[i] = kept[i].X;
                y[i] = kept[i].Y;
            }
            int[] indexes = LargestTriangleThreeBuckets(x, y, 0, x.Length, threshold);
            var result = new List<ChartPoint>(indexes.Length);
            foreach (int index in indexes) result.Add(kept[index]);
            return result;
        }

        /// <summary>LTTB over the slice [start, start + count); returns absolute indexes.</summary>
        /// <param name="x">The X values.</param>
        /// <param name="y">The Y values.</param>
        /// <param name="start">The first index of the slice.</param>
        /// <param name="count">The length of the slice.</param>
        /// <param name="threshold">The most points to keep.</param>
        /// <param name="highest">The index of the slice's highest value (its first), when the caller knows it; -1 finds it.</param>
        /// <param name="lowest">The index of the slice's lowest value (its first), when the caller knows it; -1 finds it.</param>
        internal static int[] LargestTriangleThreeBuckets(double[] x, double[] y, int start, int count, int threshold, int highest = -1, int lowest = -1)
        {
            threshold = Math.Max(threshold, MinimumThreshold);
            if (count <= threshold) return Range(start, count);

            int end = start + count;
            if (highest < 0 || lowest < 0) FindExtremes(y, start, end, out highest, out lowest);

            int buckets = threshold - 2;
            bool keepBoth = true;
            // When both extremes fall into one bucket that bucket keeps two points; one bucket fewer keeps
            // the total within the threshold. With a single bucket there is room for one of them only.
            if (highest != lowest && Bucket(highest, start, count, buckets) == Bucket(lowest, start, count, buckets) &&
                Bucket(highest, start, count, buckets) >= 0)
            {
                if (buckets > 1) buckets--;
                else keepBoth = false;
            }

            var kept = new List<int>(threshold) { start };
            double bucketSize = (double)(count - 2) / buckets;
            int previous = start;
            for (int b = 0; b < buckets; b++)
            {
                int from = start + 1 + (int)Math.Floor(b * bucketSize);
                int to = Math.Min(start + 1 + (int)Math.Floor((b + 1) * bucketSize), end - 1);
                if (to <= from) continue;

                bool hasHighest = highest >= from && highest < to;
                bool hasLowest = lowest >= from && lowest < to;
                if (hasHighest && hasLowest && highest != lowest && !keepBoth)
                {
                    // Room for one: the largest triangle decides between them, as LTTB would.
                    double lastX = x[end - 1], lastY = y[end - 1];
                    double px = x[previous], py = y[previous];
                    double areaHigh = Math.Abs((px - lastX) * (y[highest] - py) - (px - x[highest]) * (lastY - py));
                    double areaLow = Math.Abs((px - lastX) * (y[lowest] - py) - (px - x[lowest]) * (lastY - py));
                    kept.Add(areaHigh >= areaLow ? highest : lowest);
                    previous = kept[kept.Count - 1];
                    continue;
                }
                if (hasHighest || hasLowest)
                {
                    if (hasHighest && hasLowest && highest != lowest)
                    {
                        kept.Add(Math.Min(highest, lowest));
                        kept.Add(Math.Max(highest, lowest));
                    }
                    else
                    {
                        kept.Add(hasHighest ? highest : lowest);
                    }
                    previous = kept[kept.Count - 1];
                    continue;
                }

                // The average of the next bucket (the last point for the last bucket) is the triangle's third corner.
                int nextFrom = to;
                int nextTo = b + 1 < buckets ? Math.Min(start + 1 + (int)Math.Floor((b + 2) * bucketSize), end - 1) : end;
                if (nextTo <= nextFrom) nextTo = Math.Min(nextFrom + 1, end);
                double averageX = 0;
                double averageY = 0;
                for (int i = nextFrom; i < nextTo; i++)
                {
                    averageX += x[i];
                    averageY += y[i];
                }
                int span = nextTo - nextFrom;
                averageX /= span;
                averageY /= span;

                double ax = x[previous];
                double ay = y[previous];
                double dx = ax - averageX;
                double dy = averageY - ay;
                double largest = -1;
                int chosen = from;
                for (int i = from; i < to; i++)
                {
                    // Twice the triangle's area; the factor does not change which point wins. The sign is
                    // dropped by hand: this loop sees every point, and Mono calls Math.Abs rather than inlining it.
                    double area = dx * (y[i] - ay) - (ax - x[i]) * dy;
                    if (area < 0) area = -area;
                    if (area > largest)
                    {
                        largest = area;
                        chosen = i;
                    }
                }
                kept.Add(chosen);
                previous = chosen;
            }
            kept.Add(end - 1);
            return kept.ToArray();
        }

        // The first index of the highest and of the lowest value in [start, end).
        private static void FindExtremes(double[] y, int start, int end, out int highest, out int lowest)
        {
            highest = start;
            lowest = start;
            double high = y[start], low = high;
            for (int i = start + 1; i < end; i++)
            {
                double v = y[i];
                if (v > high)
                {
                    high = v;
                    highest = i;
                }
                else if (v < low)
                {
                    low = v;
                    lowest = i;
                }
            }
        }

        // The bucket an inner index falls into (with the same bounds as the main loop), or -1 for the first
        // and last points, which are always kept.
        private static int Bucket(int index, int start, int count, int buckets)
        {
            if (index <= start || index >= start + count - 1) return -1;
            double bucketSize = (double)(count - 2) / buckets;
            int b = Math.Max(0, Math.Min(buckets - 1, (int)((index - start - 1) / bucketSize)));
            while (b > 0 && start + 1 + (int)Math.Floor(b * bucketSize) > index) b--;
            while (b < buckets - 1 && start + 1 + (int)Math.Floor((b + 1) * bucketSize) <= index) b++;
            return b;
        }

        /* ------------------------------------------------------------------------------------------
         * The policy charts follow: when to decimate and how far. It sits beside the algorithm so that
         * one file answers "why does my chart show fewer points than I gave it".
         * ---------------------------------------------------------------------------------------- */

        /// <summary>The most pie or doughnut slices drawn apart; beyond a few dozen none can be told apart.</summary>
        internal const int SliceLimit = 30;

        /// <summary>
        /// The most points a series keeps on an X axis this long in SVG units: more points than pixels cannot
        /// be seen. A threshold the page set wins.
        /// </summary>
        internal static int ThresholdFor(int configured, double axisLength) =>
            configured > 0 ? configured : (int)Math.Round(axisLength);

        /// <summary>
        /// Splits a series at its empty points and decimates each run, sharing the threshold among runs by
        /// length. A series cut into more runs than the threshold can hold loses its gaps instead.
        /// </summary>
        /// <returns>The kept indexes, one array per unbroken run of values.</returns>
        internal static List<int[]> DecimateRuns(double[] x, double[] y, int count, int threshold, bool enabled) =>
            DecimateRuns(x, y, count, threshold, enabled, false, -1, -1, out _);

        /// <summary>
        /// As <see cref="DecimateRuns(double[], double[], int, int, bool)"/>; also counts the finite values, which
        /// this pass sees anyway. <paramref name="allFinite"/> says the caller knows there is no empty value
        /// (one run), and <paramref name="highest"/> and <paramref name="lowest"/> (or -1) where its extremes
        /// are, which spares two passes over the values.
        /// </summary>
        internal static List<int[]> DecimateRuns(double[] x, double[] y, int count, int threshold, bool enabled, bool allFinite, int highest, int lowest, out int finite)
        {
            var runs = new List<KeyValuePair<int, int>>();
            int start = -1;
            int total = 0;
            if (allFinite)
            {
                if (count > 0) runs.Add(new KeyValuePair<int, int>(0, count));
                total = count;
            }
            else
            {
                for (int i = 0; i < count; i++)
                {
                    if (IsFinite(y[i]))
                    {
                        if (start < 0) start = i;
                    }
                    else if (start >= 0)
                    {
                        runs.Add(new KeyValuePair<int, int>(start, i - start));
                        total += i - start;
                        start = -1;
                    }
                }
                if (start >= 0)
                {
                    runs.Add(new KeyValuePair<int, int>(start, count - start));
                    total += count - start;
                }
            }
            finite = total;

            var result = new List<int[]>(runs.Count);
            threshold = Math.Max(threshold, MinimumThreshold);
            if (!enabled || total <= threshold)
            {
                foreach (var run in runs) result.Add(Range(run.Key, run.Value));
                return result;
            }

            if (runs.Count * 2 > threshold)
            {
                var kept = new int[total];
                var cx = new double[total];
                var cy = new double[total];
                int n = 0;
                foreach (var run in runs)
                {
                    for (int i = run.Key; i < run.Key + run.Value; i++)
                    {
                        kept[n] = i;
                        cx[n] = x[i];
                        cy[n] = y[i];
                        n++;
                    }
                }
                int[] chosen = LargestTriangleThreeBuckets(cx, cy, 0, n, threshold);
                for (int i = 0; i < chosen.Length; i++) chosen[i] = kept[chosen[i]];
                result.Add(chosen);
                return result;
            }

            int spare = threshold - 2 * runs.Count;
            foreach (var run in runs)
            {
                int share = 2 + (int)((long)spare * run.Value / total);
                if (share >= run.Value)
                {
                    result.Add(Range(run.Key, run.Value));
                }
                else if (share < MinimumThreshold)
                {
                    result.Add(new[] { run.Key, run.Key + run.Value - 1 });
                }
                else
                {
                    result.Add(allFinite
                        ? LargestTriangleThreeBuckets(x, y, run.Key, run.Value, share, highest, lowest)
                        : LargestTriangleThreeBuckets(x, y, run.Key, run.Value, share));
                }
            }
            return result;
        }

        /// <summary>
        /// Picks the indexes stacked layers keep together: the union of each layer's choice (on its top line),
        /// so that their edges meet exactly. The result is bounded by layers times the threshold. Stacked layers
        /// share their X values, so one <paramref name="count"/> holds for every layer.
        /// </summary>
        internal static int[] DecimateTogether(int count, IEnumerable<(double[] X, double[] Y)> tops, int threshold, bool enabled)
        {
            if (!enabled || count <= Math.Max(threshold, MinimumThreshold)) return Range(0, count);
            var set = new SortedSet<int>();
            foreach (var top in tops)
            {
                foreach (int i in LargestTriangleThreeBuckets(top.X, top.Y, 0, count, threshold)) set.Add(i);
            }
            return set.ToArray();
        }

        /// <summary>
        /// The slices of a pie that keep their own wedge, by index: the largest ones, leaving room for one
        /// "Other" slice made of the rest. Null when every slice stays.
        /// </summary>
        internal static HashSet<int> LargestSlices(IList<double> values, bool enabled)
        {
            if (!enabled || values.Count <= SliceLimit) return null;
            // A stable sort: among equal slices the first ones stay.
            return new HashSet<int>(Enumerable.Range(0, values.Count).OrderByDescending(i => values[i]).Take(SliceLimit - 1));
        }

        private static int[] Range(int start, int count)
        {
            var all = new int[count];
            for (int i = 0; i < count; i++) all[i] = start + i;
            return all;
        }
    }
}
