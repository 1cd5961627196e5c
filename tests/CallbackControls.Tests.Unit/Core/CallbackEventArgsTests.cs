using System.Collections.Generic;
using Xunit;

namespace CallbackControls.Tests.Core
{
    /// <summary>A handler tells a RefreshingChart's timer tick from a call made by page script.</summary>
    public class CallbackEventArgsTests
    {
        [Fact]
        public void IsTimerTick_StateSaysTimerTrue_IsTrue() =>
            Assert.True(new CallbackEventArgs("", new Dictionary<string, object> { ["timer"] = true }).IsTimerTick);

        [Theory]
        [InlineData(null)]
        [InlineData(false)]
        [InlineData("true")]
        [InlineData(1)]
        public void IsTimerTick_AnythingButTrue_IsFalse(object timer) =>
            Assert.False(new CallbackEventArgs("MyCustomArgs", new Dictionary<string, object> { ["timer"] = timer }).IsTimerTick);

        [Fact]
        public void IsTimerTick_NoState_IsFalse() => Assert.False(new CallbackEventArgs("x", null).IsTimerTick);

        [Fact]
        public void IsTimerTick_ParsedFromAChartTickEnvelope_IsTrue()
        {
            var tick = CallbackEnvelope.ParseRequest("{\"v\":1,\"arg\":\"\",\"state\":{\"timer\":true,\"shown\":\"0123456789abcdef\"}}");
            var call = CallbackEnvelope.ParseRequest("{\"v\":1,\"arg\":\"MyCustomArgs\",\"state\":null}");

            Assert.True(tick.IsTimerTick);
            Assert.False(call.IsTimerTick);
        }
    }
}
