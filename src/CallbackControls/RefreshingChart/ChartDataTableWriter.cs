using System;
using System.Collections.Generic;
using static CallbackControls.ChartMath;
using static CallbackControls.ChartText;

namespace CallbackControls
{
    /// <summary>
    /// Writes the chart's values as a table only assistive technology sees: the SVG is one picture to a
    /// screen reader, the table is how its user reads the numbers. It lists what the chart draws (after
    /// decimation), so it stays as bounded as the drawing.
    /// </summary>
    internal static class ChartDataTableWriter
    {
        // The usual "visually hidden" rules: the table stays in the accessibility tree but takes no space.
        private const string VisuallyHiddenStyle =
            "position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);clip-path:inset(50%);white-space:nowrap;border:0";

        /// <summary>The most rows a series lists: its latest drawn values; a footer row says what the rest hold.</summary>
        internal const int RowsPerSeries = 100;

        /// <summary>
        /// A row for each drawn value of a cartesian chart (series, X, Y), the latest <see cref="RowsPerSeries"/>
        /// of each series, under the axis titles (or "Time", "Category" or "X", and "Value"); a footer row per
        /// series whose earlier values are not listed says how many and their lowest and highest.
        /// </summary>
        public static void WriteSeries(SvgMarkupWriter writer, ChartCanvas canvas, ChartData data)
        {
            var settings = canvas.Settings;
            var format = canvas.Format;
            string xName = HasText(settings.XAxisTitle) ? settings.XAxisTitle
                : data.AxisType == ChartAxisType.DateTime ? "Time" : data.AxisType == ChartAxisType.Category ? "Category" : "X";
            Start(writer, canvas, "Series", xName, HasText(settings.YAxisTitle) ? settings.YAxisTitle : "Value");
            var omitted = new List<(string Name, int Count, double Low, double High)>();
            foreach (var d in data.Series)
            {
                var drawn = new List<int>();
                foreach (var run in d.Runs)
                {
                    foreach (int i in run)
                    {
                        if (d.HasPointAt(i) && IsFinite(d.OwnValue(i))) drawn.Add(i);
                    }
                }
                int skip = Math.Max(0, drawn.Count - RowsPerSeries);
                if (skip > 0)
                {
                    double low = double.PositiveInfinity, high = double.NegativeInfinity;
                    for (int k = 0; k < skip; k++)
                    {
                        double v = d.OwnValue(drawn[k]);
                        if (v < low) low = v;
                        if (v > high) high = v;
                    }
                    omitted.Add((d.Name, skip, low, high));
                }
                for (int k = skip; k < drawn.Count; k++)
                {
                    int i = drawn[k];
                    Row(writer, d.Name, format.X(d.X[i], data.AxisType, data.Categories), format.Y(d.OwnValue(i)));
                }
            }
            writer.End("tbody");
            if (omitted.Count > 0)
            {
                writer.Start("tfoot").Open();
                foreach (var (name, count, low, high) in omitted)
                {
                    Row(writer, name,
                        string.Format(format.Culture, count == 1 ? "{0} earlier value not listed" : "{0} earlier values not listed", count),
                        string.Format(format.Culture, "lowest {0}, highest {1}", format.Y(low), format.Y(high)));
                }
                writer.End("tfoot");
            }
            writer.End("table").End("div");
        }

        /// <summary>A row for each slice of a pie: label, value, share of the whole.</summary>
        public static void WriteShares(SvgMarkupWriter writer, ChartCanvas canvas, string seriesName, IEnumerable<(string Label, double Value)> shares, double total)
        {
            Start(writer, canvas, seriesName, "Value", "Share");
            foreach (var share in shares)
            {
                Row(writer, share.Label, canvas.Format.Y(share.Value), canvas.Format.Percent(share.Value, total));
            }
            End(writer);
        }

        private static void Start(SvgMarkupWriter writer, ChartCanvas canvas, string first, string second, string third)
        {
            // The hiding rules sit on a wrapper: a table never gets narrower than its content, a div does.
            writer.Start("div").Attr("class", "cc-visually-hidden").Attr("style", VisuallyHiddenStyle).Open()
                .Start("table").Attr("class", "cc-chart-table").Open()
                .TextElement("caption", canvas.HasTitle ? canvas.Settings.Title : "Chart data")
                .Start("thead").Open().Start("tr").Open()
                .Start("th").Attr("scope", "col").Open().Text(first).End("th")
                .Start("th").Attr("scope", "col").Open().Text(second).End("th")
                .Start("th").Attr("scope", "col").Open().Text(third).End("th")
                .End("tr").End("thead").Start("tbody").Open();
        }

        private static void Row(SvgMarkupWriter writer, string head, string second, string third)
        {
            writer.Start("tr").Open()
                .Start("th").Attr("scope", "row").Open().Text(head).End("th")
                .TextElement("td", second)
                .TextElement("td", third)
                .End("tr");
        }

        private static void End(SvgMarkupWriter writer) => writer.End("tbody").End("table").End("div");
    }
}
