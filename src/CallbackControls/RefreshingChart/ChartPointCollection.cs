using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;

namespace CallbackControls
{
    /// <summary>
    /// The points of a <see cref="ChartSeries"/>, in the order they are drawn. Not kept in ViewState:
    /// a million points would not fit there, so the page fills them on every request that draws the chart.
    /// </summary>
    /// <remarks>
    /// X and Y values are stored in arrays, not as one object per point: fill a big series with
    /// <see cref="AddRange(DateTime[], double[])"/> (or <see cref="AddXY(double, double)"/> in a loop), and
    /// do not read it back point by point. Reading a point (the indexer, <c>foreach</c>) creates a
    /// <see cref="ChartPoint"/> for it and keeps it, so a change made to that point is drawn.
    /// </remarks>
    public sealed class ChartPointCollection : Collection<ChartPoint>
    {
        private readonly ChartPointStore _store;

        /// <summary>Creates an empty collection.</summary>
        public ChartPointCollection() : this(new ChartPointStore())
        {
        }

        private ChartPointCollection(ChartPointStore store) : base(store)
        {
            _store = store;
        }

        /// <summary>The arrays behind the points, for the chart's renderer.</summary>
        internal ChartPointStore Store => _store;

        /// <summary>
        /// Gets or sets the kind of X values the points hold. <see cref="ChartAxisType.Auto"/> until a date or a
        /// category is added (which sets it); setting it to <see cref="ChartAxisType.DateTime"/> says that plain
        /// X numbers are OLE Automation dates. Default: <see cref="ChartAxisType.Auto"/>.
        /// </summary>
        public ChartAxisType XValueType { get; set; }

        /// <summary>Makes room for a number of points at once, which saves copying when adding many.</summary>
        /// <param name="capacity">The number of points the collection should hold without growing.</param>
        public void EnsureCapacity(int capacity)
        {
            if (capacity < 0) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A capacity cannot be negative.");
            _store.EnsureCapacity(capacity);
        }

        /// <summary>
        /// Adds many points with numeric X values at once: the values are copied into the series' arrays and no
        /// <see cref="ChartPoint"/> is created. The fast way to fill a big series.
        /// </summary>
        /// <param name="x">The X values.</param>
        /// <param name="y">The Y values, as many as <paramref name="x"/>; NaN makes an empty point.</param>
        /// <exception cref="ArgumentNullException">An array is null.</exception>
        /// <exception cref="ArgumentException">The arrays differ in length.</exception>
        public void AddRange(double[] x, double[] y)
        {
            CheckRange(x, y);
            _store.AppendRange(x, y);
        }

        /// <summary>
        /// Adds many points on a date axis at once (see <see cref="AddRange(double[], double[])"/>); sets
        /// <see cref="XValueType"/> to DateTime.
        /// </summary>
        /// <param name="x">The dates and times.</param>
        /// <param name="y">The Y values, as many as <paramref name="x"/>; NaN makes an empty point.</param>
        /// <exception cref="ArgumentNullException">An array is null.</exception>
        /// <exception cref="ArgumentException">The arrays differ in length.</exception>
        /// <exception cref="InvalidOperationException">The collection already holds categories or plain numbers.</exception>
        public void AddRange(DateTime[] x, double[] y)
        {
            CheckRange(x, y);
            Claim(ChartAxisType.DateTime);
            _store.AppendRange(x, y);
        }

        /// <summary>Adds many points whose X values are their positions in the collection (see <see cref="AddY"/>).</summary>
        /// <param name="y">The Y values; NaN makes an empty point.</param>
        /// <exception cref="ArgumentNullException"><paramref name="y"/> is null.</exception>
        public void AddRange(double[] y)
        {
            if (y == null) throw new ArgumentNullException(nameof(y));
            _store.AppendRange((double[])null, y);
        }

