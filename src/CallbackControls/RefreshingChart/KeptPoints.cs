using System;
using System.Collections.Generic;
using System.Globalization;

namespace CallbackControls
{
    /// <summary>
    /// The points a chart keeps between refreshes (<see cref="RefreshingChart.MaxPoints"/>). They live in the
    /// browser: each reply carries the series' last points, and the next call sends them back, so any
    /// back end of a farm (or a recycled one) answers the next tick with no memory of its own and nothing
    /// shared. Only the values travel: X, Y, the axis label and the tooltip of each point (not its colour).
    /// What comes back is the user's own chart, and is checked as any input is: numbers only, at most
    /// <see cref="RefreshingChart.MaxPoints"/> per series, no more series than the chart has.
    /// </summary>
    internal static class KeptPoints
    {
        private const string X = "x", Y = "y", Labels = "labels", ToolTips = "tips", Type = "type";

        /// <summary>Drops each series' oldest points beyond the last <paramref name="maxPoints"/>.</summary>
        public static void Trim(ChartSeriesCollection series, int maxPoints)
        {
            foreach (ChartSeries item in series)
            {
                var points = item.Points;
                int extra = points.Count - maxPoints;
                if (extra <= 0) continue;
                points.Store.RemoveFirst(extra);
                // A category's X is its position: the window's first category is at 0 again.
                if (points.XValueType == ChartAxisType.Category)
                {
                    for (int i = 0; i < points.Count; i++) points[i].X = i;
                }
            }
        }

        /// <summary>The series' points as the browser keeps them: one object per series, in order.</summary>
        public static object[] Write(ChartSeriesCollection series)
        {
            var kept = new object[series.Count];
            for (int s = 0; s < series.Count; s++)
            {
                var points = series[s].Points;
                points.Store.Read(out double[] x, out double[] y, out ChartPoint[] objects);
                int n = points.Count;
                var xs = new object[n];
                var ys = new object[n];
                string[] labels = null, tips = null;
                for (int i = 0; i < n; i++)
                {
                    xs[i] = Number(x[i]);
                    ys[i] = Number(y[i]);
                    var point = objects?[i];
                    if (point == null) continue;
                    if (!string.IsNullOrEmpty(point.AxisLabel)) (labels ?? (labels = new string[n]))[i] = point.AxisLabel;
                    if (!string.IsNullOrEmpty(point.ToolTip)) (tips ?? (tips = new string[n]))[i] = point.ToolTip;
                }
                var entry = new Dictionary<string, object> { [X] = xs, [Y] = ys };
                if (points.XValueType != ChartAxisType.Auto) entry[Type] = points.XValueType.ToString();
                if (labels != null) entry[Labels] = labels;
                if (tips != null) entry[ToolTips] = tips;
                kept[s] = entry;
            }
            return kept;
        }

        /// <summary>
        /// Puts the points a call sent back into the series, before the page's code runs, as though the
        /// server had kept them; the refresh handler then appends this tick's points to them.
        /// </summary>
        /// <exception cref="CallbackException">What came back is not what a reply sent.</exception>
        public static void Restore(ChartSeriesCollection series, object sent, int maxPoints)
        {
            if (sent == null) return;
            if (!(sent is object[] list) || list.Length > series.Count)
                throw Malformed("one entry per series");
            for (int s = 0; s < list.Length; s++)
            {
                if (!(list[s] is IDictionary<string, object> entry)) throw Malformed("one entry per series");
                var xs = ListOf(entry, X);
                var ys = ListOf(entry, Y);
                if (xs == null || ys == null || xs.Length != ys.Length) throw Malformed("x and y of the same length");
                if (xs.Length > maxPoints) throw Malformed("at most MaxPoints (" + maxPoints.ToString(CultureInfo.InvariantCulture) + ") points a series");
                var labels = ListOf(entry, Labels);
                var tips = ListOf(entry, ToolTips);
                if ((labels != null && labels.Length != xs.Length) || (tips != null && tips.Length != xs.Length)) throw Malformed("labels and tooltips of the points' length");

                var points = series[s].Points;
                points.Clear();
                if (entry.TryGetValue(Type, out object type) && type != null)
                {
                    if (!(type is string name) || !Enum.TryParse(name, false, out ChartAxisType axis) || !Enum.IsDefined(typeof(ChartAxisType), axis))
                        throw Malformed("a known X value type");
                    points.XValueType = axis;
                }
                points.EnsureCapacity(xs.Length);
                for (int i = 0; i < xs.Length; i++)
                {
                    string label = Text(labels, i), tip = Text(tips, i);
                    if (label == null && tip == null)
                    {
                        points.Store.Append(ToDouble(xs[i]), ToDouble(ys[i]));
                        continue;
                    }
                    points.Add(new ChartPoint(ToDouble(xs[i]), ToDouble(ys[i])) { AxisLabel = label, ToolTip = tip });
                }
            }
        }

        // JSON has no NaN: an empty point (or a point without X) travels as null.
        private static object Number(double value) => double.IsNaN(value) || double.IsInfinity(value) ? null : (object)value;

        private static double ToDouble(object value)
        {
            switch (value)
            {
                case null: return double.NaN;
                case int i: return i;
                case long l: return l;
                case double d: return d;
                case decimal m: return (double)m;
                default: throw Malformed("numbers (or null) for x and y");
            }
        }

        private static string Text(object[] texts, int index)
        {
            if (texts == null || texts[index] == null) return null;
            return texts[index] as string ?? throw Malformed("text (or null) for labels and tooltips");
        }

        private static object[] ListOf(IDictionary<string, object> entry, string key)
        {
            if (!entry.TryGetValue(key, out object value) || value == null) return null;
            return value as object[] ?? throw Malformed("lists for " + key);
        }

        private static CallbackException Malformed(string expected) =>
            new CallbackException("The chart's kept points that came back with the call are not what the server sent (expected " + expected + ").");
    }
}
