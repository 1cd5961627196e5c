using System.Collections.Generic;

namespace CallbackControls
{
    /// <summary>The client options of a <see cref="RefreshingChart"/>, read by RefreshingChart.js.</summary>
    internal sealed class RefreshingChartOptions : ClientOptions
    {
        /// <summary>Milliseconds between timer refreshes; 0 for none.</summary>
        public int RefreshFrequency { get; set; }

        /// <summary>The longest wait, in milliseconds, between refreshes after failures.</summary>
        public int RefreshBackoffLimit { get; set; }

        /// <inheritdoc />
        protected override void Write(IDictionary<string, object> json)
        {
            base.Write(json);
            json["refreshFrequency"] = RefreshFrequency;
            json["refreshBackoffLimit"] = RefreshBackoffLimit;
        }
    }
}
