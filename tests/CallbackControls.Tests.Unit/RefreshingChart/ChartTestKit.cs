using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace CallbackControls.Tests.RefreshingChart
{
    /// <summary>Builds charts with known data and parses what they render.</summary>
    internal static class ChartTestKit
    {
        public static readonly DateTime Start = new DateTime(2024, 1, 1, 12, 0, 0);

        /// <summary>A chart with series of a type, filled with a smooth wave (deterministic).</summary>
        public static CallbackControls.RefreshingChart Chart(ChartType type, int seriesCount, int points, ChartAxisType xKind = ChartAxisType.Number)
        {
            var chart = new CallbackControls.RefreshingChart { ID = "Chart1" };
            for (int s = 0; s < seriesCount; s++)
            {
                var series = chart.Series.Add("Series " + (char)('A' + s), type);
                for (int i = 0; i < points; i++)
                {
                    double y = Math.Round(20 + 10 * Math.Sin(i / 4.0 + s) + 3 * s, 2);
                    switch (xKind)
                    {
                        case ChartAxisType.DateTime: series.Points.AddXY(Start.AddSeconds(i * 10), y); break;
                        case ChartAxisType.Category: series.Points.AddXY("Item " + i, y); break;
                        default: series.Points.AddXY(i, y); break;
                    }
                }
            }
            return chart;
        }

        /// <summary>Renders the chart body with invariant formatting and parses it as the browser would.</summary>
        public static IElement Render(CallbackControls.RefreshingChart chart)
        {
            using (Invariant())
            {
                return Parse(chart.RenderChartMarkup());
            }
        }

        /// <summary>Renders the whole control (its element, options and content) in the current culture and parses it.</summary>
        public static IElement RenderControl(System.Web.UI.Control control)
        {
            using (var text = new System.IO.StringWriter())
            using (var writer = new System.Web.UI.HtmlTextWriter(text))
            {
                control.RenderControl(writer);
                return new HtmlParser().ParseDocument("<body>" + text + "</body>").Body.FirstElementChild;
            }
        }

        /// <summary>The client options a rendered control carries (data-cc-options).</summary>
        public static System.Collections.Generic.IDictionary<string, object> Options(IElement element) =>
            (System.Collections.Generic.IDictionary<string, object>)new System.Web.Script.Serialization.JavaScriptSerializer()
                .DeserializeObject(element.GetAttribute(CallbackControlBase.OptionsAttribute));

        public static IElement Parse(string markup)
        {
            var document = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + markup + "</body></html>");
            return document.Body.FirstElementChild;
        }

        /// <summary>Sets the invariant culture on this thread until disposed.</summary>
        public static IDisposable Invariant() => new CultureScope(CultureInfo.InvariantCulture);

        public static IDisposable Culture(string name) => new CultureScope(CultureInfo.GetCultureInfo(name));

        /// <summary>The numbers of a path's d attribute, as pairs.</summary>
        public static int PathPointCount(IElement path) =>
            path.GetAttribute("d").Count(c => c == 'L' || c == 'M' || c == 'C');

        private sealed class CultureScope : IDisposable
        {
            private readonly CultureInfo _previous;
            private readonly CultureInfo _previousUi;

            public CultureScope(CultureInfo culture)
            {
                _previous = Thread.CurrentThread.CurrentCulture;
                _previousUi = Thread.CurrentThread.CurrentUICulture;
                Thread.CurrentThread.CurrentCulture = culture;
                Thread.CurrentThread.CurrentUICulture = culture;
            }

            public void Dispose()
            {
                Thread.CurrentThread.CurrentCulture = _previous;
                Thread.CurrentThread.CurrentUICulture = _previousUi;
            }
        }
    }
}
