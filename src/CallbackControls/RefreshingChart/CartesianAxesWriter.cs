using System;
using static CallbackControls.ChartStyle;
using static CallbackControls.ChartText;

namespace CallbackControls
{
    /// <summary>
    /// Draws a cartesian chart's grid and axes. The value axis has labels only (its grid lines mark the
    /// ticks); the X axis has a line, tick marks and labels. A bar chart turns both: its X axis stands on
    /// the left and its values run across, so every part here is written for either orientation.
    /// </summary>
    internal sealed class CartesianAxesWriter
    {
        private readonly ChartCanvas _canvas;
        private readonly CartesianLayout _layout;
        private readonly PlotArea _plot;
        private readonly bool _horizontal;

        public CartesianAxesWriter(ChartCanvas canvas, CartesianLayout layout)
        {
            _canvas = canvas;
            _layout = layout;
            _plot = layout.Plot;
            _horizontal = layout.Horizontal;
        }

        public void WriteGrid(SvgMarkupWriter writer)
        {
            writer.Start("g").Attr("class", "cc-chart-grid").Attr("stroke", GridColor).Attr("stroke-width", 1).Attr("shape-rendering", "crispEdges").Open();
            foreach (double v in _layout.ValueTicks.Values)
            {
                writer.Start("line");
                WriteAcross(writer, _layout.Value.Map(v), _horizontal);
                writer.Empty();
            }
            // Category ticks sit in the middle of their band, where a line would cut through the columns.
            if (_layout.AxisType != ChartAxisType.Category)
            {
                foreach (double v in _layout.Independent.Values)
                {
                    writer.Start("line");
                    WriteAcross(writer, _layout.X.Map(v), !_horizontal);
                    writer.Empty();
                }
            }
            writer.End("g");
        }

        public void WriteAxes(SvgMarkupWriter writer)
        {
            var settings = _canvas.Settings;
            var ticks = _layout.ValueTicks;
            writer.Start("g").Attr("class", _horizontal ? "cc-chart-axis cc-chart-axis-y cc-chart-axis-value" : "cc-chart-axis cc-chart-axis-y")
                .Attr("fill", TextColor).Attr("font-size", FontSize).Open();
            foreach (double v in ticks.Values)
            {
                string label = _canvas.Format.ValueTick(v, ticks);
                if (_horizontal) WriteLabelBelow(writer, _layout.Value.Map(v), label);
                else WriteLabelBeside(writer, _layout.Value.Map(v), label);
            }
            WriteTitle(writer, settings.YAxisTitle, !_horizontal);
            writer.End("g");

            writer.Start("g").Attr("class", _horizontal ? "cc-chart-axis cc-chart-axis-x cc-chart-axis-category" : "cc-chart-axis cc-chart-axis-x")
                .Attr("fill", TextColor).Attr("font-size", FontSize).Open();
            WriteRule(writer, "cc-chart-axis-line", _horizontal ? _plot.Left : _plot.Bottom, _horizontal);
            // Zero is marked when it lies inside the value range, where columns and areas start.
            if (ticks.Minimum < 0 && ticks.Maximum > 0) WriteRule(writer, "cc-chart-zero-line", _layout.Value.Map(0), _horizontal);
            var independent = _layout.Independent;
            for (int i = 0; i < independent.Values.Count; i++)
            {
                double p = _layout.X.Map(independent.Values[i]);
                string label = independent.Labels[i];
                if (_horizontal)
                {
                    writer.Start("line").Attr("x1", _plot.Left - TickLength).Attr("y1", p).Attr("x2", _plot.Left).Attr("y2", p).Attr("stroke", AxisColor).Empty();
                    WriteLabelBeside(writer, p, label);
                }
                else
                {
                    writer.Start("line").Attr("x1", p).Attr("y1", _plot.Bottom).Attr("x2", p).Attr("y2", _plot.Bottom + TickLength).Attr("stroke", AxisColor).Empty();
                    // A label centred on the last (or first) tick may stick out of the drawing: it moves inwards.
                    double half = TextWidth(label) / 2;
                    WriteLabelBelow(writer, Math.Max(half + 2, Math.Min(_canvas.Width - half - 2, p)), label);
                }
            }
            WriteTitle(writer, settings.XAxisTitle, _horizontal);
            writer.End("g");
        }

        /// <summary>The attributes of a line across the whole plot at <paramref name="position"/> on one axis.</summary>
        private void WriteAcross(SvgMarkupWriter writer, double position, bool vertical)
        {
            if (vertical)
            {
                writer.Attr("x1", position).Attr("y1", _plot.Top).Attr("x2", position).Attr("y2", _plot.Bottom);
            }
            else
            {
                writer.Attr("x1", _plot.Left).Attr("y1", position).Attr("x2", _plot.Right).Attr("y2", position);
            }
        }

        private void WriteRule(SvgMarkupWriter writer, string css, double position, bool vertical)
        {
            writer.Start("line").Attr("class", css);
            WriteAcross(writer, position, vertical);
            writer.Attr("stroke", AxisColor).Attr("shape-rendering", "crispEdges").Empty();
        }

        private void WriteLabelBeside(SvgMarkupWriter writer, double y, string label)
        {
            writer.Start("text").Attr("x", _plot.Left - TickLength - 2).Attr("y", y).Attr("dy", "0.32em").Attr("text-anchor", "end")
                .Open().Text(label).End("text");
        }

        private void WriteLabelBelow(SvgMarkupWriter writer, double x, string label)
        {
            writer.Start("text").Attr("x", x).Attr("y", _plot.Bottom + TickLength + FontSize).Attr("text-anchor", "middle")
                .Open().Text(label).End("text");
        }

        /// <summary>An axis title under the labels below the plot, or turned to read upwards left of the plot.</summary>
        private void WriteTitle(SvgMarkupWriter writer, string title, bool beside)
        {
            if (!HasText(title)) return;
            writer.Start("text").Attr("class", "cc-chart-axis-title");
            if (beside)
            {
                double x = Gap + FontSize;
                double y = _plot.Top + _plot.Height / 2;
                writer.Attr("x", x).Attr("y", y).Attr("text-anchor", "middle")
                    .BeginAttr("transform").Markup("rotate(-90 ").Number(x).Space().Number(y).Markup(")").EndAttr();
            }
            else
            {
                writer.Attr("x", _plot.Left + _plot.Width / 2).Attr("y", _plot.Bottom + TickLength + FontSize * 2 + Gap).Attr("text-anchor", "middle");
            }
            writer.Open().Text(title).End("text");
        }
    }
}
