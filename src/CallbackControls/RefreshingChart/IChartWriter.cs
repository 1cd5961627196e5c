namespace CallbackControls
{
    /// <summary>
    /// One kind of chart drawing, as <see cref="SvgChartRenderer"/> puts it together: laid out when it is
    /// made (the description, written first, speaks of the layout), then written part by part in the order
    /// the svg needs.
    /// </summary>
    internal interface IChartWriter
    {
        /// <summary>The svg's description: the page's own, or a summary of what the chart shows.</summary>
        string Description { get; }

        /// <summary>The chart type's class on the svg element.</summary>
        string TypeCss { get; }

        LegendLayout Legend { get; }

        /// <summary>
        /// Whether the drawing's points can be walked with the keyboard (each drawn point an element with its
        /// tooltip, the X axis' mapping on the plot in data-x-axis); false for a pie, whose slices are not points
        /// along an axis.
        /// </summary>
        bool Navigable { get; }

        /// <summary>What a live chart announces when it changes: each series' latest value, in the page's language; null when it has none.</summary>
        string Latest { get; }

        /// <summary>Definitions the plot refers to, such as its clip path.</summary>
        void WriteDefs(SvgMarkupWriter writer);

        /// <summary>Everything between the title and the legend: axes, series, a "No data" note.</summary>
        void WritePlot(SvgMarkupWriter writer);

        void WriteTable(SvgMarkupWriter writer);
    }
}
