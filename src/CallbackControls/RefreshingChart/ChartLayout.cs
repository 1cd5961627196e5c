using System;
using System.Collections.Generic;
using System.Linq;
using static CallbackControls.ChartMath;
using static CallbackControls.ChartStyle;

namespace CallbackControls
{
    /// <summary>
    /// Where a chart's parts go: the title's band, the plot area the axis labels and the legend leave, the
    /// range the value axis shows and how wide columns are. All of it is settled before anything is written,
    /// because the svg's description, written first, speaks of the axes.
    /// </summary>
    internal static class ChartLayout
    {
        // Under the plot: tick marks and one line of labels.
        private const double LabelBand = TickLength + FontSize + 4;

        // A lone X value's column takes the room one of this many would.
        private const double OneValueSlots = 10;

        /// <summary>Where the drawing starts: under the title, when there is one.</summary>
        public static double Top(ChartCanvas canvas) => Gap + (canvas.HasTitle ? TitleFontSize + Gap : 0);

        /// <summary>
        /// Lays out a cartesian chart, and decimates its data on the way: decimation needs the plot's length,
        /// and columns are as wide as the values it keeps leave room for.
        /// </summary>
        public static CartesianLayout Cartesian(ChartCanvas canvas, ChartData data, double legendHeight)
        {
            var settings = canvas.Settings;
            bool horizontal = data.Horizontal;
            double xMin = data.XMin, xMax = data.XMax;
            if (data.AxisType == ChartAxisType.Category)
            {
                // Each category is a band one unit wide, centred on its index.
                xMin = -0.5;
                xMax = Math.Max(1, data.Categories.Count) - 0.5;
            }
            else if (!(xMin <= xMax))
            {
                xMin = data.AxisType == ChartAxisType.DateTime ? DateTime.Today.ToOADate() : 0;
                xMax = xMin + 1;
            }
            else if (xMin == xMax)
            {
                // One X value (one point, or points that share it): an axis around it, so it stands in the
                // middle and its ticks spread instead of all falling on one spot.
                AxisScale.AroundOneValue(xMin, data.AxisType == ChartAxisType.DateTime, out xMin, out xMax);
            }
            bool fixedMin = IsFinite(settings.YAxisMinimum);
            bool fixedMax = IsFinite(settings.YAxisMaximum);
            ValueRange(data, settings, fixedMin, fixedMax, out double yMin, out double yMax);

            // A bar chart turns the axes: its X title stands beside the plot and its value title under it.
            string bottomTitle = horizontal ? settings.YAxisTitle : settings.XAxisTitle;
            string sideTitle = horizontal ? settings.XAxisTitle : settings.YAxisTitle;
            double top = Top(canvas);
            double bottom = Gap + LabelBand + TitleRoom(bottomTitle) + legendHeight;
            var plot = new PlotArea { Top = top, Height = Math.Max(10, canvas.Height - top - bottom) };
            AxisTicks valueTicks = null;
            double labelWidth;
            if (!horizontal)
            {
                valueTicks = ChartTicks.Values(yMin, yMax, fixedMin, fixedMax, (int)(plot.Height / 40));
                labelWidth = valueTicks.Values.Select(v => TextWidth(canvas.Format.ValueTick(v, valueTicks))).DefaultIfEmpty(0).Max();
            }
            else
            {
                // The labels beside the plot are the X axis' own: a first choice of ticks measures them.
                var provisional = ChartTicks.Independent(canvas.Format, data.AxisType, xMin, xMax, data.Categories, plot.Height, true);
                labelWidth = provisional.Labels.Select(TextWidth).DefaultIfEmpty(0).Max();
            }
            plot.Left = Gap + TitleRoom(sideTitle) + labelWidth + TickLength + 2;
            plot.Width = Math.Max(10, canvas.Width - plot.Left - Gap * 2);
            if (horizontal) valueTicks = ChartTicks.Values(yMin, yMax, fixedMin, fixedMax, (int)(plot.Width / 80));

            var layout = new CartesianLayout { Horizontal = horizontal, AxisType = data.AxisType, Plot = plot, ValueTicks = valueTicks };
            data.Decimate(ChartDecimation.ThresholdFor(settings.DecimationThreshold, layout.AxisLength), settings.EnableDecimation);
            PlaceColumns(layout, data, ref xMin, ref xMax);

            layout.Independent = ChartTicks.Independent(canvas.Format, data.AxisType, xMin, xMax, data.Categories, layout.AxisLength, horizontal);
            layout.X = horizontal ? new LinearScale(xMin, xMax, plot.Top, plot.Bottom) : new LinearScale(xMin, xMax, plot.Left, plot.Right);
            layout.Value = horizontal
                ? new LinearScale(valueTicks.Minimum, valueTicks.Maximum, plot.Left, plot.Right)
                : new LinearScale(valueTicks.Minimum, valueTicks.Maximum, plot.Bottom, plot.Top);
            layout.ValueBaseline = Clamp(0, valueTicks.Minimum, valueTicks.Maximum);
            return layout;
        }

        public static CircularLayout Circular(ChartCanvas canvas, double legendHeight, bool doughnut)
        {
            double top = Top(canvas);
            double bottom = Gap + legendHeight;
            double areaHeight = Math.Max(10, canvas.Height - top - bottom);
            double radius = Math.Max(4, Math.Min(canvas.Width - 2 * Gap, areaHeight) / 2 - 2);
            return new CircularLayout
            {
                CenterX = canvas.Width / 2,
                CenterY = top + areaHeight / 2,
                Radius = radius,
                Inner = doughnut ? radius * 0.55 : 0,
            };
        }

