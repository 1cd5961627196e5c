using System;
using System.Collections.Generic;
using System.Linq;
using static CallbackControls.ChartMath;

namespace CallbackControls
{
    /// <summary>
    /// The values of a cartesian chart, taken out of its series once: X positions (a category's index on a
    /// category axis), stacked layers summed, the range all values span and, once the plot's size is known,
    /// what each series draws. The writers read this, never the points.
    /// </summary>
    internal sealed class ChartData
    {
        private readonly Dictionary<string, int> _categoryIndex = new Dictionary<string, int>(StringComparer.Ordinal);

        private ChartData(ChartAxisType axisType, bool horizontal)
        {
            AxisType = axisType;
            Horizontal = horizontal;
        }

        public ChartAxisType AxisType { get; }

        /// <summary>Bar charts: the X axis stands on the left and values run across.</summary>
        public bool Horizontal { get; }

        public List<string> Categories { get; } = new List<string>();

        public List<SeriesValues> Series { get; } = new List<SeriesValues>();

        // The range of every value, not only the drawn ones: decimation keeps extremes, but the axes must
        // not depend on it. Empty (minimum above maximum) when there are no values.
        public double XMin { get; private set; } = double.PositiveInfinity;

        public double XMax { get; private set; } = double.NegativeInfinity;

        public double YMin { get; private set; } = double.PositiveInfinity;

        public double YMax { get; private set; } = double.NegativeInfinity;

        public bool HasData => YMin <= YMax;

        public static ChartData Extract(ChartCanvas canvas, IList<ChartSeries> series)
        {
            var data = new ChartData(ResolveAxisType(canvas.Settings, series), series.Any(s => s.ChartType == ChartType.Bar));
            for (int i = 0; i < series.Count; i++)
            {
                data.Series.Add(data.Extract(canvas, series[i], i));
            }
            Stack(data.Layers(ChartType.StackedArea), false);
            Stack(data.Layers(ChartType.StackedColumn), true);
            data.MeasureRange();
            return data;
        }

        /// <summary>
        /// Chooses the values each series draws, for an X axis that holds <paramref name="threshold"/> of
        /// them (see <see cref="ChartDecimation"/>); the range stays that of all values.
        /// </summary>
        public void Decimate(int threshold, bool enabled)
        {
            foreach (var d in Series.Where(d => d.Base == null))
            {
                d.Runs = ChartDecimation.DecimateRuns(d.X, d.Y, d.Count, threshold, enabled, d.Finite == d.Count, d.Highest, d.Lowest, out int finite);
                d.Decimated = d.Drawn < finite;
            }
            DecimateTogether(Layers(ChartType.StackedArea), threshold, enabled);
            DecimateTogether(Layers(ChartType.StackedColumn), threshold, enabled);
        }

        private static ChartAxisType ResolveAxisType(ChartSettings settings, IList<ChartSeries> series)
        {
            if (settings.XAxisType != ChartAxisType.Auto) return settings.XAxisType;
            if (series.Any(s => s.Points.XValueType == ChartAxisType.Category)) return ChartAxisType.Category;
            if (series.Any(s => s.Points.XValueType == ChartAxisType.DateTime)) return ChartAxisType.DateTime;
            return ChartAxisType.Number;
        }

        private List<SeriesValues> Layers(ChartType type) => Series.Where(d => d.Type == type).ToList();

        private SeriesValues Extract(ChartCanvas canvas, ChartSeries series, int index)
        {
            var points = series.Points;
            var store = points.Store;
            int n = store.Count;
            store.Read(out double[] xs, out double[] ys, out ChartPoint[] objects);
            var d = new SeriesValues
            {
                Index = index,
                Series = series,
                Type = series.ChartType,
                Name = ChartText.NameOf(series, index),
                Color = canvas.ColorOr(series.Color, index),
            };
            if (AxisType != ChartAxisType.Category && MeasureAsIs(xs, ys, n, d))
            {
                // The usual big series: the chart reads the collection's own arrays, no copy. Nothing in the
                // drawing writes into them (stacking makes new arrays).
                d.X = xs;
                d.Y = ys;
                d.Source = objects;
                d.Count = n;
                return d;
            }

            d.X = new double[n];
            d.Y = new double[n];
            if (objects != null) d.Source = new ChartPoint[n];
            int count = 0;
            bool dates = points.XValueType == ChartAxisType.DateTime;
            for (int i = 0; i < n; i++)
            {
                var point = objects?[i];
                double x;
                if (AxisType == ChartAxisType.Category)
                {
                    // A point's category is its label, or its X value written as text.
                    string label = point?.AxisLabel ?? canvas.Format.XValue(xs[i], dates);
                    if (!_categoryIndex.TryGetValue(label, out int found))
                    {
                        found = Categories.Count;
                        Categories.Add(label);
                        _categoryIndex.Add(label, found);
                    }
                    x = found;
                }
                else
                {
                    x = xs[i];
                    if (!IsFinite(x)) continue;
                    if (AxisType == ChartAxisType.DateTime) x = ClampOADate(x);
                }
                d.X[count] = x;
                d.Y[count] = ys[i];
                if (d.Source != null) d.Source[count] = point;
                count++;
            }
            d.Count = count;
            return d;
        }

