using System;
using System.Globalization;
using System.Linq;
using AngleSharp.Dom;
using Xunit;
using static CallbackControls.Tests.RefreshingChart.ChartTestKit;

namespace CallbackControls.Tests.RefreshingChart
{
    public class SvgChartRenderingTests
    {
        private const string Hostile = "</title></text><script>alert(1)</script><img src=x onerror=\"alert(2)\"> & &amp; 'q' \"d\" Zoë 東京 🎉";

        public static TheoryData<ChartType> AllTypes()
        {
            var data = new TheoryData<ChartType>();
            foreach (ChartType type in Enum.GetValues(typeof(ChartType))) data.Add(type);
            return data;
        }

        private static bool IsCircular(ChartType type) => type == ChartType.Pie || type == ChartType.Doughnut;

        private static ChartAxisType XKindFor(ChartType type) =>
            type == ChartType.Column || type == ChartType.StackedColumn || type == ChartType.Bar || IsCircular(type) ? ChartAxisType.Category : ChartAxisType.Number;

        [Theory]
        [MemberData(nameof(AllTypes))]
        public void Render_EachChartType_DrawsItsShapesInAnAccessibleSvg(ChartType type)
        {
            int seriesCount = IsCircular(type) ? 1 : 2;
            var chart = Chart(type, seriesCount, 8, XKindFor(type));
            chart.Title = "Load";

            var body = Render(chart);

            Assert.Equal("cc-chart-body", body.ClassName);
            var svg = body.QuerySelector("svg");
            Assert.Equal("img", svg.GetAttribute("role"));
            Assert.Equal("100%", svg.GetAttribute("width"));
            Assert.Equal("0 0 640 320", svg.GetAttribute("viewBox"));
            var name = svg.Owner.GetElementById(svg.GetAttribute("aria-labelledby"));
            var description = svg.Owner.GetElementById(svg.GetAttribute("aria-describedby"));
            Assert.Equal("Load", name.TextContent);
            Assert.Equal("title", name.LocalName);
            Assert.Equal("desc", description.LocalName);
            Assert.NotEmpty(description.TextContent);

            string typeClass = "cc-chart-type-" + type.ToString().ToLowerInvariant();
            var groups = svg.QuerySelectorAll("g.cc-chart-series." + typeClass);
            Assert.Equal(seriesCount, groups.Length);
            foreach (var group in groups)
            {
                switch (type)
                {
                    case ChartType.Line:
                    case ChartType.Spline:
                        Assert.StartsWith("M", group.QuerySelector("path.cc-chart-line").GetAttribute("d"));
                        Assert.Equal(8, group.QuerySelectorAll(".cc-chart-markers circle").Length);
                        break;
                    case ChartType.Area:
                    case ChartType.StackedArea:
                        Assert.EndsWith("Z", group.QuerySelector("path.cc-chart-area").GetAttribute("d"));
                        Assert.NotNull(group.QuerySelector("path.cc-chart-line"));
                        break;
                    case ChartType.Column:
                    case ChartType.StackedColumn:
                    case ChartType.Bar:
                        Assert.Equal(8, group.QuerySelectorAll("rect").Length);
                        break;
                    case ChartType.Scatter:
                        Assert.Equal(8, group.QuerySelectorAll("circle").Length);
                        Assert.Null(group.QuerySelector("path"));
                        break;
                    default:
                        Assert.Equal(8, group.QuerySelectorAll("path.cc-chart-slice").Length);
                        break;
                }
            }
            if (type == ChartType.Spline) Assert.Contains("C", groups[0].QuerySelector("path.cc-chart-line").GetAttribute("d"));
            Assert.Empty(body.QuerySelectorAll("script"));
        }

