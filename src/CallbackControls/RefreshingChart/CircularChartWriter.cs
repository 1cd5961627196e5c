using System;
using System.Collections.Generic;
using System.Linq;
using static CallbackControls.ChartText;

namespace CallbackControls
{
    /// <summary>
    /// Draws a pie or doughnut: one series, a slice for each positive value, clockwise from twelve o'clock
    /// in the points' order. Empty, zero and negative values have no slice (they have no share of a whole).
    /// </summary>
    internal sealed class CircularChartWriter : IChartWriter
    {
        private const string OtherSliceColor = "#9e9e9e";

        private readonly ChartCanvas _canvas;
        private readonly ChartFormat _format;
        private readonly ChartSeries _series;
        private readonly bool _doughnut;
        private readonly List<Slice> _slices;
        private readonly double _total;
        private readonly string _name;
        private readonly CircularLayout _circle;

        public CircularChartWriter(ChartCanvas canvas, ChartSeries series)
        {
            _canvas = canvas;
            _format = canvas.Format;
            _series = series;
            _doughnut = series.ChartType == ChartType.Doughnut;
            _slices = MergeSmallest(SlicesOf(series));
            _total = _slices.Sum(s => s.Value);
            _name = NameOf(series, 0);
            Legend = ChartLegendWriter.Layout(canvas, _slices.Select(s => new LegendItem(s.Label + " (" + _format.Percent(s.Value, _total) + ")", s.Color, LegendSwatch.Box)).ToList());
            _circle = ChartLayout.Circular(canvas, Legend.Height, _doughnut);
            Description = HasText(canvas.Settings.Description)
                ? canvas.Settings.Description
                : _slices.Count == 0
                    ? "Chart with no data."
                    : string.Format(_format.Culture, "{0} chart of {1} with {2} slices totalling {3}.", TypeName(series.ChartType), _name, _slices.Count, _format.Y(_total));
            TypeCss = ChartText.TypeCss(series.ChartType);
        }

        public string Description { get; }

        public string TypeCss { get; }

        public LegendLayout Legend { get; }

        public bool Navigable => false;

        // A pie has no latest value: its slices are shares of one whole, not readings over time.
        public string Latest => null;

        public void WriteDefs(SvgMarkupWriter writer)
        {
        }

        public void WritePlot(SvgMarkupWriter writer)
        {
            double cx = _circle.CenterX, cy = _circle.CenterY;
            writer.Start("g").Attr("class", SeriesCss(_series, 0, _series.ChartType)).Attr("stroke", "#ffffff").Attr("stroke-width", 1).Open();
            double angle = 0;
            foreach (var slice in _slices)
            {
                double sweep = _total > 0 ? slice.Value / _total * 2 * Math.PI : 0;
                writer.Start("path").Attr("class", "cc-chart-slice").BeginAttr("d");
                WriteSlicePath(writer, cx, cy, _circle.Radius, _circle.Inner, angle, angle + sweep);
                writer.EndAttr().Attr("fill", slice.Color);
                if (_doughnut) writer.Attr("fill-rule", "evenodd");
                writer.EndWithTitle("path", _canvas.Settings.ShowPointToolTips ? ToolTipOf(slice) : null);
                angle += sweep;
            }
            writer.End("g");
            if (_slices.Count == 0)
            {
                ChartCanvas.WriteNoData(writer, cx, cy);
            }
        }

        public void WriteTable(SvgMarkupWriter writer) =>
            ChartDataTableWriter.WriteShares(writer, _canvas, _name, _slices.Select(slice => (slice.Label, slice.Value)), _total);

        private List<Slice> SlicesOf(ChartSeries series)
        {
            var slices = new List<Slice>();
            var points = series.Points;
            var store = points.Store;
            store.Read(out double[] xs, out double[] ys, out ChartPoint[] objects);
            for (int i = 0; i < store.Count; i++)
            {
                // Read from the arrays: a slice needs no point object unless the page made one.
                double y = ys[i];
                if (!(y > 0) || double.IsInfinity(y)) continue;
                var point = objects?[i];
                string label = point?.AxisLabel ?? _format.XValue(xs[i], points.XValueType == ChartAxisType.DateTime);
                string color = _canvas.ColorOr(point?.Color, slices.Count);
                slices.Add(new Slice { Label = label, Value = y, Point = point, Color = color });
            }
            return slices;
        }

        /// <summary>Keeps the slices <see cref="ChartDecimation"/> keeps, in their order; the rest become one "Other" slice.</summary>
        private List<Slice> MergeSmallest(List<Slice> slices)
        {
            var keep = ChartDecimation.LargestSlices(slices.Select(s => s.Value).ToList(), _canvas.Settings.EnableDecimation);
            if (keep == null) return slices;
            double other = slices.Where((s, i) => !keep.Contains(i)).Sum(s => s.Value);
            int merged = slices.Count - keep.Count;
            var kept = slices.Where((s, i) => keep.Contains(i)).ToList();
            kept.Add(new Slice
            {
                Label = "Other",
                Value = other,
                Color = OtherSliceColor,
                ToolTipOverride = string.Format(_format.Culture, "Other ({0} smaller slices): {1}", merged, _format.Y(other)),
            });
            return kept;
        }

        private string ToolTipOf(Slice slice) =>
            slice.Point != null && slice.Point.ToolTip != null
                ? slice.Point.ToolTip
                : slice.ToolTipOverride ?? string.Format(_format.Culture, "{0}: {1}, {2} ({3})", _name, slice.Label, _format.Y(slice.Value), _format.Percent(slice.Value, _total));

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

            // The merged "Other" slice has no point of its own to take a tooltip from.
            public string ToolTipOverride;
        }
    }
}
