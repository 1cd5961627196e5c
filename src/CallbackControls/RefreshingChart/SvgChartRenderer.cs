using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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
    /// <remarks>
    /// This class checks that the series can share a drawing and puts the parts together in the order the
    /// markup needs; the parts live beside it: <see cref="ChartData"/> (values), <see cref="ChartLayout"/>
    /// and <see cref="ChartTicks"/> (where things go), <see cref="ChartDecimation"/> (how many points are
    /// drawn), <see cref="CartesianChartWriter"/> (the drawing),
    /// <see cref="ChartLegendWriter"/> and <see cref="ChartDataTableWriter"/>.
    /// </remarks>
    internal sealed class SvgChartRenderer
    {
        internal const string BodyCssClass = "cc-chart-body";

        private readonly ChartSettings _settings;
        private readonly IList<ChartSeries> _series;
        private readonly ChartCanvas _canvas;
        private readonly ChartFormat _format;
        private const string OtherSliceColor = "#9e9e9e";

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
                IChartWriter chart = new CartesianChartWriter(_canvas, _series);
                _canvas.WriteSvgStart(writer, chart.Description, chart.TypeCss);
                chart.WriteDefs(writer);
                _canvas.WriteTitle(writer);
                chart.WritePlot(writer);
                ChartLegendWriter.Write(writer, chart.Legend);
                writer.End("svg");
                if (_settings.ShowDataTable) chart.WriteTable(writer);
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
