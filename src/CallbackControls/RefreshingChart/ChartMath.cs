using System;

namespace CallbackControls
{
    /// <summary>Number checks the chart parts share: data may hold NaN and infinities, the drawing may not.</summary>
    internal static class ChartMath
    {
        internal static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

        internal static double Clamp(double value, double min, double max) => value < min ? min : value > max ? max : value;

        // DateTime.FromOADate accepts only years 100 to 9999.
        internal static double ClampOADate(double value) => Clamp(value, -657434, 2958465.99);
    }
}
