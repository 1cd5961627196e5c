namespace CallbackControls
{
    /// <summary>The kind of values on the chart's X axis (the category axis of a bar chart).</summary>
    [System.ComponentModel.TypeConverter(typeof(ClearEnumConverter<ChartAxisType>))]
    public enum ChartAxisType
    {
        /// <summary>Decided by the points: categories if any series has category points, dates if any has dates, numbers otherwise.</summary>
        Auto = 0,

        /// <summary>Numbers on a linear scale.</summary>
        Number,

        /// <summary>Dates and times on a linear scale with calendar-aligned ticks.</summary>
        DateTime,

        /// <summary>Named categories, evenly spaced, in the order they first appear.</summary>
        Category,
    }
}
