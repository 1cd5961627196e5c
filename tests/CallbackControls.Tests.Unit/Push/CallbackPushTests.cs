using System;
using Xunit;

namespace CallbackControls.Tests.Push
{
    /// <summary>What page code calls: its checks say what is wrong, and what it sends reaches the bus.</summary>
    public class CallbackPushTests
    {
        [Theory]
        [InlineData("", "cannot be empty")]
        [InlineData("orders list", "has a character other than")]
        [InlineData("orders<b>", "has a character other than")]
        [InlineData("ordersé", "has a character other than")]
        public void Notify_ABadTopic_SaysWhatIsWrongWithIt(string topic, string why)
        {
            var error = Assert.Throws<ArgumentException>(() => CallbackPush.Notify(topic));
            Assert.Contains(why, error.Message);
            Assert.Equal("topic", error.ParamName);
        }

        [Fact]
        public void Notify_ATopicTooLong_OrATextTooLong_IsRefused()
        {
            Assert.Contains("longer than 64", Assert.Throws<ArgumentException>(() => CallbackPush.Notify(new string('a', 65))).Message);
            Assert.Equal("data", Assert.Throws<ArgumentException>(() => CallbackPush.Notify("orders", new string('x', CallbackPush.MaxDataLength + 1))).ParamName);
        }

        [Fact]
        public void NotifyUser_WithoutAUser_PointsToNotify()
        {
            Assert.Contains("call Notify", Assert.Throws<ArgumentException>(() => CallbackPush.NotifyUser("", "orders")).Message);
        }

        [Fact]
        public void Bus_CannotBeNull()
        {
            Assert.Throws<ArgumentNullException>(() => CallbackPush.Bus = null);
        }

        [Fact]
        public void PushTopic_ABadName_IsRefusedWhereItIsSet()
        {
            var control = new CallbackControl { ID = "Cb1" };
            var error = Assert.Throws<ArgumentException>(() => control.PushTopic = "two words");
            Assert.Contains("CallbackPush.Notify", error.Message);
            control.PushTopic = "orders:eu-1.v2";
            Assert.Equal("orders:eu-1.v2", control.PushTopic);
        }
    }
}
