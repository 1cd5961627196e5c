using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using AngleSharp.Dom;
using Xunit;
using static CallbackControls.Tests.RefreshingChart.ChartTestKit;

namespace CallbackControls.Tests.RefreshingChart
{
    /// <summary>
    /// The drawing of fixed charts compared with reviewed SVG files (RefreshingChart/Golden/*.svg, copied to the
    /// output). Both sides are parsed with AngleSharp and written in one canonical form (sorted attributes,
    /// no whitespace between elements) before comparing, so only real differences fail.
    /// Set CC_UPDATE_GOLDEN=1 to rewrite the files after a deliberate change (those runs fail on purpose), then review the diff.
    /// </summary>
    public class GoldenSvgTests
    {
        public static TheoryData<string> Cases() => new TheoryData<string>
        {
            "line-dates", "spline", "area", "stacked-area", "column", "stacked-column", "bar", "scatter", "pie", "doughnut", "negative-columns",
            "one-point-dates", "one-column-number", "shared-x-line",
        };

        private static CallbackControls.RefreshingChart Build(string name)
        {
            CallbackControls.RefreshingChart chart;
            switch (name)
            {
                case "line-dates":
                    chart = Chart(ChartType.Line, 2, 31, ChartAxisType.DateTime);
                    chart.Title = "Server load";
                    chart.XAxisTitle = "Time";
                    chart.YAxisTitle = "Percent";
                    break;
                case "spline": chart = Chart(ChartType.Spline, 2, 10); break;
                case "area": chart = Chart(ChartType.Area, 2, 20); break;
                case "stacked-area": chart = Chart(ChartType.StackedArea, 3, 20, ChartAxisType.DateTime); break;
                case "column": chart = Chart(ChartType.Column, 2, 6, ChartAxisType.Category); break;
                case "stacked-column": chart = Chart(ChartType.StackedColumn, 3, 6, ChartAxisType.Category); break;
                case "bar": chart = Chart(ChartType.Bar, 2, 5, ChartAxisType.Category); break;
                case "scatter": chart = Chart(ChartType.Scatter, 2, 25); break;
                case "pie": chart = Chart(ChartType.Pie, 1, 5, ChartAxisType.Category); break;
                case "doughnut": chart = Chart(ChartType.Doughnut, 1, 5, ChartAxisType.Category); break;
                case "negative-columns":
                    chart = new CallbackControls.RefreshingChart { ID = "Chart1", Title = "Profit", YAxisLabelFormat = "N0" };
                    var series = chart.Series.Add("Profit", ChartType.Column);
                    foreach (var (month, value) in new[] { ("Jan", 120.0), ("Feb", -40.0), ("Mar", 75.5), ("Apr", -110.0) }) series.Points.AddXY(month, value);
                    break;
                case "one-point-dates":
                    // The first tick of a chart that keeps its points: one reading.
                    chart = new CallbackControls.RefreshingChart { ID = "Chart1", Title = "Load" };
                    chart.Series.Add("CPU", ChartType.Line).Points.AddXY(new DateTime(2026, 12, 7, 10, 0, 0), 42);
                    break;
                case "one-column-number":
                    chart = new CallbackControls.RefreshingChart { ID = "Chart1" };
                    chart.Series.Add("Orders", ChartType.Column).Points.AddXY(2026, 17);
                    break;
                case "shared-x-line":
                    chart = new CallbackControls.RefreshingChart { ID = "Chart1" };
                    var shared = chart.Series.Add("Range", ChartType.Line);
                    shared.Points.AddXY(5.0, 10);
                    shared.Points.AddXY(5.0, 15);
                    break;
                default: throw new ArgumentOutOfRangeException(nameof(name));
            }
            return chart;
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Render_FixedChart_MatchesItsGoldenSvg(string name)
        {
            var svg = Render(Build(name)).QuerySelector("svg");
            string actual = Canonical(svg);

            if (Environment.GetEnvironmentVariable("CC_UPDATE_GOLDEN") == "1")
            {
                // Rewriting is never a pass: a variable left on (in CI, say) must not turn every comparison green.
                File.WriteAllText(Path.Combine(SourceFolder(), "Golden", name + ".svg"), actual, new UTF8Encoding(false));
                Assert.Fail("golden file rewritten: review the diff, then run again without CC_UPDATE_GOLDEN");
            }

            string path = Path.Combine(OutputFolder(), "RefreshingChart", "Golden", name + ".svg");
            Assert.True(File.Exists(path), "golden file missing: " + path + " (run with CC_UPDATE_GOLDEN=1 to create it)");
            string expected = Canonical(Parse("<div>" + File.ReadAllText(path) + "</div>").QuerySelector("svg"));
            Assert.Equal(expected, actual);
        }

        [Fact]
        public void Canonical_IgnoresAttributeOrderAndWhitespace_ButNotValues()
        {
            string a = Canonical(Parse("<div><svg><g  b=\"2\" a=\"1\">\n  <text>x</text></g></svg></div>").QuerySelector("svg"));
            string b = Canonical(Parse("<div><svg><g a=\"1\" b=\"2\"><text>x</text></g></svg></div>").QuerySelector("svg"));
            string c = Canonical(Parse("<div><svg><g a=\"1\" b=\"3\"><text>x</text></g></svg></div>").QuerySelector("svg"));

            Assert.Equal(a, b);
            Assert.NotEqual(a, c);
        }

        /// <summary>One element per line, indented, attributes sorted; text escaped; a valid standalone SVG file.</summary>
        internal static string Canonical(IElement root)
        {
            var text = new StringBuilder();
            Write(root, 0, text);
            return text.ToString();
        }

        private static void Write(IElement element, int depth, StringBuilder text)
        {
            text.Append(' ', depth * 2).Append('<').Append(element.LocalName);
            foreach (var attribute in element.Attributes.OrderBy(a => a.Name, StringComparer.Ordinal))
            {
                text.Append(' ').Append(attribute.Name).Append("=\"").Append(Escape(attribute.Value)).Append('"');
            }
            var children = element.ChildNodes.Where(n => n.NodeType == NodeType.Element || (n.NodeType == NodeType.Text && n.TextContent.Trim().Length > 0)).ToList();
            if (children.Count == 0)
            {
                text.Append("/>\n");
                return;
            }
            if (children.All(n => n.NodeType == NodeType.Text))
            {
                text.Append('>').Append(Escape(element.TextContent)).Append("</").Append(element.LocalName).Append(">\n");
                return;
            }
            text.Append(">\n");
            foreach (var child in children)
            {
                if (child is IElement e) Write(e, depth + 1, text);
                else text.Append(' ', (depth + 1) * 2).Append(Escape(child.TextContent.Trim())).Append('\n');
            }
            text.Append(' ', depth * 2).Append("</").Append(element.LocalName).Append(">\n");
        }

        private static string Escape(string value) =>
            value.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");

        private static string OutputFolder() =>
            Path.GetDirectoryName(new Uri(typeof(GoldenSvgTests).Assembly.CodeBase).LocalPath);

        // Where the golden files are kept in the source tree. A CI build (ContinuousIntegrationBuild) maps
        // [CallerFilePath] to /_/..., so then the folder is found above the output folder instead.
        private static string SourceFolder([CallerFilePath] string path = "")
        {
            var folder = Path.GetDirectoryName(path);
            if (Directory.Exists(Path.Combine(folder, "Golden"))) return folder;
            for (var up = new DirectoryInfo(OutputFolder()); up != null; up = up.Parent)
            {
                var candidate = Path.Combine(up.FullName, "tests", "CallbackControls.Tests.Unit", "RefreshingChart");
                if (Directory.Exists(Path.Combine(candidate, "Golden"))) return candidate;
            }
            throw new DirectoryNotFoundException("the source folder of the golden files was not found above " + OutputFolder());
        }
    }
}
