using System;
using System.Collections;
using System.Collections.Generic;
using System.Data;
using System.IO;
using System.Linq;
using System.Web.Script.Serialization;
using System.Web.UI;
using AngleSharp.Html.Parser;
using Xunit;
using static CallbackControls.Tests.RefreshingChart.ChartTestKit;

namespace CallbackControls.Tests.RefreshingChart
{
    /// <summary>The control: its element and options, its callback, data binding and ViewState.</summary>
    public class RefreshingChartControlTests
    {
        private static AngleSharp.Dom.IElement RenderControl(Control control)
        {
            using (Invariant()) return ChartTestKit.RenderControl(control);
        }

        private static IDictionary<string, object> Call(CallbackControls.RefreshingChart chart, string argument, string state = "null")
        {
            var handler = (ICallbackEventHandler)chart;
            using (Invariant())
            {
                handler.RaiseCallbackEvent("{\"v\":1,\"arg\":" + new JavaScriptSerializer().Serialize(argument) + ",\"state\":" + state + "}");
                return (IDictionary<string, object>)new JavaScriptSerializer().DeserializeObject(handler.GetCallbackResult());
            }
        }

        [Fact]
        public void Render_Control_IsADivTheRuntimeStartsWithTheChartInsideAndNoScript()
        {
            var chart = Chart(ChartType.Line, 1, 5);
            chart.RefreshFrequency = 2000;

            var element = RenderControl(chart);

            Assert.Equal("div", element.LocalName);
            Assert.Equal("Chart1", element.Id);
            Assert.Equal("refreshingchart", element.GetAttribute("data-cc-control"));
            var options = Options(element);
            Assert.Equal(2000, options["refreshFrequency"]);
            Assert.Equal(4000, options["refreshBackoffLimit"]);
            Assert.Equal("Chart1", options["name"]);
            Assert.NotNull(element.QuerySelector(":scope > .cc-chart-body > .cc-chart-keys > svg"));
            Assert.Equal("cc-status", element.Children.Last().ClassName);
            Assert.Empty(element.QuerySelectorAll("script"));
        }

        [Fact]
        public void Render_ChartThatRefreshesByItself_HasANamedPauseToggleOutsideTheDrawing()
        {
            var chart = Chart(ChartType.Line, 1, 5);
            chart.RefreshFrequency = 2000;

            var button = RenderControl(chart).QuerySelector(":scope > button.cc-chart-pause");

            Assert.NotNull(button);
            Assert.Equal("button", button.GetAttribute("type"));
            Assert.Equal("false", button.GetAttribute("aria-pressed"));
            Assert.Equal("Pause updates", button.TextContent);
        }

        [Fact]
        public void Render_ChartMovedByNotifications_HasThePauseToggleToo()
        {
            var chart = Chart(ChartType.Line, 1, 5);
            chart.RefreshMode = RefreshMode.Push;
            chart.PushTopic = "orders";

            Assert.NotNull(RenderControl(chart).QuerySelector(":scope > button.cc-chart-pause"));
            Assert.Equal("push", Options(RenderControl(chart))["refreshMode"]);
        }

        [Theory]
        [InlineData(0, true)]
        [InlineData(2000, false)]
        public void Render_NoTimerOrTurnedOff_HasNoPauseToggle(int frequency, bool show)
        {
            var chart = Chart(ChartType.Line, 1, 5);
            chart.RefreshFrequency = frequency;
            chart.ShowPauseButton = show;

            Assert.Null(RenderControl(chart).QuerySelector("button.cc-chart-pause"));
        }

        [Fact]
        public void Render_Hooks_TravelInOptionsLikeEveryCallbackControl()
        {
            var chart = Chart(ChartType.Line, 1, 2);
            chart.BeforeCallbackScript = "App.before";
            chart.AfterCallbackResponseProcessScript = "App.after";

            var hooks = (IDictionary<string, object>)Options(RenderControl(chart))["hooks"];

            Assert.Equal("App.before", hooks["beforeCallback"]);
            Assert.Equal("App.after", hooks["afterResponseProcess"]);
        }

