using System;
using System.Threading;
using Xunit;

namespace CallbackControls.Tests.InProcess
{
    /// <summary>
    /// A finished request is let go within seconds on Mono, not held for the two minutes of its timeout
    /// timer (the library's MonoTimerSweep; see its remarks and the soak in docs/RESULTS.md).
    /// </summary>
    [Collection(TestSiteCollection.Name)]
    public class ReleasedRequestTests : TestSiteTests
    {
        public ReleasedRequestTests(TestSiteFixture fixture) : base(fixture) { }

        [Fact]
        public void FinishedRequests_AreCollectable_WithinSeconds()
        {
            const int requests = 20;
            for (int i = 0; i < requests; i++) Assert.Equal("marked", Site.Get("/RequestHeld.ashx").GetBodyText());

            // Mono's scheduler is woken every second: count the contexts still held until they are let go,
            // for at most five seconds (without the sweep they stay for about two minutes).
            // A conservative scan of a thread's stack may keep one or two alive; without the sweep all 20 are.
            var deadline = DateTime.UtcNow.AddSeconds(5);
            string answer;
            int alive;
            do
            {
                Thread.Sleep(250);
                answer = Site.Get("/RequestHeld.ashx?check=1").GetBodyText();
                alive = int.Parse(answer.Split(' ')[0]);
            }
            while (alive > requests / 4 && DateTime.UtcNow < deadline);

            Assert.True(alive <= requests / 4, answer + " request contexts still held after 5 s");
        }
    }
}
