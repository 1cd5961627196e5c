using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CallbackControls
{
    /// <summary>
    /// Draws a chart as inline SVG inside a <c>div.cc-chart-body</c>, with an optional visually hidden
    /// data table after it. Every piece of text (names, labels, tooltips, titles) is escaped; colours are
    /// presentation attributes, so no style sheet or inline style is needed for the chart itself.
    /// Large series are decimated to the plot's width, so the markup stays bounded whatever the data.
    /// </summary>
    /// <remarks>
    /// This class checks that the series can share a drawing and puts the parts together in the order the
    /// markup needs; the parts live beside it: <see cref="ChartData"/> (values), <see cref="ChartLayout"/>
    /// and <see cref="ChartTicks"/> (where things go), <see cref="ChartDecimation"/> (how many points are
    /// drawn), <see cref="CartesianChartWriter"/> and <see cref="CircularChartWriter"/> (the drawings),
    /// <see cref="ChartLegendWriter"/> and <see cref="ChartDataTableWriter"/>.
    /// </remarks>
    internal sealed class SvgChartRenderer
    {
        internal const string BodyCssClass = "cc-chart-body";

        /// <summary>The class of the drawing's tab stop, which RefreshingChart.js keeps across refreshes.</summary>
        internal const string KeysCssClass = "cc-chart-keys";

        /// <summary>The suffix of the id of the keys' hint, which the control renders outside the body (it never changes).</summary>
        internal const string KeysHintSuffix = "keys";

        private readonly ChartSettings _settings;
        private readonly IList<ChartSeries> _series;
        private readonly ChartCanvas _canvas;

        public SvgChartRenderer(ChartSettings settings, IList<ChartSeries> series)
        {
            _settings = settings ?? throw new ArgumentNullException(nameof(settings));
            _series = series ?? throw new ArgumentNullException(nameof(series));
            _canvas = new ChartCanvas(settings);
        }

        /// <summary>Returns the markup of the chart body: the SVG and, when asked for, the data table.</summary>
        public string Render()
        {
            IChartWriter chart = Validate()
                ? new CircularChartWriter(_canvas, _series[0])
                : new CartesianChartWriter(_canvas, _series);
            var writer = new SvgMarkupWriter(8192);
            writer.Start("div").Attr("class", BodyCssClass);
            // The client compares it with what it announced last (AnnounceUpdates); it is not read from the page.
            if (chart.Latest != null) writer.Attr("data-latest", chart.Latest);
            writer.Open();
            if (chart.Navigable) WriteKeysStart(writer);
            _canvas.WriteSvgStart(writer, chart.Description, chart.TypeCss);
            chart.WriteDefs(writer);
            _canvas.WriteTitle(writer);
            chart.WritePlot(writer);
            ChartLegendWriter.Write(writer, chart.Legend);
            writer.End("svg");
            if (chart.Navigable) writer.End("div");
            if (_settings.ShowDataTable) chart.WriteTable(writer);
            writer.End("div");
            return writer.ToString();
        }

        /// <summary>
        /// The drawing's tab stop: an application (the arrow keys are the page's, not a screen reader's browse
        /// keys), named by the chart's title and described by the keys' hint only. The svg inside keeps its
        /// image role and its changing description for browse mode; the tab stop's own name and description
        /// never change with the data, so a screen reader says nothing on a refresh while it has focus.
        /// </summary>
        private void WriteKeysStart(SvgMarkupWriter writer)
        {
            writer.Start("div").Attr("class", KeysCssClass).Attr("tabindex", "0").Attr("role", "application")
                .Attr("aria-roledescription", Texts.ChartRoleDescription)
                .Attr("aria-label", _canvas.Name)
                .Attr("aria-describedby", _canvas.Id(KeysHintSuffix))
                .Open();
        }

        /// <summary>Checks that the series' chart types can share one drawing; returns true for a pie or doughnut chart.</summary>
        private bool Validate()
        {
            if (_series.Count == 0) return false;
            bool circular = IsCircular(_series[0].ChartType);
            if (circular && _series.Count > 1)
            {
                throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                    "A pie or doughnut chart draws one series; this chart has {0}. Use one chart per series.", _series.Count));
            }
            if (!circular && _series.Any(s => IsCircular(s.ChartType)))
            {
                throw new InvalidOperationException("Pie and doughnut series cannot share a chart with other series; make the pie the chart's only series.");
            }
            bool bars = _series.Any(s => s.ChartType == ChartType.Bar);
            if (bars && _series.Any(s => s.ChartType != ChartType.Bar))
            {
                throw new InvalidOperationException("Bar series are drawn horizontally and cannot share a chart with other chart types; use Column for vertical bars.");
            }
            return circular;
        }

        private static bool IsCircular(ChartType type) => type == ChartType.Pie || type == ChartType.Doughnut;
    }
}
