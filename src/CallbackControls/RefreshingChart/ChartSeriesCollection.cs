using System;
using System.Linq;
using System.Globalization;
using System.Collections.Generic;
using System.Collections;
using System.Web.UI;

namespace CallbackControls
{
    /// <summary>
    /// The series of a <see cref="RefreshingChart"/>. Series added in code after the page has started
    /// tracking ViewState, and changes to their settings, survive postbacks; points never do.
    /// </summary>
    public sealed class ChartSeriesCollection : StateManagedCollection
    {
        private static readonly Type[] KnownTypes = { typeof(ChartSeries) };

        /// <summary>Gets the series at a position.</summary>
        /// <param name="index">The zero-based position.</param>
        public ChartSeries this[int index] => (ChartSeries)((IList)this)[index];

        /// <summary>Gets the series with a name (names are case-sensitive).</summary>
        /// <param name="name">The series name.</param>
        /// <exception cref="KeyNotFoundException">No series has that name; the message lists the names there are.</exception>
        public ChartSeries this[string name]
        {
            get
            {
                var found = FindByName(name);
                if (found != null) return found;
                // A NullReferenceException two lines later is what a typo used to cost; name the fix instead.
                var names = this.Cast<ChartSeries>().Select(s => "'" + s.Name + "'").ToArray();
                var sameButCase = this.Cast<ChartSeries>().FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
                throw new KeyNotFoundException(string.Format(CultureInfo.InvariantCulture,
                    "The chart has no series named '{0}'.{1} Its series: {2}.",
                    name,
                    sameButCase == null ? string.Empty : " Series names are case-sensitive: did you mean '" + sameButCase.Name + "'?",
                    names.Length == 0 ? "none (declare them in <Series> or add them with Series.Add)" : string.Join(", ", names)));
            }
        }

        /// <summary>Gets the first series with a name (ordinal comparison), or null when there is none.</summary>
        /// <param name="name">The series name.</param>
        /// <returns>The series, or null.</returns>
        public ChartSeries FindByName(string name)
        {
            foreach (ChartSeries series in this)
            {
                if (string.Equals(series.Name, name, StringComparison.Ordinal)) return series;
            }
            return null;
        }

        /// <summary>Adds a series.</summary>
        /// <param name="series">The series.</param>
        /// <returns>The position of the series.</returns>
        public int Add(ChartSeries series) => ((IList)this).Add(series);

        /// <summary>Creates, adds and returns a series, for code such as <c>Series.Add("CPU", ChartType.Line).Points.AddXY(...)</c>.</summary>
        /// <param name="name">The series name.</param>
        /// <param name="chartType">How the series is drawn.</param>
        /// <returns>The new series.</returns>
        public ChartSeries Add(string name, ChartType chartType)
        {
            var series = new ChartSeries(name, chartType);
            Add(series);
            return series;
        }

        /// <summary>Inserts a series at a position.</summary>
        /// <param name="index">The zero-based position.</param>
        /// <param name="series">The series.</param>
        public void Insert(int index, ChartSeries series) => ((IList)this).Insert(index, series);

        /// <summary>Removes a series.</summary>
        /// <param name="series">The series.</param>
        public void Remove(ChartSeries series) => ((IList)this).Remove(series);

        /// <summary>Removes the series at a position.</summary>
        /// <param name="index">The zero-based position.</param>
        public void RemoveAt(int index) => ((IList)this).RemoveAt(index);

        /// <summary>Gets whether the collection holds a series.</summary>
        /// <param name="series">The series.</param>
        /// <returns>True when it does.</returns>
        public bool Contains(ChartSeries series) => ((IList)this).Contains(series);

        /// <summary>Gets the position of a series, or -1.</summary>
        /// <param name="series">The series.</param>
        /// <returns>The zero-based position.</returns>
        public int IndexOf(ChartSeries series) => ((IList)this).IndexOf(series);

        /// <inheritdoc />
        protected override object CreateKnownType(int index) => new ChartSeries();

        /// <inheritdoc />
        protected override Type[] GetKnownTypes() => KnownTypes;

        /// <inheritdoc />
        protected override void SetDirtyObject(object o) => ((ChartSeries)o).SetDirty();

        /// <inheritdoc />
        protected override void OnValidate(object value)
        {
            base.OnValidate(value);
            if (!(value is ChartSeries)) throw new ArgumentException("A chart's Series collection holds only ChartSeries objects.", nameof(value));
        }
    }
}
