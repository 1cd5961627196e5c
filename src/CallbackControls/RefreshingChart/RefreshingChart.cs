// Over 500 lines on purpose: most of it is the markup-facing properties, each with its attribute block and XML doc; drawing lives in the chart parts.
using System;
using System.Linq;
using System.Collections;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Web.UI;
using System.Web.UI.WebControls;

namespace CallbackControls
{
    /// <summary>
    /// A chart drawn on the server as inline SVG that can refresh itself by callback on a timer.
    /// The first paint needs no script. With <see cref="RefreshFrequency"/> set, the client object sends a
    /// callback every so many milliseconds; the server raises <see cref="RefreshCallback"/>, whose handler
    /// fills the series, and the new drawing replaces the old one in place.
    /// </summary>
    /// <remarks>
    /// <para>Series come from markup (<c>&lt;Series&gt;&lt;cc:ChartSeries Name="CPU" /&gt;&lt;/Series&gt;</c>), from
    /// code (<c>Chart1.Series["CPU"].Points.AddXY(...)</c>) or from data binding (<see cref="DataSource"/> with
    /// each series' <see cref="ChartSeries.XValueMember"/> and <see cref="ChartSeries.YValueMembers"/>).
    /// Points are never kept in ViewState, and a refresh callback carries no ViewState: fill the points on
    /// every request that draws the chart, the refresh callbacks included, or set <see cref="MaxPoints"/> and
    /// add only this tick's points: the chart then keeps its last points between refreshes.</para>
    /// <para>From script: <c>Chart1.callback("range:1h")</c> refreshes now with that argument, once; ticks
    /// send <c>Chart1.tickArgument</c> (empty unless set: set it to make an argument sticky);
    /// <c>start()</c>, <c>stop()</c>, <c>setRefreshFrequency(ms)</c>, <c>isRunning</c> (the timer's state)
    /// and <c>isRefreshing</c> (a call in flight) control and show the timer.</para>
    /// <para>Timer rules: the next tick is scheduled only after the previous reply or failure, so ticks never
    /// overlap. A <c>callback()</c> made while a tick is in flight joins it when its argument is the same (one
    /// request, one promise) and otherwise waits for the tick's reply, then is sent (only the newest waiting
    /// call is kept). While the page is hidden no tick is sent; one is sent as soon as it is visible again.
    /// After a failure the wait doubles each time up to <see cref="RefreshBackoffLimit"/> (4 s by default), and
    /// drops back to <see cref="RefreshFrequency"/> after the next success; the browser coming back online
    /// retries at once. When the chart leaves the page (an UpdatePanel
    /// update) or the page unloads, the client object and its timer are disposed.</para>
    /// </remarks>
    [DefaultEvent(nameof(RefreshCallback))]
    [DefaultProperty(nameof(Series))]
    [ToolboxData("<{0}:RefreshingChart runat=\"server\" RefreshFrequency=\"2000\" OnRefreshCallback=\"\"><Series><{0}:ChartSeries Name=\"Series 1\" /></Series></{0}:RefreshingChart>")]
    public class RefreshingChart : CallbackControlBase
    {
        /// <summary>Default of <see cref="ChartWidth"/>.</summary>
        public const int DefaultChartWidth = 640;

        /// <summary>Default of <see cref="ChartHeight"/>.</summary>
        public const int DefaultChartHeight = 320;

        /// <summary>Default of <see cref="RefreshBackoffLimit"/>, in milliseconds.</summary>
        /// <remarks>Low on purpose: a chart on a wall should be back within seconds of its server, and one call every
        /// 4 s per open page does not hammer a server that is down.</remarks>
        public const int DefaultRefreshBackoffLimit = 4000;

        /// <summary>The client type the runtime creates for the chart.</summary>
        public const string ClientType = "refreshingchart";

        private static readonly object EventRefreshCallback = new object();

        // The client state entry in which a timer tick names the drawing the browser shows (its DrawingHash).
        private const string ShownStateKey = "shown";

        // A narrow container sends its width (state.width) and gets a drawing that wide, down to this.
        private const string WidthStateKey = "width";
        private const int MinimumFittedWidth = 240;

        // The class of the pause toggle, which RefreshingChart.js finds and wires.
        private const string PauseButtonClass = "cc-chart-pause";

        // The classes of the keys' hint and of the polite region that reads points and announces updates.
        private const string KeysHintClass = "cc-chart-keys-hint";
        private const string LiveRegionClass = "cc-chart-live";

        // The shortest AnnounceInterval: a screen reader needs a few seconds to say one update.
        private const int MinimumAnnounceInterval = 1000;

        /// <summary>Default of <see cref="AnnounceInterval"/>, in milliseconds.</summary>
        public const int DefaultAnnounceInterval = 10000;

        // The client state entry (and reply member) that carries the points a chart keeps (MaxPoints).
        private const string KeptStateKey = "kept";

        private ChartSeriesCollection _series;
        private bool _keptRestored;

