using System.Globalization;

namespace CallbackControls
{
    /// <summary>
    /// What the renderer needs to know of a chart besides its series, gathered once per render so the
    /// renderer does not read ViewState point by point.
    /// </summary>
    internal sealed class ChartSettings
    {
        public string IdPrefix { get; set; } = "chart";

        public int Width { get; set; } = RefreshingChart.DefaultChartWidth;

        public int Height { get; set; } = RefreshingChart.DefaultChartHeight;

        public string Title { get; set; } = string.Empty;

        public string Description { get; set; } = string.Empty;

        public string XAxisTitle { get; set; } = string.Empty;

        public string YAxisTitle { get; set; } = string.Empty;

        public ChartAxisType XAxisType { get; set; }

        public string XAxisLabelFormat { get; set; } = string.Empty;

        public string YAxisLabelFormat { get; set; } = string.Empty;

        public double YAxisMinimum { get; set; } = double.NaN;

        public double YAxisMaximum { get; set; } = double.NaN;

        public bool ShowLegend { get; set; } = true;

        public bool ShowGridLines { get; set; } = true;

        public bool ShowDataTable { get; set; }

        public bool ShowPointToolTips { get; set; } = true;

        public bool DistinguishSeriesWithoutColor { get; set; }

        /// <summary>Wrap the drawing in a tab stop whose arrow keys move along the drawn points (RefreshingChart.Accessibility.js).</summary>
        public bool KeyboardNavigation { get; set; }

        /// <summary>Write each series' latest value on the body, for the client to announce when it changes.</summary>
        public bool AnnounceUpdates { get; set; }

        public string[] Palette { get; set; } = new string[0];

        public bool EnableDecimation { get; set; } = true;

        public int DecimationThreshold { get; set; }

        public CultureInfo Culture { get; set; } = CultureInfo.CurrentCulture;
    }
}