        /// <summary>
        /// One pass over a series that is drawn as it is: false when an X is not (not finite or, on a date axis,
        /// outside the dates there are); otherwise the series' range and its count of finite values are set,
        /// so that neither the range nor the decimation pass over it again.
        /// </summary>
        private bool MeasureAsIs(double[] x, double[] y, int count, SeriesValues d)
        {
            double min = AxisType == ChartAxisType.DateTime ? OADateMin : double.MinValue;
            double max = AxisType == ChartAxisType.DateTime ? OADateMax : double.MaxValue;
            double xMin = double.PositiveInfinity, xMax = double.NegativeInfinity;
            double yMin = double.PositiveInfinity, yMax = double.NegativeInfinity;
            int finite = 0, highest = -1, lowest = -1;
            for (int i = 0; i < count; i++)
            {
                double v = x[i];
                // NaN fails both comparisons; infinities fail one.
                if (!(v >= min && v <= max)) return false;
                if (v < xMin) xMin = v;
                if (v > xMax) xMax = v;
                double w = y[i];
                if (IsFinite(w))
                {
                    finite++;
                    // The first of equal extremes, as the decimation would find them.
                    if (w < yMin)
                    {
                        yMin = w;
                        lowest = i;
                    }
                    if (w > yMax)
                    {
                        yMax = w;
                        highest = i;
                    }
                }
            }
            d.Range = new ValueRange(xMin, xMax, yMin, yMax);
            d.Finite = finite;
            d.Highest = highest;
            d.Lowest = lowest;
            return true;
        }

        /// <summary>
        /// Stacks layers: each value sits on the sum of the layers before it at the same X. Columns stack
        /// positives upwards and negatives downwards; areas simply add up.
        /// </summary>
        private static void Stack(List<SeriesValues> layers, bool separateSigns)
        {
            if (layers.Count == 0) return;
            bool aligned = layers.All(l => l.Count == layers[0].Count);
            for (int k = 1; aligned && k < layers.Count; k++)
            {
                for (int i = 0; i < layers[0].Count; i++)
                {
                    if (layers[k].X[i] != layers[0].X[i])
                    {
                        aligned = false;
                        break;
                    }
                }
            }

            double[] union;
            Dictionary<double, int> position = null;
            if (aligned)
            {
                // The usual case (every series sampled at the same times): no lookup needed.
                union = new double[layers[0].Count];
                Array.Copy(layers[0].X, union, union.Length);
            }
            else
            {
                var all = new List<double>();
                foreach (var layer in layers)
                {
                    for (int i = 0; i < layer.Count; i++) all.Add(layer.X[i]);
                }
                all.Sort();
                var distinct = new List<double>(all.Count);
                foreach (double x in all)
                {
                    if (distinct.Count == 0 || distinct[distinct.Count - 1] != x) distinct.Add(x);
                }
                union = distinct.ToArray();
                position = new Dictionary<double, int>(union.Length);
                for (int i = 0; i < union.Length; i++) position[union[i]] = i;
            }

            int m = union.Length;
            var positive = new double[m];
            var negative = new double[m];
            foreach (var layer in layers)
            {
                var values = new double[m];
                var sources = layer.Source != null ? new ChartPoint[m] : null;
                var present = new bool[m];
                var own = new double[m];
                for (int i = 0; i < layer.Count; i++)
                {
                    int j = aligned ? i : position[layer.X[i]];
                    double y = layer.Y[i];
                    if (IsFinite(y)) values[j] += y;
                    if (sources != null) sources[j] = layer.Source[i];
                    present[j] = true;
                    own[j] = y;
                }
                var bottom = new double[m];
                var top = new double[m];
                for (int j = 0; j < m; j++)
                {
                    double v = values[j];
                    if (separateSigns && v < 0)
                    {
                        bottom[j] = negative[j];
                        top[j] = negative[j] + v;
                        negative[j] = top[j];
                    }
                    else
                    {
                        bottom[j] = positive[j];
                        top[j] = positive[j] + v;
                        positive[j] = top[j];
                    }
                }
                layer.X = union;
                layer.Y = top;
                layer.Base = bottom;
                layer.Source = sources;
                layer.Present = present;
                layer.Own = own;
                layer.Count = m;
            }
        }

        // Stacked layers draw the same indexes, so that their edges meet.
        private static void DecimateTogether(List<SeriesValues> layers, int threshold, bool enabled)
        {
            if (layers.Count == 0) return;
            int m = layers[0].Count;
            int[] chosen = ChartDecimation.DecimateTogether(m, layers.Select(l => (l.X, l.Y)), threshold, enabled);
            foreach (var layer in layers)
            {
                layer.Runs = new List<int[]> { chosen };
                layer.Decimated = chosen.Length < m;
            }
        }

        private void MeasureRange()
        {
            double xMin = double.PositiveInfinity, xMax = double.NegativeInfinity;
            double yMin = double.PositiveInfinity, yMax = double.NegativeInfinity;
            foreach (var d in Series)
            {
                if (d.Range != null && d.Base == null)
                {
                    // Measured when it was taken out of its points.
                    var r = d.Range;
                    xMin = Math.Min(xMin, r.XMin);
                    xMax = Math.Max(xMax, r.XMax);
                    yMin = Math.Min(yMin, r.YMin);
                    yMax = Math.Max(yMax, r.YMax);
                    continue;
                }
                // Locals, not the fields, inside the loop: it runs over every value of every series.
                double[] xs = d.X, ys = d.Y, bases = d.Base;
                int count = d.Count;
                for (int i = 0; i < count; i++)
                {
                    double x = xs[i];
                    if (x < xMin) xMin = x;
                    if (x > xMax) xMax = x;
                    double y = ys[i];
                    if (IsFinite(y))
                    {
                        if (y < yMin) yMin = y;
                        if (y > yMax) yMax = y;
                    }
                }
                if (bases == null) continue;
                for (int i = 0; i < count; i++)
                {
                    double b = bases[i];
                    if (b < yMin) yMin = b;
                    if (b > yMax) yMax = b;
                }
            }
            XMin = xMin;
            XMax = xMax;
            YMin = yMin;
            YMax = yMax;
        }
    }
}
