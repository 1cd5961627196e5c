using System;
using System.Globalization;
using System.Linq;
using AngleSharp.Dom;
using Xunit;
using static CallbackControls.Tests.RefreshingChart.ChartTestKit;

namespace CallbackControls.Tests.RefreshingChart
{
    /// <summary>
    /// Charts with one point, or points that share one X value (the first ticks of a chart that keeps its
    /// points): the value stands in the middle of an axis whose ticks spread, and a lone column is a column,
    /// not the whole plot.
    /// </summary>
    public class FewPointsRenderingTests
    {
        private static readonly DateTime Moment = new DateTime(2026, 12, 7, 10, 0, 0);

        private static CallbackControls.RefreshingChart Build(ChartType type, ChartAxisType axis, params double[] ys)
        {
            var chart = new CallbackControls.RefreshingChart { ID = "Chart1" };
            var series = chart.Series.Add("Load", type);
            foreach (double y in ys)
            {
                if (axis == ChartAxisType.DateTime) series.Points.AddXY(Moment, y);
                else if (axis == ChartAxisType.Category) series.Points.AddXY("Now", y);
                else series.Points.AddXY(3.0, y);
            }
            return chart;
        }

        private static double Number(IElement element, string attribute) => double.Parse(element.GetAttribute(attribute), CultureInfo.InvariantCulture);

        private static (double Left, double Right) PlotOf(IElement svg)
        {
            var axis = svg.QuerySelector(".cc-chart-axis-x .cc-chart-axis-line");
            return (Number(axis, "x1"), Number(axis, "x2"));
        }

        public static TheoryData<ChartType, ChartAxisType> MarkedTypesOnValueAxes()
        {
            var data = new TheoryData<ChartType, ChartAxisType>();
            foreach (var type in new[] { ChartType.Line, ChartType.Spline, ChartType.Scatter, ChartType.Area, ChartType.StackedArea })
            {
                data.Add(type, ChartAxisType.DateTime);
                data.Add(type, ChartAxisType.Number);
            }
            return data;
        }

        [Theory]
        [MemberData(nameof(MarkedTypesOnValueAxes))]
        public void Render_OnePoint_StandsInTheMiddle_AmongSpreadTicks(ChartType type, ChartAxisType axis)
        {
            var svg = Render(Build(type, axis, 42)).QuerySelector("svg");

            var (left, right) = PlotOf(svg);
            var marker = svg.QuerySelector(".cc-chart-markers circle");
            Assert.InRange(Number(marker, "cx"), (left + right) / 2 - 1, (left + right) / 2 + 1);
            var ticks = svg.QuerySelectorAll(".cc-chart-axis-x text").ToList();
            Assert.True(ticks.Count >= 3, "ticks on both sides of the point");
            Assert.Equal(ticks.Count, ticks.Select(t => t.GetAttribute("x")).Distinct().Count());
            Assert.Equal(ticks.Count, ticks.Select(t => t.TextContent).Distinct().Count());
        }

        [Theory]
        [InlineData(ChartType.Line)]
        [InlineData(ChartType.Scatter)]
        public void Render_OneValue_IsCentredOnTheValueAxis_NotOnItsEdge(ChartType type)
        {
            var svg = Render(Build(type, ChartAxisType.DateTime, 42)).QuerySelector("svg");

            var values = svg.QuerySelectorAll(".cc-chart-axis-y text").Select(t => Number(t, "y")).ToList();
            double cy = Number(svg.QuerySelector(".cc-chart-markers circle"), "cy");
            Assert.InRange(cy, values.Min() + 1, values.Max() - 1);
            Assert.InRange(cy, (values.Min() + values.Max()) / 2 - 1, (values.Min() + values.Max()) / 2 + 1);
        }

        [Theory]
        [InlineData(ChartType.Column, ChartAxisType.DateTime)]
        [InlineData(ChartType.Column, ChartAxisType.Number)]
        [InlineData(ChartType.StackedColumn, ChartAxisType.DateTime)]
        [InlineData(ChartType.Bar, ChartAxisType.Number)]
        public void Render_OneColumn_OnADateOrNumberAxis_IsAColumnNotThePlot(ChartType type, ChartAxisType axis)
        {
            var svg = Render(Build(type, axis, 42)).QuerySelector("svg");

            var column = svg.QuerySelector(".cc-chart-series rect");
            bool bar = type == ChartType.Bar;
            double thickness = Number(column, bar ? "height" : "width");
            var plot = svg.QuerySelector("clipPath rect");
            double across = Number(plot, bar ? "height" : "width");
            Assert.InRange(thickness, 2, across / 5);
            // Centred on its X value, in the middle of the axis.
            double centre = Number(column, bar ? "y" : "x") + thickness / 2;
            double middle = Number(plot, bar ? "y" : "x") + across / 2;
            Assert.InRange(centre, middle - 2, middle + 2);
        }

        [Theory]
        [InlineData(ChartAxisType.DateTime)]
        [InlineData(ChartAxisType.Number)]
        [InlineData(ChartAxisType.Category)]
        public void Render_PointsSharingOneX_DrawOneUprightSegmentThere(ChartAxisType axis)
        {
            var svg = Render(Build(ChartType.Line, axis, 10, 15)).QuerySelector("svg");

            var markers = svg.QuerySelectorAll(".cc-chart-markers circle").ToList();
            Assert.Equal(2, markers.Count);
            Assert.Equal(markers[0].GetAttribute("cx"), markers[1].GetAttribute("cx"));
            Assert.NotEqual(markers[0].GetAttribute("cy"), markers[1].GetAttribute("cy"));
            var (left, right) = PlotOf(svg);
            Assert.InRange(Number(markers[0], "cx"), (left + right) / 2 - 1, (left + right) / 2 + 1);
        }

        [Fact]
        public void AroundOneValue_ANumberADateAndZero_GetAnAxisAroundThem()
        {
            AxisScale.AroundOneValue(3, false, out double min, out double max);
            Assert.True(min < 3 && max > 3 && 3 - min == max - 3);
            AxisScale.AroundOneValue(0, false, out min, out max);
            Assert.Equal((-1.0, 1.0), (min, max));
            AxisScale.AroundOneValue(Moment.ToOADate(), true, out min, out max);
            Assert.Equal(Moment.AddMinutes(-1), DateTime.FromOADate(min));
            Assert.Equal(Moment.AddMinutes(1), DateTime.FromOADate(max));
        }
    }
}
