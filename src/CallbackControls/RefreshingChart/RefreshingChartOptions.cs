using System.Collections.Generic;

namespace CallbackControls
{
    /// <summary>The client options of a <see cref="RefreshingChart"/>, read by RefreshingChart.js.</summary>
    internal sealed class RefreshingChartOptions : ClientOptions
    {
        /// <summary>Milliseconds between timer refreshes; 0 for none.</summary>
        public int RefreshFrequency { get; set; }

        /// <summary>What refreshes the chart by itself.</summary>
        public RefreshMode RefreshMode { get; set; }

        /// <summary>The longest wait, in milliseconds, between refreshes after failures.</summary>
        public int RefreshBackoffLimit { get; set; }

        /// <summary>The drawing's width in SVG units: a narrower container asks for a drawing of its own width.</summary>
        public int ChartWidth { get; set; }

        /// <summary>The points the chart keeps (MaxPoints), which its first call sends back; null when it keeps none.</summary>
        public object[] Kept { get; set; }

        /// <summary>The shortest time, in milliseconds, between announcements of new data; 0 when the chart announces none (AnnounceUpdates off).</summary>
        public int AnnounceInterval { get; set; }

        /// <inheritdoc />
        protected override void Write(IDictionary<string, object> json)
        {
            base.Write(json);
            json["refreshFrequency"] = RefreshFrequency;
            json["chartWidth"] = ChartWidth;
            if (RefreshMode == RefreshMode.Push) json["refreshMode"] = "push";
            json["refreshBackoffLimit"] = RefreshBackoffLimit;
            if (Kept != null) json["kept"] = Kept;
            if (AnnounceInterval > 0) json["announceInterval"] = AnnounceInterval;
        }
    }
}