        [Fact]
        public void Callback_RaisesRefreshCallbackWithTheArgument_AndReturnsTheNewChartAndTheHandlersData()
        {
            var chart = new CallbackControls.RefreshingChart { ID = "Chart1" };
            chart.Series.Add(new ChartSeries("CPU", ChartType.Line));
            string seen = null;
            chart.RefreshCallback += (s, e) =>
            {
                seen = e.CallbackArgument;
                Assert.Same(chart, s);
                chart.Series["CPU"].Points.AddXY(1, 42);
                chart.Series["CPU"].Points.AddXY(2, 43);
                e.Result = new { rows = 2 };
            };

            var reply = Call(chart, "MyCustomArgs");

            Assert.Equal("MyCustomArgs", seen);
            Assert.Equal(true, reply["ok"]);
            var result = (IDictionary<string, object>)reply["result"];
            var body = Parse((string)result["chart"]);
            Assert.Equal("cc-chart-body", body.ClassName);
            Assert.Equal("CPU: 1, 42", body.QuerySelector(".cc-chart-markers title").TextContent);
            Assert.Equal(2, ((IDictionary<string, object>)result["data"])["rows"]);
        }

        [Fact]
        public void Callback_TimerTick_IsVisibleInClientState()
        {
            var chart = new CallbackControls.RefreshingChart { ID = "Chart1" };
            object timer = null;
            chart.RefreshCallback += (s, e) => e.ClientState.TryGetValue("timer", out timer);

            Call(chart, "", "{\"timer\":true}");

            Assert.Equal(true, timer);
        }

        [Fact]
        public void Callback_HandlerThrowsCallbackException_ReturnsItsMessageAsAnError()
        {
            var chart = new CallbackControls.RefreshingChart { ID = "Chart1" };
            chart.RefreshCallback += (s, e) => throw new CallbackException("The metrics source is down.");

            var reply = Call(chart, "");

            Assert.Equal(false, reply["ok"]);
            Assert.Equal("The metrics source is down.", ((IDictionary<string, object>)reply["error"])["message"]);
        }

        [Fact]
        public void Callback_SeriesThatCannotShareADrawing_ReturnsAnErrorNotAPage()
        {
            var chart = new CallbackControls.RefreshingChart { ID = "Chart1" };
            chart.RefreshCallback += (s, e) =>
            {
                chart.Series.Add("a", ChartType.Pie).Points.AddY(1);
                chart.Series.Add("b", ChartType.Line).Points.AddY(1);
            };

            var reply = Call(chart, "");

            Assert.Equal(false, reply["ok"]);
            Assert.Equal("handler", ((IDictionary<string, object>)reply["error"])["code"]);
        }

        [Theory]
        [InlineData(nameof(CallbackControls.RefreshingChart.RefreshFrequency), -1)]
        [InlineData(nameof(CallbackControls.RefreshingChart.RefreshBackoffLimit), 0)]
        [InlineData(nameof(CallbackControls.RefreshingChart.ChartWidth), 99)]
        [InlineData(nameof(CallbackControls.RefreshingChart.ChartHeight), 59)]
        [InlineData(nameof(CallbackControls.RefreshingChart.DecimationThreshold), -1)]
        public void Properties_OutOfRange_Throw(string property, int value)
        {
            var chart = new CallbackControls.RefreshingChart();
            var info = typeof(CallbackControls.RefreshingChart).GetProperty(property);

            var error = Assert.Throws<System.Reflection.TargetInvocationException>(() => info.SetValue(chart, value));

            Assert.IsType<ArgumentOutOfRangeException>(error.InnerException);
        }

