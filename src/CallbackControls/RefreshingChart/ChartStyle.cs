namespace CallbackControls
{
    /// <summary>
    /// The measures and colours every part of a chart drawing shares, so the legend, the axes and the plot
    /// agree on one type size and one set of greys.
    /// </summary>
    internal static class ChartStyle
    {
        /// <summary>A colour-blind-safe palette (after Okabe and Ito), darkened where it was too light on white.</summary>
        internal static readonly string[] DefaultPalette =
        {
            "#0072b2", "#e69f00", "#009e73", "#d55e00", "#cc79a7", "#56b4e9", "#a08c00", "#555555",
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
        internal const string GridColor = "#e3e3e3";

        internal static double TextWidth(string text) => (text?.Length ?? 0) * CharWidth;
    }
}
