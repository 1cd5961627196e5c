using System;
using System.Linq;
using static CallbackControls.ChartStyle;
using static CallbackControls.ChartText;

namespace CallbackControls
{
    /// <summary>
    /// What every chart drawing is made on: its size, the ids its parts refer to, its colours and formats,
    /// and the svg element itself with the title and description that screen readers announce.
    /// </summary>
    internal sealed class ChartCanvas
    {
        private readonly string[] _palette;

        public ChartCanvas(ChartSettings settings)
        {
            Settings = settings;
            Format = new ChartFormat(settings);
            _palette = settings.Palette != null && settings.Palette.Any(p => !string.IsNullOrWhiteSpace(p))
                ? settings.Palette.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).ToArray()
                : DefaultPalette;
        }

        public ChartSettings Settings { get; }

        public ChartFormat Format { get; }

        public double Width => Math.Max(40, Settings.Width);

        public double Height => Math.Max(40, Settings.Height);

        public bool HasTitle => !string.IsNullOrEmpty(Settings.Title);

        /// <summary>The chart's accessible name: its title, or "Chart".</summary>
        public string Name => HasTitle ? Settings.Title : "Chart";

        // The control's client id in every id: two charts on one page must not share a clip path or a title.
        public string Id(string suffix) => Settings.IdPrefix + "_" + suffix;

        /// <summary>The colour the page gave, or the palette's colour for this position.</summary>
        public string ColorOr(string color, int index) => HasText(color) ? color.Trim() : _palette[index % _palette.Length];

        public void WriteSvgStart(SvgMarkupWriter writer, string description, string typeCss)
        {
            writer.Start("svg").Attr("xmlns", "http://www.w3.org/2000/svg")
                .Attr("class", "cc-chart-svg " + typeCss)
                .BeginAttr("viewBox").Number(0).Space().Number(0).Space().Number(Width).Space().Number(Height).EndAttr()
                // Width 100% with a viewBox: the chart fills its container and keeps its proportions.
                .Attr("width", "100%")
                .Attr("preserveAspectRatio", "xMidYMid meet")
                .Attr("role", "img")
                // The title names the chart, the description says what it shows: a screen reader reads the
                // name first and the longer description after it, as separate properties.
                .Attr("aria-labelledby", Id("title"))
                .Attr("aria-describedby", Id("desc"))
                .Attr("font-family", "sans-serif")
                .Attr("font-size", FontSize)
                .Open();
            writer.Start("title").Attr("id", Id("title")).Open().Text(Name).End("title");
            writer.Start("desc").Attr("id", Id("desc")).Open().Text(description).End("desc");
        }

        public void WriteTitle(SvgMarkupWriter writer)
        {
            if (!HasTitle) return;
            writer.Start("text").Attr("class", "cc-chart-title").Attr("x", Width / 2).Attr("y", Gap + TitleFontSize - 2)
                .Attr("text-anchor", "middle").Attr("font-size", TitleFontSize).Attr("font-weight", "bold").Attr("fill", TextColor)
                .Open().Text(Settings.Title).End("text");
        }

        /// <summary>Says so in the middle of an empty plot: a blank area looks like a chart still loading.</summary>
        public static void WriteNoData(SvgMarkupWriter writer, double x, double y)
        {
            writer.Start("text").Attr("class", "cc-chart-nodata").Attr("x", x).Attr("y", y)
                .Attr("text-anchor", "middle").Attr("fill", MutedTextColor).Open().Text("No data").End("text");
        }
    }
}
