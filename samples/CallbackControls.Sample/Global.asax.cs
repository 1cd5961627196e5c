using System;
using System.Web;

namespace CallbackControls.Sample
{
    /// <summary>The sample application: starts the metrics the live chart shows and counts requests for it.</summary>
    public class Global : HttpApplication
    {
        /// <summary>Starts sampling when the application starts, so the charts have history when first opened.</summary>
        protected void Application_Start(object sender, EventArgs e) => ServerMetrics.Start();

        /// <summary>Counts every request (pages, callbacks, scripts) for the requests-per-second series.</summary>
        protected void Application_BeginRequest(object sender, EventArgs e) => ServerMetrics.CountRequest();

        /// <summary>Stops the sampling timer with the application.</summary>
        protected void Application_End(object sender, EventArgs e) => ServerMetrics.Stop();
    }
}