        /// <summary>
        /// Occurs on the server for every call of the chart's client object: each timer tick and each
        /// <c>callback(argument)</c> from script. Fill the series here; the chart is drawn after the handler
        /// returns and sent back. <see cref="CallbackEventArgs.CallbackArgument"/> holds the argument (a
        /// tick sends the client's <c>tickArgument</c>, empty unless page script set it);
        /// <see cref="CallbackEventArgs.IsTimerTick"/> is true for a tick.
        /// Anything the handler puts in <see cref="CallbackEventArgs.Result"/> reaches script as <c>result.data</c>.
        /// </summary>
        [Category("Action")]
        [Description("Raised on the server for each refresh (timer tick or callback from script); fill the series here.")]
        public event CallbackEventHandler RefreshCallback
        {
            add { Events.AddHandler(EventRefreshCallback, value); }
            remove { Events.RemoveHandler(EventRefreshCallback, value); }
        }

        /// <summary>
        /// Gets or sets how often, in milliseconds, the chart refreshes itself by callback; 0 turns the timer off.
        /// The next tick is scheduled only after the previous reply (or failure), so ticks never overlap.
        /// Default: 0.
        /// </summary>
        [Category("Behavior")]
        [DefaultValue(0)]
        [Description("Milliseconds between automatic refreshes; 0 turns the timer off.")]
        public int RefreshFrequency
        {
            get => (int?)ViewState[nameof(RefreshFrequency)] ?? 0;
            set
            {
                if (value < 0) throw new ArgumentOutOfRangeException(nameof(value), value, "RefreshFrequency cannot be negative (0 turns the timer off).");
                ViewState[nameof(RefreshFrequency)] = value;
            }
        }

        /// <summary>
        /// Gets or sets what makes the chart refresh by itself: its timer (<see cref="CallbackControls.RefreshMode.Timer"/>, the
        /// default), or notifications of its <see cref="CallbackControlBase.PushTopic"/> (<see cref="CallbackControls.RefreshMode.Push"/>:
        /// it refreshes when server code calls <see cref="CallbackPush.Notify(string)"/>, with the same handler, hooks and
        /// rules as a tick, and its <see cref="RefreshFrequency"/> serves only while push is unavailable).
        /// </summary>
        [Category("Behavior")]
        [DefaultValue(RefreshMode.Timer)]
        [Description("Timer: refresh every RefreshFrequency ms. Push: refresh on CallbackPush.Notify of PushTopic, the timer only as a fallback.")]
        public RefreshMode RefreshMode
        {
            get => (RefreshMode?)ViewState[nameof(RefreshMode)] ?? RefreshMode.Timer;
            set
            {
                if (value != RefreshMode.Timer && value != RefreshMode.Push) throw new ArgumentOutOfRangeException(nameof(value), value, "RefreshMode is Timer or Push.");
                ViewState[nameof(RefreshMode)] = value;
            }
        }

        /// <summary>Whether the chart refreshes without being asked: by its timer or by notifications.</summary>
        internal bool RefreshesByItself => RefreshFrequency > 0 || PushTopic.Length > 0;

        /// <summary>
        /// Gets or sets the longest wait, in milliseconds, between refreshes while they fail: after each failure
        /// in a row the wait doubles (from <see cref="RefreshFrequency"/>) up to this limit, and returns to the
        /// normal frequency as soon as the server answers again. The browser's <c>online</c> event, and the page
        /// becoming visible again, retry at once. Default: 4000.
        /// </summary>
        [Category("Behavior")]
        [DefaultValue(DefaultRefreshBackoffLimit)]
        [Description("Longest wait in milliseconds between refreshes while they keep failing.")]
        public int RefreshBackoffLimit
        {
            get => (int?)ViewState[nameof(RefreshBackoffLimit)] ?? DefaultRefreshBackoffLimit;
            set
            {
                if (value <= 0) throw new ArgumentOutOfRangeException(nameof(value), value, "RefreshBackoffLimit must be a positive number of milliseconds.");
                ViewState[nameof(RefreshBackoffLimit)] = value;
            }
        }

        /// <summary>
        /// Gets or sets how many points per series the chart keeps between refreshes; 0 (the default) keeps
        /// none, and each refresh draws only what its handler adds. With a number set, a call starts with the
        /// series holding the points the chart shows (before <c>Page_Load</c>), so a
        /// <see cref="RefreshCallback"/> handler that appends this tick's reading draws a moving window of the
        /// last <c>MaxPoints</c> points; clearing a series in the handler starts it afresh. The points travel
        /// with each call and its reply (the browser keeps them), so every back end of a farm answers the next
        /// tick with no shared memory; keep the number to what the chart shows (hundreds, not millions). Set it
        /// in markup or before <c>Page_Load</c>. A point keeps its X, Y, axis label and tooltip, not its colour.
        /// </summary>
        [Category("Behavior")]
        [DefaultValue(0)]
        [Description("Points per series kept between refreshes (a moving window); 0 keeps none.")]
        public int MaxPoints
        {
            get => (int?)ViewState[nameof(MaxPoints)] ?? 0;
            set
            {
                if (value < 0) throw new ArgumentOutOfRangeException(nameof(value), value, "MaxPoints cannot be negative (0 keeps no points between refreshes).");
                ViewState[nameof(MaxPoints)] = value;
            }
        }

