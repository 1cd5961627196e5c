using System;
using System.Globalization;
using System.Linq;
using Xunit;

namespace CallbackControls.Tests.RefreshingChart
{
    public class AxisScaleTests
    {
        private static DateTime At(double oaDate) => DateTime.FromOADate(oaDate);

        [Theory]
        [InlineData(1.2, true, 1)]
        [InlineData(2.5, true, 2)]
        [InlineData(4, true, 5)]
        [InlineData(8, true, 10)]
        [InlineData(250, true, 200)]
        [InlineData(1.2, false, 2)]
        [InlineData(3, false, 5)]
        [InlineData(6, false, 10)]
        [InlineData(0.03, false, 0.05)]
        [InlineData(1000, false, 1000)]
        [InlineData(0, false, 0)]
        [InlineData(-5, true, 0)]
        public void NiceNumber_Value_RoundsToOneTwoOrFiveTimesAPowerOfTen(double value, bool round, double expected)
        {
            Assert.Equal(expected, AxisScale.NiceNumber(value, round), 10);
        }

        [Fact]
        public void NumericTicks_Percentages_StepByTwentyFromZeroToHundred()
        {
            var ticks = AxisScale.NumericTicks(0, 97, 6, true);

            Assert.Equal(20, ticks.Step);
            Assert.Equal(new double[] { 0, 20, 40, 60, 80, 100 }, ticks.Values);
            Assert.Equal(0, ticks.Minimum);
            Assert.Equal(100, ticks.Maximum);
            Assert.Equal("N0", ticks.LabelFormat);
        }

        [Fact]
        public void NumericTicks_DecimalStep_GivesExactValuesWithoutBinaryNoise()
        {
            var ticks = AxisScale.NumericTicks(0.1, 0.95, 10, true);

            Assert.Equal(0.1, ticks.Step, 12);
            Assert.Equal("N1", ticks.LabelFormat);
            // 0.1 * 3 is 0.30000000000000004 in binary; a label must read 0.3.
            Assert.Contains(ticks.Values, v => v.ToString("R", CultureInfo.InvariantCulture) == "0.3");
            Assert.All(ticks.Values, v => Assert.Equal(Math.Round(v, 1), v));
        }

        [Fact]
        public void NumericTicks_NegativeToPositive_IncludesZero()
        {
            var ticks = AxisScale.NumericTicks(-13, 42, 6, true);

            Assert.Equal(new double[] { -20, 0, 20, 40, 60 }, ticks.Values);
        }

        [Fact]
        public void NumericTicks_NotExpanded_KeepsDataBoundsAndPutsTicksInside()
        {
            var ticks = AxisScale.NumericTicks(3, 97, 6, false);

            Assert.Equal(3, ticks.Minimum);
            Assert.Equal(97, ticks.Maximum);
            Assert.Equal(new double[] { 20, 40, 60, 80 }, ticks.Values);
        }

        [Fact]
        public void NumericTicks_SingleValue_CentresItInARange()
        {
            var ticks = AxisScale.NumericTicks(50, 50, 5, true);

            Assert.True(ticks.Minimum < 50 && ticks.Maximum > 50);
            Assert.True(ticks.Values.Count >= 2);
        }

        [Fact]
        public void NumericTicks_NaNOrInfinite_FallsBackToZeroToOne()
        {
            var ticks = AxisScale.NumericTicks(double.NaN, double.PositiveInfinity, 5, true);

            Assert.Equal(0, ticks.Minimum);
            Assert.Equal(1, ticks.Maximum);
        }

        [Theory]
        [InlineData(0, 1, 5)]
        [InlineData(-1e6, 3.3e6, 8)]
        [InlineData(0.000123, 0.000789, 6)]
        [InlineData(17, 23, 4)]
        [InlineData(-5.5, -0.1, 7)]
        [InlineData(1e12, 1.0000001e12, 5)]
        [InlineData(0, 1e300, 5)]
        public void NumericTicks_AnyRange_AtMostTheAskedCountPlusOne_NiceStep_CoversTheData(double min, double max, int maxTicks)
        {
            var ticks = AxisScale.NumericTicks(min, max, maxTicks, true);

            Assert.InRange(ticks.Values.Count, 2, maxTicks + 1);
            Assert.True(ticks.Minimum <= min && ticks.Maximum >= max);
            double mantissa = ticks.Step / Math.Pow(10, Math.Floor(Math.Log10(ticks.Step)));
            Assert.Contains(Math.Round(mantissa, 6), new[] { 1.0, 2.0, 5.0, 10.0 });
            for (int i = 1; i < ticks.Values.Count; i++) Assert.True(ticks.Values[i] > ticks.Values[i - 1]);
        }