        [Fact]
        public void Properties_MarkupAttributes_AreDeclaredOnEveryPublicSetting()
        {
            var settings = typeof(CallbackControls.RefreshingChart).GetProperties()
                .Where(p => p.DeclaringType == typeof(CallbackControls.RefreshingChart) && p.CanWrite && p.Name != nameof(CallbackControls.RefreshingChart.DataSource))
                .Concat(typeof(ChartSeries).GetProperties().Where(p => p.CanWrite));
            foreach (var property in settings)
            {
                Assert.True(property.IsDefined(typeof(System.ComponentModel.CategoryAttribute), false), property.Name + " has [Category]");
                Assert.True(property.IsDefined(typeof(System.ComponentModel.DescriptionAttribute), false), property.Name + " has [Description]");
                Assert.True(property.IsDefined(typeof(System.ComponentModel.DefaultValueAttribute), false), property.Name + " has [DefaultValue]");
            }
        }

        [Fact]
        public void Properties_Defaults_MatchTheirDefaultValueAttributes()
        {
            var chart = new CallbackControls.RefreshingChart();
            var series = new ChartSeries();
            var checks = typeof(CallbackControls.RefreshingChart).GetProperties().Where(p => p.DeclaringType == typeof(CallbackControls.RefreshingChart)).Select(p => (p, (object)chart))
                .Concat(typeof(ChartSeries).GetProperties().Select(p => (p, (object)series)));
            foreach (var (property, owner) in checks)
            {
                var attribute = (System.ComponentModel.DefaultValueAttribute)Attribute.GetCustomAttribute(property, typeof(System.ComponentModel.DefaultValueAttribute));
                if (attribute == null || property.PropertyType == typeof(string[])) continue;
                Assert.Equal(attribute.Value, property.GetValue(owner));
            }
        }

        [Fact]
        public void DataBind_ListOfObjects_FillsEachBoundSeries()
        {
            var chart = new CallbackControls.RefreshingChart { ID = "Chart1" };
            chart.Series.Add(new ChartSeries("CPU", ChartType.Line) { XValueMember = "Time", YValueMembers = "Cpu" });
            chart.Series.Add(new ChartSeries("Memory", ChartType.Area) { XValueMember = "Time", YValueMembers = " Memory " });
            var manual = chart.Series.Add("Manual", ChartType.Line);
            manual.Points.AddY(5);
            chart.DataSource = Enumerable.Range(0, 3).Select(i => new { Time = Start.AddMinutes(i), Cpu = 10.0 * i, Memory = (int?)(i == 1 ? (int?)null : 100 + i) }).ToList();

            chart.DataBind();

            var cpu = chart.Series["CPU"].Points;
            Assert.Equal(ChartAxisType.DateTime, cpu.XValueType);
            Assert.Equal(new[] { 0.0, 10, 20 }, cpu.Select(p => p.Y));
            Assert.Equal(Start.AddMinutes(2), DateTime.FromOADate(cpu[2].X));
            Assert.True(chart.Series["Memory"].Points[1].IsEmpty, "a null value is an empty point");
            Assert.Single(manual.Points);
        }

        [Fact]
        public void DataBind_DataTableAndDataSet_UseTheirRows()
        {
            var table = new DataTable();
            table.Columns.Add("Country", typeof(string));
            table.Columns.Add("People", typeof(long));
            table.Rows.Add("Norway", 5500000L);
            table.Rows.Add("Chile", 19600000L);
            var set = new DataSet();
            set.Tables.Add(table);

            foreach (object source in new object[] { table, set })
            {
                var chart = new CallbackControls.RefreshingChart { ID = "Chart1" };
                chart.Series.Add(new ChartSeries("People", ChartType.Column) { XValueMember = "Country", YValueMembers = "People" });
                chart.DataSource = source;
                chart.DataBind();

                var points = chart.Series[0].Points;
                Assert.Equal(ChartAxisType.Category, points.XValueType);
                Assert.Equal(new[] { "Norway", "Chile" }, points.Select(p => p.AxisLabel));
                Assert.Equal(19600000, points[1].Y);
            }
        }

