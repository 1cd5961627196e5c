using System.Globalization;

namespace CallbackControls
{
    /// <summary>
    /// The fixed texts a chart writes about itself (series names, type names, CSS classes) and the cutting
    /// of long labels, kept in one place so the plot, the legend and the description say the same.
    /// </summary>
    internal static class ChartText
    {
        internal static bool HasText(string value) => !string.IsNullOrWhiteSpace(value);

        internal static string NameOf(ChartSeries series, int index) =>
            string.IsNullOrEmpty(series.Name) ? "Series " + (index + 1).ToString(CultureInfo.InvariantCulture) : series.Name;

        internal static string TypeCss(ChartType type)
        {
            switch (type)
            {
                case ChartType.StackedArea: return "cc-chart-type-stackedarea";
                case ChartType.StackedColumn: return "cc-chart-type-stackedcolumn";
                default: return "cc-chart-type-" + type.ToString().ToLowerInvariant();
            }
        }

        internal static string TypeName(ChartType type)
        {
            switch (type)
            {
                case ChartType.StackedArea: return "Stacked area";
                case ChartType.StackedColumn: return "Stacked column";
                default: return type.ToString();
            }
        }

        /// <summary>The classes of a series' group: pages style one series by index or by their own class.</summary>
        internal static string SeriesCss(ChartSeries series, int index, ChartType type)
        {
            string css = "cc-chart-series cc-chart-series-" + index.ToString(CultureInfo.InvariantCulture) + " " + TypeCss(type);
            if (HasText(series.CssClass)) css += " " + series.CssClass.Trim();
            return css;
        }

        internal static string Truncate(string text, int limit)
        {
            if (text == null) return string.Empty;
            if (text.Length <= limit) return text;
            int cut = limit - 1;
            // Cutting between the halves of a surrogate pair would leave a character XML forbids.
            if (char.IsHighSurrogate(text[cut - 1])) cut--;
            return text.Substring(0, cut) + "\u2026";
        }
    }
}
