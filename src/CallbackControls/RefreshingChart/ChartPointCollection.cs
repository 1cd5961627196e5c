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
    public sealed class ChartPointCollection : Collection<ChartPoint>
    {
        private readonly List<ChartPoint> _items;

        /// <summary>Creates an empty collection.</summary>
        public ChartPointCollection() : this(new List<ChartPoint>())
        {
        }

        private ChartPointCollection(List<ChartPoint> items) : base(items)
        {
            _items = items;
        }

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
            if (capacity > _items.Capacity) _items.Capacity = capacity;
        }

        /// <summary>Adds a point with a numeric X value.</summary>
        /// <param name="x">The X value.</param>
        /// <param name="y">The Y value; NaN makes an empty point.</param>
        /// <returns>The index of the new point.</returns>
        public int AddXY(double x, double y)
        {
            Add(new ChartPoint(x, y));
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
            Add(new ChartPoint(x.ToOADate(), y));
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
            Add(new ChartPoint(Count, y));
            return Count - 1;
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
