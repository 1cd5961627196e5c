namespace CallbackControls
{
    /// <summary>How a <see cref="ChartSeries"/> is drawn.</summary>
    [System.ComponentModel.TypeConverter(typeof(ClearEnumConverter<ChartType>))]
    public enum ChartType
    {
        /// <summary>Straight segments between points.</summary>
        Line = 0,

        /// <summary>A smooth curve through the points that never overshoots them (monotone cubic).</summary>
        Spline,

        /// <summary>A line with the region down to zero filled.</summary>
        Area,

        /// <summary>Areas stacked on the stacked areas of the series before it (values at the same X add up).</summary>
        StackedArea,

        /// <summary>Vertical bars, side by side with the other column series.</summary>
        Column,

        /// <summary>Vertical bars stacked on the stacked columns of the series before it.</summary>
        StackedColumn,

        /// <summary>Horizontal bars: categories on the vertical axis. A chart of bars holds only bar series.</summary>
        Bar,

        /// <summary>A marker at each point, no line.</summary>
        Scatter,

        /// <summary>A circle cut into slices, one per point. A pie chart draws one series.</summary>
        Pie,

        /// <summary>A pie with a hole in the middle. A doughnut chart draws one series.</summary>
        Doughnut,
    }
}
