using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace CallbackControls
{
    /// <summary>
    /// Keeps the big value arrays of charts that have finished, for the next refresh to fill. A fresh
    /// large array costs more than filling it: Mono (and .NET) hand it out as new, untouched pages, and
    /// touching them was a large share of a big refresh (docs/RESULTS.md). Reusing them also
    /// spares the collector the large-object churn of a chart refreshed every second.
    /// Written here rather than taken from System.Buffers' ArrayPool: that package's assembly versions
    /// are a known source of binding-redirect conflicts on .NET Framework sites, and this needs 60 lines.
    /// </summary>
    internal static class ChartArrayPool
    {
        /// <summary>Arrays shorter than this are left to the collector's nursery, cheap to make and to drop.</summary>
        internal const int MinimumPooledLength = 64 * 1024;

        /// <summary>
        /// At most this many values (8 bytes each, 192 MB: the two arrays of a 10,000,000-point series and
        /// a few smaller) wait in the pool; beyond, the collector takes them.
        /// </summary>
        internal const long MaximumPooledValues = 24L * 1024 * 1024;

        /// <summary>An array nobody took again for this long is let go: a server that stopped drawing big charts gets its memory back.</summary>
        internal static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(60);

        private static readonly List<(double[] Array, long ReturnedAt)> Free = new List<(double[], long)>();
        private static long _pooledValues;
        private static Timer _trimmer;

        /// <summary>Values held by the pool now (for tests).</summary>
        internal static long PooledValues
        {
            get { lock (Free) return _pooledValues; }
        }

        /// <summary>
        /// An array of at least <paramref name="length"/> values (its contents are not cleared: the caller
        /// writes before it reads), from the pool when one fits without wasting more than a quarter.
        /// </summary>
        internal static double[] Rent(int length)
        {
            if (length >= MinimumPooledLength)
            {
                lock (Free)
                {
                    int best = -1;
                    long limit = length + (long)length / 4;
                    for (int i = 0; i < Free.Count; i++)
                    {
                        int candidate = Free[i].Array.Length;
                        if (candidate >= length && candidate <= limit && (best < 0 || candidate < Free[best].Array.Length)) best = i;
                    }
                    if (best >= 0)
                    {
                        var array = Free[best].Array;
                        Free.RemoveAt(best);
                        _pooledValues -= array.Length;
                        return array;
                    }
                }
            }
            return new double[length];
        }

        /// <summary>Gives an array back; the caller must not use it afterwards.</summary>
        internal static void Return(double[] array)
        {
            if (array == null || array.Length < MinimumPooledLength) return;
            lock (Free)
            {
                if (_pooledValues + array.Length > MaximumPooledValues) return;
                Free.Add((array, Stopwatch.GetTimestamp()));
                _pooledValues += array.Length;
                if (_trimmer == null) _trimmer = new Timer(_ => Trim(IdleLimit), null, IdleLimit, IdleLimit);
            }
        }

        /// <summary>Lets go of the arrays that waited longer than <paramref name="idle"/>.</summary>
        internal static void Trim(TimeSpan idle)
        {
            long oldest = Stopwatch.GetTimestamp() - (long)(idle.TotalSeconds * Stopwatch.Frequency);
            lock (Free)
            {
                for (int i = Free.Count - 1; i >= 0; i--)
                {
                    if (Free[i].ReturnedAt > oldest) continue;
                    _pooledValues -= Free[i].Array.Length;
                    Free.RemoveAt(i);
                }
            }
        }
    }
}