        /// <summary>
        /// Gets or sets whether a chart that refreshes by itself (<see cref="RefreshFrequency"/> above 0) shows its
        /// pause toggle: a button named "Pause updates" (in the page's language) whose <c>aria-pressed</c> says
        /// whether the chart is paused; a paused chart sends nothing until it is resumed. WCAG 2.2.2 asks for a
        /// way to pause anything that updates by itself, so it is on by default; turn it off only where the
        /// page offers its own (with <c>Chart1.pause()</c> and <c>Chart1.resume()</c>). Default: true.
        /// </summary>
        [Category("Accessibility")]
        [DefaultValue(true)]
        [Description("Show the pause toggle of a chart that refreshes by itself (turn off only when the page has its own).")]
        public bool ShowPauseButton
        {
            get => (bool?)ViewState[nameof(ShowPauseButton)] ?? true;
            set => ViewState[nameof(ShowPauseButton)] = value;
        }

        /// <summary>
        /// Gets or sets whether the drawing is one tab stop whose arrow keys walk its drawn points: Left and Right
        /// along a series, Up and Down to the series above or below (the point nearest in X), Home and End to the
        /// series' first and last point. The point is ringed in the drawing and read politely as "series, x, y";
        /// it stays the same reading across refreshes (found again by its X, or the nearest one left). Works for
        /// line, spline, area, column, bar and scatter charts with <see cref="ShowPointToolTips"/> on (the keys read
        /// each point's tooltip); a pie, or a chart without tooltips, is not a tab stop. Default: true.
        /// </summary>
        [Category("Accessibility")]
        [DefaultValue(true)]
        [Description("Make the drawing a tab stop whose arrow keys move between its points (needs ShowPointToolTips).")]
        public bool EnableKeyboardNavigation
        {
            get => (bool?)ViewState[nameof(EnableKeyboardNavigation)] ?? true;
            set => ViewState[nameof(EnableKeyboardNavigation)] = value;
        }

        /// <summary>
        /// Gets or sets whether a screen reader is told of new data: when a refresh changes a series' latest value,
        /// "Latest value of CPU is 42." (in the page's language) is said politely, at most once per
        /// <see cref="AnnounceInterval"/> (the newest is said when the interval is over) and never when the latest
        /// values did not change. Off by default: a chart refreshing every few seconds would otherwise talk over
        /// everything else; turn it on where the latest reading matters as it comes. Pie charts announce nothing.
        /// Default: false.
        /// </summary>
        [Category("Accessibility")]
        [DefaultValue(false)]
        [Description("Announce each series' latest value to screen readers when it changes, at most once per AnnounceInterval.")]
        public bool AnnounceUpdates
        {
            get => (bool?)ViewState[nameof(AnnounceUpdates)] ?? false;
            set => ViewState[nameof(AnnounceUpdates)] = value;
        }

        /// <summary>
        /// Gets or sets the shortest time, in milliseconds, between two announcements of new data
        /// (<see cref="AnnounceUpdates"/>); 1000 at least. Default: 10000.
        /// </summary>
        [Category("Accessibility")]
        [DefaultValue(DefaultAnnounceInterval)]
        [Description("Shortest time in milliseconds between two announcements of new data (AnnounceUpdates).")]
        public int AnnounceInterval
        {
            get => (int?)ViewState[nameof(AnnounceInterval)] ?? DefaultAnnounceInterval;
            set
            {
                if (value < MinimumAnnounceInterval) throw new ArgumentOutOfRangeException(nameof(value), value, "AnnounceInterval must be 1000 milliseconds or more.");
                ViewState[nameof(AnnounceInterval)] = value;
            }
        }

        /// <summary>Gets or sets the chart's title, drawn above it and used as its accessible name. Default: empty.</summary>
        [Category("Appearance")]
        [DefaultValue("")]
        [Description("Title drawn above the chart; also its accessible name.")]
        [Localizable(true)]
        public string Title
        {
            get => (string)ViewState[nameof(Title)] ?? string.Empty;
            set => ViewState[nameof(Title)] = TextRules.ReplaceLoneSurrogates(value);
        }

        /// <summary>
        /// Gets or sets the accessible description of the chart (the SVG's <c>desc</c>). Default: empty, which
        /// describes the chart from its data (type, series, axis ranges).
        /// </summary>
        [Category("Accessibility")]
        [DefaultValue("")]
        [Description("Accessible description; empty describes the chart from its data.")]
        [Localizable(true)]
        public string Description
        {
            get => (string)ViewState[nameof(Description)] ?? string.Empty;
            set => ViewState[nameof(Description)] = TextRules.ReplaceLoneSurrogates(value);
        }

        /// <summary>Gets or sets the title of the X axis (the category axis of a bar chart). Default: empty.</summary>
        [Category("Appearance")]
        [DefaultValue("")]
        [Description("Title of the X axis (the category axis of a bar chart).")]
        [Localizable(true)]
        public string XAxisTitle
        {
            get => (string)ViewState[nameof(XAxisTitle)] ?? string.Empty;
            set => ViewState[nameof(XAxisTitle)] = TextRules.ReplaceLoneSurrogates(value);
        }

        /// <summary>Gets or sets the title of the Y axis (the value axis). Default: empty.</summary>
        [Category("Appearance")]
        [DefaultValue("")]
        [Description("Title of the Y axis (the value axis).")]
        [Localizable(true)]
        public string YAxisTitle
        {
            get => (string)ViewState[nameof(YAxisTitle)] ?? string.Empty;
            set => ViewState[nameof(YAxisTitle)] = TextRules.ReplaceLoneSurrogates(value);
        }

