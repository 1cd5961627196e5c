using System;
using System.Web.UI;

namespace CallbackControls.Sample
{
    /// <summary>A chart whose hooks write a log, and a server that fails on demand.</summary>
    public partial class ChartHooks : Page
    {
        /// <summary>The first paint.</summary>
        protected void Page_Load(object sender, EventArgs e)
        {
            if (!IsCallback) Fill(Environment.TickCount);
        }

        /// <summary>A tick; the argument "fail" (repeated by every tick until "Recover") makes it fail.</summary>
        protected void Chart1_RefreshCallback(object sender, CallbackEventArgs e)
        {
            if (e.CallbackArgument == "fail") throw new CallbackException("The data source is down (on purpose).");
            int seed = Environment.TickCount;
            Fill(seed);
            e.Result = new { seed };
        }

        private void Fill(int seed)
        {
            var random = new Random(seed);
            var points = Chart1.Series["Walk"].Points;
            double value = 50;
            for (int i = 0; i < 30; i++)
            {
                value = Math.Max(0, Math.Min(100, value + random.Next(-10, 11)));
                points.AddXY(i, value);
            }
        }
    }
}
