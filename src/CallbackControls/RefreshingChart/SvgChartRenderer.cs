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
    /// Draws a chart as inline SVG inside a <c>div.cc-chart-body</c>, with an optional visually hidden
    /// data table after it. Every piece of text (names, labels, tooltips, titles) is escaped; colours are
    /// presentation attributes, so no style sheet or inline style is needed for the chart itself.
    /// Large series are decimated to the plot's width, so the markup stays bounded whatever the data.
    /// </summary>
    internal sealed class SvgChartRenderer
    {
        internal const string BodyCssClass = "cc-chart-body";

        private const string OtherSliceColor = "#9e9e9e";

        private readonly ChartSettings _settings;
        private readonly IList<ChartSeries> _series;
        private readonly ChartCanvas _canvas;
        private readonly ChartFormat _format;
        private ChartData _data;

        public SvgChartRenderer(ChartSettings settings, IList<ChartSeries> series)
        {
            _settings = settings ?? throw new ArgumentNullException(nameof(settings));
            _series = series ?? throw new ArgumentNullException(nameof(series));
            _canvas = new ChartCanvas(settings);
            _format = _canvas.Format;
        }

        /// <summary>Returns the markup of the chart body: the SVG and, when asked for, the data table.</summary>
        public string Render()
        {
            bool circular = Validate();
            var writer = new SvgMarkupWriter(8192);
            writer.Start("div").Attr("class", BodyCssClass).Open();
            if (circular)
            {
                RenderCircular(writer);
            }
            else
            {
                RenderCartesian(writer);
            }
            writer.End("div");
            return writer.ToString();
        }

        /// <summary>Checks that the series' chart types can share one drawing; returns true for a pie or doughnut chart.</summary>
        private bool Validate()
        {
            if (_series.Count == 0) return false;
            bool circular = IsCircular(_series[0].ChartType);
            if (circular && _series.Count > 1)
            {
                throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                    "A pie or doughnut chart draws one series; this chart has {0}. Use one chart per series.", _series.Count));
            }
            if (!circular && _series.Any(s => IsCircular(s.ChartType)))
            {
                throw new InvalidOperationException("Pie and doughnut series cannot share a chart with other series; make the pie the chart's only series.");
            }
            bool bars = _series.Any(s => s.ChartType == ChartType.Bar);
            if (bars && _series.Any(s => s.ChartType != ChartType.Bar))
            {
                throw new InvalidOperationException("Bar series are drawn horizontally and cannot share a chart with other chart types; use Column for vertical bars.");
            }
            return circular;
        }

        private static bool IsCircular(ChartType type) => type == ChartType.Pie || type == ChartType.Doughnut;

        /* ------------------------------------------------------------------------------------------
         * Cartesian charts: line, spline, area, stacked area, column, stacked column, bar, scatter
         * ---------------------------------------------------------------------------------------- */

        private void RenderCartesian(SvgMarkupWriter writer)
        {
            var chart = ChartData.Extract(_canvas, _series);
            _data = chart;
            var data = chart.Series;
            var legend = ChartLegendWriter.Layout(_canvas, data.Select(d => new LegendItem(d.Name, d.Color, ChartLegendWriter.SwatchOf(d.Type))).ToList());
            var context = ChartLayout.Cartesian(_canvas, chart, legend.Height);
            var plot = context.Plot;
            bool hasData = chart.HasData;

            string description = HasText(_settings.Description) ? _settings.Description : DescribeCartesian(chart, context);
            _canvas.WriteSvgStart(writer, description, data.Count == 0 ? "cc-chart-empty" : TypeCss(data[0].Type));
            writer.Start("defs").Open()
                .Start("clipPath").Attr("id", _canvas.Id("plot")).Open()
                .Start("rect").Attr("x", plot.Left - MarkerRadius - 1).Attr("y", plot.Top - MarkerRadius - 1)
                .Attr("width", plot.Width + 2 * MarkerRadius + 2).Attr("height", plot.Height + 2 * MarkerRadius + 2).Empty()
                .End("clipPath").End("defs");
            _canvas.WriteTitle(writer);
            if (_settings.ShowGridLines) WriteGrid(writer, context);
            WriteAxes(writer, context);

            writer.Start("g").Attr("class", "cc-chart-plot").Attr("clip-path", "url(#" + _canvas.Id("plot") + ")").Open();
            foreach (var d in data)
            {
                WriteSeries(writer, d, context, context.SlotOf(d));
            }
            writer.End("g");
            if (!hasData)
            {
                ChartCanvas.WriteNoData(writer, plot.Left + plot.Width / 2, plot.Top + plot.Height / 2);
            }
            ChartLegendWriter.Write(writer, legend);
            writer.End("svg");

            if (_settings.ShowDataTable) ChartDataTableWriter.WriteSeries(writer, _canvas, chart);
        }

        private void WriteGrid(SvgMarkupWriter writer, CartesianLayout c)
        {
            var plot = c.Plot;
            writer.Start("g").Attr("class", "cc-chart-grid").Attr("stroke", GridColor).Attr("stroke-width", 1).Attr("shape-rendering", "crispEdges").Open();
            foreach (double v in c.ValueTicks.Values)
            {
                double p = c.Value.Map(v);
                if (c.Horizontal)
                {
                    writer.Start("line").Attr("x1", p).Attr("y1", plot.Top).Attr("x2", p).Attr("y2", plot.Bottom).Empty();
                }
                else
                {
                    writer.Start("line").Attr("x1", plot.Left).Attr("y1", p).Attr("x2", plot.Right).Attr("y2", p).Empty();
                }
            }
            if (c.AxisType != ChartAxisType.Category)
            {
                foreach (double v in c.Independent.Values)
                {
                    double p = c.X.Map(v);
                    if (c.Horizontal)
                    {
                        writer.Start("line").Attr("x1", plot.Left).Attr("y1", p).Attr("x2", plot.Right).Attr("y2", p).Empty();
                    }
                    else
                    {
                        writer.Start("line").Attr("x1", p).Attr("y1", plot.Top).Attr("x2", p).Attr("y2", plot.Bottom).Empty();
                    }
                }
            }
            writer.End("g");
        }

        private void WriteAxes(SvgMarkupWriter writer, CartesianLayout c)
        {
            var plot = c.Plot;
            // The value axis: labels only (grid lines carry the ticks).
            writer.Start("g").Attr("class", c.Horizontal ? "cc-chart-axis cc-chart-axis-y cc-chart-axis-value" : "cc-chart-axis cc-chart-axis-y")
                .Attr("fill", TextColor).Attr("font-size", FontSize).Open();
            if (!c.Horizontal)
            {
                foreach (double v in c.ValueTicks.Values)
                {
                    writer.Start("text").Attr("x", plot.Left - TickLength - 2).Attr("y", c.Value.Map(v)).Attr("dy", "0.32em").Attr("text-anchor", "end")
                        .Open().Text(_format.ValueTick(v, c.ValueTicks)).End("text");
                }
                if (HasText(_settings.YAxisTitle))
                {
                    double x = Gap + FontSize;
                    double y = plot.Top + plot.Height / 2;
                    writer.Start("text").Attr("class", "cc-chart-axis-title").Attr("x", x).Attr("y", y).Attr("text-anchor", "middle")
                        .Attr("transform", "rotate(-90 " + Coordinate(x) + " " + Coordinate(y) + ")").Open().Text(_settings.YAxisTitle).End("text");
                }
            }
            else
            {
                foreach (double v in c.ValueTicks.Values)
                {
                    writer.Start("text").Attr("x", c.Value.Map(v)).Attr("y", plot.Bottom + TickLength + FontSize).Attr("text-anchor", "middle")
                        .Open().Text(_format.ValueTick(v, c.ValueTicks)).End("text");
                }
                if (HasText(_settings.YAxisTitle))
                {
                    writer.Start("text").Attr("class", "cc-chart-axis-title").Attr("x", plot.Left + plot.Width / 2)
                        .Attr("y", plot.Bottom + TickLength + FontSize * 2 + Gap).Attr("text-anchor", "middle").Open().Text(_settings.YAxisTitle).End("text");
                }
            }
            writer.End("g");

            // The X axis (the category axis of bars): a line, tick marks and labels.
            writer.Start("g").Attr("class", c.Horizontal ? "cc-chart-axis cc-chart-axis-x cc-chart-axis-category" : "cc-chart-axis cc-chart-axis-x")
                .Attr("fill", TextColor).Attr("font-size", FontSize).Open();
            if (!c.Horizontal)
            {
                writer.Start("line").Attr("class", "cc-chart-axis-line").Attr("x1", plot.Left).Attr("y1", plot.Bottom).Attr("x2", plot.Right).Attr("y2", plot.Bottom)
                    .Attr("stroke", AxisColor).Attr("shape-rendering", "crispEdges").Empty();
                WriteZeroLine(writer, c);
                for (int i = 0; i < c.Independent.Values.Count; i++)
                {
                    double p = c.X.Map(c.Independent.Values[i]);
                    writer.Start("line").Attr("x1", p).Attr("y1", plot.Bottom).Attr("x2", p).Attr("y2", plot.Bottom + TickLength).Attr("stroke", AxisColor).Empty();
                    // A label centred on the last (or first) tick may stick out of the drawing: it moves inwards.
                    double half = TextWidth(c.Independent.Labels[i]) / 2;
                    double x = Math.Max(half + 2, Math.Min(_canvas.Width - half - 2, p));
                    writer.Start("text").Attr("x", x).Attr("y", plot.Bottom + TickLength + FontSize).Attr("text-anchor", "middle")
                        .Open().Text(c.Independent.Labels[i]).End("text");
                }
                if (HasText(_settings.XAxisTitle))
                {
                    writer.Start("text").Attr("class", "cc-chart-axis-title").Attr("x", plot.Left + plot.Width / 2)
                        .Attr("y", plot.Bottom + TickLength + FontSize * 2 + Gap).Attr("text-anchor", "middle").Open().Text(_settings.XAxisTitle).End("text");
                }
            }
            else
            {
                writer.Start("line").Attr("class", "cc-chart-axis-line").Attr("x1", plot.Left).Attr("y1", plot.Top).Attr("x2", plot.Left).Attr("y2", plot.Bottom)
                    .Attr("stroke", AxisColor).Attr("shape-rendering", "crispEdges").Empty();
                WriteZeroLine(writer, c);
                for (int i = 0; i < c.Independent.Values.Count; i++)
                {
                    double p = c.X.Map(c.Independent.Values[i]);
                    writer.Start("line").Attr("x1", plot.Left - TickLength).Attr("y1", p).Attr("x2", plot.Left).Attr("y2", p).Attr("stroke", AxisColor).Empty();
                    writer.Start("text").Attr("x", plot.Left - TickLength - 2).Attr("y", p).Attr("dy", "0.32em").Attr("text-anchor", "end")
                        .Open().Text(c.Independent.Labels[i]).End("text");
                }
                if (HasText(_settings.XAxisTitle))
                {
                    double x = Gap + FontSize;
                    double y = plot.Top + plot.Height / 2;
                    writer.Start("text").Attr("class", "cc-chart-axis-title").Attr("x", x).Attr("y", y).Attr("text-anchor", "middle")
                        .Attr("transform", "rotate(-90 " + Coordinate(x) + " " + Coordinate(y) + ")").Open().Text(_settings.XAxisTitle).End("text");
                }
            }
            writer.End("g");
        }

        /// <summary>Marks zero when it lies inside the value range, where columns and areas start.</summary>
        private static void WriteZeroLine(SvgMarkupWriter writer, CartesianLayout c)
        {
            if (!(c.ValueTicks.Minimum < 0 && c.ValueTicks.Maximum > 0)) return;
            double p = c.Value.Map(0);
            var plot = c.Plot;
            writer.Start("line").Attr("class", "cc-chart-zero-line");
            if (c.Horizontal)
            {
                writer.Attr("x1", p).Attr("y1", plot.Top).Attr("x2", p).Attr("y2", plot.Bottom);
            }
            else
            {
                writer.Attr("x1", plot.Left).Attr("y1", p).Attr("x2", plot.Right).Attr("y2", p);
            }
            writer.Attr("stroke", AxisColor).Attr("shape-rendering", "crispEdges").Empty();
        }

        private void WriteSeries(SvgMarkupWriter writer, SeriesValues d, CartesianLayout c, int slot)
        {
            writer.Start("g").Attr("class", SeriesCss(d.Series, d.Index, d.Type)).Open();
            switch (d.Type)
            {
                case ChartType.Line:
                case ChartType.Spline:
                    WriteLines(writer, d, c, d.Type == ChartType.Spline);
                    WriteMarkers(writer, d, c, false);
                    break;
                case ChartType.Area:
                case ChartType.StackedArea:
                    WriteAreas(writer, d, c);
                    WriteLines(writer, d, c, false);
                    WriteMarkers(writer, d, c, false);
                    break;
                case ChartType.Scatter:
                    WriteMarkers(writer, d, c, true);
                    break;
                default:
                    WriteColumns(writer, d, c, slot);
                    break;
            }
            writer.End("g");
        }

        private void WriteLines(SvgMarkupWriter writer, SeriesValues d, CartesianLayout c, bool smooth)
        {
            if (d.Runs.Count == 0) return;
            writer.Start("path").Attr("class", "cc-chart-line").BeginAttr("d");
            foreach (var run in d.Runs)
            {
                if (run.Length == 0) continue;
                if (smooth && run.Length > 2 && WriteMonotoneCurve(writer, d, c, run)) continue;
                writer.Command('M').Pair(c.X.Map(d.X[run[0]]), c.Value.Map(d.Y[run[0]]));
                for (int i = 1; i < run.Length; i++)
                {
                    writer.Command('L').Pair(c.X.Map(d.X[run[i]]), c.Value.Map(d.Y[run[i]]));
                }
            }
            writer.EndAttr().Attr("fill", "none").Attr("stroke", d.Color).Attr("stroke-width", 2)
                .Attr("stroke-linejoin", "round").Attr("stroke-linecap", "round").Empty();
        }

        /// <summary>
        /// A monotone cubic curve (Fritsch and Carlson): smooth, yet never above or below the points it joins,
        /// so a spline shows no peak the data does not have. Needs X strictly increasing; returns false otherwise.
        /// </summary>
        private static bool WriteMonotoneCurve(SvgMarkupWriter writer, SeriesValues d, CartesianLayout c, int[] run)
        {
            int n = run.Length;
            var px = new double[n];
            var py = new double[n];
            for (int i = 0; i < n; i++)
            {
                px[i] = c.X.Map(d.X[run[i]]);
                py[i] = c.Value.Map(d.Y[run[i]]);
                if (i > 0 && !(px[i] > px[i - 1])) return false;
            }
            var slope = new double[n - 1];
            for (int i = 0; i < n - 1; i++) slope[i] = (py[i + 1] - py[i]) / (px[i + 1] - px[i]);
            var tangent = new double[n];
            tangent[0] = slope[0];
            tangent[n - 1] = slope[n - 2];
            for (int i = 1; i < n - 1; i++)
            {
                tangent[i] = slope[i - 1] * slope[i] <= 0 ? 0 : (slope[i - 1] + slope[i]) / 2;
            }
            for (int i = 0; i < n - 1; i++)
            {
                if (slope[i] == 0)
                {
                    tangent[i] = 0;
                    tangent[i + 1] = 0;
                    continue;
                }
                double a = tangent[i] / slope[i];
                double b = tangent[i + 1] / slope[i];
                double s = a * a + b * b;
                if (s > 9)
                {
                    double t = 3 / Math.Sqrt(s);
                    tangent[i] = t * a * slope[i];
                    tangent[i + 1] = t * b * slope[i];
                }
            }
            writer.Command('M').Pair(px[0], py[0]);
            for (int i = 0; i < n - 1; i++)
            {
                double third = (px[i + 1] - px[i]) / 3;
                writer.Command('C').Pair(px[i] + third, py[i] + tangent[i] * third).Space()
                    .Pair(px[i + 1] - third, py[i + 1] - tangent[i + 1] * third).Space()
                    .Pair(px[i + 1], py[i + 1]);
            }
            return true;
        }

        private void WriteAreas(SvgMarkupWriter writer, SeriesValues d, CartesianLayout c)
        {
            if (d.Runs.Count == 0) return;
            double baseline = c.Value.Map(c.ValueBaseline);
            writer.Start("path").Attr("class", "cc-chart-area").BeginAttr("d");
            foreach (var run in d.Runs)
            {
                if (run.Length == 0) continue;
                if (d.Base == null)
                {
                    writer.Command('M').Pair(c.X.Map(d.X[run[0]]), baseline);
                    foreach (int i in run) writer.Command('L').Pair(c.X.Map(d.X[i]), c.Value.Map(d.Y[i]));
                    writer.Command('L').Pair(c.X.Map(d.X[run[run.Length - 1]]), baseline).Command('Z');
                }
                else
                {
                    // The band between this layer's top and the top of the layer below, drawn back along it.
                    writer.Command('M').Pair(c.X.Map(d.X[run[0]]), c.Value.Map(d.Y[run[0]]));
                    for (int k = 1; k < run.Length; k++) writer.Command('L').Pair(c.X.Map(d.X[run[k]]), c.Value.Map(d.Y[run[k]]));
                    for (int k = run.Length - 1; k >= 0; k--) writer.Command('L').Pair(c.X.Map(d.X[run[k]]), c.Value.Map(d.Base[run[k]]));
                    writer.Command('Z');
                }
            }
            writer.EndAttr().Attr("fill", d.Color).Attr("fill-opacity", d.Base == null ? "0.25" : "0.55").Attr("stroke", "none").Empty();
        }

        private void WriteMarkers(SvgMarkupWriter writer, SeriesValues d, CartesianLayout c, bool always)
        {
            if (!always && !_settings.ShowPointToolTips) return;
            int drawn = d.Drawn;
            if (drawn == 0) return;
            // Sparse series show their markers; dense ones keep them as invisible targets for the tooltips.
            bool visible = always || drawn <= c.AxisLength / 8;
            writer.Start("g").Attr("class", "cc-chart-markers");
            if (visible)
            {
                writer.Attr("fill", d.Color);
            }
            else
            {
                writer.Attr("fill", d.Color).Attr("fill-opacity", "0");
            }
            writer.Open();
            foreach (var run in d.Runs)
            {
                foreach (int i in run)
                {
                    var source = d.Source[i];
                    if (d.Base != null && source == null) continue;
                    writer.Start("circle").Attr("cx", c.X.Map(d.X[i])).Attr("cy", c.Value.Map(d.Y[i])).Attr("r", always ? MarkerRadius + 0.5 : MarkerRadius);
                    if (_settings.ShowPointToolTips)
                    {
                        writer.Open().TextElement("title", ToolTipOf(d, i, c)).End("circle");
                    }
                    else
                    {
                        writer.Empty();
                    }
                }
            }
            writer.End("g");
        }

        private void WriteColumns(SvgMarkupWriter writer, SeriesValues d, CartesianLayout c, int slot)
        {
            double slotWidth = c.Band * 0.8 / Math.Max(1, c.SlotCount);
            double gap = slotWidth > 4 ? 1 : 0;
            foreach (var run in d.Runs)
            {
                foreach (int i in run)
                {
                    double y = d.Y[i];
                    if (!IsFinite(y)) continue;
                    var source = d.Source[i];
                    if (d.Base != null && source == null) continue;
                    double center = c.X.Map(d.X[i]);
                    double start = center - c.Band * 0.4 + slot * slotWidth + gap / 2;
                    double size = Math.Max(0.5, slotWidth - gap);
                    double from = c.Value.Map(d.Base != null ? d.Base[i] : c.ValueBaseline);
                    double to = c.Value.Map(y);
                    string color = source != null && HasText(source.Color) ? source.Color.Trim() : d.Color;
                    writer.Start("rect");
                    if (c.Horizontal)
                    {
                        writer.Attr("x", Math.Min(from, to)).Attr("y", start).Attr("width", Math.Abs(to - from)).Attr("height", size);
                    }
                    else
                    {
                        writer.Attr("x", start).Attr("y", Math.Min(from, to)).Attr("width", size).Attr("height", Math.Abs(to - from));
                    }
                    writer.Attr("fill", color);
                    if (_settings.ShowPointToolTips)
                    {
                        writer.Open().TextElement("title", ToolTipOf(d, i, c)).End("rect");
                    }
                    else
                    {
                        writer.Empty();
                    }
                }
            }
        }

        private string ToolTipOf(SeriesValues d, int i, CartesianLayout c)
        {
            var source = d.Source[i];
            if (source != null && source.ToolTip != null) return source.ToolTip;
            double value = d.Base != null ? (source != null ? source.Y : 0) : d.Y[i];
            return d.Name + ": " + _format.X(d.X[i], c.AxisType, _data.Categories) + ", " + _format.Y(value);
        }

        private string DescribeCartesian(ChartData chart, CartesianLayout c)
        {
            var data = chart.Series;
            if (data.Count == 0 || !chart.HasData) return "Chart with no data.";
            var types = data.Select(d => d.Type).Distinct().ToList();
            string kind = types.Count == 1 ? TypeName(types[0]) : "Combination";
            string text = string.Format(_format.Culture, "{0} chart with {1} series: {2}.", kind, data.Count, string.Join(", ", data.Select(d => d.Name)));
            string xName = HasText(_settings.XAxisTitle) ? _settings.XAxisTitle : "X axis";
            string yName = HasText(_settings.YAxisTitle) ? _settings.YAxisTitle : "Y axis";
            if (c.AxisType == ChartAxisType.Category)
            {
                if (_data.Categories.Count > 0)
                {
                    text += string.Format(_format.Culture, " {0}: {1} categories, {2} to {3}.", xName, _data.Categories.Count, _data.Categories[0], _data.Categories[_data.Categories.Count - 1]);
                }
            }
            else if (c.Independent.Values.Count > 0)
            {
                double first = c.AxisType == ChartAxisType.DateTime || c.SlotCount == 0 ? c.X.DomainMin : c.Independent.Values[0];
                double last = c.AxisType == ChartAxisType.DateTime || c.SlotCount == 0 ? c.X.DomainMax : c.Independent.Values[c.Independent.Values.Count - 1];
                text += string.Format(_format.Culture, " {0}: {1} to {2}.", xName, _format.X(first, c.AxisType, _data.Categories), _format.X(last, c.AxisType, _data.Categories));
            }
            text += string.Format(_format.Culture, " {0}: {1} to {2}.", yName, _format.ValueTick(c.ValueTicks.Minimum, c.ValueTicks), _format.ValueTick(c.ValueTicks.Maximum, c.ValueTicks));
            return text;
        }

        /* ------------------------------------------------------------------------------------------
         * Pie and doughnut
         * ---------------------------------------------------------------------------------------- */

        private void RenderCircular(SvgMarkupWriter writer)
        {
            var series = _series[0];
            bool doughnut = series.ChartType == ChartType.Doughnut;
            var slices = new List<Slice>();
            var points = series.Points;
            for (int i = 0; i < points.Count; i++)
            {
                var point = points[i];
                if (point.IsEmpty || !(point.Y > 0)) continue;
                string label = point.AxisLabel ?? _format.XValue(point.X, points.XValueType == ChartAxisType.DateTime);
                string color = _canvas.ColorOr(point.Color, slices.Count);
                slices.Add(new Slice { Label = label, Value = point.Y, Point = point, Color = color });
            }
            var keep = ChartDecimation.LargestSlices(slices.Select(s => s.Value).ToList(), _settings.EnableDecimation);
            if (keep != null)
            {
                // The kept slices stay in their order; the rest become one "Other" slice.
                double other = slices.Where((s, i) => !keep.Contains(i)).Sum(s => s.Value);
                int merged = slices.Count - keep.Count;
                slices = slices.Where((s, i) => keep.Contains(i)).ToList();
                slices.Add(new Slice
                {
                    Label = "Other",
                    Value = other,
                    Color = OtherSliceColor,
                    ToolTipOverride = string.Format(_format.Culture, "Other ({0} smaller slices): {1}", merged, _format.Y(other)),
                });
            }
            double total = slices.Sum(s => s.Value);
            string name = NameOf(series, 0);

            var legend = ChartLegendWriter.Layout(_canvas, slices.Select(s => new LegendItem(s.Label + " (" + _format.Percent(s.Value, total) + ")", s.Color, LegendSwatch.Box)).ToList());
            var circle = ChartLayout.Circular(_canvas, legend.Height, doughnut);
            double cx = circle.CenterX, cy = circle.CenterY, radius = circle.Radius, inner = circle.Inner;

            string description = HasText(_settings.Description)
                ? _settings.Description
                : slices.Count == 0
                    ? "Chart with no data."
                    : string.Format(_format.Culture, "{0} chart of {1} with {2} slices totalling {3}.", TypeName(series.ChartType), name, slices.Count, _format.Y(total));
            _canvas.WriteSvgStart(writer, description, TypeCss(series.ChartType));
            _canvas.WriteTitle(writer);

            writer.Start("g").Attr("class", SeriesCss(series, 0, series.ChartType)).Attr("stroke", "#ffffff").Attr("stroke-width", 1).Open();
            double angle = 0;
            foreach (var slice in slices)
            {
                double sweep = total > 0 ? slice.Value / total * 2 * Math.PI : 0;
                writer.Start("path").Attr("class", "cc-chart-slice").BeginAttr("d");
                WriteSlicePath(writer, cx, cy, radius, inner, angle, angle + sweep);
                writer.EndAttr().Attr("fill", slice.Color);
                if (doughnut) writer.Attr("fill-rule", "evenodd");
                if (_settings.ShowPointToolTips)
                {
                    string tip = slice.Point != null && slice.Point.ToolTip != null
                        ? slice.Point.ToolTip
                        : slice.ToolTipOverride ?? string.Format(_format.Culture, "{0}: {1}, {2} ({3})", name, slice.Label, _format.Y(slice.Value), _format.Percent(slice.Value, total));
                    writer.Open().TextElement("title", tip).End("path");
                }
                else
                {
                    writer.Empty();
                }
                angle += sweep;
            }
            writer.End("g");
            if (slices.Count == 0)
            {
                ChartCanvas.WriteNoData(writer, cx, cy);
            }
            ChartLegendWriter.Write(writer, legend);
            writer.End("svg");

            if (_settings.ShowDataTable) ChartDataTableWriter.WriteShares(writer, _canvas, name, slices.Select(slice => (slice.Label, slice.Value)), total);
        }

        private static void WriteSlicePath(SvgMarkupWriter writer, double cx, double cy, double r, double inner, double from, double to)
        {
            if (to - from >= 2 * Math.PI - 1e-9)
            {
                // A whole circle cannot be one arc (its ends coincide): two half circles, and the hole as a second ring.
                writer.Command('M').Pair(cx, cy - r).Command('A').Pair(r, r).Markup(" 0 1 1 ").Pair(cx, cy + r)
                    .Command('A').Pair(r, r).Markup(" 0 1 1 ").Pair(cx, cy - r).Command('Z');
                if (inner > 0)
                {
                    writer.Command('M').Pair(cx, cy - inner).Command('A').Pair(inner, inner).Markup(" 0 1 0 ").Pair(cx, cy + inner)
                        .Command('A').Pair(inner, inner).Markup(" 0 1 0 ").Pair(cx, cy - inner).Command('Z');
                }
                return;
            }
            string large = to - from > Math.PI ? " 0 1 1 " : " 0 0 1 ";
            string largeBack = to - from > Math.PI ? " 0 1 0 " : " 0 0 0 ";
            double sx = cx + r * Math.Sin(from), sy = cy - r * Math.Cos(from);
            double ex = cx + r * Math.Sin(to), ey = cy - r * Math.Cos(to);
            if (inner > 0)
            {
                double isx = cx + inner * Math.Sin(to), isy = cy - inner * Math.Cos(to);
                double iex = cx + inner * Math.Sin(from), iey = cy - inner * Math.Cos(from);
                writer.Command('M').Pair(sx, sy).Command('A').Pair(r, r).Markup(large).Pair(ex, ey)
                    .Command('L').Pair(isx, isy).Command('A').Pair(inner, inner).Markup(largeBack).Pair(iex, iey).Command('Z');
            }
            else
            {
                writer.Command('M').Pair(cx, cy).Command('L').Pair(sx, sy).Command('A').Pair(r, r).Markup(large).Pair(ex, ey).Command('Z');
            }
        }

        /* ------------------------------------------------------------------------------------------
         * Helpers
         * ---------------------------------------------------------------------------------------- */

        private static string Coordinate(double value)
        {
            var text = new System.Text.StringBuilder();
            SvgMarkupWriter.AppendNumber(text, value);
            return text.ToString();
        }

        private sealed class Slice
        {
            public string Label;
            public double Value;
            public ChartPoint Point;
            public string Color;
            public string ToolTipOverride;
        }
    }
}