        [Fact]
        public void DateTimeTicks_FiveMinutes_StepsByMinuteOnTheMinute()
        {
            var ticks = AxisScale.DateTimeTicks(new DateTime(2024, 3, 1, 10, 0, 7), new DateTime(2024, 3, 1, 10, 5, 0), 6);

            Assert.Equal("HH:mm", ticks.LabelFormat);
            Assert.Equal(new[] { "10:01", "10:02", "10:03", "10:04", "10:05" }, ticks.Values.Select(v => At(v).ToString("HH:mm", CultureInfo.InvariantCulture)));
        }

        [Fact]
        public void DateTimeTicks_TwoHours_StepsByHalfHourOnTheHalfHour()
        {
            var ticks = AxisScale.DateTimeTicks(new DateTime(2024, 3, 1, 9, 47, 0), new DateTime(2024, 3, 1, 11, 47, 0), 5);

            Assert.Equal(new[] { "10:00", "10:30", "11:00", "11:30" }, ticks.Values.Select(v => At(v).ToString("HH:mm", CultureInfo.InvariantCulture)));
        }

        [Fact]
        public void DateTimeTicks_TwentySeconds_StepsByFiveSeconds()
        {
            var ticks = AxisScale.DateTimeTicks(new DateTime(2024, 3, 1, 10, 0, 1), new DateTime(2024, 3, 1, 10, 0, 21), 5);

            Assert.Equal("HH:mm:ss", ticks.LabelFormat);
            Assert.Equal(new[] { "10:00:05", "10:00:10", "10:00:15", "10:00:20" }, ticks.Values.Select(v => At(v).ToString("HH:mm:ss", CultureInfo.InvariantCulture)));
        }

        [Fact]
        public void DateTimeTicks_TenDays_StepsByTwoDaysAtMidnight()
        {
            var ticks = AxisScale.DateTimeTicks(new DateTime(2024, 3, 1, 6, 0, 0), new DateTime(2024, 3, 11, 6, 0, 0), 6);

            Assert.Equal("d MMM", ticks.LabelFormat);
            Assert.All(ticks.Values, v => Assert.Equal(TimeSpan.Zero, At(v).TimeOfDay));
            Assert.Equal(2, (At(ticks.Values[1]) - At(ticks.Values[0])).TotalDays, 6);
            Assert.Equal(new DateTime(2024, 3, 2), At(ticks.Values[0]));
        }

        [Fact]
        public void DateTimeTicks_AYear_StepsByQuarterOnTheFirstOfTheMonth()
        {
            var ticks = AxisScale.DateTimeTicks(new DateTime(2023, 1, 15), new DateTime(2023, 12, 20), 6);

            Assert.Equal("MMM yyyy", ticks.LabelFormat);
            Assert.Equal(new[] { "2023-04-01", "2023-07-01", "2023-10-01" }, ticks.Values.Select(v => At(v).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        [Fact]
        public void DateTimeTicks_Decades_StepsByTenYearsOnRoundYears()
        {
            var ticks = AxisScale.DateTimeTicks(new DateTime(1990, 6, 1), new DateTime(2024, 6, 1), 6);

            Assert.Equal("yyyy", ticks.LabelFormat);
            Assert.Equal(new[] { 2000, 2010, 2020 }, ticks.Values.Select(v => At(v).Year));
            Assert.All(ticks.Values, v => Assert.Equal(new DateTime(At(v).Year, 1, 1), At(v)));
        }

        [Fact]
        public void DateTimeTicks_AllTicksLieInsideTheRange()
        {
            var min = new DateTime(2024, 2, 27, 23, 59, 58);
            var max = new DateTime(2024, 3, 2, 0, 0, 3);

            var ticks = AxisScale.DateTimeTicks(min, max, 8);

            Assert.NotEmpty(ticks.Values);
            Assert.All(ticks.Values, v => Assert.InRange(At(v), min, max));
            Assert.InRange(ticks.Values.Count, 1, 8);
        }

        [Fact]
        public void DateTimeTicks_SameMoment_DoesNotThrowAndCoversIt()
        {
            var moment = new DateTime(2024, 3, 1, 10, 0, 0);

            var ticks = AxisScale.DateTimeTicks(moment, moment, 5);

            Assert.True(ticks.Minimum < moment.ToOADate() && ticks.Maximum > moment.ToOADate());
        }
    }
}
