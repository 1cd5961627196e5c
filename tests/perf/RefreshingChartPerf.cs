// Measures one RefreshingChart refresh on the server, in process: the RefreshCallback handler fills one
// line series of N points, then the chart decimates, draws and wraps the reply (ICallbackEventHandler,
// exactly as ASP.NET calls it). Not a test: run by hand and copy the numbers into docs/RESULTS.md.
//
// The readings (a random walk, one per second) are computed once per size, outside the handler, as a page
// that keeps or queries its data would have them; "fill" is only handing them to the chart: one AddXY per
// point ("per point"), or one Points.AddRange(DateTime[], double[]) ("bulk", compiled with -define:BULK).
//
//   dotnet build -c Release src/CallbackControls
//   mcs -optimize+ [-define:BULK] -r:System.Web -r:src/CallbackControls/bin/Release/net472/CallbackControls.dll \
//       -out:/tmp/perf/RefreshingChartPerf.exe tests/perf/RefreshingChartPerf.cs
//   cp src/CallbackControls/bin/Release/net472/CallbackControls.dll /tmp/perf/ && mono /tmp/perf/RefreshingChartPerf.exe [N ...]
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
    private static void Main(string[] args)
    {
        Thread.CurrentThread.CurrentCulture = CultureInfo.InvariantCulture;
        var sizes = args.Length > 0 ? args.Select(int.Parse).ToArray() : new[] { 100, 10000, 1000000, 10000000 };
#if BULK
        const string fillKind = "bulk";
#else
        const string fillKind = "per point";
#endif
        Console.WriteLine("| points | fill | decimation | tooltips | fill ms (median) | refresh ms (median) | reply bytes | points drawn |");
        Console.WriteLine("| ---: | --- | --- | --- | ---: | ---: | ---: | ---: |");
        foreach (int n in sizes)
        {
            var x = new DateTime[n];
            var y = new double[n];
            var random = new Random(1);
            var start = new DateTime(2024, 1, 1);
            double value = 50;
            for (int i = 0; i < n; i++)
            {
                value += random.NextDouble() - 0.5;
                x[i] = start.AddSeconds(i);
                y[i] = value;
            }
            foreach (bool decimate in new[] { true, false })
            {
                // Ten million points undecimated is a 1.1 GB drawing: nobody sends that.
                if (!decimate && n > 1000000) continue;
                foreach (bool tips in new[] { true, false })
                {
                    Measure(fillKind, x, y, decimate, tips);
                }
            }
        }
    }

    private static void Measure(string fillKind, DateTime[] x, double[] y, bool decimate, bool tips)
    {
        int n = x.Length;
        int runs = n >= 1000000 ? 9 : 25;
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
#if BULK
                points.AddRange(x, y);
#else
                points.EnsureCapacity(n);
                for (int i = 0; i < n; i++) points.AddXY(x[i], y[i]);
#endif
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
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0:N0} | {1} | {2} | {3} | {4:0.0} | {5:0.0} | {6:N0} | {7:N0} |",
            n, fillKind, decimate ? "on" : "off", tips ? "on" : "off", Median(fill), Median(total), bytes, drawn));
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
