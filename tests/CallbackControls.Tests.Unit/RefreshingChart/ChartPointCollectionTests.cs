using System;
using System.Linq;
using Xunit;
using static CallbackControls.Tests.RefreshingChart.ChartTestKit;

namespace CallbackControls.Tests.RefreshingChart
{
    /// <summary>
    /// The points live in arrays; these pin what a page relies on: the bulk API draws exactly what adding the
    /// points one by one draws, and points read back one by one still behave as objects whose changes are drawn.
    /// </summary>
    public class ChartPointCollectionTests
    {
        private static string Draw(CallbackControls.RefreshingChart chart)
        {
            using (Invariant()) return chart.RenderChartMarkup();
        }

        private static (DateTime[] X, double[] Y) Walk(int n)
        {
            var x = new DateTime[n];
            var y = new double[n];
            var random = new Random(3);
            double value = 50;
            for (int i = 0; i < n; i++)
            {
                value += random.NextDouble() - 0.5;
                x[i] = Start.AddSeconds(i);
                // A gap and an outlier, so runs and extremes are part of what must match.
                y[i] = i == n / 3 ? double.NaN : i == n / 2 ? 500 : value;
            }
            return (x, y);
        }

        [Theory]
        [InlineData(ChartType.Line, 50)]
        [InlineData(ChartType.Line, 20000)]
        [InlineData(ChartType.Area, 20000)]
        [InlineData(ChartType.Column, 300)]
        public void AddRange_Dates_DrawsExactlyWhatAddXYDraws(ChartType type, int n)
        {
            var (x, y) = Walk(n);
            var one = new CallbackControls.RefreshingChart { ID = "Chart1", ShowDataTable = true };
            var byPoint = one.Series.Add("S", type).Points;
            for (int i = 0; i < n; i++) byPoint.AddXY(x[i], y[i]);
            var bulk = new CallbackControls.RefreshingChart { ID = "Chart1", ShowDataTable = true };
            bulk.Series.Add("S", type).Points.AddRange(x, y);

            Assert.Equal(ChartAxisType.DateTime, bulk.Series[0].Points.XValueType);
            Assert.Equal(Draw(one), Draw(bulk));
        }

        [Fact]
        public void AddRange_NumbersAndYAlone_DrawWhatAddXYAndAddYDraw()
        {
            var y = Enumerable.Range(0, 5000).Select(i => Math.Sin(i / 50.0) * 10).ToArray();
            var x = Enumerable.Range(0, 5000).Select(i => i * 0.5).ToArray();
            var one = new CallbackControls.RefreshingChart { ID = "Chart1" };
            var a = one.Series.Add("A", ChartType.Line).Points;
            var b = one.Series.Add("B", ChartType.Line).Points;
            for (int i = 0; i < y.Length; i++)
            {
                a.AddXY(x[i], y[i]);
                b.AddY(y[i] + 1);
            }
            var bulk = new CallbackControls.RefreshingChart { ID = "Chart1" };
            bulk.Series.Add("A", ChartType.Line).Points.AddRange(x, y);
            bulk.Series.Add("B", ChartType.Line).Points.AddRange(y.Select(v => v + 1).ToArray());

            Assert.Equal(Draw(one), Draw(bulk));
        }

        [Fact]
        public void AddRange_AppendsAfterExistingPoints_AndCopiesTheArrays()
        {
            var points = new ChartPointCollection();
            points.AddY(7);
            var y = new[] { 1.0, 2, 3 };
            points.AddRange(y);
            y[0] = 99; // the caller may reuse its array

            Assert.Equal(new[] { 0.0, 1, 2, 3 }, points.Select(p => p.X));
            Assert.Equal(new[] { 7.0, 1, 2, 3 }, points.Select(p => p.Y));
        }

