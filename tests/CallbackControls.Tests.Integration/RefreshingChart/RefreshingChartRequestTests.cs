using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Web.Script.Serialization;
using AngleSharp.Html.Parser;
using CallbackControls.DevHost;
using CallbackControls.Tests.InProcess;
using CallbackControls.Tests.Kit;
using Xunit;

namespace CallbackControls.Tests.RefreshingChart
{
    /// <summary>Real requests through ASP.NET to tests/TestSite/Chart.aspx: the first paint, then refresh callbacks.</summary>
    [Collection(TestSiteCollection.Name)]
    public class RefreshingChartRequestTests : TestSiteTests
    {
        public RefreshingChartRequestTests(TestSiteFixture fixture) : base(fixture) { }

        private IDictionary<string, object> Refresh(string argument, string state = "null")
        {
            var response = CallbackCalls.Call(Site, "/Chart.aspx", "Chart1", argument, state);
            Assert.Equal(200, response.StatusCode);
            return CallbackReply.Parse(response.GetBodyText());
        }

        [Fact]
        public void Get_ChartPage_DrawsTheSeriesDeclaredInMarkupWithoutScript_AndLoadsTheChartScriptAfterTheRuntime()
        {
            var response = Site.Get("/Chart.aspx");

            Assert.Equal(200, response.StatusCode);
            var document = new HtmlParser().ParseDocument(response.GetBodyText());
            var chart = document.GetElementById("Chart1");
            Assert.Equal("refreshingchart", chart.GetAttribute("data-cc-control"));
            var svg = chart.QuerySelector(".cc-chart-body > .cc-chart-keys > svg");
            Assert.Equal("Refresh 0", svg.QuerySelector("title").TextContent);
            Assert.Equal(new[] { "CPU", "Memory" }, svg.QuerySelectorAll(".cc-chart-legend text").Select(t => t.TextContent));
            Assert.NotNull(svg.QuerySelector("g.cc-chart-series-1.memory.cc-chart-type-area"));
            Assert.NotNull(chart.QuerySelector("table.cc-chart-table"));
            Assert.Empty(chart.QuerySelectorAll("script"));

            var sources = document.Scripts.Select(s => s.GetAttribute("src") ?? string.Empty).Where(s => s.Contains("WebResource.axd")).ToList();
            Assert.Equal(4, sources.Count);
            var protocol = Site.Get(sources[0]);
            var runtime = Site.Get(sources[1]);
            var keys = Site.Get(sources[2]);
            var chartScript = Site.Get(sources[3]);
            Assert.Contains("CallbackControls client runtime, part 1 of 2", protocol.GetBodyText());
            Assert.Contains("CallbackControls client runtime, part 2 of 2", runtime.GetBodyText());
            // The keys and announcements load before the chart's type, which starts them with each chart.
            Assert.Contains("RefreshingChartAccessibility = api", keys.GetBodyText());
            Assert.Contains("define('refreshingchart'", chartScript.GetBodyText());
            Assert.StartsWith("text/javascript", chartScript.ContentType);
        }

        [Fact]
        public void Callback_Refresh_RunsTheHandlerAndReturnsTheNewDrawing()
        {
            var reply = Refresh("range:long", "{\"timer\":true}");

            Assert.Equal(true, reply["ok"]);
            var result = (IDictionary<string, object>)reply["result"];
            var data = (IDictionary<string, object>)result["data"];
            Assert.Equal("range:long", data["argument"]);
            Assert.Equal(true, data["timer"]);
            var svg = new HtmlParser().ParseDocument("<body>" + result["chart"] + "</body>").QuerySelector(".cc-chart-body > .cc-chart-keys > svg");
            Assert.Equal("Refresh " + data["refresh"], svg.QuerySelector("title").TextContent);
            Assert.Equal(120, svg.QuerySelectorAll(".cc-chart-series-0 .cc-chart-markers circle").Length);
        }

        [Fact]
        public void Callback_HandlerFails_ReturnsItsErrorAsData()
        {
            var reply = Refresh("fail");

            Assert.Equal(false, reply["ok"]);
            Assert.Equal("The metrics source is down.", ((IDictionary<string, object>)reply["error"])["message"]);
        }
    }
}
