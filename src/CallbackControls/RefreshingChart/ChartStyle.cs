namespace CallbackControls
{
    /// <summary>
    /// The measures and colours every part of a chart drawing shares, so the legend, the axes and the plot
    /// agree on one type size and one set of greys.
    /// </summary>
    internal static class ChartStyle
    {
        /// <summary>
        /// A colour-blind-safe palette (after Okabe and Ito), darkened where it was too light on white: every
        /// colour keeps at least 3.3:1 against white, above the 3:1 WCAG 2.1 asks of graphics (1.4.11), with a
        /// margin for the anti-aliasing of 2-pixel lines. Okabe and Ito's orange (2.2:1), sky blue (2.3:1) and
        /// reddish purple (3.06:1) are darker here; tests/browser/accessibility.test.js measures them.
        /// </summary>
        internal static readonly string[] DefaultPalette =
        {
            "#0072b2", "#b87500", "#009e73", "#d55e00", "#c26a98", "#3b8bc9", "#a08c00", "#555555",
        };

        // Layout estimates in SVG units. Text is measured by its length: the server has no font metrics,
        // and an average advance of 0.57 em for sans-serif is close enough to keep labels apart.
        internal const double FontSize = 12;
        internal const double TitleFontSize = 16;
        internal const double CharWidth = FontSize * 0.57;
        internal const double Gap = 8;
        internal const double TickLength = 4;
        internal const double MarkerRadius = 3;
        internal const string TextColor = "#333333";
        internal const string AxisColor = "#8c8c8c";
        /// <summary>Grey for secondary text ("No data"): 5.3:1 on white, where AxisColor (3.4:1) is for lines only.</summary>
        internal const string MutedTextColor = "#6b6b6b";
        internal const string GridColor = "#e3e3e3";

        internal static double TextWidth(string text) => (text?.Length ?? 0) * CharWidth;

        // Series told apart without colour (RefreshingChart.DistinguishSeriesWithoutColor): the first is
        // solid, the others dashed, dotted, dash-dotted...; marker shapes cycle in the same order.
        private static readonly string[] Dashes = { null, "8 4", "2 3", "10 3 2 3", "1 4", "6 2 2 2" };

        /// <summary>The dash pattern of the series at an index, or null for a solid stroke.</summary>
        internal static string DashOf(int index) => Dashes[index % Dashes.Length];

        /// <summary>The marker shape of the series at an index.</summary>
        internal static MarkerShape ShapeOf(int index) => (MarkerShape)(index % 4);

        /// <summary>
        /// Writes one marker (with its tooltip) centred on a point: a circle, or with series told apart
        /// without colour a square, triangle or diamond of about the same area.
        /// </summary>
        internal static void WriteMarker(SvgMarkupWriter writer, MarkerShape shape, double cx, double cy, double r, string title)
        {
            switch (shape)
            {
                case MarkerShape.Square:
                    writer.Start("rect").Attr("x", cx - r * 0.9).Attr("y", cy - r * 0.9).Attr("width", r * 1.8).Attr("height", r * 1.8).EndWithTitle("rect", title);
                    break;
                case MarkerShape.Triangle:
                    writer.Start("path").BeginAttr("d").Command('M').Pair(cx, cy - r * 1.2).Command('L').Pair(cx + r * 1.1, cy + r * 0.8)
                        .Command('L').Pair(cx - r * 1.1, cy + r * 0.8).Command('Z').EndAttr().EndWithTitle("path", title);
                    break;
                case MarkerShape.Diamond:
                    writer.Start("path").BeginAttr("d").Command('M').Pair(cx, cy - r * 1.25).Command('L').Pair(cx + r * 1.25, cy)
                        .Command('L').Pair(cx, cy + r * 1.25).Command('L').Pair(cx - r * 1.25, cy).Command('Z').EndAttr().EndWithTitle("path", title);
                    break;
                default:
                    writer.Start("circle").Attr("cx", cx).Attr("cy", cy).Attr("r", r).EndWithTitle("circle", title);
                    break;
            }
        }
    }

    /// <summary>The shape of a series' markers when series are told apart without colour.</summary>
    internal enum MarkerShape
    {
        Circle,
        Square,
        Triangle,
        Diamond,
    }
}