        [Fact]
        public void AddRange_PartsOfARingBuffer_AreNumberedOn_AsTheirRotatedCopyWouldBe()
        {
            var ring = new[] { 10.0, 11, 12, 13, 14 };
            var points = new ChartPointCollection();
            points.AddRange(ring, 3, 2); // the older part: 13, 14
            points.AddRange(ring, 0, 3); // then the newer: 10, 11, 12
            points.AddRange(ring, 5, 0); // an empty part at the end is allowed

            Assert.Equal(new[] { 0.0, 1, 2, 3, 4 }, points.Select(p => p.X));
            Assert.Equal(new[] { 13.0, 14, 10, 11, 12 }, points.Select(p => p.Y));
            Assert.Throws<ArgumentNullException>(() => points.AddRange(null, 0, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => points.AddRange(ring, -1, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => points.AddRange(ring, 6, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => points.AddRange(ring, 3, 3));
            Assert.Throws<ArgumentOutOfRangeException>(() => points.AddRange(ring, 0, -1));
            Assert.Equal(5, points.Count);
        }

        [Fact]
        public void ABigSeries_GivesItsArraysBack_WhenTheChartUnloads_AndTheNextFillReusesThem()
        {
            // An odd length no other test uses, so a test running beside this one does not take the arrays.
            const int n = 3000001;
            var chart = new UnloadableChart { ID = "Chart1" };
            var points = chart.Series.Add("A", ChartType.Line).Points;
            points.AddRange(Enumerable.Repeat(1.5, n).ToArray());
            points.Store.Read(out var x, out var y, out _);

            chart.EndRequest();

            Assert.Empty(points);
            var next = new ChartPointCollection();
            next.AddRange(new double[n]);
            next.Store.Read(out var x2, out var y2, out _);
            Assert.True(ReferenceEquals(x2, x) || ReferenceEquals(x2, y), "the X array of the next fill is a reused one");
            Assert.True(ReferenceEquals(y2, x) || ReferenceEquals(y2, y), "the Y array of the next fill is a reused one");
            Assert.All(Enumerable.Range(0, 1000), i => Assert.Equal(0.0, next[i].Y));
        }

        [Fact]
        public void SmallArrays_AreLeftToTheCollector_AndThePoolHasALimit()
        {
            var small = new double[ChartArrayPool.MinimumPooledLength - 1];
            ChartArrayPool.Return(small);
            Assert.NotSame(small, ChartArrayPool.Rent(small.Length));
            Assert.True(ChartArrayPool.PooledValues <= ChartArrayPool.MaximumPooledValues);
        }

        [Fact]
        public void AnArrayNobodyTakes_IsLetGo_AfterItsIdleTime()
        {
            var big = new double[ChartArrayPool.MinimumPooledLength + 17];
            ChartArrayPool.Return(big);
            ChartArrayPool.Trim(TimeSpan.Zero);
            Assert.NotSame(big, ChartArrayPool.Rent(big.Length));
        }

        /// <summary>A chart whose Unload the test can raise, as the page does at the end of a request.</summary>
        private sealed class UnloadableChart : CallbackControls.RefreshingChart
        {
            public void EndRequest() => OnUnload(EventArgs.Empty);
        }

        [Fact]
        public void AddRange_BadArguments_Throw()
        {
            var points = new ChartPointCollection();
            Assert.Throws<ArgumentNullException>(() => points.AddRange((double[])null, new double[0]));
            Assert.Throws<ArgumentNullException>(() => points.AddRange(new double[0], null));
            Assert.Throws<ArgumentNullException>(() => points.AddRange((double[])null));
            Assert.Throws<ArgumentException>(() => points.AddRange(new double[2], new double[3]));
            Assert.Throws<ArgumentException>(() => points.AddRange(new DateTime[2], new double[1]));
            points.AddXY("a", 1);
            Assert.Throws<InvalidOperationException>(() => points.AddRange(new[] { Start }, new[] { 1.0 }));
            Assert.Single(points);
        }

        [Fact]
        public void PointReadBack_ChangesAreDrawn_AsBefore()
        {
            var chart = new CallbackControls.RefreshingChart { ID = "Chart1", ShowDataTable = true };
            chart.Series.Add("S", ChartType.Line).Points.AddRange(new[] { 0.0, 1, 2 }, new[] { 5.0, 6, 7 });
            var point = chart.Series[0].Points[1];
            point.Y = 42;
            point.ToolTip = "changed";

            var body = Render(chart);

            Assert.Same(point, chart.Series[0].Points[1]);
            Assert.Contains("42", body.QuerySelectorAll("tbody td").Select(td => td.TextContent));
            Assert.Contains("changed", body.QuerySelectorAll("circle title").Select(t => t.TextContent));
        }

        [Fact]
        public void ListOperations_InsertRemoveSetAndEnumerate_KeepXAndYTogether()
        {
            var points = new ChartPointCollection();
            points.AddRange(new[] { 0.0, 1, 2, 3 }, new[] { 10.0, 11, 12, 13 });
            var inserted = new ChartPoint(0.5, 99) { Color = "red" };
            points.Insert(1, inserted);
            points.RemoveAt(3);
            points[0] = new ChartPoint(-1, -10);
            Assert.True(points.Remove(inserted));
            Assert.False(points.Remove(new ChartPoint(1, 11)), "points compare by reference");

            Assert.Equal(new[] { -1.0, 1, 3 }, points.Select(p => p.X));
            Assert.Equal(new[] { -10.0, 11, 13 }, points.Select(p => p.Y));
            var copy = new ChartPoint[3];
            points.CopyTo(copy, 0);
            Assert.Equal(points.ToArray(), copy);
            Assert.Throws<InvalidOperationException>(() => { foreach (var p in points) points.AddY(1); });
            Assert.Throws<ArgumentOutOfRangeException>(() => points[5]);
        }
    }
}
