using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using static CallbackControls.ChartMath;
using static CallbackControls.ChartStyle;
using static CallbackControls.ChartText;

namespace CallbackControls
{
    /// <summary>
    /// Draws line, spline, area, stacked area, column, stacked column, bar and scatter series. They share one
    /// X axis and one value axis, so they are laid out together and then drawn in series order, each in its
    /// own group for pages to style.
    /// </summary>
    internal sealed class CartesianChartWriter : IChartWriter
    {
        private readonly ChartCanvas _canvas;
        private readonly ChartSettings _settings;
        private readonly ChartFormat _format;
        private readonly ChartData _data;
        private readonly CartesianLayout _layout;

        public CartesianChartWriter(ChartCanvas canvas, IList<ChartSeries> series)
        {
            _canvas = canvas;
            _settings = canvas.Settings;
            _format = canvas.Format;
            _data = ChartData.Extract(canvas, series);
            Legend = ChartLegendWriter.Layout(canvas, _data.Series.Select(d => new LegendItem(d.Name, d.Color, ChartLegendWriter.SwatchOf(d.Type))
            {
                Dash = DashOf(d),
                Shape = _settings.DistinguishSeriesWithoutColor ? ShapeOf(d.Index) : MarkerShape.Circle,
            }).ToList());
            _layout = ChartLayout.Cartesian(canvas, _data, Legend.Height);
            Description = HasText(_settings.Description) ? _settings.Description : Describe();
            TypeCss = _data.Series.Count == 0 ? "cc-chart-empty" : ChartText.TypeCss(_data.Series[0].Type);
            // The keys walk the points' own elements and read their tooltips: without tooltips there is nothing to read.
            Navigable = _settings.KeyboardNavigation && _settings.ShowPointToolTips;
            Latest = _settings.AnnounceUpdates ? DescribeLatest() : null;
        }

        public bool Navigable { get; }

        public string Latest { get; }

        public string Description { get; }

        public string TypeCss { get; }

        public LegendLayout Legend { get; }

        public void WriteDefs(SvgMarkupWriter writer)
        {
            var plot = _layout.Plot;
            // The clip is a marker larger than the plot all round: points on its edge stay whole.
            writer.Start("defs").Open()
                .Start("clipPath").Attr("id", _canvas.Id("plot")).Open()
                .Start("rect").Attr("x", plot.Left - MarkerRadius - 1).Attr("y", plot.Top - MarkerRadius - 1)
                .Attr("width", plot.Width + 2 * MarkerRadius + 2).Attr("height", plot.Height + 2 * MarkerRadius + 2).Empty()
                .End("clipPath").End("defs");
        }

        public void WritePlot(SvgMarkupWriter writer)
        {
            var axes = new CartesianAxesWriter(_canvas, _layout);
            if (_settings.ShowGridLines) axes.WriteGrid(writer);
            axes.WriteAxes(writer);

            writer.Start("g").Attr("class", "cc-chart-plot").Attr("clip-path", "url(#" + _canvas.Id("plot") + ")");
            if (Navigable) writer.Attr("data-x-axis", XAxisMapping());
            writer.Open();
            foreach (var d in _data.Series)
            {
                WriteSeries(writer, d);
            }
            writer.End("g");
            if (!_data.HasData)
            {
                var plot = _layout.Plot;
                ChartCanvas.WriteNoData(writer, plot.Left + plot.Width / 2, plot.Top + plot.Height / 2);
            }
        }

        public void WriteTable(SvgMarkupWriter writer) => ChartDataTableWriter.WriteSeries(writer, _canvas, _data);

