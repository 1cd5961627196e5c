using System;
using System.Collections.Generic;
using System.Globalization;
using static CallbackControls.ChartMath;
using static CallbackControls.ChartText;

namespace CallbackControls
{
    /// <summary>
    /// Writes the chart's numbers and dates as the page asked (its label formats, its culture), so tick
    /// labels, tooltips, the description and the data table show a value the same way.
    /// </summary>
    internal sealed class ChartFormat
    {
        private readonly ChartSettings _settings;

        public ChartFormat(ChartSettings settings)
        {
            _settings = settings;
            Culture = settings.Culture ?? CultureInfo.CurrentCulture;
        }

        public CultureInfo Culture { get; }

        private string XFormat(string fallback) => HasText(_settings.XAxisLabelFormat) ? _settings.XAxisLabelFormat : fallback;

        private string YFormat(string fallback) => HasText(_settings.YAxisLabelFormat) ? _settings.YAxisLabelFormat : fallback;

        /// <summary>An X value as a point's text: a category's name on a category axis.</summary>
        public string X(double x, ChartAxisType axisType, IList<string> categories)
        {
            switch (axisType)
            {
                case ChartAxisType.Category:
                    int index = (int)Math.Round(x);
                    return index >= 0 && index < categories.Count ? categories[index] : string.Empty;
                case ChartAxisType.DateTime:
                    return XValue(x, true);
                default:
                    return XValue(x, false);
            }
        }

        public string XValue(double x, bool date)
        {
            if (date)
            {
                return DateTime.FromOADate(ClampOADate(x)).ToString(XFormat("g"), Culture);
            }
            return x.ToString(XFormat("#,0.###"), Culture);
        }

        /// <summary>An X tick's label: the page's format, or the one the tick step calls for.</summary>
        public string XTick(double x, AxisTicks ticks, bool date) =>
            date ? DateTime.FromOADate(x).ToString(XFormat(ticks.LabelFormat), Culture) : x.ToString(XFormat(ticks.LabelFormat), Culture);

        public string Y(double y) => y.ToString(YFormat("#,0.###"), Culture);

        public string ValueTick(double value, AxisTicks ticks) => value.ToString(YFormat(ticks.LabelFormat), Culture);

        public string Percent(double value, double total) =>
            (total > 0 ? value / total * 100 : 0).ToString("0.#", Culture) + "%";
    }
}