        [Theory]
        [MemberData(nameof(AllTypes))]
        public void Render_HostileNamesLabelsTitlesAndToolTips_AreEscapedText(ChartType type)
        {
            var chart = new CallbackControls.RefreshingChart
            {
                ID = "Chart1",
                Title = Hostile,
                XAxisTitle = Hostile,
                YAxisTitle = Hostile,
                ShowDataTable = true,
                XAxisType = IsCircular(type) ? ChartAxisType.Auto : ChartAxisType.Category,
            };
            var series = chart.Series.Add(Hostile, type);
            series.CssClass = "a\" onload=\"alert(3)";
            series.Color = "red\" onmouseover=\"alert(4)";
            series.Points.AddXY(Hostile, 3);
            series.Points.AddXY("second", 5);
            series.Points[1].ToolTip = Hostile;
            series.Points[1].Color = "blue' onclick='alert(5)";

            string markup;
            using (Invariant()) markup = chart.RenderChartMarkup();
            var body = Parse(markup);

            Assert.DoesNotContain("<script", markup, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", markup, StringComparison.OrdinalIgnoreCase);
            Assert.Empty(body.Owner.QuerySelectorAll("script, img"));
            Assert.DoesNotContain(body.Owner.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
            Assert.Equal(Hostile, body.QuerySelector("svg > title").TextContent);
            Assert.Contains(body.QuerySelectorAll("svg text, svg title"), e => e.TextContent == Hostile || e.TextContent.StartsWith(Hostile, StringComparison.Ordinal));
            Assert.Contains(body.QuerySelectorAll("table th"), e => e.TextContent == Hostile);
            Assert.Contains(body.QuerySelectorAll("svg title"), e => e.TextContent == Hostile);
        }

        [Fact]
        public void Render_SeriesToldApartWithoutColor_GetDashesShapesAndMatchingSwatches()
        {
            var lines = Chart(ChartType.Line, 3, 5);
            lines.DistinguishSeriesWithoutColor = true;
            var scatter = Chart(ChartType.Scatter, 3, 5);
            scatter.DistinguishSeriesWithoutColor = true;

            var svg = Render(lines);
            var dashes = svg.QuerySelectorAll(".cc-chart-line").Select(l => l.GetAttribute("stroke-dasharray")).ToArray();
            var swatches = svg.QuerySelectorAll(".cc-chart-legend line").Select(l => l.GetAttribute("stroke-dasharray")).ToArray();
            var markers = Render(scatter).QuerySelectorAll(".cc-chart-markers").Select(g => g.FirstElementChild.LocalName + (g.FirstElementChild.GetAttribute("d") ?? "").Length.ToString()).ToArray();

            Assert.Equal(3, dashes.Distinct().Count());
            Assert.Null(dashes[0]);
            Assert.Equal(dashes, swatches);
            Assert.Equal(3, markers.Distinct().Count());
            Assert.StartsWith("circle", markers[0]);
        }

        [Fact]
        public void Render_ByDefault_SeriesDifferByColourAlone()
        {
            var svg = Render(Chart(ChartType.Line, 3, 5));

            Assert.All(svg.QuerySelectorAll(".cc-chart-line"), l => Assert.Null(l.GetAttribute("stroke-dasharray")));
        }

        [Fact]
        public void Render_EmptyChartWithADateFormat_NeverPrintsTheFormatAsText()
        {
            var chart = new CallbackControls.RefreshingChart { ID = "Empty", XAxisLabelFormat = "HH:mm:ss" };
            chart.Series.Add(new ChartSeries { Name = "CPU" });

            var svg = Render(chart);

            Assert.DoesNotContain("HH", svg.TextContent);
            Assert.DoesNotContain("mm:ss", svg.TextContent);
        }

        [Fact]
        public void Render_DatesWithTheirFormat_UseIt()
        {
            var chart = new CallbackControls.RefreshingChart { ID = "Dated", XAxisLabelFormat = "HH:mm:ss" };
            chart.Series.Add(new ChartSeries { Name = "CPU" });
            var start = new System.DateTime(2026, 11, 28, 12, 0, 0);
            for (int i = 0; i < 10; i++) chart.Series[0].Points.AddXY(start.AddSeconds(10 * i), i);

            var labels = Render(chart).QuerySelectorAll("text").Select(t => t.TextContent).ToList();

            Assert.Contains(labels, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^12:0\d:\d0$"));
        }

        [Fact]
        public void Render_ControlCharactersInText_AreDroppedSoTheMarkupIsValidXml()
        {
            var chart = Chart(ChartType.Line, 1, 3);
            chart.Title = "bad\u0001\u0008name\uFFFF\uD800";
            chart.Series[0].Name = "ok\ttab";

            string markup;
            using (Invariant()) markup = chart.RenderChartMarkup();

            var document = new System.Xml.XmlDocument();
            document.LoadXml(markup);
            Assert.Contains("badname", markup);
        }

        [Fact]
        public void Render_DataTable_ListsEveryDrawnPointAndIsVisuallyHidden()
        {
            var chart = Chart(ChartType.Column, 2, 4, ChartAxisType.Category);
            chart.ShowDataTable = true;
            chart.Title = "Sales";
            chart.XAxisTitle = "Month";
            chart.YAxisTitle = "Units";

            var table = Render(chart).QuerySelector("table.cc-chart-table");

            Assert.NotNull(table);
            Assert.Contains("cc-visually-hidden", table.ParentElement.ClassList);
            Assert.Contains("clip", table.ParentElement.GetAttribute("style"));
            Assert.Contains("position:absolute", table.ParentElement.GetAttribute("style"));
            Assert.Equal("Sales", table.QuerySelector("caption").TextContent);
            Assert.Equal(new[] { "Series", "Month", "Units" }, table.QuerySelectorAll("thead th").Select(th => th.TextContent));
            Assert.All(table.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
            var rows = table.QuerySelectorAll("tbody tr");
            Assert.Equal(8, rows.Length);
            Assert.Equal(new[] { "Series A", "Item 0", "20" }, rows[0].Children.Select(c => c.TextContent));
            Assert.Equal("row", rows[0].Children[0].GetAttribute("scope"));
        }

        [Fact]
        public void Render_WithoutDataTable_HasNoTable()
        {
            Assert.Null(Render(Chart(ChartType.Line, 1, 4)).QuerySelector("table"));
        }

        [Fact]
        public void Render_Palette_ColoursSeriesInTurnAndSeriesColourWins()
        {
            var chart = Chart(ChartType.Line, 3, 4);
            chart.Palette = new[] { "#111111", " #222222 " };
            chart.Series[1].Color = "rebeccapurple";

            var lines = Render(chart).QuerySelectorAll("path.cc-chart-line").Select(p => p.GetAttribute("stroke")).ToArray();

            Assert.Equal(new[] { "#111111", "rebeccapurple", "#111111" }, lines);
        }

        [Fact]
        public void Render_DefaultPalette_GivesEachSeriesItsOwnColour()
        {
            var lines = Render(Chart(ChartType.Line, 8, 3)).QuerySelectorAll("path.cc-chart-line").Select(p => p.GetAttribute("stroke")).ToArray();

            Assert.Equal(8, lines.Distinct().Count());
        }

        [Fact]
        public void Render_DefaultPalette_EveryColourHasTheGraphicsContrastOfWcag21OnWhite()
        {
            // WCAG 2.1 1.4.11: a line that carries data needs 3:1 against what is behind it (white here).
            var lines = Render(Chart(ChartType.Line, 8, 3)).QuerySelectorAll("path.cc-chart-line").Select(p => p.GetAttribute("stroke"));

            foreach (var colour in lines)
            {
                Assert.True(ContrastOnWhite(colour) >= 3.0, colour + " has " + ContrastOnWhite(colour).ToString("0.00", CultureInfo.InvariantCulture) + ":1 on white");
            }
        }

        // The relative luminance contrast of WCAG 2.x for a #rrggbb colour against white.
        private static double ContrastOnWhite(string hex)
        {
            double Channel(int offset)
            {
                double c = Convert.ToInt32(hex.Substring(offset, 2), 16) / 255.0;
                return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
            }
            double luminance = 0.2126 * Channel(1) + 0.7152 * Channel(3) + 0.0722 * Channel(5);
            return 1.05 / (luminance + 0.05);
        }

        [Fact]
        public void Render_SeriesCssClass_IsAddedToTheSeriesGroup()
        {
            var chart = Chart(ChartType.Line, 2, 3);
            chart.Series[1].CssClass = "memory warn";

            var group = Render(chart).QuerySelector("g.cc-chart-series-1");

            Assert.Contains("memory", group.ClassList);
            Assert.Contains("warn", group.ClassList);
            Assert.Contains("cc-chart-type-line", group.ClassList);
        }

        [Fact]
        public void Render_LegendAndGridLines_CanBeTurnedOff()
        {
            var chart = Chart(ChartType.Line, 2, 5);
            Assert.Equal(new[] { "Series A", "Series B" }, Render(chart).QuerySelectorAll(".cc-chart-legend text").Select(t => t.TextContent));
            Assert.NotEmpty(Render(chart).QuerySelectorAll(".cc-chart-grid line"));

            chart.ShowLegend = false;
            chart.ShowGridLines = false;
            var body = Render(chart);

            Assert.Null(body.QuerySelector(".cc-chart-legend"));
            Assert.Null(body.QuerySelector(".cc-chart-grid"));
        }

        [Fact]
        public void Render_PointToolTips_DefaultToSeriesXAndY_OrThePointsOwnText_AndCanBeTurnedOff()
        {
            var chart = Chart(ChartType.Column, 1, 3, ChartAxisType.Category);
            chart.Series[0].Points[2].ToolTip = "Peak hour";

            var titles = Render(chart).QuerySelectorAll("rect > title").Select(t => t.TextContent).ToArray();

            Assert.Equal(new[] { "Series A: Item 0, 20", "Series A: Item 1, 22.47", "Peak hour" }, titles);
            chart.ShowPointToolTips = false;
            Assert.Empty(Render(chart).QuerySelectorAll(".cc-chart-series title"));
        }

        [Fact]
        public void Render_DateAxis_LabelsTicksByTheClock()
        {
            var chart = Chart(ChartType.Line, 1, 31, ChartAxisType.DateTime);

            var labels = Render(chart).QuerySelectorAll(".cc-chart-axis-x text").Select(t => t.TextContent).ToArray();

            Assert.Equal(new[] { "12:00", "12:01", "12:02", "12:03", "12:04", "12:05" }, labels);
        }

        [Fact]
        public void Render_CategoryAxis_LabelsEachCategory()
        {
            var labels = Render(Chart(ChartType.Column, 2, 5, ChartAxisType.Category)).QuerySelectorAll(".cc-chart-axis-x text").Select(t => t.TextContent);

            Assert.Equal(new[] { "Item 0", "Item 1", "Item 2", "Item 3", "Item 4" }, labels);
        }

        [Fact]
        public void Render_ManyCategories_ThinsLabelsSoTheyDoNotOverlap()
        {
            var labels = Render(Chart(ChartType.Column, 1, 200, ChartAxisType.Category)).QuerySelectorAll(".cc-chart-axis-x text").ToArray();

            Assert.InRange(labels.Length, 2, 20);
        }

        [Fact]
        public void Render_ValueAxis_UsesNiceTicksAndHonoursAFixedRange()
        {
            var chart = Chart(ChartType.Line, 1, 10);
            var auto = Render(chart).QuerySelectorAll(".cc-chart-axis-y text").Select(t => t.TextContent).ToArray();
            Assert.Equal(new[] { "20", "22", "24", "26", "28", "30" }, auto);

            chart.YAxisMinimum = 0;
            chart.YAxisMaximum = 100;
            var fixedRange = Render(chart).QuerySelectorAll(".cc-chart-axis-y text").Select(t => t.TextContent).ToArray();
            Assert.Equal(new[] { "0", "20", "40", "60", "80", "100" }, fixedRange);
        }

        [Fact]
        public void Render_LabelFormatAndCulture_AreUsedForLabels()
        {
            var chart = Chart(ChartType.Line, 1, 10);
            chart.YAxisLabelFormat = "0.0'%'";
            string markup;
            using (Culture("de-DE")) markup = chart.RenderChartMarkup();

            var labels = Parse(markup).QuerySelectorAll(".cc-chart-axis-y text").Select(t => t.TextContent).ToArray();

            Assert.All(labels, l => Assert.EndsWith("%", l));
            Assert.Contains(labels, l => l.Contains(","));
            // Coordinates stay invariant whatever the culture.
            Assert.DoesNotContain(",5 ", Parse(markup).QuerySelector("path.cc-chart-line").GetAttribute("d"));
        }

        [Fact]
        public void Render_EmptyPoints_BreakTheLine()
        {
            var chart = Chart(ChartType.Line, 1, 10);
            chart.Series[0].Points[5].Y = double.NaN;

            var d = Render(chart).QuerySelector("path.cc-chart-line").GetAttribute("d");

            Assert.Equal(2, d.Count(c => c == 'M'));
            Assert.Equal(9, Render(chart).QuerySelectorAll(".cc-chart-markers circle").Length);
        }

        [Fact]
        public void Render_StackedColumns_SitOnEachOther()
        {
            var chart = new CallbackControls.RefreshingChart { ID = "Chart1" };
            chart.Series.Add("Low", ChartType.StackedColumn).Points.AddXY("A", 10);
            chart.Series.Add("High", ChartType.StackedColumn).Points.AddXY("A", 30);

            var body = Render(chart);
            var low = body.QuerySelector(".cc-chart-series-0 rect");
            var high = body.QuerySelector(".cc-chart-series-1 rect");

            double Y(IElement e) => double.Parse(e.GetAttribute("y"), CultureInfo.InvariantCulture);
            double H(IElement e) => double.Parse(e.GetAttribute("height"), CultureInfo.InvariantCulture);
            Assert.Equal(Y(low), Y(high) + H(high), 1);
            Assert.Equal(3, H(high) / H(low), 1);
            Assert.Equal(low.GetAttribute("x"), high.GetAttribute("x"));
            Assert.Equal("High: A, 30", high.QuerySelector("title").TextContent);
        }

        [Fact]
        public void Render_StackedAreasSampledAtDifferentTimes_StackByX()
        {
            var chart = new CallbackControls.RefreshingChart { ID = "Chart1", ShowDataTable = true };
            var a = chart.Series.Add("A", ChartType.StackedArea);
            var b = chart.Series.Add("B", ChartType.StackedArea);
            a.Points.AddXY(0, 1);
            a.Points.AddXY(2, 1);
            b.Points.AddXY(1, 2);
            b.Points.AddXY(2, 2);

            var body = Render(chart);

            // The value axis reaches the stacked total at X = 2 (1 + 2 = 3).
            Assert.Equal("3", body.QuerySelectorAll(".cc-chart-axis-y text").Last().TextContent);
            Assert.Equal(4, body.QuerySelectorAll("tbody tr").Length);
        }

        [Fact]
        public void Render_BarsAreHorizontal_CategoriesOnTheLeft()
        {
            var chart = Chart(ChartType.Bar, 1, 3, ChartAxisType.Category);

            var body = Render(chart);
            var rects = body.QuerySelectorAll(".cc-chart-series rect").ToArray();

            double W(IElement e) => double.Parse(e.GetAttribute("width"), CultureInfo.InvariantCulture);
            double H(IElement e) => double.Parse(e.GetAttribute("height"), CultureInfo.InvariantCulture);
            Assert.All(rects, r => Assert.True(W(r) > H(r)));
            Assert.Equal(new[] { "Item 0", "Item 1", "Item 2" }, body.QuerySelectorAll(".cc-chart-axis-category text").Select(t => t.TextContent));
        }

        [Fact]
        public void Render_Pie_SlicesAndLegendShowShares()
        {
            var chart = new CallbackControls.RefreshingChart { ID = "Chart1" };
            var pie = chart.Series.Add("Browsers", ChartType.Pie);
            pie.Points.AddXY("Chromium", 3);
            pie.Points.AddXY("Firefox", 1);
            pie.Points.AddXY("Nothing", 0);

            var body = Render(chart);

            Assert.Equal(2, body.QuerySelectorAll("path.cc-chart-slice").Length);
            Assert.Equal(new[] { "Chromium (75%)", "Firefox (25%)" }, body.QuerySelectorAll(".cc-chart-legend text").Select(t => t.TextContent));
            Assert.Equal("Browsers: Chromium, 3 (75%)", body.QuerySelector("path.cc-chart-slice title").TextContent);
        }

        [Fact]
        public void Render_PieWithOneSlice_DrawsAWholeCircle()
        {
            var chart = new CallbackControls.RefreshingChart { ID = "Chart1" };
            chart.Series.Add("All", ChartType.Doughnut).Points.AddXY("Everything", 10);

            var d = Render(chart).QuerySelector("path.cc-chart-slice").GetAttribute("d");

            Assert.Equal(4, d.Count(c => c == 'A'));
        }

        [Fact]
        public void Render_PieWithManySlices_KeepsTheLargestAndMergesTheRestIntoOther()
        {
            var chart = new CallbackControls.RefreshingChart { ID = "Chart1" };
            var pie = chart.Series.Add("Many", ChartType.Pie);
            for (int i = 1; i <= 500; i++) pie.Points.AddXY("Slice " + i, i);

            var slices = Render(chart).QuerySelectorAll("path.cc-chart-slice").ToArray();

            Assert.Equal(30, slices.Length);
            Assert.StartsWith("Other (471 smaller slices)", slices.Last().QuerySelector("title").TextContent);
            Assert.Contains(slices, s => s.QuerySelector("title").TextContent.StartsWith("Many: Slice 500,", StringComparison.Ordinal));
        }

        [Fact]
        public void Render_EmptyChart_SaysNoData()
        {
            var body = Render(new CallbackControls.RefreshingChart { ID = "Chart1" });

            Assert.Equal("No data", body.QuerySelector(".cc-chart-nodata").TextContent);
            Assert.Equal("Chart with no data.", body.QuerySelector("desc").TextContent);
        }

        [Fact]
        public void Render_Description_DescribesTypeSeriesAndRanges_UnlessGiven()
        {
            var chart = Chart(ChartType.Line, 2, 31, ChartAxisType.DateTime);
            chart.XAxisTitle = "Time";
            chart.YAxisTitle = "CPU %";

            var description = Render(chart).QuerySelector("desc").TextContent;
            Assert.StartsWith("Line chart with 2 series: Series A, Series B. Time: 01/01/2024 12:00 to 01/01/2024 12:05. CPU %: 10 to 40.", description);
            // Then the data: each series' latest value, with when, and its lowest and highest.
            Assert.Matches(@" Series A: latest [\d.,]+ at 01/01/2024 12:05, lowest [\d.,]+, highest [\d.,]+\. Series B: latest [\d.,]+ at 01/01/2024 12:05, lowest [\d.,]+, highest [\d.,]+\.$", description);
            chart.Description = "Server CPU over five minutes.";
            Assert.Equal("Server CPU over five minutes.", Render(chart).QuerySelector("desc").TextContent);
        }

        [Fact]
        public void Render_IdsComeFromTheClientId_SoTwoChartsOnAPageDoNotClash()
        {
            var first = Chart(ChartType.Line, 1, 3);
            var second = Chart(ChartType.Line, 1, 3);
            second.ID = "Chart2";

            var a = Render(first).QuerySelector("svg");
            var b = Render(second).QuerySelector("svg");

            Assert.Equal("Chart1_title Chart1_desc", a.GetAttribute("aria-labelledby") + " " + a.GetAttribute("aria-describedby"));
            Assert.Equal("Chart2_title Chart2_desc", b.GetAttribute("aria-labelledby") + " " + b.GetAttribute("aria-describedby"));
        }

        [Theory]
        [InlineData(ChartType.Line)]
        [InlineData(ChartType.Area)]
        [InlineData(ChartType.Scatter)]
        [InlineData(ChartType.Column)]
        public void Render_OneMillionPoints_IsDecimatedToThePlotWidth_AndStaysSmall(ChartType type)
        {
            var chart = new CallbackControls.RefreshingChart { ID = "Chart1" };
            var points = chart.Series.Add("Big", type).Points;
            points.EnsureCapacity(1000000);
            var random = new Random(5);
            double value = 0;
            for (int i = 0; i < 1000000; i++)
            {
                value += random.NextDouble() - 0.5;
                points.AddXY(i, value);
            }

            string markup;
            using (Invariant()) markup = chart.RenderChartMarkup();

            var body = Parse(markup);
            int plotWidth = 640;
            Assert.True(markup.Length < 250000, "markup is " + markup.Length + " characters");
            int drawn = type == ChartType.Column ? body.QuerySelectorAll(".cc-chart-series rect").Length
                : type == ChartType.Scatter ? body.QuerySelectorAll(".cc-chart-series circle").Length
                : PathPointCount(body.QuerySelector("path.cc-chart-line"));
            Assert.InRange(drawn, 100, plotWidth);
        }

        [Fact]
        public void Render_DecimationOff_DrawsEveryPoint()
        {
            var chart = Chart(ChartType.Line, 1, 5000);
            chart.ShowPointToolTips = false;
            Assert.InRange(PathPointCount(Render(chart).QuerySelector("path.cc-chart-line")), 100, 700);

            chart.EnableDecimation = false;
            Assert.Equal(5000, PathPointCount(Render(chart).QuerySelector("path.cc-chart-line")));
        }

        [Fact]
        public void Render_DecimationThreshold_SetsTheNumberOfPointsDrawn()
        {
            var chart = Chart(ChartType.Line, 1, 5000);
            chart.DecimationThreshold = 50;

            Assert.Equal(50, PathPointCount(Render(chart).QuerySelector("path.cc-chart-line")));
        }

        [Fact]
        public void Render_DecimatedSeries_KeepsItsPeakOnTheChart()
        {
            var chart = Chart(ChartType.Line, 1, 100000);
            chart.Series[0].Points[54321].Y = 1000;
            chart.ShowDataTable = true;

            var page = Render(chart);

            // The peak is drawn (its point's tooltip names it) and the data table's footer counts it among
            // the values earlier than those it lists.
            Assert.Contains(page.QuerySelectorAll("title").Select(t => t.TextContent), t => t.Contains("54,321") && t.Contains("1,000"));
            Assert.Contains("highest 1,000", page.QuerySelector("tfoot").TextContent);
        }

        [Fact]
        public void Render_PieMixedWithOtherSeries_ThrowsAClearError()
        {
            var chart = Chart(ChartType.Line, 1, 3);
            chart.Series.Add("Share", ChartType.Pie).Points.AddXY("a", 1);

            var error = Assert.Throws<InvalidOperationException>(() => chart.RenderChartMarkup());

            Assert.Contains("Pie", error.Message);
        }

        [Fact]
        public void Render_BarsMixedWithColumns_ThrowsAClearError()
        {
            var chart = Chart(ChartType.Bar, 1, 3, ChartAxisType.Category);
            chart.Series.Add("Up", ChartType.Column).Points.AddXY("a", 1);

            Assert.Throws<InvalidOperationException>(() => chart.RenderChartMarkup());
        }

        [Fact]
        public void Render_TwoPieSeries_ThrowsAClearError()
        {
            var chart = Chart(ChartType.Pie, 2, 3, ChartAxisType.Category);

            Assert.Contains("one series", Assert.Throws<InvalidOperationException>(() => chart.RenderChartMarkup()).Message);
        }

        [Fact]
        public void Render_ColumnsAndLinesTogether_ShareTheAxes()
        {
            var chart = Chart(ChartType.Column, 1, 5, ChartAxisType.Category);
            var trend = chart.Series.Add("Trend", ChartType.Line);
            for (int i = 0; i < 5; i++) trend.Points.AddXY("Item " + i, 25);

            var body = Render(chart);

            Assert.Equal(5, body.QuerySelectorAll("g.cc-chart-type-column rect").Length);
            Assert.NotNull(body.QuerySelector("g.cc-chart-type-line path.cc-chart-line"));
            Assert.StartsWith("Combination chart", body.QuerySelector("desc").TextContent);
        }
    }
}
