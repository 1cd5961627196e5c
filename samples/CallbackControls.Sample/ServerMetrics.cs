using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace CallbackControls.Sample
{
    /// <summary>One second of the site's own health.</summary>
    public sealed class MetricsSample
    {
        /// <summary>When the second ended (local time).</summary>
        public DateTime Time { get; set; }

        /// <summary>Share of all processor cores this process used during the second, 0 to 100.</summary>
        public double CpuPercent { get; set; }

        /// <summary>The process's working set, in megabytes.</summary>
        public double WorkingSetMegabytes { get; set; }

        /// <summary>Bytes the garbage collector thinks are allocated, in megabytes.</summary>
        public double ManagedHeapMegabytes { get; set; }

        /// <summary>Requests the site began during the second.</summary>
        public double RequestsPerSecond { get; set; }
    }

    /// <summary>
    /// Samples this process once a second and keeps the last hour: CPU from TotalProcessorTime deltas,
    /// memory from the working set and the GC, requests per second from a counter Global.asax increments.
    /// </summary>
    public static class ServerMetrics
    {
        /// <summary>How many seconds of history are kept.</summary>
        public const int Capacity = 3600;

        private static readonly object Gate = new object();
        private static readonly MetricsSample[] Ring = new MetricsSample[Capacity];
        private static int _next;
        private static int _count;
        private static long _requests;
        private static long _requestsAtLastSample;
        private static TimeSpan _cpuAtLastSample;
        private static Stopwatch _clock;
        private static TimeSpan _wallAtLastSample;
        private static Timer _timer;

        /// <summary>Counts one request; called for every request the site begins.</summary>
        public static void CountRequest() => Interlocked.Increment(ref _requests);

        /// <summary>Starts sampling (once per application); harmless to call again.</summary>
        public static void Start()
        {
            lock (Gate)
            {
                if (_timer != null) return;
                _clock = Stopwatch.StartNew();
                using (var process = Process.GetCurrentProcess()) _cpuAtLastSample = process.TotalProcessorTime;
                _requestsAtLastSample = Interlocked.Read(ref _requests);
                _wallAtLastSample = TimeSpan.Zero;
                _timer = new Timer(_ => TakeSample(), null, 1000, 1000);
            }
        }

        /// <summary>Stops sampling (the application is shutting down).</summary>
        public static void Stop()
        {
            lock (Gate)
            {
                _timer?.Dispose();
                _timer = null;
            }
        }

        /// <summary>The samples of the last <paramref name="range"/>, oldest first.</summary>
        /// <param name="range">How far back to look.</param>
        /// <returns>A copy; safe to use while sampling goes on.</returns>
        public static List<MetricsSample> Recent(TimeSpan range)
        {
            Start();
            var since = DateTime.Now - range;
            var result = new List<MetricsSample>();
            lock (Gate)
            {
                for (int i = 0; i < _count; i++)
                {
                    var sample = Ring[(_next - _count + i + Capacity) % Capacity];
                    if (sample.Time >= since) result.Add(sample);
                }
            }
            return result;
        }

        private static void TakeSample()
        {
            try
            {
                TimeSpan cpu;
                double workingSet;
                using (var process = Process.GetCurrentProcess())
                {
                    cpu = process.TotalProcessorTime;
                    workingSet = process.WorkingSet64 / 1048576.0;
                }
                long requests = Interlocked.Read(ref _requests);
                lock (Gate)
                {
                    var wall = _clock.Elapsed;
                    double seconds = Math.Max(0.001, (wall - _wallAtLastSample).TotalSeconds);
                    // Processor time across all cores over wall time times cores: 100 means every core busy.
                    double cpuPercent = (cpu - _cpuAtLastSample).TotalSeconds / (seconds * Environment.ProcessorCount) * 100;
                    Ring[_next] = new MetricsSample
                    {
                        Time = DateTime.Now,
                        CpuPercent = Math.Max(0, Math.Min(100, cpuPercent)),
                        WorkingSetMegabytes = workingSet,
                        ManagedHeapMegabytes = GC.GetTotalMemory(false) / 1048576.0,
                        RequestsPerSecond = (requests - _requestsAtLastSample) / seconds,
                    };
                    _next = (_next + 1) % Capacity;
                    _count = Math.Min(_count + 1, Capacity);
                    _cpuAtLastSample = cpu;
                    _requestsAtLastSample = requests;
                    _wallAtLastSample = wall;
                }
            }
            catch (Exception ex)
            {
                // A timer callback must never throw: that would take the whole application down.
                Trace.TraceError("ServerMetrics: sampling failed: {0}", ex);
            }
        }
    }
}