        /// <summary>Gets or sets the kind of values on the X axis. Default: <see cref="ChartAxisType.Auto"/> (decided by the points).</summary>
        [Category("Appearance")]
        [DefaultValue(ChartAxisType.Auto)]
        [Description("Kind of values on the X axis: numbers, dates or categories; Auto decides from the points.")]
        public ChartAxisType XAxisType
        {
            get => (ChartAxisType?)ViewState[nameof(XAxisType)] ?? ChartAxisType.Auto;
            set => ViewState[nameof(XAxisType)] = value;
        }

        /// <summary>
        /// Gets or sets the .NET format string of X labels and tooltips (<c>HH:mm</c>, <c>N0</c>, ...). Default:
        /// empty, which picks the precision the tick step needs.
        /// </summary>
        [Category("Appearance")]
        [DefaultValue("")]
        [Description("Format string of X axis labels; empty picks one from the tick step.")]
        public string XAxisLabelFormat
        {
            get => (string)ViewState[nameof(XAxisLabelFormat)] ?? string.Empty;
            set => ViewState[nameof(XAxisLabelFormat)] = TextRules.ReplaceLoneSurrogates(value);
        }

        /// <summary>Gets or sets the .NET format string of Y labels and tooltips (<c>N1</c>, <c>0'%'</c>, ...). Default: empty (from the tick step).</summary>
        [Category("Appearance")]
        [DefaultValue("")]
        [Description("Format string of Y axis labels; empty picks one from the tick step.")]
        public string YAxisLabelFormat
        {
            get => (string)ViewState[nameof(YAxisLabelFormat)] ?? string.Empty;
            set => ViewState[nameof(YAxisLabelFormat)] = TextRules.ReplaceLoneSurrogates(value);
        }

        /// <summary>Gets or sets where the Y axis starts. Default: NaN (from the data, on a nice number).</summary>
        [Category("Appearance")]
        [DefaultValue(double.NaN)]
        [Description("Where the Y axis starts; NaN fits the data.")]
        public double YAxisMinimum
        {
            get => (double?)ViewState[nameof(YAxisMinimum)] ?? double.NaN;
            set => ViewState[nameof(YAxisMinimum)] = value;
        }

        /// <summary>Gets or sets where the Y axis ends. Default: NaN (from the data, on a nice number).</summary>
        [Category("Appearance")]
        [DefaultValue(double.NaN)]
        [Description("Where the Y axis ends; NaN fits the data.")]
        public double YAxisMaximum
        {
            get => (double?)ViewState[nameof(YAxisMaximum)] ?? double.NaN;
            set => ViewState[nameof(YAxisMaximum)] = value;
        }

        /// <summary>Gets or sets whether the legend is drawn below the chart. Default: true.</summary>
        [Category("Appearance")]
        [DefaultValue(true)]
        [Description("Draw the legend below the chart.")]
        public bool ShowLegend
        {
            get => (bool?)ViewState[nameof(ShowLegend)] ?? true;
            set => ViewState[nameof(ShowLegend)] = value;
        }

        /// <summary>Gets or sets whether grid lines are drawn at the ticks. Default: true.</summary>
        [Category("Appearance")]
        [DefaultValue(true)]
        [Description("Draw grid lines at the axis ticks.")]
        public bool ShowGridLines
        {
            get => (bool?)ViewState[nameof(ShowGridLines)] ?? true;
            set => ViewState[nameof(ShowGridLines)] = value;
        }

        /// <summary>
        /// Gets or sets whether a visually hidden table of the drawn values follows the chart, for screen
        /// readers. It lists the points drawn (after decimation). Default: false.
        /// </summary>
        [Category("Accessibility")]
        [DefaultValue(false)]
        [Description("Add a visually hidden table of the drawn values for screen readers.")]
        public bool ShowDataTable
        {
            get => (bool?)ViewState[nameof(ShowDataTable)] ?? false;
            set => ViewState[nameof(ShowDataTable)] = value;
        }

        /// <summary>
        /// Gets or sets whether each drawn point carries a tooltip (an SVG <c>title</c>). Turning it off makes each
        /// refresh smaller. Default: true.
        /// </summary>
        [Category("Appearance")]
        [DefaultValue(true)]
        [Description("Give each drawn point a tooltip; off makes each refresh smaller.")]
        public bool ShowPointToolTips
        {
            get => (bool?)ViewState[nameof(ShowPointToolTips)] ?? true;
            set => ViewState[nameof(ShowPointToolTips)] = value;
        }

        /// <summary>
        /// Gets or sets whether series also differ by something other than colour, for readers who cannot
        /// tell the palette's colours apart (WCAG 1.4.1): each line series after the first gets its own dash
        /// pattern (its legend swatch too), scatter markers their own shape (circle, square, triangle,
        /// diamond), and columns and bars a dashed outline. Default: false.
        /// </summary>
        [Category("Appearance")]
        [DefaultValue(false)]
        [Description("Tell series apart without colour: dash patterns, marker shapes, outlines.")]
        public bool DistinguishSeriesWithoutColor
        {
            get => (bool?)ViewState[nameof(DistinguishSeriesWithoutColor)] ?? false;
            set => ViewState[nameof(DistinguishSeriesWithoutColor)] = value;
        }

