using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace CallbackControls.Tests.RefreshingChart
{
    public class ChartDecimationTests
    {
        private static (double[] X, double[] Y) RandomWalk(int count, int seed)
        {
            var random = new Random(seed);
            var x = new double[count];
            var y = new double[count];
            double value = 0;
            for (int i = 0; i < count; i++)
            {
                value += random.NextDouble() - 0.5;
                x[i] = i;
                y[i] = value;
            }
            return (x, y);
        }

        [Fact]
        public void LargestTriangleThreeBuckets_FewerPointsThanThreshold_KeepsAll()
        {
            var (x, y) = RandomWalk(50, 1);

            Assert.Equal(Enumerable.Range(0, 50), ChartDecimation.LargestTriangleThreeBuckets(x, y, 100));
        }

        [Theory]
        [InlineData(1000, 100)]
        [InlineData(100000, 600)]
        [InlineData(12345, 3)]
        [InlineData(10, 9)]
        public void LargestTriangleThreeBuckets_ManyPoints_OutputIsBoundedAscendingAndKeepsEnds(int count, int threshold)
        {
            var (x, y) = RandomWalk(count, count);

            var kept = ChartDecimation.LargestTriangleThreeBuckets(x, y, threshold);

            Assert.InRange(kept.Length, threshold - 1, threshold);
            Assert.Equal(0, kept[0]);
            Assert.Equal(count - 1, kept[kept.Length - 1]);
            for (int i = 1; i < kept.Length; i++) Assert.True(kept[i] > kept[i - 1], "indexes ascend without repeats");
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(4)]
        public void LargestTriangleThreeBuckets_KeepsTheHighestAndLowestPoints(int seed)
        {
            var (x, y) = RandomWalk(50000, seed);
            int highest = Array.IndexOf(y, y.Max());
            int lowest = Array.IndexOf(y, y.Min());

            var kept = ChartDecimation.LargestTriangleThreeBuckets(x, y, 200);

            Assert.Contains(highest, kept);
            Assert.Contains(lowest, kept);
        }

        [Fact]
        public void LargestTriangleThreeBuckets_ExtremesSideBySide_BothKeptWithinTheThreshold()
        {
            // A spike and a dip next to each other fall into one bucket: both must stay, and the count still fits.
            var x = Enumerable.Range(0, 10000).Select(i => (double)i).ToArray();
            var y = x.Select(v => Math.Sin(v / 100)).ToArray();
            y[5000] = 50;
            y[5001] = -50;

            var kept = ChartDecimation.LargestTriangleThreeBuckets(x, y, 100);

            Assert.Contains(5000, kept);
            Assert.Contains(5001, kept);
            Assert.True(kept.Length <= 100, "kept " + kept.Length);
        }

        [Fact]
        public void LargestTriangleThreeBuckets_KeepsLocalSpikesThatAreNotGlobalExtremes()
        {
            // Every k-th sampling would miss these; the largest triangle in each bucket is the spike.
            var x = Enumerable.Range(0, 10000).Select(i => (double)i).ToArray();
            var y = new double[x.Length];
            var spikes = new[] { 1234, 3333, 5077, 7001, 8765 };
            foreach (int s in spikes) y[s] = 5;
            y[9500] = 10;

            var kept = ChartDecimation.LargestTriangleThreeBuckets(x, y, 100);

            Assert.All(spikes, s => Assert.Contains(s, kept));
        }

        [Fact]
        public void LargestTriangleThreeBuckets_OneMillionPoints_KeepsTheThresholdInOrder()
        {
            // Its speed is measured by the chart benchmark (docs/RESULTS.md), not asserted here.
            var (x, y) = RandomWalk(1000000, 7);

            var kept = ChartDecimation.LargestTriangleThreeBuckets(x, y, 600);

            Assert.InRange(kept.Length, 599, 600);
            Assert.Equal(0, kept[0]);
            Assert.Equal(999999, kept[kept.Length - 1]);
            Assert.True(kept.Zip(kept.Skip(1), (a, b) => a < b).All(ordered => ordered), "indices must rise");
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(2)]
        public void LargestTriangleThreeBuckets_ThresholdBelowThree_KeepsThree(int threshold)
        {
            var (x, y) = RandomWalk(100, 3);

            var kept = ChartDecimation.LargestTriangleThreeBuckets(x, y, threshold);

            Assert.Equal(3, kept.Length);
        }

        [Fact]
        public void LargestTriangleThreeBuckets_LengthsDiffer_Throws()
        {
            Assert.Throws<ArgumentException>(() => ChartDecimation.LargestTriangleThreeBuckets(new double[3], new double[2], 10));
            Assert.Throws<ArgumentNullException>(() => ChartDecimation.LargestTriangleThreeBuckets(null, new double[2], 10));
        }

        [Fact]
        public void Decimate_Points_SkipsEmptyPointsAndReturnsTheOriginalObjects()
        {
            var points = new List<ChartPoint>();
            for (int i = 0; i < 1000; i++) points.Add(new ChartPoint(i, i % 7 == 0 ? double.NaN : Math.Sin(i / 10.0)));

            var kept = ChartDecimation.Decimate(points, 50);

            Assert.InRange(kept.Count, 49, 50);
            Assert.All(kept, p => Assert.False(p.IsEmpty));
            Assert.All(kept, p => Assert.Contains(p, points));
        }
    }
}
