using System.ComponentModel;
using System.Web.UI;

namespace CallbackControls
{
    /// <summary>
    /// One series of a <see cref="RefreshingChart"/>: its name, how it is drawn and its points.
    /// Declared in markup (<c>&lt;cc:ChartSeries Name="CPU" ChartType="Line" /&gt;</c> inside
    /// <c>&lt;Series&gt;</c>), added in code (<c>Chart1.Series.Add("CPU", ChartType.Line)</c>), or filled
    /// by data binding through <see cref="XValueMember"/> and <see cref="YValueMembers"/>.
    /// Its settings are kept in ViewState; its <see cref="Points"/> are not.
    /// </summary>
    [TypeConverter(typeof(ExpandableObjectConverter))]
    public class ChartSeries : IStateManager
    {
        private readonly StateBag _viewState = new StateBag();
        private readonly ChartPointCollection _points = new ChartPointCollection();
        private bool _tracking;

        /// <summary>Creates a series drawn as a line.</summary>
        public ChartSeries()
        {
        }

        /// <summary>Creates a named series.</summary>
        /// <param name="name">The name shown in the legend, tooltips and the data table.</param>
        /// <param name="chartType">How the series is drawn.</param>
        public ChartSeries(string name, ChartType chartType)
        {
            Name = name;
            ChartType = chartType;
        }

        /// <summary>Gets or sets the name shown in the legend, tooltips and data table (plain text). Default: empty ("Series 1", ...).</summary>
        [Category("Appearance")]
        [DefaultValue("")]
        [Description("Name shown in the legend, the tooltips and the data table.")]
        [NotifyParentProperty(true)]
        public string Name
        {
            get => (string)ViewState[nameof(Name)] ?? string.Empty;
            set => ViewState[nameof(Name)] = TextRules.ReplaceLoneSurrogates(value);
        }

        /// <summary>Gets or sets how the series is drawn. Default: <see cref="CallbackControls.ChartType.Line"/>.</summary>
        [Category("Appearance")]
        [DefaultValue(ChartType.Line)]
        [Description("How the series is drawn.")]
        [NotifyParentProperty(true)]
        public ChartType ChartType
        {
            get => (ChartType?)ViewState[nameof(ChartType)] ?? ChartType.Line;
            set => ViewState[nameof(ChartType)] = value;
        }

        /// <summary>Gets or sets the colour, any SVG colour such as <c>#0072b2</c>. Default: empty (the chart's palette).</summary>
        [Category("Appearance")]
        [DefaultValue("")]
        [Description("Colour of the series (any SVG colour); empty takes the next palette colour.")]
        [NotifyParentProperty(true)]
        public string Color
        {
            get => (string)ViewState[nameof(Color)] ?? string.Empty;
            set => ViewState[nameof(Color)] = value;
        }

        /// <summary>Gets or sets CSS classes added to the series' SVG group. Default: empty.</summary>
        [Category("Appearance")]
        [DefaultValue("")]
        [Description("CSS classes added to the series' SVG group.")]
        [NotifyParentProperty(true)]
        public string CssClass
        {
            get => (string)ViewState[nameof(CssClass)] ?? string.Empty;
            set => ViewState[nameof(CssClass)] = value;
        }

        /// <summary>
        /// Gets or sets the field or property of each data item that holds the X value (a number, a date, or
        /// text for a category). Default: empty (points are numbered 0, 1, 2, ...).
        /// </summary>
        [Category("Data")]
        [DefaultValue("")]
        [Description("Field of each data item holding the X value; empty numbers the points.")]
        [NotifyParentProperty(true)]
        public string XValueMember
        {
            get => (string)ViewState[nameof(XValueMember)] ?? string.Empty;
            set => ViewState[nameof(XValueMember)] = value;
        }

        /// <summary>
        /// Gets or sets the field or property of each data item that holds the Y value. The chart types here
        /// take one Y value per point, so it names one field. Default: empty (the series is not data-bound).
        /// </summary>
        [Category("Data")]
        [DefaultValue("")]
        [Description("Field of each data item holding the Y value; empty leaves the series out of data binding.")]
        [NotifyParentProperty(true)]
        public string YValueMembers
        {
            get => (string)ViewState[nameof(YValueMembers)] ?? string.Empty;
            set => ViewState[nameof(YValueMembers)] = value;
        }

        /// <summary>Gets the points, drawn in the order they were added. Never kept in ViewState.</summary>
        [Browsable(false)]
        [DesignerSerializationVisibility(DesignerSerializationVisibility.Hidden)]
        [PersistenceMode(PersistenceMode.InnerProperty)]
        public ChartPointCollection Points => _points;

        /// <summary>Gets the settings kept between requests.</summary>
        protected StateBag ViewState => _viewState;

        /// <summary>Returns the name, for designers and debuggers.</summary>
        /// <returns>The series name.</returns>
        public override string ToString() => Name;

        /// <summary>Marks every setting as changed, so all of them are saved (used when the collection is rebuilt).</summary>
        internal void SetDirty() => _viewState.SetDirty(true);

        bool IStateManager.IsTrackingViewState => _tracking;

        void IStateManager.LoadViewState(object state)
        {
            if (state != null) ((IStateManager)_viewState).LoadViewState(state);
        }

        object IStateManager.SaveViewState() => ((IStateManager)_viewState).SaveViewState();

        void IStateManager.TrackViewState()
        {
            _tracking = true;
            ((IStateManager)_viewState).TrackViewState();
        }
    }
}
