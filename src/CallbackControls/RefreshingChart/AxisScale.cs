using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;

namespace CallbackControls
{
    /// <summary>The ticks of one axis: its bounds, the step between ticks, the tick values and how to write them.</summary>
    internal sealed class AxisTicks
    {
        /// <summary>Creates a set of ticks.</summary>
        /// <param name="minimum">Where the axis starts.</param>
        /// <param name="maximum">Where the axis ends.</param>
        /// <param name="step">The distance between ticks (days for a date axis).</param>
        /// <param name="values">The tick values, ascending.</param>
        /// <param name="labelFormat">A .NET format string for the tick labels.</param>
        public AxisTicks(double minimum, double maximum, double step, IList<double> values, string labelFormat)
        {
            Minimum = minimum;
            Maximum = maximum;
            Step = step;
            Values = new ReadOnlyCollection<double>(values ?? new double[0]);
            LabelFormat = labelFormat ?? string.Empty;
        }

        /// <summary>Gets where the axis starts.</summary>
        public double Minimum { get; }

        /// <summary>Gets where the axis ends.</summary>
        public double Maximum { get; }

        /// <summary>Gets the distance between ticks; on a date axis, in days (months and years are approximate).</summary>
        public double Step { get; }

        /// <summary>Gets the tick values, ascending; on a date axis, OLE Automation dates.</summary>
        public IReadOnlyList<double> Values { get; }

        /// <summary>Gets a .NET format string that writes the labels with the precision the step needs (<c>N1</c>, <c>HH:mm</c>, ...).</summary>
        public string LabelFormat { get; }
    }

    /// <summary>
    /// Readable tick steps: numbers step by 1, 2 or 5 times a power of ten ("nice numbers"); dates step
    /// by whole seconds, minutes, hours, days, months or years and sit on calendar boundaries.
    /// </summary>
    internal static class AxisScale
    {
        // Date steps from a second to half a year: the count of the unit, the unit in days, and the label format.
        private static readonly DateStep[] DateSteps =
        {
            new DateStep(1, DateUnit.Second), new DateStep(2, DateUnit.Second), new DateStep(5, DateUnit.Second),
            new DateStep(10, DateUnit.Second), new DateStep(15, DateUnit.Second), new DateStep(30, DateUnit.Second),
            new DateStep(1, DateUnit.Minute), new DateStep(2, DateUnit.Minute), new DateStep(5, DateUnit.Minute),
            new DateStep(10, DateUnit.Minute), new DateStep(15, DateUnit.Minute), new DateStep(30, DateUnit.Minute),
            new DateStep(1, DateUnit.Hour), new DateStep(2, DateUnit.Hour), new DateStep(3, DateUnit.Hour),
            new DateStep(6, DateUnit.Hour), new DateStep(12, DateUnit.Hour),
            new DateStep(1, DateUnit.Day), new DateStep(2, DateUnit.Day), new DateStep(7, DateUnit.Day), new DateStep(14, DateUnit.Day),
            new DateStep(1, DateUnit.Month), new DateStep(2, DateUnit.Month), new DateStep(3, DateUnit.Month), new DateStep(6, DateUnit.Month),
        };

        // The most ticks any axis asks for; guards the loops against absurd inputs.
        private const int TickLimit = 1000;

        /// <summary>
        /// The range an axis shows around its only value: 1 either side of a whole number (a year, a count, zero),
        /// a nice step either side of a fraction, a minute either side of a date, so the value stands in the
        /// middle with ticks around it, itself among them.
        /// </summary>
        /// <param name="value">The value (an OLE Automation date when <paramref name="date"/>).</param>
        /// <param name="date">Whether the axis is a date axis.</param>
        /// <param name="minimum">Where the axis starts.</param>
        /// <param name="maximum">Where the axis ends.</param>
        public static void AroundOneValue(double value, bool date, out double minimum, out double maximum)
        {
            double pad = date ? 1.0 / (24 * 60) : value == Math.Floor(value) ? 1 : NiceNumber(Math.Abs(value) / 10, true);
            minimum = value - pad;
            maximum = value + pad;
        }

        /// <summary>
        /// Rounds a value to a "nice" number: 1, 2, 5 or 10 times a power of ten.
        /// </summary>
        /// <param name="value">A positive value, such as a range or a raw step.</param>
        /// <param name="round">True rounds to the nearest nice number; false takes the nice number at or above the value.</param>
        /// <returns>The nice number; 0 when the value is not positive and finite.</returns>
        public static double NiceNumber(double value, bool round)
        {
            if (!(value > 0) || double.IsInfinity(value)) return 0;
            double exponent = Math.Floor(Math.Log10(value));
            double power = Math.Pow(10, exponent);
            double fraction = value / power;
            double nice;
            if (round)
            {
                nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
            }
            else
            {
                nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
            }
            return nice * power;
        }

