using System;

namespace CallbackControls
{
    /// <summary>Number checks the chart parts share: data may hold NaN and infinities, the drawing may not.</summary>
    internal static class ChartMath
    {
        // NaN and the infinities are the values whose difference with themselves is not 0. Written so because
        // it runs once per point in several passes, and Mono does not inline double.IsNaN and IsInfinity
        // (docs/RESULTS.md, micro-measurements).
        internal static bool IsFinite(double value) => value - value == 0;

        internal static double Clamp(double value, double min, double max) => value < min ? min : value > max ? max : value;

        // DateTime.FromOADate accepts only years 100 to 9999.
        internal const double OADateMin = -657434;
        internal const double OADateMax = 2958465.99;

        internal static double ClampOADate(double value) => Clamp(value, OADateMin, OADateMax);

        // 1899-12-30, day 0 of OLE Automation dates.
        private const long OADateEpochTicks = 693593L * TimeSpan.TicksPerDay;

        /// <summary>
        /// <see cref="DateTime.ToOADate"/>, bit for bit (whole milliseconds, then days), with a short path for
        /// dates from 1899-12-30 on, which are all a chart usually sees: faster than the framework's on Mono
        /// for the millions of dates a big chart fills (docs/RESULTS.md).
        /// </summary>
        internal static double ToOADate(DateTime value)
        {
            long ticks = value.Ticks;
            if (ticks < OADateEpochTicks) return value.ToOADate();
            return (double)((ticks - OADateEpochTicks) / TimeSpan.TicksPerMillisecond) / (TimeSpan.TicksPerDay / TimeSpan.TicksPerMillisecond);
        }
    }
}
