// Measures one RefreshingChart refresh on the server, in process: the RefreshCallback handler fills one
// line series of N points, then the chart decimates, draws and wraps the reply (ICallbackEventHandler,
// exactly as ASP.NET calls it). Not a test: run by hand and copy the numbers into docs/RESULTS.md.
//
//   mcs -optimize+ -r:System.Web -r:src/CallbackControls/bin/Debug/net472/CallbackControls.dll \
//       -out:/tmp/RefreshingChartPerf.exe tests/perf/RefreshingChartPerf.cs
//   cp src/CallbackControls/bin/Debug/net472/CallbackControls.dll /tmp/ && mono /tmp/RefreshingChartPerf.exe
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Web.UI;
using CallbackControls;

internal static class RefreshingChartPerf
{
    private static void Main()
    {
        Thread.CurrentThread.CurrentCulture = CultureInfo.InvariantCulture;
        Console.WriteLine("| points | decimation | tooltips | fill ms (median) | refresh ms (median) | reply bytes | points drawn |");
        Console.WriteLine("| ---: | --- | --- | ---: | ---: | ---: | ---: |");
        foreach (int n in new[] { 100, 10000, 1000000 })
        {
            foreach (bool decimate in new[] { true, false })
            {
                foreach (bool tips in new[] { true, false })
                {
                    Measure(n, decimate, tips);
                }
            }
        }
    }

    private static void Measure(int n, bool decimate, bool tips)
    {
        int runs = n >= 1000000 ? 5 : 25;
        var fill = new List<double>();
        var total = new List<double>();
        long bytes = 0;
        int drawn = 0;
        for (int run = 0; run <= runs; run++)
        {
            var chart = new RefreshingChart { ID = "Chart1", EnableDecimation = decimate, ShowPointToolTips = tips, Title = "CPU" };
            chart.Series.Add("CPU", ChartType.Line);
            double fillMs = 0;
            chart.RefreshCallback += (s, e) =>
            {
                var watch = Stopwatch.StartNew();
                var points = chart.Series[0].Points;
                points.EnsureCapacity(n);
                var random = new Random(run);
                var start = new DateTime(2024, 1, 1);
                double value = 50;
                for (int i = 0; i < n; i++)
                {
                    value += random.NextDouble() - 0.5;
                    points.AddXY(start.AddSeconds(i), value);
                }
                fillMs = watch.Elapsed.TotalMilliseconds;
            };
            GC.Collect();
            var handler = (ICallbackEventHandler)chart;
            var stopwatch = Stopwatch.StartNew();
            handler.RaiseCallbackEvent("{\"v\":1,\"arg\":\"\",\"state\":{\"timer\":true}}");
            string reply = handler.GetCallbackResult();
            stopwatch.Stop();
            if (run == 0) continue; // warm-up: JIT and first allocations
            fill.Add(fillMs);
            total.Add(stopwatch.Elapsed.TotalMilliseconds);
            bytes = Encoding.UTF8.GetByteCount(reply);
            drawn = CountPathPoints(reply);
        }
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0:N0} | {1} | {2} | {3:0.0} | {4:0.0} | {5:N0} | {6:N0} |",
            n, decimate ? "on" : "off", tips ? "on" : "off", Median(fill), Median(total), bytes, drawn));
    }

    // Points of the line: one L or M per point in its d attribute (the reply is JSON, so quotes are escaped).
    private static int CountPathPoints(string reply)
    {
        int at = reply.IndexOf("cc-chart-line", StringComparison.Ordinal);
        int d = reply.IndexOf(" d=", at, StringComparison.Ordinal);
        int end = reply.IndexOf("fill=", d, StringComparison.Ordinal);
        int count = 0;
        for (int i = d; i < end; i++) if (reply[i] == 'L' || reply[i] == 'M') count++;
        return count;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }
}