        private void WriteSeries(SvgMarkupWriter writer, SeriesValues d)
        {
            writer.Start("g").Attr("class", SeriesCss(d.Series, d.Index, d.Type));
            // The name a point is read with ("CPU, 12:00:05, 42"), whatever its tooltip says.
            if (Navigable) writer.Attr("data-name", d.Name);
            writer.Open();
            switch (d.Type)
            {
                case ChartType.Line:
                case ChartType.Spline:
                    WriteLines(writer, d, d.Type == ChartType.Spline);
                    WriteMarkers(writer, d, false);
                    break;
                case ChartType.Area:
                case ChartType.StackedArea:
                    WriteAreas(writer, d);
                    WriteLines(writer, d, false);
                    WriteMarkers(writer, d, false);
                    break;
                case ChartType.Scatter:
                    WriteMarkers(writer, d, true);
                    break;
                default:
                    WriteColumns(writer, d);
                    break;
            }
            writer.End("g");
        }

        private double XOf(SeriesValues d, int i) => _layout.X.Map(d.X[i]);

        /// <summary>The series' dash pattern when series are told apart without colour; null otherwise or for the first.</summary>
        private string DashOf(SeriesValues d) => _settings.DistinguishSeriesWithoutColor ? ChartStyle.DashOf(d.Index) : null;

        private double YOf(double value) => _layout.Value.Map(value);

        private void WriteLines(SvgMarkupWriter writer, SeriesValues d, bool smooth)
        {
            if (d.Runs.Count == 0) return;
            writer.Start("path").Attr("class", "cc-chart-line").BeginAttr("d");
            foreach (var run in d.Runs)
            {
                if (run.Length == 0) continue;
                if (smooth && run.Length > 2 &&
                    MonotoneCurve.TryWrite(writer, run.Select(i => XOf(d, i)).ToArray(), run.Select(i => YOf(d.Y[i])).ToArray()))
                {
                    continue;
                }
                writer.Command('M').Pair(XOf(d, run[0]), YOf(d.Y[run[0]]));
                for (int k = 1; k < run.Length; k++)
                {
                    writer.Command('L').Pair(XOf(d, run[k]), YOf(d.Y[run[k]]));
                }
            }
            writer.EndAttr().Attr("fill", "none").Attr("stroke", d.Color).Attr("stroke-width", 2)
                .Attr("stroke-linejoin", "round").Attr("stroke-linecap", "round");
            var dash = DashOf(d);
            if (dash != null) writer.Attr("stroke-dasharray", dash);
            writer.Empty();
        }

        private void WriteAreas(SvgMarkupWriter writer, SeriesValues d)
        {
            if (d.Runs.Count == 0) return;
            double baseline = YOf(_layout.ValueBaseline);
            writer.Start("path").Attr("class", "cc-chart-area").BeginAttr("d");
            foreach (var run in d.Runs)
            {
                if (run.Length == 0) continue;
                if (d.Base == null)
                {
                    writer.Command('M').Pair(XOf(d, run[0]), baseline);
                    foreach (int i in run) writer.Command('L').Pair(XOf(d, i), YOf(d.Y[i]));
                    writer.Command('L').Pair(XOf(d, run[run.Length - 1]), baseline).Command('Z');
                }
                else
                {
                    // The band between this layer's top and the top of the layer below, drawn back along it.
                    writer.Command('M').Pair(XOf(d, run[0]), YOf(d.Y[run[0]]));
                    for (int k = 1; k < run.Length; k++) writer.Command('L').Pair(XOf(d, run[k]), YOf(d.Y[run[k]]));
                    for (int k = run.Length - 1; k >= 0; k--) writer.Command('L').Pair(XOf(d, run[k]), YOf(d.Base[run[k]]));
                    writer.Command('Z');
                }
            }
            writer.EndAttr().Attr("fill", d.Color).Attr("fill-opacity", d.Base == null ? "0.25" : "0.55").Attr("stroke", "none").Empty();
        }