        /// <summary>
        /// Ticks for a numeric axis, at most <paramref name="maxTickCount"/> of them, a nice step apart.
        /// </summary>
        /// <param name="minimum">The smallest value to show.</param>
        /// <param name="maximum">The largest value to show.</param>
        /// <param name="maxTickCount">The most ticks that fit (2 or more).</param>
        /// <param name="expandToTicks">True widens the axis to the ticks around the data (a value axis);
        /// false keeps the data's bounds and puts ticks inside them (an X axis of lines).</param>
        /// <returns>The axis bounds and ticks.</returns>
        public static AxisTicks NumericTicks(double minimum, double maximum, int maxTickCount, bool expandToTicks)
        {
            if (double.IsNaN(minimum) || double.IsNaN(maximum) || double.IsInfinity(minimum) || double.IsInfinity(maximum))
            {
                minimum = 0;
                maximum = 1;
            }
            if (minimum > maximum)
            {
                double swap = minimum;
                minimum = maximum;
                maximum = swap;
            }
            if (minimum == maximum) AroundOneValue(minimum, false, out minimum, out maximum);
            maxTickCount = Math.Max(2, Math.Min(maxTickCount, TickLimit));

            double step = NiceNumber((maximum - minimum) / (maxTickCount - 1), false);
            if (!(step > 0))
            {
                // The range is below what a double can split (or the values are huge): two ticks at the ends.
                return new AxisTicks(minimum, maximum, maximum - minimum, new[] { minimum, maximum }, "G6");
            }
            double first = Math.Ceiling(minimum / step - 1e-9) * step;
            double last = Math.Floor(maximum / step + 1e-9) * step;
            if (expandToTicks)
            {
                first = Math.Floor(minimum / step + 1e-9) * step;
                last = Math.Ceiling(maximum / step - 1e-9) * step;
            }

            int decimals = Math.Max(0, Math.Min(15, -(int)Math.Floor(Math.Log10(step) + 1e-9)));
            var values = new List<double>();
            for (int i = 0; i <= TickLimit; i++)
            {
                double value = first + i * step;
                if (value > last + step * 1e-6) break;
                // Steps such as 0.1 accumulate binary error; rounding to the step's precision keeps labels exact.
                values.Add(Math.Round(value, decimals));
            }
            double axisMin = expandToTicks ? values[0] : minimum;
            double axisMax = expandToTicks ? values[values.Count - 1] : maximum;
            return new AxisTicks(axisMin, axisMax, step, values, "N" + decimals.ToString(CultureInfo.InvariantCulture));
        }

        /// <summary>
        /// Ticks for a date axis: a whole number of seconds, minutes, hours, days, months or years apart,
        /// on calendar boundaries (10:15, 10:30; midnight; the first of a month; the first of a year).
        /// </summary>
        /// <param name="minimum">The earliest date to show.</param>
        /// <param name="maximum">The latest date to show.</param>
        /// <param name="maxTickCount">The most ticks that fit (2 or more).</param>
        /// <returns>The axis bounds (those of the data) and ticks as OLE Automation dates.</returns>
        public static AxisTicks DateTimeTicks(DateTime minimum, DateTime maximum, int maxTickCount)
        {
            if (minimum > maximum)
            {
                DateTime swap = minimum;
                minimum = maximum;
                maximum = swap;
            }
            if (minimum == maximum)
            {
                AroundOneValue(minimum.ToOADate(), true, out double from, out double to);
                minimum = DateTime.FromOADate(ChartMath.ClampOADate(from));
                maximum = DateTime.FromOADate(ChartMath.ClampOADate(to));
            }
            maxTickCount = Math.Max(2, Math.Min(maxTickCount, TickLimit));
            double rangeDays = (maximum - minimum).TotalDays;

            DateStep chosen = null;
            foreach (var candidate in DateSteps)
            {
                if (rangeDays / candidate.ApproximateDays <= maxTickCount - 1)
                {
                    chosen = candidate;
                    break;
                }
            }
            if (chosen == null)
            {
                // Longer than half a year per tick: nice numbers of years.
                double years = NiceNumber(rangeDays / 365.25 / (maxTickCount - 1), false);
                chosen = new DateStep((int)Math.Max(1, Math.Min(years, 10000)), DateUnit.Year);
            }

            var values = new List<double>();
            DateTime tick = chosen.FirstAtOrAfter(minimum);
            for (int i = 0; i <= TickLimit && tick <= maximum; i++)
            {
                values.Add(tick.ToOADate());
                DateTime next = chosen.Next(tick);
                if (next <= tick) break;
                tick = next;
            }
            string format = chosen.LabelFormat(rangeDays);
            return new AxisTicks(minimum.ToOADate(), maximum.ToOADate(), chosen.ApproximateDays, values, format);
        }

