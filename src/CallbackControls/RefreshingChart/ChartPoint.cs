using System;

namespace CallbackControls
{
    /// <summary>
    /// One data point of a <see cref="ChartSeries"/>. Points are never kept in ViewState: a page fills
    /// them on every request that draws the chart (the first render, and each refresh callback).
    /// </summary>
    public sealed class ChartPoint
    {
        /// <summary>Creates an empty point (X and Y are zero).</summary>
        public ChartPoint()
        {
        }

        /// <summary>Creates a point.</summary>
        /// <param name="x">The X value (a number, or an OLE Automation date on a date axis).</param>
        /// <param name="y">The Y value; <see cref="double.NaN"/> makes an empty point, which breaks a line.</param>
        public ChartPoint(double x, double y)
        {
            X = x;
            Y = y;
        }

        /// <summary>
        /// Gets or sets the X value: a number, an OLE Automation date (<see cref="DateTime.ToOADate"/>) on a
        /// date axis, or the point's position when it was added by category or by Y alone. Default: 0.
        /// </summary>
        public double X { get; set; }

        /// <summary>Gets or sets the Y value; <see cref="double.NaN"/> marks an empty point. Default: 0.</summary>
        public double Y { get; set; }

        /// <summary>
        /// Gets or sets the category the point belongs to on a category axis, and the slice name of a pie.
        /// Default: null (the X value written as text is used).
        /// </summary>
        public string AxisLabel { get; set; }

        /// <summary>Gets or sets the text shown when the pointer rests on the point. Default: null (series, X and Y).</summary>
        public string ToolTip { get; set; }

        /// <summary>Gets or sets the point's own colour (a column, a slice), any SVG colour. Default: null (the series colour).</summary>
        public string Color { get; set; }

        /// <summary>Gets whether the point has no value (Y is NaN or infinite): lines break there, columns and slices skip it.</summary>
        public bool IsEmpty => double.IsNaN(Y) || double.IsInfinity(Y);
    }
}