        private void WriteMarkers(SvgMarkupWriter writer, SeriesValues d, bool always)
        {
            if (!always && !_settings.ShowPointToolTips) return;
            int drawn = d.Drawn;
            if (drawn == 0) return;
            // Sparse series show their markers; dense ones keep them as invisible targets for the tooltips.
            bool visible = always || drawn <= _layout.AxisLength / 8;
            writer.Start("g").Attr("class", "cc-chart-markers").Attr("fill", d.Color);
            if (!visible) writer.Attr("fill-opacity", "0");
            writer.Open();
            foreach (var run in d.Runs)
            {
                foreach (int i in run)
                {
                    // A stacked layer has no point of its own where only other layers have one.
                    if (!d.HasPointAt(i)) continue;
                    WriteMarker(writer, _settings.DistinguishSeriesWithoutColor ? ShapeOf(d.Index) : MarkerShape.Circle,
                        XOf(d, i), YOf(d.Y[i]), always ? MarkerRadius + 0.5 : MarkerRadius, ToolTipOf(d, i));
                }
            }
            writer.End("g");
        }

        private void WriteColumns(SvgMarkupWriter writer, SeriesValues d)
        {
            var columnDash = DashOf(d);
            int slot = _layout.SlotOf(d);
            double band = _layout.Band;
            double slotWidth = band * 0.8 / Math.Max(1, _layout.SlotCount);
            double gap = slotWidth > 4 ? 1 : 0;
            foreach (var run in d.Runs)
            {
                foreach (int i in run)
                {
                    double y = d.Y[i];
                    if (!IsFinite(y)) continue;
                    if (!d.HasPointAt(i)) continue;
                    var source = d.SourceAt(i);
                    double center = XOf(d, i);
                    double start = center - band * 0.4 + slot * slotWidth + gap / 2;
                    double size = Math.Max(0.5, slotWidth - gap);
                    double from = YOf(d.Base != null ? d.Base[i] : _layout.ValueBaseline);
                    double to = YOf(y);
                    string color = source != null && HasText(source.Color) ? source.Color.Trim() : d.Color;
                    writer.Start("rect");
                    if (_layout.Horizontal)
                    {
                        writer.Attr("x", Math.Min(from, to)).Attr("y", start).Attr("width", Math.Abs(to - from)).Attr("height", size);
                    }
                    else
                    {
                        writer.Attr("x", start).Attr("y", Math.Min(from, to)).Attr("width", size).Attr("height", Math.Abs(to - from));
                    }
                    writer.Attr("fill", color);
                    // Told apart without colour, every series after the first gets its dash pattern as an outline.
                    if (columnDash != null) writer.Attr("stroke", TextColor).Attr("stroke-width", 1.5).Attr("stroke-dasharray", columnDash);
                    writer.EndWithTitle("rect", ToolTipOf(d, i));
                }
            }
        }

        /// <summary>
        /// How the X axis maps values to the drawing ("min max start end x", "... y" for bars, whose X axis runs
        /// down): the keys work out each drawn point's X from where it is drawn, and after a refresh find their
        /// point again by it, with no copy of the values beside the points (a few bytes a chart, not a point).
        /// </summary>
        private string XAxisMapping()
        {
            var x = _layout.X;
            return string.Join(" ", new[] { x.DomainMin, x.DomainMax, x.RangeStart, x.RangeEnd }.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))
                + (_layout.Horizontal ? " y" : " x");
        }

        /// <summary>The tooltip of a drawn value, or null when the chart shows none.</summary>
        private string ToolTipOf(SeriesValues d, int i)
        {
            if (!_settings.ShowPointToolTips) return null;
            var source = d.SourceAt(i);
            if (source != null && source.ToolTip != null) return source.ToolTip;
            // A stacked layer's own value, not its top on the stack.
            double value = d.OwnValue(i);
            return d.Name + ": " + _format.X(d.X[i], _data.AxisType, _data.Categories) + ", " + _format.Y(value);
        }

