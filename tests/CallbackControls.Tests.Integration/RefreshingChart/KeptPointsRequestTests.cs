using System.Collections.Generic;
using System.Linq;
using AngleSharp.Html.Parser;
using CallbackControls.Tests.InProcess;
using CallbackControls.Tests.Kit;
using Xunit;

namespace CallbackControls.Tests.RefreshingChart
{
    /// <summary>
    /// A chart with MaxPoints through real requests (Migration/LiveChart.aspx, the Syncfusion-shaped page
    /// whose handler appends one reading a tick): the points travel with the call, so any back end
    /// answers the next tick, and what comes back is checked.
    /// </summary>
    [Collection(TestSiteCollection.Name)]
    public class KeptPointsRequestTests : TestSiteTests
    {
        private const string Page = "/Migration/LiveChart.aspx";

        public KeptPointsRequestTests(TestSiteFixture fixture) : base(fixture) { }

        private static string Kept(int count, int first) =>
            "[{\"x\":[" + string.Join(",", Enumerable.Range(0, count).Select(i => (46000 + i / 86400.0).ToString(System.Globalization.CultureInfo.InvariantCulture))) +
            "],\"y\":[" + string.Join(",", Enumerable.Range(first, count)) + "],\"type\":\"DateTime\"}]";

        private (int Status, IDictionary<string, object> Envelope) Tick(string keptJson)
        {
            var response = CallbackCalls.Call(Site, Page, "Chart1", string.Empty, "{\"timer\":true,\"kept\":" + keptJson + "}");
            return (response.StatusCode, CallbackReply.Parse(response.GetBodyText()));
        }

        [Fact]
        public void Get_ChartKeepingPoints_HandsTheBrowserThePointsItDrew()
        {
            var html = Site.Get(Page).GetBodyText();

            var kept = (object[])CallbackCalls.Options(html, "Chart1")["kept"];
            var series = (IDictionary<string, object>)Assert.Single(kept);
            Assert.Single((object[])series["y"]);
            Assert.Equal("DateTime", series["type"]);
        }

        [Fact]
        public void Tick_WithKeptPoints_DrawsThemWithThisTicksReading_AndKeepsTheLastMaxPoints()
        {
            var (status, envelope) = Tick(Kept(5, 101));

            Assert.Equal(200, status);
            var result = (IDictionary<string, object>)envelope["result"];
            var data = (IDictionary<string, object>)result["data"];
            Assert.Equal(6, data["points"]); // the handler saw the five kept points and added its own
            var series = (IDictionary<string, object>)((object[])result["kept"]).Single();
            var ys = ((object[])series["y"]).Select(System.Convert.ToDouble).ToList();
            Assert.Equal(new[] { 102.0, 103, 104, 105 }, ys.Take(4));
            Assert.Equal(5, ys.Count);
            var svg = new HtmlParser().ParseDocument((string)result["chart"]);
            Assert.Equal(5, svg.QuerySelectorAll(".cc-chart-markers circle").Length);
        }

        [Theory]
        [InlineData("[{\"x\":[1,2,3,4,5,6],\"y\":[1,2,3,4,5,6]}]", "at most MaxPoints (5)")]
        [InlineData("[{\"x\":[\"\\u003cscript\\u003e\"],\"y\":[1]}]", "numbers (or null)")]
        [InlineData("[{\"x\":[1],\"y\":[1]},{\"x\":[1],\"y\":[1]}]", "one entry per series")]
        public void Tick_WithTamperedKeptPoints_IsABadRequestThatSaysWhy(string keptJson, string expected)
        {
            var (status, envelope) = Tick(keptJson);

            Assert.Equal(400, status);
            var error = (IDictionary<string, object>)envelope["error"];
            Assert.Equal("bad-request", error["code"]);
            Assert.Contains(expected, (string)error["message"]);
        }
    }
}
