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

        public string XValue(double x, bool date) =>
            date ? WithXFormat(f => DateTime.FromOADate(ClampOADate(x)).ToString(f, Culture), "g") : WithXFormat(f => x.ToString(f, Culture), "#,0.###");

        /// <summary>An X tick's label: the page's format, or the one the tick step calls for.</summary>
        public string XTick(double x, AxisTicks ticks, bool date) =>
            date ? WithXFormat(f => DateTime.FromOADate(x).ToString(f, Culture), ticks.LabelFormat) : WithXFormat(f => x.ToString(f, Culture), ticks.LabelFormat);

        /// <summary>
        /// The page's X format, unless it does not fit the axis: a date format on a number axis (an empty
        /// chart has one) prints its own letters ("HH:mm:ss"), a number format on a date axis likewise.
        /// A label with no digit in it is such a misfit, and the axis's own format serves instead.
        /// </summary>
        private string WithXFormat(Func<string, string> write, string fallback)
        {
            if (!HasText(_settings.XAxisLabelFormat)) return write(fallback);
            var text = write(_settings.XAxisLabelFormat);
            foreach (var c in text)
            {
                if (char.IsDigit(c)) return text;
            }
            return write(fallback);
        }

        public string Y(double y) => y.ToString(YFormat("#,0.###"), Culture);

        public string ValueTick(double value, AxisTicks ticks) => value.ToString(YFormat(ticks.LabelFormat), Culture);

        public string Percent(double value, double total) =>
            (total > 0 ? value / total * 100 : 0).ToString("0.#", Culture) + "%";
    }
}