        /// <summary>
        /// A series' latest value (the last it holds, as a live series is appended to) and its lowest and
        /// highest; null when it has none. The extremes measured when the series was read are used as they
        /// are, so a million-point refresh does not scan its values again.
        /// </summary>
        private static (int Latest, double Low, double High)? Summarize(SeriesValues d)
        {
            int latest = -1;
            for (int i = d.Count - 1; i >= 0 && latest < 0; i--)
            {
                if (d.HasPointAt(i) && IsFinite(d.OwnValue(i)) && IsFinite(d.X[i])) latest = i;
            }
            if (latest < 0) return null;
            if (d.Highest >= 0 && d.Lowest >= 0) return (latest, d.OwnValue(d.Lowest), d.OwnValue(d.Highest));
            double low = double.PositiveInfinity, high = double.NegativeInfinity;
            for (int i = 0; i < d.Count; i++)
            {
                if (!d.HasPointAt(i)) continue;
                double v = d.OwnValue(i);
                if (!IsFinite(v)) continue;
                if (v < low) low = v;
                if (v > high) high = v;
            }
            return (latest, low, high);
        }

        /// <summary>"Latest value of CPU is 42." for each series with a value, in the page's language; null when none has one.</summary>
        private string DescribeLatest()
        {
            var parts = new List<string>();
            foreach (var d in _data.Series)
            {
                var summary = Summarize(d);
                if (summary == null) continue;
                parts.Add(Texts.Format(nameof(Texts.LatestValue), d.Name, _format.Y(d.OwnValue(summary.Value.Latest))));
            }
            return parts.Count == 0 ? null : string.Join(" ", parts);
        }

        private string Describe()
        {
            var data = _data.Series;
            if (data.Count == 0 || !_data.HasData) return "Chart with no data.";
            var types = data.Select(d => d.Type).Distinct().ToList();
            string kind = types.Count == 1 ? TypeName(types[0]) : "Combination";
            var culture = _format.Culture;
            string text = string.Format(culture, "{0} chart with {1} series: {2}.", kind, data.Count, string.Join(", ", data.Select(d => d.Name)));
            string xName = HasText(_settings.XAxisTitle) ? _settings.XAxisTitle : "X axis";
            string yName = HasText(_settings.YAxisTitle) ? _settings.YAxisTitle : "Y axis";
            var categories = _data.Categories;
            var ticks = _layout.Independent.Values;
            if (_data.AxisType == ChartAxisType.Category)
            {
                if (categories.Count > 0)
                {
                    text += string.Format(culture, " {0}: {1} categories, {2} to {3}.", xName, categories.Count, categories[0], categories[categories.Count - 1]);
                }
            }
            else if (ticks.Count > 0)
            {
                // A number axis that grew by half a column at each end names its first and last tick rather
                // than its widened ends.
                bool toEnds = _data.AxisType == ChartAxisType.DateTime || _layout.SlotCount == 0;
                double first = toEnds ? _layout.X.DomainMin : ticks[0];
                double last = toEnds ? _layout.X.DomainMax : ticks[ticks.Count - 1];
                text += string.Format(culture, " {0}: {1} to {2}.", xName, _format.X(first, _data.AxisType, categories), _format.X(last, _data.AxisType, categories));
            }
            var valueTicks = _layout.ValueTicks;
            text += string.Format(culture, " {0}: {1} to {2}.", yName, _format.ValueTick(valueTicks.Minimum, valueTicks), _format.ValueTick(valueTicks.Maximum, valueTicks));
            // The data, not only the axes: what a sighted reader takes from the lines at a glance.
            foreach (var d in data)
            {
                var summary = Summarize(d);
                if (summary == null) continue;
                var (latest, low, high) = summary.Value;
                text += string.Format(culture, " {0}: latest {1} at {2}, lowest {3}, highest {4}.",
                    d.Name, _format.Y(d.OwnValue(latest)), _format.X(d.X[latest], _data.AxisType, categories), _format.Y(low), _format.Y(high));
            }
            return text;
        }
    }
}
