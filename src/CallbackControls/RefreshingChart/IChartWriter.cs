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

        /// <summary>Definitions the plot refers to, such as its clip path.</summary>
        void WriteDefs(SvgMarkupWriter writer);

        /// <summary>Everything between the title and the legend: axes, series, a "No data" note.</summary>
        void WritePlot(SvgMarkupWriter writer);

        void WriteTable(SvgMarkupWriter writer);
    }
}