        /// <summary>
        /// Gets or sets the colours (comma separated in markup, any SVG colour) given in turn to series without
        /// their own colour, and to pie slices. Default: empty, a colour-blind-safe palette of eight colours.
        /// </summary>
        [Category("Appearance")]
        [DefaultValue("")]
        [Description("Comma-separated colours for series and slices; empty uses a colour-blind-safe palette.")]
        [TypeConverter(typeof(StringArrayConverter))]
        public string[] Palette
        {
            get => (string[])ViewState[nameof(Palette)] ?? new string[0];
            set => ViewState[nameof(Palette)] = value;
        }

        /// <summary>
        /// Gets or sets the width of the drawing in SVG units. The chart always fills its container's width;
        /// this and <see cref="ChartHeight"/> set its proportions, the size of its text relative to it, and the
        /// number of points a series is decimated to. Default: 640.
        /// </summary>
        [Category("Layout")]
        [DefaultValue(DefaultChartWidth)]
        [Description("Width of the drawing in SVG units; with ChartHeight it sets the proportions.")]
        public int ChartWidth
        {
            get => (int?)ViewState[nameof(ChartWidth)] ?? DefaultChartWidth;
            set
            {
                if (value < 100 || value > 10000) throw new ArgumentOutOfRangeException(nameof(value), value, "ChartWidth must be between 100 and 10000.");
                ViewState[nameof(ChartWidth)] = value;
            }
        }

        /// <summary>Gets or sets the height of the drawing in SVG units (see <see cref="ChartWidth"/>). Default: 320.</summary>
        [Category("Layout")]
        [DefaultValue(DefaultChartHeight)]
        [Description("Height of the drawing in SVG units; with ChartWidth it sets the proportions.")]
        public int ChartHeight
        {
            get => (int?)ViewState[nameof(ChartHeight)] ?? DefaultChartHeight;
            set
            {
                if (value < 60 || value > 10000) throw new ArgumentOutOfRangeException(nameof(value), value, "ChartHeight must be between 60 and 10000.");
                ViewState[nameof(ChartHeight)] = value;
            }
        }

        /// <summary>
        /// Gets or sets whether series longer than <see cref="DecimationThreshold"/> are thinned with
        /// largest-triangle-three-buckets before drawing, which bounds the markup whatever the number of points
        /// (pie charts keep their largest slices and merge the rest into "Other"). Default: true.
        /// </summary>
        [Category("Behavior")]
        [DefaultValue(true)]
        [Description("Thin long series to the plot's width before drawing (largest-triangle-three-buckets).")]
        public bool EnableDecimation
        {
            get => (bool?)ViewState[nameof(EnableDecimation)] ?? true;
            set => ViewState[nameof(EnableDecimation)] = value;
        }

        /// <summary>Gets or sets the most points drawn per series; 0 uses the plot's width in SVG units. Default: 0.</summary>
        [Category("Behavior")]
        [DefaultValue(0)]
        [Description("Most points drawn per series; 0 uses the plot's width.")]
        public int DecimationThreshold
        {
            get => (int?)ViewState[nameof(DecimationThreshold)] ?? 0;
            set
            {
                if (value < 0) throw new ArgumentOutOfRangeException(nameof(value), value, "DecimationThreshold cannot be negative (0 uses the plot's width).");
                ViewState[nameof(DecimationThreshold)] = value;
            }
        }

        /// <summary>Gets the series, drawn in order. Settings are kept in ViewState; points are not.</summary>
        [Category("Data")]
        [Description("The chart's series.")]
        [MergableProperty(false)]
        [PersistenceMode(PersistenceMode.InnerProperty)]
        [DesignerSerializationVisibility(DesignerSerializationVisibility.Content)]
        public ChartSeriesCollection Series
        {
            get
            {
                if (_series == null)
                {
                    _series = new ChartSeriesCollection();
                    if (IsTrackingViewState) ((IStateManager)_series).TrackViewState();
                }
                return _series;
            }
        }

        /// <summary>
        /// Gets or sets the data that <see cref="Control.DataBind()"/> turns into points: any
        /// <see cref="IEnumerable"/> or <see cref="IListSource"/> (a DataTable, a DataSet's first table, a list of
        /// objects). Each series with <see cref="ChartSeries.YValueMembers"/> set is refilled from it. Not kept in
        /// ViewState. Default: null.
        /// </summary>
        [Browsable(false)]
        [DesignerSerializationVisibility(DesignerSerializationVisibility.Hidden)]
        [Bindable(true)]
        [DefaultValue(null)]
        public object DataSource { get; set; }

        /// <inheritdoc />
        protected override string ClientControlType => ClientType;

        /// <summary>The logical name of the chart's client type; it needs the runtime loaded first.</summary>
        internal const string ScriptResource = "CallbackControls.RefreshingChart.RefreshingChart.js";

        /// <summary>The logical name of the chart's keyboard and announcement script; it loads before <see cref="ScriptResource"/>, which uses it.</summary>
        internal const string AccessibilityScriptResource = "CallbackControls.RefreshingChart.RefreshingChart.Accessibility.js";

        private protected override IEnumerable<string> GetScriptResources() => ClientResources.WithRuntime(AccessibilityScriptResource, ScriptResource);

