using System;
using System.Collections.Generic;
using System.Web.UI;

namespace CallbackControls.Sample
{
    /// <summary>One chart whose time range is chosen from script through <c>Chart1.callback(range)</c>.</summary>
    public partial class ChartRanges : Page
    {
        private static readonly Dictionary<string, TimeSpan> Ranges = new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
        {
            ["1m"] = TimeSpan.FromMinutes(1),
            ["5m"] = TimeSpan.FromMinutes(5),
            ["15m"] = TimeSpan.FromMinutes(15),
            ["1h"] = TimeSpan.FromHours(1),
        };

        /// <summary>The first paint shows five minutes.</summary>
        protected void Page_Load(object sender, EventArgs e)
        {
            if (!IsCallback) Fill("5m");
        }

        /// <summary>A range button (or a tick repeating it): the argument names the range.</summary>
        protected void Chart1_RefreshCallback(object sender, CallbackEventArgs e)
        {
            string range = string.IsNullOrEmpty(e.CallbackArgument) ? "5m" : e.CallbackArgument;
            if (!Ranges.ContainsKey(range)) throw new CallbackException("Unknown range: choose one of the buttons.");
            int points = Fill(range);
            e.Result = new { range, points };
        }

        private static string FormatSpan(TimeSpan span) =>
            span.TotalMinutes >= 1 ? (int)span.TotalMinutes + " min " + span.Seconds + " s" : (int)span.TotalSeconds + " s";

        private int Fill(string range)
        {
            var span = Ranges[range];
            var samples = ServerMetrics.Recent(span);
            // A server started a minute ago has a minute of samples whatever the range: say so, and label
            // the times by what the samples span (minutes alone would read "06:56 06:56 06:56").
            var recorded = samples.Count < 2 ? TimeSpan.Zero : samples[samples.Count - 1].Time - samples[0].Time;
            string name = span.TotalHours >= 1 ? "hour" : span.TotalMinutes == 1 ? "minute" : span.TotalMinutes + " minutes";
            Chart1.Title = "CPU, last " + name + (recorded < span - TimeSpan.FromSeconds(5)
                ? " (" + FormatSpan(recorded) + " recorded so far)" : "");
            Chart1.XAxisLabelFormat = recorded.TotalMinutes > 10 ? "HH:mm" : "HH:mm:ss";
            // One quantity per axis: requests per second are not a share of the cores (LiveMetrics charts them).
            var cpu = Chart1.Series["CPU"].Points;
            foreach (var sample in samples) cpu.AddXY(sample.Time, Math.Round(sample.CpuPercent, 1));
            return samples.Count;
        }
    }
}
