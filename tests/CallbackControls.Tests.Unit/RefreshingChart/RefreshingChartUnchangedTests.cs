using System.Collections.Generic;
using System.Web.Script.Serialization;
using System.Web.UI;
using Xunit;
using static CallbackControls.Tests.RefreshingChart.ChartTestKit;

namespace CallbackControls.Tests.RefreshingChart
{
    /// <summary>
    /// A tick that would bring the drawing the browser already shows costs a few bytes: the client names the
    /// drawing it shows (state.shown, the hash of the last full reply) and the server answers "unchanged".
    /// </summary>
    public class RefreshingChartUnchangedTests
    {
        private static readonly JavaScriptSerializer Json = new JavaScriptSerializer();

        /// <summary>A chart whose handler draws the value the test sets, as a page filling it from its data.</summary>
        private sealed class Page
        {
            public double Value = 1;
            public object Data;
            public readonly CallbackControls.RefreshingChart Chart = new CallbackControls.RefreshingChart { ID = "Chart1", RefreshFrequency = 500 };

            public Page()
            {
                Chart.Series.Add("CPU", ChartType.Line);
                Chart.RefreshCallback += (s, e) =>
                {
                    Chart.Series[0].Points.Clear();
                    Chart.Series[0].Points.AddRange(new[] { 0.0, 1, 2 }, new[] { Value, Value + 1, Value * 2 });
                    e.Result = Data;
                };
            }

            /// <summary>One call as the client sends it; returns the raw envelope.</summary>
            public string Call(string argument, object state)
            {
                var handler = (ICallbackEventHandler)Chart;
                using (Invariant())
                {
                    handler.RaiseCallbackEvent(Json.Serialize(new Dictionary<string, object> { ["v"] = 1, ["arg"] = argument, ["state"] = state }));
                    return handler.GetCallbackResult();
                }
            }
        }

        private static IDictionary<string, object> Result(string envelope) =>
            (IDictionary<string, object>)((IDictionary<string, object>)Json.DeserializeObject(envelope))["result"];

        private static Dictionary<string, object> Tick(string shown) =>
            shown == null ? new Dictionary<string, object> { ["timer"] = true } : new Dictionary<string, object> { ["timer"] = true, ["shown"] = shown };

        [Fact]
        public void Tick_SameDrawingAsShown_AnswersUnchangedInUnder100Bytes()
        {
            var page = new Page();
            var first = Result(page.Call("", Tick(null)));
            string hash = (string)first["hash"];
            Assert.Matches("^[0-9a-f]{16}$", hash);
            Assert.Contains("cc-chart-body", (string)first["chart"]);

            string second = page.Call("", Tick(hash));

            Assert.True(second.Length < 100, "reply is " + second.Length + " characters: " + second);
            var result = Result(second);
            Assert.Equal(true, result["unchanged"]);
            Assert.False(result.ContainsKey("chart"));
        }

        [Fact]
        public void Tick_DataChanged_SendsTheFullDrawingWithItsNewHash()
        {
            var page = new Page();
            string hash = (string)Result(page.Call("", Tick(null)))["hash"];
            page.Value = 5;

            var result = Result(page.Call("", Tick(hash)));

            Assert.Contains("cc-chart-body", (string)result["chart"]);
            Assert.NotEqual(hash, result["hash"]);
            Assert.False(result.ContainsKey("unchanged"));
        }

        [Fact]
        public void Tick_ShownIsStaleOrNotText_SendsTheFullDrawing()
        {
            var page = new Page();
            string hash = (string)Result(page.Call("", Tick(null)))["hash"];

            Assert.True(Result(page.Call("", Tick("0000000000000000"))).ContainsKey("chart"));
            Assert.True(Result(page.Call("", new Dictionary<string, object> { ["timer"] = true, ["shown"] = 12 })).ContainsKey("chart"));
            Assert.Equal(hash, Result(page.Call("", null))["hash"]);
        }

        [Fact]
        public void Tick_Unchanged_StillCarriesTheHandlersData()
        {
            var page = new Page();
            string hash = (string)Result(page.Call("", Tick(null)))["hash"];
            page.Data = new Dictionary<string, object> { ["updated"] = "12:00" };

            var result = Result(page.Call("", Tick(hash)));

            Assert.Equal(true, result["unchanged"]);
            Assert.Equal("12:00", ((IDictionary<string, object>)result["data"])["updated"]);
        }
    }
}
