using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using static CallbackControls.ChartStyle;
using static CallbackControls.ChartText;

namespace CallbackControls
{
    /// <summary>
    /// Lays out and draws the legend under the plot. The layout comes first, before the plot's: the plot
    /// gets the height the legend leaves, and the legend takes at most a third of the chart.
    /// </summary>
    internal static class ChartLegendWriter
    {
        private const double RowHeight = 18;
        private const double SwatchSize = 10;
        private const int CharLimit = 32;

        // Room after an item's text before the next item starts.
        private const double ItemGap = 14;

        public static LegendLayout Layout(ChartCanvas canvas, List<LegendItem> items)
        {
            var layout = new LegendLayout();
            if (!canvas.Settings.ShowLegend || items.Count == 0) return layout;
            double available = canvas.Width - 2 * Gap;
            int maxRows = Math.Max(1, (int)(canvas.Height * 0.3 / RowHeight));
            var rows = new List<List<LegendItem>> { new List<LegendItem>() };
            double rowWidth = 0;
            int placed = 0;
            foreach (var item in items)
            {
                item.Text = Truncate(item.FullText, CharLimit);
                item.Width = SwatchSize + 4 + TextWidth(item.Text) + ItemGap;
                if (rowWidth > 0 && rowWidth + item.Width > available)
                {
                    if (rows.Count == maxRows) break;
                    rows.Add(new List<LegendItem>());
                    rowWidth = 0;
                }
                rows[rows.Count - 1].Add(item);
                rowWidth += item.Width;
                placed++;
            }
            if (placed < items.Count)
            {
                // What does not fit is counted, not dropped silently; the data table still lists it.
                var last = rows[rows.Count - 1];
                var more = new LegendItem("+" + (items.Count - placed + (last.Count > 1 ? 1 : 0)).ToString(CultureInfo.InvariantCulture) + " more", null, LegendSwatch.None);
                if (last.Count > 1) last.RemoveAt(last.Count - 1);
                more.Text = more.FullText;
                more.Width = TextWidth(more.Text) + ItemGap;
                last.Add(more);
            }
            layout.Height = rows.Count * RowHeight + Gap;
            double y = canvas.Height - Gap - rows.Count * RowHeight + RowHeight / 2;
            foreach (var row in rows)
            {
                double width = row.Sum(i => i.Width) - ItemGap;
                double x = Gap + Math.Max(0, (available - width) / 2);
                foreach (var item in row)
                {
                    item.X = x;
                    item.Y = y;
                    layout.Items.Add(item);
                    x += item.Width;
                }
                y += RowHeight;
            }
            return layout;
        }

        public static void Write(SvgMarkupWriter writer, LegendLayout legend)
        {
            if (legend.Items.Count == 0) return;
            writer.Start("g").Attr("class", "cc-chart-legend").Attr("font-size", FontSize).Attr("fill", TextColor).Open();
            foreach (var item in legend.Items)
            {
                writer.Start("g").Attr("class", "cc-chart-legend-item").Open();
                double x = item.X;
                switch (item.Swatch)
                {
                    case LegendSwatch.Line:
                        writer.Start("line").Attr("x1", x).Attr("y1", item.Y).Attr("x2", x + SwatchSize).Attr("y2", item.Y)
                            .Attr("stroke", item.Color).Attr("stroke-width", 2);
                        if (item.Dash != null) writer.Attr("stroke-dasharray", item.Dash);
                        writer.Empty();
                        break;
                    case LegendSwatch.Dot:
                        if (item.Shape == MarkerShape.Circle)
                        {
                            writer.Start("circle").Attr("cx", x + SwatchSize / 2).Attr("cy", item.Y).Attr("r", MarkerRadius + 0.5).Attr("fill", item.Color).Empty();
                        }
                        else
                        {
                            writer.Start("g").Attr("fill", item.Color).Open();
                            WriteMarker(writer, item.Shape, x + SwatchSize / 2, item.Y, MarkerRadius + 0.5, null);
                            writer.End("g");
                        }
                        break;
                    case LegendSwatch.Box:
                        writer.Start("rect").Attr("x", x).Attr("y", item.Y - SwatchSize / 2).Attr("width", SwatchSize).Attr("height", SwatchSize)
                            .Attr("fill", item.Color);
                        if (item.Dash != null) writer.Attr("stroke", TextColor).Attr("stroke-dasharray", "2 1.5");
                        writer.Empty();
                        break;
                }
                double textX = item.Swatch == LegendSwatch.None ? x : x + SwatchSize + 4;
                writer.Start("text").Attr("x", textX).Attr("y", item.Y).Attr("dy", "0.32em").Open().Text(item.Text);
                // A cut name keeps its whole text as a tooltip.
                if (!string.Equals(item.Text, item.FullText, StringComparison.Ordinal)) writer.TextElement("title", item.FullText);
                writer.End("text").End("g");
            }
            writer.End("g");
        }

        /// <summary>The swatch that looks like the series: a stroke for lines, a dot for scatter, a box for filled shapes.</summary>
        public static LegendSwatch SwatchOf(ChartType type)
        {
            switch (type)
            {
                case ChartType.Line:
                case ChartType.Spline:
                    return LegendSwatch.Line;
                case ChartType.Scatter:
                    return LegendSwatch.Dot;
                default:
                    return LegendSwatch.Box;
            }
        }
    }

    internal enum LegendSwatch
    {
        None,
        Line,
        Box,
        Dot,
    }

    internal sealed class LegendItem
    {
        /// <summary>The dash pattern of a line swatch (series told apart without colour), or null.</summary>
        public string Dash { get; set; }

        /// <summary>The marker shape of a dot swatch.</summary>
        public MarkerShape Shape { get; set; }

        public LegendItem(string text, string color, LegendSwatch swatch)
        {
            FullText = text ?? string.Empty;
            Color = color;
            Swatch = swatch;
        }

        public string FullText { get; }

        public string Color { get; }

        public LegendSwatch Swatch { get; }

        public string Text;
        public double Width;
        public double X;
        public double Y;
    }

    internal sealed class LegendLayout
    {
        public List<LegendItem> Items { get; } = new List<LegendItem>();

        /// <summary>The height the legend takes from the bottom of the chart (none when it is hidden or empty).</summary>
        public double Height;
    }
}
