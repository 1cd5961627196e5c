using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace CallbackControls.Tests.RefreshingChart
{
    /// <summary>The points a chart keeps between refreshes: trimmed to MaxPoints, written for the browser, read back.</summary>
    public class KeptPointsTests
    {
        private static readonly DateTime Moment = new DateTime(2026, 12, 7, 10, 0, 0);

        private static ChartSeriesCollection Series(params ChartType[] types)
        {
            var series = new ChartSeriesCollection();
            for (int i = 0; i < types.Length; i++) series.Add("S" + i, types[i]);
            return series;
        }

        /// <summary>What the envelope reader makes of the JSON the browser sends back (arrays as object[], numbers as int or decimal).</summary>
        private static object RoundTrip(object[] kept) =>
            CallbackEnvelope.ParseRequest("{\"v\":1,\"state\":{\"kept\":" + CallbackEnvelope.ToJson(kept) + "}}").ClientState["kept"];

        [Fact]
        public void WriteThenRestore_DatesNumbersCategoriesLabelsTipsAndEmptyPoints_ComeBackAsThey_Were()
        {
            var series = Series(ChartType.Line, ChartType.Column, ChartType.Scatter);
            series[0].Points.AddXY(Moment, 1.5);
            series[0].Points.AddXY(Moment.AddSeconds(1), double.NaN);
            series[1].Points.AddXY("Mon", 3);
            series[1].Points.AddXY("Tue", 4.25);
            series[2].Points.Add(new ChartPoint(0.1, 2) { ToolTip = "first <b>" });

            var back = Series(ChartType.Line, ChartType.Column, ChartType.Scatter);
            KeptPoints.Restore(back, RoundTrip(KeptPoints.Write(series)), 10);

            Assert.Equal(ChartAxisType.DateTime, back[0].Points.XValueType);
            Assert.Equal(Moment, DateTime.FromOADate(back[0].Points[0].X));
            Assert.Equal(1.5, back[0].Points[0].Y);
            Assert.True(back[0].Points[1].IsEmpty);
            Assert.Equal(ChartAxisType.Category, back[1].Points.XValueType);
            Assert.Equal(new[] { "Mon", "Tue" }, back[1].Points.Select(p => p.AxisLabel));
            Assert.Equal(new[] { 3.0, 4.25 }, back[1].Points.Select(p => p.Y));
            Assert.Equal("first <b>", back[2].Points[0].ToolTip);
            Assert.Equal(0.1, back[2].Points[0].X);
        }

        [Fact]
        public void Restore_ThenAppendThisTick_ThenTrim_IsAMovingWindowOfTheLastPoints()
        {
            var series = Series(ChartType.Line);
            for (int tick = 0; tick < 8; tick++)
            {
                var next = Series(ChartType.Line);
                KeptPoints.Restore(next, RoundTrip(KeptPoints.Write(series)), 5);
                next[0].Points.AddXY(Moment.AddSeconds(tick), tick);   // the handler: this tick's reading
                KeptPoints.Trim(next, 5);
                series = next;
            }

            Assert.Equal(new[] { 3.0, 4, 5, 6, 7 }, series[0].Points.Select(p => p.Y));
        }

        [Fact]
        public void Trim_Categories_RenumbersTheirPositions()
        {
            var series = Series(ChartType.Column);
            foreach (var day in new[] { "Mon", "Tue", "Wed", "Thu" }) series[0].Points.AddXY(day, 1);

            KeptPoints.Trim(series, 2);

            Assert.Equal(new[] { "Wed", "Thu" }, series[0].Points.Select(p => p.AxisLabel));
            Assert.Equal(new[] { 0.0, 1 }, series[0].Points.Select(p => p.X));
            Assert.Equal(2, series[0].Points.AddXY("Fri", 1));
        }

        public static TheoryData<string, string> Tampered() => new TheoryData<string, string>
        {
            { "\"kept\"", "one entry per series" },
            { "[{\"x\":[1],\"y\":[1]},{\"x\":[1],\"y\":[1]}]", "one entry per series" },
            { "[7]", "one entry per series" },
            { "[{\"x\":[1,2],\"y\":[1]}]", "x and y of the same length" },
            { "[{\"x\":[1,2,3,4],\"y\":[1,2,3,4]}]", "at most MaxPoints (3)" },
            { "[{\"x\":[\"a\"],\"y\":[1]}]", "numbers (or null)" },
            { "[{\"x\":[1],\"y\":[1],\"type\":\"Pie\"}]", "a known X value type" },
            { "[{\"x\":[1],\"y\":[1],\"labels\":[1]}]", "text (or null)" },
            { "[{\"x\":[1],\"y\":[1],\"labels\":[\"a\",\"b\"]}]", "labels and tooltips of the points' length" },
        };

        [Theory]
        [MemberData(nameof(Tampered))]
        public void Restore_NotWhatTheServerSent_IsRefusedSayingWhatWasExpected(string keptJson, string expected)
        {
            var sent = CallbackEnvelope.ParseRequest("{\"v\":1,\"state\":{\"kept\":" + keptJson + "}}").ClientState["kept"];

            var error = Assert.Throws<CallbackException>(() => KeptPoints.Restore(Series(ChartType.Line), sent, 3));

            Assert.Contains(expected, error.Message);
            Assert.Contains("kept points", error.Message);
        }
    }
}
