using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Web.Script.Serialization;
using System.Web.UI;
using AngleSharp.Html.Parser;
using Xunit;
using static CallbackControls.Tests.RefreshingChart.ChartTestKit;

namespace CallbackControls.Tests.RefreshingChart
{
    /// <summary>
    /// What the server renders for the keyboard's walk over the points (EnableKeyboardNavigation) and for the
    /// announcements of new data (AnnounceUpdates): the tab stop around the drawing, each drawn point's X, the
    /// hint and the polite region outside the drawing, the latest values on the body.
    /// </summary>
    public class ChartAccessibilityRenderingTests
    {
        [Fact]
        public void Render_LineChart_IsOneNamedTabStopAroundTheDrawing_DescribedByTheHintOutsideIt()
        {
            var chart = Chart(ChartType.Line, 2, 5);
            chart.Title = "Load";

            AngleSharp.Dom.IElement element;
            using (Invariant()) element = RenderControl(chart);

            var stop = element.QuerySelector(":scope > .cc-chart-body > .cc-chart-keys");
            Assert.NotNull(stop);
            Assert.Equal("0", stop.GetAttribute("tabindex"));
            Assert.Equal("application", stop.GetAttribute("role"));
            Assert.Equal("chart", stop.GetAttribute("aria-roledescription"));
            Assert.Equal("Load", stop.GetAttribute("aria-label"));
            Assert.Equal("svg", stop.FirstElementChild.LocalName);
            Assert.Single(element.QuerySelectorAll("[tabindex]"));
            // The hint is outside the body, which a refresh replaces: the tab stop's description never changes.
            var hint = element.QuerySelector("#" + stop.GetAttribute("aria-describedby"));
            Assert.NotNull(hint);
            Assert.Same(element, hint.ParentElement);
            Assert.True(hint.HasAttribute("hidden"));
            Assert.StartsWith("Left and Right arrows move along a series", hint.TextContent);
            // The polite region the keys read into, empty, also outside the body.
            var live = element.QuerySelector(":scope > .cc-chart-live");
            Assert.Equal("polite", live.GetAttribute("aria-live"));
            Assert.Equal(string.Empty, live.TextContent);
            // The svg keeps its image role and its description of the data, for browse mode.
            Assert.Equal("img", stop.FirstElementChild.GetAttribute("role"));
        }

        [Fact]
        public void Render_EachSeriesCarriesItsName_EachPointItsTooltip_AndThePlotHowXIsMapped()
        {
            var chart = Chart(ChartType.Line, 2, 4, ChartAxisType.DateTime);

            var body = Render(chart);

            var groups = body.QuerySelectorAll("g.cc-chart-series");
            Assert.Equal(new[] { "Series A", "Series B" }, groups.Select(g => g.GetAttribute("data-name")));
            var markers = groups[0].QuerySelectorAll(".cc-chart-markers > circle");
            Assert.Equal(4, markers.Length);
            Assert.All(markers, m => Assert.NotNull(m.QuerySelector("title")));
            // The X axis' domain (OLE dates) and its pixels, exactly: the client maps each marker's cx back to its X.
            var axis = body.QuerySelector("g.cc-chart-plot").GetAttribute("data-x-axis").Split(' ');
            Assert.Equal("x", axis[4]);
            double min = Number(axis[0]), max = Number(axis[1]), start = Number(axis[2]), end = Number(axis[3]);
            double cx = Number(markers[1].GetAttribute("cx"));
            Assert.Equal(Start.AddSeconds(10).ToOADate(), min + (cx - start) * (max - min) / (end - start), 4);
            // Nothing per point beyond what was drawn before: no copy of the values.
            Assert.Null(body.QuerySelector("[data-x]"));
        }

        private static double Number(string number) => double.Parse(number, System.Globalization.CultureInfo.InvariantCulture);

        [Fact]
        public void Render_Bars_MapTheirXDownTheDrawing()
        {
            var body = Render(Chart(ChartType.Bar, 1, 3, ChartAxisType.Category));

            Assert.EndsWith(" y", body.QuerySelector("g.cc-chart-plot").GetAttribute("data-x-axis"));
        }

