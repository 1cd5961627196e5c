using System;
using System.Collections.Generic;
using System.Web.Script.Serialization;
using System.Web.UI;
using Xunit;

namespace CallbackControls.Tests.Core
{
    /// <summary>The ICallbackEventHandler members called directly, as the page calls them.</summary>
    public class CallbackControlHandlerTests
    {
        private static IDictionary<string, object> Call(CallbackControl control, string parameter)
        {
            var handler = (ICallbackEventHandler)control;
            handler.RaiseCallbackEvent(parameter);
            return (IDictionary<string, object>)new JavaScriptSerializer().DeserializeObject(handler.GetCallbackResult());
        }

        [Fact]
        public void RaiseCallbackEvent_Handler_ReceivesArgumentAndItsResultIsReturned()
        {
            var control = new CallbackControl { ID = "Echo" };
            string seen = null;
            control.Callback += (s, e) => { seen = e.CallbackArgument; e.Result = new[] { "a", "b" }; };

            var reply = Call(control, "{\"v\":1,\"arg\":\"go\"}");

            Assert.Equal("go", seen);
            Assert.Equal(true, reply["ok"]);
            Assert.Equal(new object[] { "a", "b" }, (object[])reply["result"]);
        }

        [Fact]
        public void RaiseCallbackEvent_MalformedParameter_ReturnsBadRequestWithoutCallingHandler()
        {
            var control = new CallbackControl { ID = "Echo" };
            bool called = false;
            control.Callback += (s, e) => called = true;

            var reply = Call(control, "not json");

            Assert.False(called);
            Assert.Equal(false, reply["ok"]);
            Assert.Equal("bad-request", ((IDictionary<string, object>)reply["error"])["code"]);
        }

        [Fact]
        public void RaiseCallbackEvent_HandlerThrowsOutsideAHostedSite_ReturnsGenericMessage()
        {
            // No HttpContext means nothing says details may be shown: the safe default is the generic text.
            // The text follows the UI culture (French and German ship), so the English one is asked for.
            var control = new CallbackControl { ID = "Echo" };
            control.Callback += (s, e) => throw new InvalidOperationException("connection string: secret");

            IDictionary<string, object> reply;
            using (CallbackControls.Tests.RefreshingChart.ChartTestKit.Invariant()) reply = Call(control, "{\"v\":1,\"arg\":\"\"}");

            var error = (IDictionary<string, object>)reply["error"];
            Assert.Equal("handler", error["code"]);
            Assert.Equal("The server could not complete the request.", error["message"]);
        }

        [Fact]
        public void RaiseCallbackEvent_HandlerThrowsCallbackException_KeepsItsMessage()
        {
            var control = new CallbackControl { ID = "Echo" };
            control.Callback += (s, e) => throw new CallbackException("Choose a country first.");

            var reply = Call(control, "{\"v\":1,\"arg\":\"\"}");

            Assert.Equal("Choose a country first.", ((IDictionary<string, object>)reply["error"])["message"]);
        }

        [Fact]
        public void RaiseCallbackEvent_ResultThatCannotBeSerialized_ReturnsBadResult()
        {
            var control = new CallbackControl { ID = "Echo" };
            var loop = new Node();
            loop.Next = loop;
            control.Callback += (s, e) => e.Result = loop;

            var reply = Call(control, "{\"v\":1,\"arg\":\"\"}");

            Assert.Equal("bad-result", ((IDictionary<string, object>)reply["error"])["code"]);
        }

        [Fact]
        public void RaiseCallbackEvent_ResultContainingItself_ReturnsOnlyBadResultNotHalfTheResult()
        {
            // The writer fails 64 levels into the result, after writing them into the reply's buffer: the
            // reply must be the error alone, not the error after a cut-off result.
            var control = new CallbackControl { ID = "Echo" };
            var loop = new Dictionary<string, object> { ["name"] = "x" };
            loop["self"] = loop;
            control.Callback += (s, e) => e.Result = loop;

            var reply = Call(control, "{\"v\":1,\"arg\":\"\"}");

            Assert.Equal(false, reply["ok"]);
            Assert.Equal("bad-result", ((IDictionary<string, object>)reply["error"])["code"]);
            Assert.False(reply.ContainsKey("result"));
        }

        [Fact]
        public void RaiseCallbackEvent_SecondCall_DoesNotReuseFirstReply()
        {
            var control = new CallbackControl { ID = "Echo" };
            control.Callback += (s, e) => e.Result = "echo:" + e.CallbackArgument;

            Call(control, "{\"v\":1,\"arg\":\"one\"}");
            var reply = Call(control, "{\"v\":1,\"arg\":\"two\"}");

            Assert.Equal("echo:two", reply["result"]);
        }

        public sealed class Node
        {
            public Node Next { get; set; }
        }
    }
}