        private static double TitleRoom(string title) => ChartText.HasText(title) ? FontSize + Gap : 0;

        /// <summary>
        /// The range the value axis covers: the data's, from zero for filled shapes (a column's length is its
        /// value), and the bounds the page fixed.
        /// </summary>
        private static void ValueRange(ChartData data, ChartSettings settings, bool fixedMin, bool fixedMax, out double yMin, out double yMax)
        {
            yMin = data.YMin;
            yMax = data.YMax;
            bool fromZero = data.Series.Any(d => d.Type != ChartType.Line && d.Type != ChartType.Spline && d.Type != ChartType.Scatter);
            if (!data.HasData)
            {
                yMin = 0;
                yMax = 1;
            }
            else if (fromZero)
            {
                yMin = Math.Min(yMin, 0);
                yMax = Math.Max(yMax, 0);
            }
            if (fixedMin) yMin = settings.YAxisMinimum;
            if (fixedMax) yMax = settings.YAxisMaximum;
            // One value that is not zero and no bound fixed: the ticks centre it (AxisScale.NumericTicks).
            if (yMin > yMax || (yMin == yMax && (fixedMin || fixedMax || yMin == 0)))
            {
                if (fixedMax && !fixedMin) yMin = yMax - 1;
                else yMax = yMin + 1;
            }
        }

        /// <summary>Columns and bars: one slot per series, one shared slot for all stacked columns.</summary>
        private static void PlaceColumns(CartesianLayout layout, ChartData data, ref double xMin, ref double xMax)
        {
            int stackedSlot = -1;
            foreach (var d in data.Series)
            {
                if (d.Type == ChartType.Column || d.Type == ChartType.Bar)
                {
                    layout.Slots.Add(d, layout.SlotCount++);
                }
                else if (d.Type == ChartType.StackedColumn)
                {
                    if (stackedSlot < 0) stackedSlot = layout.SlotCount++;
                    layout.Slots.Add(d, stackedSlot);
                }
            }
            if (layout.SlotCount == 0) return;
            double axisLength = layout.AxisLength;
            if (data.AxisType == ChartAxisType.Category)
            {
                layout.Band = axisLength / Math.Max(1, data.Categories.Count);
            }
            else
            {
                // On a number or date axis a column is as wide as the closest gap between drawn X values,
                // and the axis grows by half of it at each end so the outer columns fit.
                var xs = new SortedSet<double>();
                foreach (var d in layout.Slots.Keys)
                {
                    foreach (var run in d.Runs)
                    {
                        foreach (int i in run) xs.Add(d.X[i]);
                    }
                }
                double gap = double.PositiveInfinity;
                double previous = double.NaN;
                foreach (double x in xs)
                {
                    if (!double.IsNaN(previous) && x - previous < gap) gap = x - previous;
                    previous = x;
                }
                // One X value: a column as wide as one among OneValueSlots would be, not the whole axis.
                if (!IsFinite(gap) || gap <= 0) gap = (xMax - xMin) / OneValueSlots;
                xMin -= gap / 2;
                xMax += gap / 2;
                layout.Band = gap * axisLength / (xMax - xMin);
            }
            int widest = layout.Slots.Keys.Select(d => d.Drawn).DefaultIfEmpty(0).Max();
            if (layout.Slots.Keys.Any(d => d.Decimated) && widest > 0)
            {
                // Decimated columns are spread about one per bucket: widen them to fill their bucket.
                layout.Band = Math.Max(layout.Band, axisLength / widest);
            }
        }
    }

    /// <summary>Where a cartesian chart's parts go, and the scales from values to SVG units.</summary>
    internal sealed class CartesianLayout
    {
        /// <summary>Bar charts: the X axis stands on the left and values run across.</summary>
        public bool Horizontal;
        public ChartAxisType AxisType;
        public PlotArea Plot;
        public LinearScale X;
        public LinearScale Value;
        public AxisTicks ValueTicks;
        public IndependentAxis Independent;

        // The width of one X value's band of columns, shared by its slots.
        public double Band;
        public Dictionary<SeriesValues, int> Slots = new Dictionary<SeriesValues, int>();
        public int SlotCount;

        // Where columns and areas start: zero, or the nearest end of a value axis that does not reach it.
        public double ValueBaseline;

        public double AxisLength => Horizontal ? Plot.Height : Plot.Width;

        public int SlotOf(SeriesValues series) => Slots.TryGetValue(series, out int slot) ? slot : 0;
    }

    internal sealed class CircularLayout
    {
        public double CenterX;
        public double CenterY;
        public double Radius;

        // The hole of a doughnut; zero for a pie.
        public double Inner;
    }

    internal sealed class PlotArea
    {
        public double Left;
        public double Top;
        public double Width;
        public double Height;

        public double Right => Left + Width;

        public double Bottom => Top + Height;
    }

    internal sealed class LinearScale
    {
        private readonly double _rangeStart;
        private readonly double _factor;

        public LinearScale(double domainMin, double domainMax, double rangeStart, double rangeEnd)
        {
            DomainMin = domainMin;
            DomainMax = domainMax;
            _rangeStart = rangeStart;
            _factor = domainMax > domainMin ? (rangeEnd - rangeStart) / (domainMax - domainMin) : 0;
        }

        public double DomainMin { get; }

        public double DomainMax { get; }

        public double RangeStart => _rangeStart;

        public double RangeEnd => _rangeStart + (DomainMax - DomainMin) * _factor;

        public double Map(double value) => _rangeStart + (value - DomainMin) * _factor;
    }
}