        /// <inheritdoc />
        protected override HtmlTextWriterTag TagKey => HtmlTextWriterTag.Div;

        /// <summary>
        /// Draws the chart as it is now and returns the markup a refresh sends: a <c>div.cc-chart-body</c>
        /// holding the SVG (and the data table when <see cref="ShowDataTable"/> is on).
        /// </summary>
        /// <returns>The markup; all text in it is escaped.</returns>
        /// <exception cref="InvalidOperationException">The series mix chart types that cannot share a drawing
        /// (a pie with anything, bars with vertical types).</exception>
        public string RenderChartMarkup() => RenderChartMarkup(ChartWidth);

        /// <summary>
        /// The width a call asks the drawing to have: the container's, when it is narrower than
        /// <see cref="ChartWidth"/> (so the text keeps its size instead of shrinking with the drawing), never
        /// narrower than <see cref="MinimumFittedWidth"/>; otherwise <see cref="ChartWidth"/>.
        /// </summary>
        private int FittedWidth(IDictionary<string, object> state)
        {
            if (state != null && state.TryGetValue(WidthStateKey, out object raw) && raw is int width && width < ChartWidth)
                return Math.Max(MinimumFittedWidth, width);
            return ChartWidth;
        }

        private string RenderChartMarkup(int width)
        {
            var settings = new ChartSettings
            {
                IdPrefix = ClientID ?? ID ?? "chart",
                Width = width,
                Height = ChartHeight,
                Title = Title,
                Description = Description,
                XAxisTitle = XAxisTitle,
                YAxisTitle = YAxisTitle,
                XAxisType = XAxisType,
                XAxisLabelFormat = XAxisLabelFormat,
                YAxisLabelFormat = YAxisLabelFormat,
                YAxisMinimum = YAxisMinimum,
                YAxisMaximum = YAxisMaximum,
                ShowLegend = ShowLegend,
                ShowGridLines = ShowGridLines,
                ShowDataTable = ShowDataTable,
                ShowPointToolTips = ShowPointToolTips,
                DistinguishSeriesWithoutColor = DistinguishSeriesWithoutColor,
                Palette = Palette,
                EnableDecimation = EnableDecimation,
                DecimationThreshold = DecimationThreshold,
                KeyboardNavigation = EnableKeyboardNavigation,
                AnnounceUpdates = AnnounceUpdates,
                Culture = CultureInfo.CurrentCulture,
            };
            var series = new List<ChartSeries>(Series.Count);
            foreach (ChartSeries item in Series) series.Add(item);
            return new SvgChartRenderer(settings, series).Render();
        }

        /// <summary>Raises <see cref="RefreshCallback"/>.</summary>
        /// <param name="e">The call's argument in and optional extra result out.</param>
        protected virtual void OnRefreshCallback(CallbackEventArgs e)
        {
            ((CallbackEventHandler)Events[EventRefreshCallback])?.Invoke(this, e);
        }