        private enum DateUnit
        {
            Second,
            Minute,
            Hour,
            Day,
            Month,
            Year,
        }

        private sealed class DateStep
        {
            public DateStep(int count, DateUnit unit)
            {
                Count = count;
                Unit = unit;
            }

            public int Count { get; }

            public DateUnit Unit { get; }

            public double ApproximateDays
            {
                get
                {
                    switch (Unit)
                    {
                        case DateUnit.Second: return Count / 86400.0;
                        case DateUnit.Minute: return Count / 1440.0;
                        case DateUnit.Hour: return Count / 24.0;
                        case DateUnit.Day: return Count;
                        case DateUnit.Month: return Count * 30.44;
                        default: return Count * 365.25;
                    }
                }
            }

            public DateTime FirstAtOrAfter(DateTime value)
            {
                DateTime day = value.Date;
                switch (Unit)
                {
                    case DateUnit.Second:
                    case DateUnit.Minute:
                    case DateUnit.Hour:
                        {
                            // Counted from midnight, so 15-minute ticks fall on :00, :15, :30 and :45.
                            long stepTicks = Unit == DateUnit.Second ? TimeSpan.TicksPerSecond * Count
                                : Unit == DateUnit.Minute ? TimeSpan.TicksPerMinute * Count : TimeSpan.TicksPerHour * Count;
                            long sinceMidnight = (value - day).Ticks;
                            long steps = (sinceMidnight + stepTicks - 1) / stepTicks;
                            return day.AddTicks(steps * stepTicks);
                        }
                    case DateUnit.Day:
                        return value == day ? day : SafeAddDays(day, 1);
                    case DateUnit.Month:
                        {
                            var month = new DateTime(value.Year, value.Month, 1, 0, 0, 0, value.Kind);
                            if (month < value) month = SafeAddMonths(month, 1);
                            while ((month.Month - 1) % Count != 0) month = SafeAddMonths(month, 1);
                            return month;
                        }
                    default:
                        {
                            int year = value.Year;
                            if (new DateTime(year, 1, 1, 0, 0, 0, value.Kind) < value) year++;
                            if (year % Count != 0) year += Count - year % Count;
                            return year > 9999 ? DateTime.MaxValue : new DateTime(year, 1, 1, 0, 0, 0, value.Kind);
                        }
                }
            }

            public DateTime Next(DateTime tick)
            {
                switch (Unit)
                {
                    case DateUnit.Second: return SafeAddTicks(tick, TimeSpan.TicksPerSecond * Count);
                    case DateUnit.Minute: return SafeAddTicks(tick, TimeSpan.TicksPerMinute * Count);
                    case DateUnit.Hour: return SafeAddTicks(tick, TimeSpan.TicksPerHour * Count);
                    case DateUnit.Day: return SafeAddDays(tick, Count);
                    case DateUnit.Month: return SafeAddMonths(tick, Count);
                    default: return tick.Year + Count > 9999 ? tick : tick.AddYears(Count);
                }
            }

            public string LabelFormat(double rangeDays)
            {
                switch (Unit)
                {
                    case DateUnit.Second: return rangeDays > 1 ? "d MMM HH:mm:ss" : "HH:mm:ss";
                    case DateUnit.Minute:
                    case DateUnit.Hour: return rangeDays > 1 ? "d MMM HH:mm" : "HH:mm";
                    case DateUnit.Day: return "d MMM";
                    case DateUnit.Month: return "MMM yyyy";
                    default: return "yyyy";
                }
            }

            private static DateTime SafeAddTicks(DateTime value, long ticks) =>
                DateTime.MaxValue.Ticks - value.Ticks < ticks ? DateTime.MaxValue : value.AddTicks(ticks);

            private static DateTime SafeAddDays(DateTime value, int days) =>
                (DateTime.MaxValue - value).TotalDays < days ? DateTime.MaxValue : value.AddDays(days);

            private static DateTime SafeAddMonths(DateTime value, int months) =>
                value.Year >= 9999 && value.Month + months > 12 ? DateTime.MaxValue : value.AddMonths(months);
        }
    }
}