        [Theory]
        [InlineData("off")]
        [InlineData("no-tooltips")]
        [InlineData("pie")]
        public void Render_NoWalkablePoints_NoTabStopNorPointXs(string why)
        {
            var chart = why == "pie" ? Chart(ChartType.Pie, 1, 4, ChartAxisType.Category) : Chart(ChartType.Line, 1, 4);
            if (why == "off") chart.EnableKeyboardNavigation = false;
            if (why == "no-tooltips") chart.ShowPointToolTips = false;

            var body = Render(chart);

            Assert.Null(body.QuerySelector(".cc-chart-keys"));
            Assert.Null(body.QuerySelector("[tabindex]"));
            Assert.Null(body.QuerySelector("[data-x-axis]"));
            Assert.Null(body.QuerySelector("[data-name]"));
            Assert.Equal("svg", body.FirstElementChild.LocalName);
        }

        [Fact]
        public void Render_NavigationOffAndNoAnnouncements_RendersNoHintNorLiveRegion()
        {
            var chart = Chart(ChartType.Line, 1, 4);
            chart.EnableKeyboardNavigation = false;

            var element = RenderControl(chart);

            Assert.Null(element.QuerySelector(".cc-chart-keys-hint"));
            Assert.Null(element.QuerySelector(".cc-chart-live"));
        }

        [Fact]
        public void AnnounceUpdates_IsOffByDefault_NothingToAnnounceIsRenderedOrSent()
        {
            var chart = Chart(ChartType.Line, 2, 4);

            var element = RenderControl(chart);

            Assert.False(chart.AnnounceUpdates);
            Assert.False(element.QuerySelector(".cc-chart-body").HasAttribute("data-latest"));
            Assert.False(Options(element).ContainsKey("announceInterval"));
        }

        [Fact]
        public void AnnounceUpdates_On_TheBodyCarriesEachSeriesLatestValue_AndTheOptionsTheInterval()
        {
            var chart = Chart(ChartType.Line, 2, 4);
            chart.AnnounceUpdates = true;
            chart.AnnounceInterval = 5000;

            AngleSharp.Dom.IElement element;
            using (Invariant()) element = RenderControl(chart);

            Assert.Equal("Latest value of Series A is 26.82. Latest value of Series B is 32.84.",
                element.QuerySelector(".cc-chart-body").GetAttribute("data-latest"));
            Assert.Equal(5000, Options(element)["announceInterval"]);
            // Without the keys the region is still there for the announcements.
            chart.EnableKeyboardNavigation = false;
            Assert.NotNull(RenderControl(chart).QuerySelector(".cc-chart-live"));
        }

        [Theory]
        [InlineData("fr-FR", "La dernière valeur de Series A est 26,82.", "graphique")]
        [InlineData("de-DE", "Der letzte Wert von Series A ist 26,82.", "Diagramm")]
        public void AnnounceUpdates_TheTextsFollowThePagesLanguage(string culture, string latest, string role)
        {
            var chart = Chart(ChartType.Line, 1, 4);
            chart.AnnounceUpdates = true;

            AngleSharp.Dom.IElement body;
            using (Culture(culture)) body = Parse(chart.RenderChartMarkup());

            Assert.Equal(latest, body.GetAttribute("data-latest"));
            Assert.Equal(role, body.QuerySelector(".cc-chart-keys").GetAttribute("aria-roledescription"));
        }

        [Fact]
        public void AnnounceUpdates_APieAnnouncesNothing()
        {
            var chart = Chart(ChartType.Pie, 1, 4, ChartAxisType.Category);
            chart.AnnounceUpdates = true;

            Assert.False(Render(chart).HasAttribute("data-latest"));
        }

        [Fact]
        public void AnnounceInterval_BelowASecond_IsRefused()
        {
            var chart = new CallbackControls.RefreshingChart();

            Assert.Equal(10000, chart.AnnounceInterval);
            Assert.Throws<ArgumentOutOfRangeException>(() => chart.AnnounceInterval = 999);
            chart.AnnounceInterval = 1000;
            Assert.Equal(1000, chart.AnnounceInterval);
        }
    }
}