        /// <summary>
        /// Adds part of an array of Y values, numbered on from the points already there (see
        /// <see cref="AddRange(double[])"/>). For a ring buffer of readings: add its older part, then its
        /// newer part, with no copy of the buffer made first (call <see cref="EnsureCapacity"/> with the
        /// total first, so both parts go into one array of the right size).
        /// </summary>
        /// <param name="y">The Y values; NaN makes an empty point.</param>
        /// <param name="start">The index in <paramref name="y"/> of the first value to add.</param>
        /// <param name="count">How many values to add.</param>
        /// <exception cref="ArgumentNullException"><paramref name="y"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The part does not lie within <paramref name="y"/>.</exception>
        public void AddRange(double[] y, int start, int count)
        {
            if (y == null) throw new ArgumentNullException(nameof(y));
            if (start < 0 || start > y.Length) throw new ArgumentOutOfRangeException(nameof(start), start, "The start must lie within the array.");
            if (count < 0 || count > y.Length - start) throw new ArgumentOutOfRangeException(nameof(count), count, "The part must end within the array.");
            _store.AppendRange(null, y, start, count);
        }

        /// <summary>Adds a point with a numeric X value.</summary>
        /// <param name="x">The X value.</param>
        /// <param name="y">The Y value; NaN makes an empty point.</param>
        /// <returns>The index of the new point.</returns>
        public int AddXY(double x, double y)
        {
            _store.Append(x, y);
            return Count - 1;
        }

        /// <summary>Adds a point on a date axis; the first date sets <see cref="XValueType"/> to DateTime.</summary>
        /// <param name="x">The date and time.</param>
        /// <param name="y">The Y value; NaN makes an empty point.</param>
        /// <returns>The index of the new point.</returns>
        /// <exception cref="InvalidOperationException">The collection already holds categories or plain numbers.</exception>
        public int AddXY(DateTime x, double y)
        {
            Claim(ChartAxisType.DateTime);
            _store.Append(ChartMath.ToOADate(x), y);
            return Count - 1;
        }

        /// <summary>
        /// Adds a point in a category; the first category sets <see cref="XValueType"/> to Category.
        /// X becomes the point's position in the collection.
        /// </summary>
        /// <param name="category">The category name (plain text; it is escaped when drawn).</param>
        /// <param name="y">The Y value; NaN makes an empty point.</param>
        /// <returns>The index of the new point.</returns>
        /// <exception cref="InvalidOperationException">The collection already holds dates or plain numbers.</exception>
        public int AddXY(string category, double y)
        {
            Claim(ChartAxisType.Category);
            Add(new ChartPoint(Count, y) { AxisLabel = category ?? string.Empty });
            return Count - 1;
        }

        /// <summary>Adds a point whose X value is its position in the collection (0, 1, 2, ...).</summary>
        /// <param name="y">The Y value; NaN makes an empty point.</param>
        /// <returns>The index of the new point.</returns>
        public int AddY(double y)
        {
            _store.Append(Count, y);
            return Count - 1;
        }

        /// <summary>Adds a point with no X value (data binding's null X): it is left out of a number or date axis.</summary>
        internal void AddWithoutX(double y) => _store.Append(double.NaN, y);

        private static void CheckRange(Array x, double[] y)
        {
            if (x == null) throw new ArgumentNullException(nameof(x));
            if (y == null) throw new ArgumentNullException(nameof(y));
            if (x.Length != y.Length) throw new ArgumentException("X and Y must hold the same number of values.", nameof(y));
        }

        /// <inheritdoc />
        protected override void InsertItem(int index, ChartPoint item)
        {
            if (item == null) throw new ArgumentNullException(nameof(item));
            base.InsertItem(index, item);
        }

        /// <inheritdoc />
        protected override void SetItem(int index, ChartPoint item)
        {
            if (item == null) throw new ArgumentNullException(nameof(item));
            base.SetItem(index, item);
        }

        /// <inheritdoc />
        protected override void ClearItems()
        {
            base.ClearItems();
            // A cleared series may be refilled with another kind of X values.
            XValueType = ChartAxisType.Auto;
        }

        private void Claim(ChartAxisType kind)
        {
            if (XValueType == kind) return;
            if (XValueType != ChartAxisType.Auto)
            {
                throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                    "These points hold {0} X values; a point with a {1} X value cannot join them. Clear the points first.",
                    Describe(XValueType), Describe(kind)));
            }
            XValueType = kind;
        }

        private static string Describe(ChartAxisType kind) =>
            kind == ChartAxisType.DateTime ? "date" : kind == ChartAxisType.Category ? "category" : "numeric";
    }
}