        /// <summary>
        /// Answers a refresh: raises <see cref="RefreshCallback"/>, then draws the chart. The client receives
        /// <c>{ chart: "&lt;div class=\"cc-chart-body\"&gt;…", data: e.Result, hash: "…" }</c>; a timer tick whose
        /// <c>state.shown</c> names the hash of this very drawing receives <c>{ unchanged: true }</c> instead (with
        /// <c>data</c> when the handler set one), and the browser keeps what it shows.
        /// </summary>
        /// <param name="e">The call's argument and client state.</param>
        /// <returns>The drawing and the handler's extra result, or the word that nothing changed.</returns>
        protected override object ProcessCallback(CallbackEventArgs e)
        {
            bool keeps = MaxPoints > 0;
            if (keeps && !_keptRestored && e.ClientState.ContainsKey(KeptStateKey))
            {
                throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                    "RefreshingChart '{0}' got MaxPoints after its kept points were due (before Page_Load): set MaxPoints in markup or in Page_Init.", ID));
            }
            OnRefreshCallback(e);
            if (keeps) KeptPoints.Trim(Series, MaxPoints);
            object kept = keeps ? KeptPoints.Write(Series) : null;
            string chart = RenderChartMarkup(FittedWidth(e.ClientState));
            string hash = DrawingHash.Of(chart);
            if (e.ClientState.TryGetValue(ShownStateKey, out object shown) && shown is string text && text == hash)
            {
                // The same drawing again: a few dozen bytes instead of it, and no work for the browser.
                var unchanged = new Dictionary<string, object> { ["unchanged"] = true };
                if (e.Result != null) unchanged["data"] = e.Result;
                if (kept != null) unchanged[KeptStateKey] = kept;
                return unchanged;
            }
            var reply = new Dictionary<string, object>
            {
                ["chart"] = chart,
                ["data"] = e.Result,
                ["hash"] = hash,
            };
            if (kept != null) reply[KeptStateKey] = kept;
            return reply;
        }

        /// <inheritdoc />
        protected override void OnInit(EventArgs e)
        {
            base.OnInit(e);
            // Kept points come back with a call to this chart; they are put back before Page_Load, so the page
            // sees the series as the chart shows them, as though the server had kept them.
            if (Page != null && Page.IsCallback && CallbackSecurity.TargetId(Page.Request) == UniqueID) Page.PreLoad += RestoreKeptPoints;
        }

        private void RestoreKeptPoints(object sender, EventArgs e)
        {
            _keptRestored = true;
            if (MaxPoints <= 0) return;
            try
            {
                var state = CallbackEnvelope.ParseRequest(Page.Request.Form[CallbackSecurity.CallbackParamField]).ClientState;
                if (state.TryGetValue(KeptStateKey, out object kept)) KeptPoints.Restore(Series, kept, MaxPoints);
            }
            catch (CallbackException ex)
            {
                throw new CallbackRefusedException(400, CallbackEnvelope.BadRequestErrorCode, ex.Message);
            }
        }

        /// <inheritdoc />
        protected override void CreateVisibleContent(ControlCollection controls)
        {
            controls.Add(new PauseButton(this));
            controls.Add(new ChartBody(this));
            controls.Add(new LiveParts(this));
        }

        private protected override ClientOptions CreateClientOptions() =>
            new RefreshingChartOptions
            {
                RefreshFrequency = RefreshFrequency,
                RefreshMode = RefreshMode,
                RefreshBackoffLimit = RefreshBackoffLimit,
                ChartWidth = ChartWidth,
                Kept = MaxPoints > 0 ? KeptPoints.Write(Series) : null,
                AnnounceInterval = AnnounceUpdates ? AnnounceInterval : 0,
            };

        /// <inheritdoc />
        protected override void OnPreRender(EventArgs e)
        {
            base.OnPreRender(e);
            if (MaxPoints > 0) KeptPoints.Trim(Series, MaxPoints);
            if (RefreshMode == RefreshMode.Push && PushTopic.Length == 0)
            {
                throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                    "RefreshingChart '{0}' has RefreshMode=\"Push\" but no PushTopic: set PushTopic to the topic your code passes to CallbackPush.Notify.", ID));
            }
            if (RefreshesByItself && Events[EventRefreshCallback] == null && DataSource == null && Series.Cast<ChartSeries>().All(s => s.Points.Count == 0))
            {
                // Every tick would redraw the same empty chart: a missing handler, said where it is missed.
                throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                    "RefreshingChart '{0}' refreshes by itself ({1}) but nothing fills it: handle its RefreshCallback event " +
                    "(OnRefreshCallback=\"...\" in markup) and add points there, or turn the refreshes off.", ID,
                    RefreshFrequency > 0 ? "RefreshFrequency " + RefreshFrequency.ToString(CultureInfo.InvariantCulture) + " ms" : "PushTopic " + PushTopic));
            }
        }

        /// <summary>
        /// Gives the big value arrays of the series back for the next refresh to reuse, once the request is
        /// answered: the series are empty after this (points are filled on every request anyway).
        /// </summary>
        /// <param name="e">Event data.</param>
        protected override void OnUnload(EventArgs e)
        {
            base.OnUnload(e);
            if (_series == null) return;
            foreach (ChartSeries series in _series) series.Points.Store.Release();
        }

        /// <summary>Fills the data-bound series from <see cref="DataSource"/>, then binds child controls.</summary>
        /// <param name="e">Event data.</param>
        protected override void OnDataBinding(EventArgs e)
        {
            base.OnDataBinding(e);
            if (DataSource != null) BindSeries(DataSource);
        }

        /// <inheritdoc />
        protected override void TrackViewState()
        {
            base.TrackViewState();
            if (_series != null) ((IStateManager)_series).TrackViewState();
        }

        /// <inheritdoc />
        protected override object SaveViewState()
        {
            object own = base.SaveViewState();
            object series = _series != null ? ((IStateManager)_series).SaveViewState() : null;
            return own == null && series == null ? null : new Pair(own, series);
        }

        /// <inheritdoc />
        protected override void LoadViewState(object savedState)
        {
            if (savedState is Pair pair)
            {
                base.LoadViewState(pair.First);
                if (pair.Second != null) ((IStateManager)Series).LoadViewState(pair.Second);
            }
            else
            {
                base.LoadViewState(savedState);
            }
        }

        private void BindSeries(object dataSource)
        {
            var bound = new List<ChartSeries>();
            foreach (ChartSeries series in Series)
            {
                if (string.IsNullOrWhiteSpace(series.YValueMembers)) continue;
                if (series.YValueMembers.IndexOf(',') >= 0)
                {
                    throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                        "The series '{0}' names several YValueMembers ('{1}'); its chart type takes one Y value per point. Use one series per field.",
                        series.Name, series.YValueMembers));
                }
                series.Points.Clear();
                bound.Add(series);
            }
            if (bound.Count == 0) return;

            // One pass over the data feeds every series, so a forward-only source (a data reader) works.
            foreach (object item in Resolve(dataSource))
            {
                foreach (var series in bound)
                {
                    double y = ToDouble(ReadMember(item, series.YValueMembers.Trim()), series.YValueMembers);
                    string xMember = series.XValueMember.Trim();
                    if (xMember.Length == 0)
                    {
                        series.Points.AddY(y);
                        continue;
                    }
                    object x = ReadMember(item, xMember);
                    switch (x)
                    {
                        case null:
                        case DBNull _:
                            series.Points.AddWithoutX(y);
                            break;
                        case DateTime date:
                            series.Points.AddXY(date, y);
                            break;
                        case DateTimeOffset offset:
                            series.Points.AddXY(offset.DateTime, y);
                            break;
                        case string text:
                            series.Points.AddXY(text, y);
                            break;
                        default:
                            series.Points.AddXY(ToDouble(x, xMember), y);
                            break;
                    }
                }
            }
        }

        private static IEnumerable Resolve(object dataSource)
        {
            if (dataSource is IListSource listSource)
            {
                IList list = listSource.GetList();
                if (!listSource.ContainsListCollection) return list;
                // A DataSet lists its tables: bind to the first, as the framework's list controls do.
                if (list is ITypedList typed && list.Count > 0)
                {
                    var properties = typed.GetItemProperties(new PropertyDescriptor[0]);
                    if (properties.Count > 0 && properties[0].GetValue(list[0]) is IEnumerable first) return first;
                }
                throw new InvalidOperationException("The chart's DataSource holds no list to bind to.");
            }
            return dataSource as IEnumerable
                ?? throw new InvalidOperationException("The chart's DataSource must be an IEnumerable or an IListSource (such as a DataTable).");
        }

        private static object ReadMember(object item, string member)
        {
            if (item is IDictionary dictionary) return dictionary[member];
            try
            {
                return System.Web.UI.DataBinder.GetPropertyValue(item, member);
            }
            catch (System.Web.HttpException ex)
            {
                throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                    "A data item of the chart's DataSource has no field or property named '{0}'.", member), ex);
            }
        }

        private static double ToDouble(object value, string member)
        {
            if (value == null || value is DBNull) return double.NaN;
            try
            {
                return Convert.ToDouble(value, CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is FormatException || ex is InvalidCastException || ex is OverflowException)
            {
                throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                    "The value of '{0}' ({1}) is not a number the chart can draw.", member, value.GetType().Name), ex);
            }
        }

        /// <summary>Writes the drawing when the page renders; its markup is built at that moment from the current series.</summary>
        /// <summary>
        /// The pause toggle of a chart that refreshes by itself (WCAG 2.2.2 Pause, Stop, Hide): a real button
        /// outside the drawing, so a refresh never replaces it and its focus survives; named once ("Pause
        /// updates"), its state in aria-pressed. Decided at render time, from the settings as they stand then.
        /// </summary>
        private sealed class PauseButton : Control
        {
            private readonly RefreshingChart _owner;

            public PauseButton(RefreshingChart owner)
            {
                _owner = owner;
                EnableViewState = false;
            }

            protected override void Render(HtmlTextWriter writer)
            {
                if (!_owner.RefreshesByItself || !_owner.ShowPauseButton) return;
                writer.AddAttribute(HtmlTextWriterAttribute.Type, "button");
                writer.AddAttribute(HtmlTextWriterAttribute.Class, PauseButtonClass);
                writer.AddAttribute("aria-pressed", "false");
                writer.RenderBeginTag(HtmlTextWriterTag.Button);
                writer.WriteEncodedText(Texts.PauseUpdates);
                writer.RenderEndTag();
            }
        }

        /// <summary>
        /// What a screen reader is told outside the drawing, so a refresh never replaces it: the keys' hint (hidden,
        /// the tab stop's description) and the polite region that reads the point the keys reached and, with
        /// <see cref="AnnounceUpdates"/>, the latest values. Both stay empty of anything a tick could change.
        /// </summary>
        private sealed class LiveParts : Control
        {
            // Visually hidden, still spoken: the region must be rendered (not display:none) for its changes to be read.
            private const string VisuallyHiddenStyle =
                "position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);clip-path:inset(50%);white-space:nowrap;border:0";

            private readonly RefreshingChart _owner;

            public LiveParts(RefreshingChart owner)
            {
                _owner = owner;
                EnableViewState = false;
            }

            protected override void Render(HtmlTextWriter writer)
            {
                bool keys = _owner.EnableKeyboardNavigation && _owner.ShowPointToolTips;
                if (!keys && !_owner.AnnounceUpdates) return;
                if (keys)
                {
                    writer.AddAttribute(HtmlTextWriterAttribute.Id, (_owner.ClientID ?? _owner.ID ?? "chart") + "_" + SvgChartRenderer.KeysHintSuffix);
                    writer.AddAttribute(HtmlTextWriterAttribute.Class, KeysHintClass);
                    writer.AddAttribute("hidden", "hidden");
                    writer.RenderBeginTag(HtmlTextWriterTag.Span);
                    writer.WriteEncodedText(Texts.KeysHint);
                    writer.RenderEndTag();
                }
                writer.AddAttribute(HtmlTextWriterAttribute.Class, LiveRegionClass);
                writer.AddAttribute("aria-live", "polite");
                writer.AddAttribute("aria-atomic", "true");
                writer.AddAttribute(HtmlTextWriterAttribute.Style, VisuallyHiddenStyle);
                writer.RenderBeginTag(HtmlTextWriterTag.Span);
                writer.RenderEndTag();
            }
        }

        private sealed class ChartBody : Control
        {
            private readonly RefreshingChart _owner;

            public ChartBody(RefreshingChart owner)
            {
                _owner = owner;
                // Nothing of the drawing is state: it is rebuilt from the series on each request.
                EnableViewState = false;
            }

            protected override void Render(HtmlTextWriter writer)
            {
                writer.Write(_owner.RenderChartMarkup());
            }
        }
    }
}
