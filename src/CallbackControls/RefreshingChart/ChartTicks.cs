using System;
using System.Collections.Generic;
using System.Linq;
using static CallbackControls.ChartStyle;
using static CallbackControls.ChartText;

namespace CallbackControls
{
    /// <summary>
    /// Chooses the ticks of a cartesian chart's axes: as many as their labels leave room for, since the
    /// server cannot ask a browser how wide a label is (see <see cref="ChartStyle.TextWidth"/>).
    /// </summary>
    internal static class ChartTicks
    {
        private const int LabelCharLimit = 24;

        public static AxisTicks Values(double min, double max, bool fixedMin, bool fixedMax, int maxTicks)
        {
            var ticks = AxisScale.NumericTicks(min, max, Math.Max(2, maxTicks), !(fixedMin && fixedMax));
            if (!fixedMin && !fixedMax) return ticks;
            // A bound the page fixed is kept exactly; ticks outside it are dropped.
            double lo = fixedMin ? min : ticks.Minimum;
            double hi = fixedMax ? max : ticks.Maximum;
            var inside = ticks.Values.Where(v => v >= lo - 1e-9 * Math.Abs(hi - lo) && v <= hi + 1e-9 * Math.Abs(hi - lo)).ToList();
            return new AxisTicks(lo, hi, ticks.Step, inside, ticks.LabelFormat);
        }

        /// <summary>The ticks of the X axis (the category axis of bars, which stands on the left).</summary>
        public static IndependentAxis Independent(ChartFormat format, ChartAxisType axisType, double min, double max, List<string> categories, double axisLength, bool horizontal)
        {
            var axis = new IndependentAxis();
            if (axisType == ChartAxisType.Category)
            {
                int n = categories.Count;
                double widest = 0;
                // Only a sample of very many labels is measured: the widest of a million names is not worth the time.
                int stride = Math.Max(1, n / 2000);
                for (int i = 0; i < n; i += stride) widest = Math.Max(widest, TextWidth(Truncate(categories[i], LabelCharLimit)));
                double space = horizontal ? FontSize + 4 : widest + Gap;
                int every = Math.Max(1, (int)Math.Ceiling(n * space / Math.Max(1, axisLength)));
                for (int i = 0; i < n; i += every)
                {
                    axis.Values.Add(i);
                    axis.Labels.Add(Truncate(categories[i], LabelCharLimit));
                }
                return axis;
            }
            // The densest readable ticks: start from many and take fewer until the written labels fit
            // between their neighbours (the label formats differ by step, so they are measured each time).
            bool date = axisType == ChartAxisType.DateTime;
            double room = horizontal ? FontSize + 6 : 0;
            for (int maxTicks = Math.Max(2, (int)(axisLength / (horizontal ? 20 : 40))); ; maxTicks--)
            {
                var ticks = date
                    ? AxisScale.DateTimeTicks(DateTime.FromOADate(ChartMath.ClampOADate(min)), DateTime.FromOADate(ChartMath.ClampOADate(max)), maxTicks)
                    : AxisScale.NumericTicks(min, max, maxTicks, false);
                var candidate = new IndependentAxis();
                foreach (double v in ticks.Values)
                {
                    candidate.Values.Add(v);
                    candidate.Labels.Add(format.XTick(v, ticks, date));
                }
                if (maxTicks <= 2 || Fits(candidate, min, max, axisLength, horizontal ? room : candidate.Labels.Select(TextWidth).DefaultIfEmpty(0).Max() + Gap * 2))
                {
                    return candidate;
                }
            }
        }

        /// <summary>Whether neighbouring ticks are at least <paramref name="room"/> apart on the axis.</summary>
        private static bool Fits(IndependentAxis axis, double min, double max, double axisLength, double room)
        {
            if (axis.Values.Count < 2 || !(max > min)) return true;
            double smallest = double.PositiveInfinity;
            for (int i = 1; i < axis.Values.Count; i++) smallest = Math.Min(smallest, axis.Values[i] - axis.Values[i - 1]);
            return smallest * axisLength / (max - min) >= room;
        }
    }

    /// <summary>The X axis' ticks and their labels, already cut to length.</summary>
    internal sealed class IndependentAxis
    {
        public List<double> Values { get; } = new List<double>();

        public List<string> Labels { get; } = new List<string>();
    }
}
