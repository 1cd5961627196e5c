using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace CallbackControls.Tests.Push
{
    /// <summary>One server's side of push: delivery by topic and user, and what a page that reconnects missed.</summary>
    public class PushHubTests
    {
        private static PushMessage Message(string topic, string data = null, string user = null) => new PushMessage(topic, data, user);

        [Fact]
        public async Task Deliver_ReachesTheListenersOfItsTopicOnly()
        {
            var hub = new PushHub();
            var orders = hub.Listen(new[] { "orders" }, null);
            var both = hub.Listen(new[] { "orders", "prices" }, null);
            var prices = hub.Listen(new[] { "prices" }, null);

            hub.Deliver(Message("orders", "42"));

            Assert.Equal(new[] { "42" }, (await orders.TakeAsync(TimeSpan.Zero)).Select(r => r.Message.Data));
            Assert.Single(await both.TakeAsync(TimeSpan.Zero));
            Assert.Empty(await prices.TakeAsync(TimeSpan.Zero));
        }

        [Fact]
        public async Task Deliver_ForOneUser_ReachesThatUsersStreamsAndNoOther()
        {
            var hub = new PushHub();
            var alice = hub.Listen(new[] { "mine" }, "alice");
            var aliceCased = hub.Listen(new[] { "mine" }, "Alice");
            var anonymous = hub.Listen(new[] { "mine" }, null);

            hub.Deliver(Message("mine", "for alice", "alice"));
            hub.Deliver(Message("mine", "for everyone"));

            Assert.Equal(new[] { "for alice", "for everyone" }, (await alice.TakeAsync(TimeSpan.Zero)).Select(r => r.Message.Data));
            Assert.Equal(new[] { "for everyone" }, (await aliceCased.TakeAsync(TimeSpan.Zero)).Select(r => r.Message.Data));
            Assert.Equal(new[] { "for everyone" }, (await anonymous.TakeAsync(TimeSpan.Zero)).Select(r => r.Message.Data));
        }

        [Fact]
        public async Task TakeAsync_EndsAsSoonAsANotificationComes()
        {
            var hub = new PushHub();
            var listener = hub.Listen(new[] { "orders" }, null);
            var waiting = listener.TakeAsync(TimeSpan.FromMinutes(5));
            Assert.False(waiting.IsCompleted);

            hub.Deliver(Message("orders"));

            Assert.Same(waiting, await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromSeconds(30))));
            Assert.Single(await waiting);
        }

        [Fact]
        public async Task Unlisten_StopsDeliveryAndForgetsTheTopic()
        {
            var hub = new PushHub();
            var listener = hub.Listen(new[] { "orders" }, null);
            Assert.Equal(1, hub.ListenerCount);

            hub.Unlisten(listener);
            hub.Deliver(Message("orders"));

            Assert.Equal(0, hub.ListenerCount);
            Assert.Empty(await listener.TakeAsync(TimeSpan.Zero));
        }

        [Fact]
        public void Missed_IsTheNewestOfEachOfItsTopicsSinceTheId_OldestFirst()
        {
            var hub = new PushHub();
            var seen = hub.IdOf(hub.Sequence);
            hub.Deliver(Message("orders", "1"));
            hub.Deliver(Message("prices", "p"));
            hub.Deliver(Message("orders", "2"));
            hub.Deliver(Message("other", "x"));
            hub.Deliver(Message("mine", "bob's", "bob"));
            var listener = hub.Listen(new[] { "orders", "prices", "mine" }, "alice");

            var missed = hub.Missed(seen, listener);

            Assert.Equal(new[] { "p", "2" }, missed.Select(r => r.Message.Data));
            Assert.Empty(hub.Missed(hub.IdOf(hub.Sequence), listener));
        }

        [Theory]
        [InlineData("another-run.3")]
        [InlineData("")]
        [InlineData("garbage")]
        public void Missed_AnIdOfAnotherRunOrServer_CannotBeToldSoThePageRefreshesEverything(string id)
        {
            var hub = new PushHub();
            hub.Deliver(Message("orders"));
            var listener = hub.Listen(new[] { "orders" }, null);

            Assert.Null(hub.Missed(id, listener));
            Assert.Null(hub.Missed(new PushHub().IdOf(0), listener));
        }

        [Fact]
        public void Missed_OlderThanWhatIsRemembered_CannotBeTold()
        {
            var hub = new PushHub();
            var seen = hub.IdOf(0);
            for (var i = 0; i < PushHub.RememberedCount + 1; i++) hub.Deliver(Message("other"));
            var listener = hub.Listen(new[] { "orders" }, null);

            Assert.Null(hub.Missed(seen, listener));
            Assert.Empty(hub.Missed(hub.IdOf(2), listener));
        }
    }
}