        [Fact]
        public void DataBind_DictionariesAndNoXMember_NumberThePoints()
        {
            var chart = new CallbackControls.RefreshingChart { ID = "Chart1" };
            chart.Series.Add(new ChartSeries("V", ChartType.Column) { YValueMembers = "v" });
            chart.DataSource = new[] { new Hashtable { ["v"] = 3 }, new Hashtable { ["v"] = "4.5" } };

            chart.DataBind();

            Assert.Equal(new[] { 0.0, 1 }, chart.Series[0].Points.Select(p => p.X));
            Assert.Equal(new[] { 3, 4.5 }, chart.Series[0].Points.Select(p => p.Y));
        }

        [Fact]
        public void DataBind_SeveralYValueMembers_ThrowsAClearError()
        {
            var chart = new CallbackControls.RefreshingChart { ID = "Chart1" };
            chart.Series.Add(new ChartSeries("V", ChartType.Line) { YValueMembers = "High,Low" });
            chart.DataSource = new[] { new { High = 1, Low = 0 } };

            Assert.Contains("one Y value", Assert.Throws<InvalidOperationException>(() => chart.DataBind()).Message);
        }

        [Fact]
        public void DataBind_UnknownMemberOrNonNumber_ThrowsAClearError()
        {
            var chart = new CallbackControls.RefreshingChart { ID = "Chart1" };
            chart.Series.Add(new ChartSeries("V", ChartType.Line) { YValueMembers = "Missing" });
            chart.DataSource = new[] { new { Value = 1 } };
            Assert.Contains("'Missing'", Assert.Throws<InvalidOperationException>(() => chart.DataBind()).Message);

            chart.Series[0].YValueMembers = "Value";
            chart.DataSource = new[] { new { Value = "lots" } };
            Assert.Contains("'Value'", Assert.Throws<InvalidOperationException>(() => chart.DataBind()).Message);
        }

        [Fact]
        public void Points_MixingDatesAndCategories_Throws_AndClearResetsTheKind()
        {
            var points = new ChartPointCollection();
            points.AddXY(Start, 1);

            Assert.Throws<InvalidOperationException>(() => points.AddXY("a", 1));
            points.Clear();
            points.AddXY("a", 1);
            Assert.Equal(ChartAxisType.Category, points.XValueType);
            Assert.Throws<ArgumentNullException>(() => points.Add(null));
        }

        [Fact]
        public void ViewState_SeriesAddedInCodeAndTheirSettings_SurviveAPostback_PointsDoNot()
        {
            var first = new StatefulChart();
            first.Series.Add(new ChartSeries("Declared", ChartType.Line));
            first.Track();
            first.Title = "Kept";
            first.Series[0].Color = "#123456";
            var added = first.Series.Add("Added", ChartType.StackedColumn);
            added.Points.AddXY(1, 2);

            object state = first.Save();
            var formatter = new LosFormatter();
            var writer = new StringWriter();
            formatter.Serialize(writer, state);

            var second = new StatefulChart();
            second.Series.Add(new ChartSeries("Declared", ChartType.Line));
            second.Track();
            second.Restore(formatter.Deserialize(writer.ToString()));

            Assert.Equal("Kept", second.Title);
            Assert.Equal(new[] { "Declared", "Added" }, second.Series.Cast<ChartSeries>().Select(s => s.Name));
            Assert.Equal("#123456", second.Series[0].Color);
            Assert.Equal(ChartType.StackedColumn, second.Series["Added"].ChartType);
            Assert.Empty(second.Series["Added"].Points);
        }

        [Fact]
        public void Series_LookupByName_AndOnlyChartSeriesAreAccepted()
        {
            var chart = new CallbackControls.RefreshingChart();
            var cpu = chart.Series.Add("CPU", ChartType.Line);

            Assert.Same(cpu, chart.Series["CPU"]);
            Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => chart.Series["cpu"]);
            Assert.Null(chart.Series.FindByName("cpu"));
            Assert.Throws<ArgumentException>(() => ((IList)chart.Series).Add("not a series"));
        }

        private sealed class StatefulChart : CallbackControls.RefreshingChart
        {
            public void Track() => TrackViewState();

            public object Save() => SaveViewState();

            public void Restore(object state) => LoadViewState(state);
        }
    }
}
