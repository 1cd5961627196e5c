using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Web;
using System.Web.UI;

namespace CallbackControls.Sample
{
    /// <summary>
    /// Beside each sample: what to notice (the control's inner content), a table of the properties its
    /// CallbackControls controls set (read from the live controls) and the page's own markup,
    /// code-behind and script, read from its files on every request, so the sample never drifts from
    /// what it shows.
    /// </summary>
    [ParseChildren(false)]
    [PersistChildren(true)]
    public class SampleInfo : Control
    {
        /// <summary>Renders the three parts.</summary>
        protected override void Render(HtmlTextWriter writer)
        {
            writer.Write("<aside class=\"sample-info\" aria-label=\"About this sample\">");
            writer.Write("<h2>What to notice</h2><div class=\"notice\">");
            RenderChildren(writer);
            writer.Write("</div>");
            RenderProperties(writer);
            RenderSources(writer);
            writer.Write("</aside>");
        }

        private void RenderProperties(HtmlTextWriter writer)
        {
            var rows = CallbackControlsOf(Page).SelectMany(control => SetProperties(control).Select(p => (control.ID, p.Name, p.Value))).ToList();
            if (rows.Count == 0) return;
            writer.Write("<h2>Properties it sets</h2><table class=\"properties\"><thead><tr><th scope=\"col\">Control</th><th scope=\"col\">Property</th><th scope=\"col\">Value</th></tr></thead><tbody>");
            foreach (var (id, name, value) in rows)
            {
                writer.Write("<tr><td>");
                writer.WriteEncodedText(id ?? string.Empty);
                writer.Write("</td><td><code>");
                writer.WriteEncodedText(name);
                writer.Write("</code></td><td><code>");
                writer.WriteEncodedText(value);
                writer.Write("</code></td></tr>");
            }
            writer.Write("</tbody></table>");
        }

        /// <summary>The library's controls on the page (CascadingDropDown is a ListControl, the others CallbackControlBase).</summary>
        private static IEnumerable<Control> CallbackControlsOf(Control root)
        {
            foreach (Control child in root.Controls)
            {
                if (child.GetType().Assembly == typeof(CallbackControlBase).Assembly || child.GetType().BaseType?.Assembly == typeof(CallbackControlBase).Assembly)
                    yield return child;
                foreach (var nested in CallbackControlsOf(child)) yield return nested;
            }
        }

        /// <summary>The markup properties of a control whose value differs from their default.</summary>
        private static IEnumerable<(string Name, string Value)> SetProperties(Control control)
        {
            foreach (var property in control.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                var fallback = property.GetCustomAttribute<DefaultValueAttribute>();
                if (fallback == null || property.GetIndexParameters().Length > 0 || property.Name == "ID") continue;
                if (property.DeclaringType == null || property.DeclaringType.Assembly != typeof(CallbackControlBase).Assembly) continue;
                var value = property.GetValue(control);
                if (Equals(value, fallback.Value) || (value is string text && text.Length == 0 && fallback.Value == null)) continue;
                if (value is string[] none && none.Length == 0) continue;
                yield return (property.Name, value is string[] list ? string.Join(",", list) : Convert.ToString(value, CultureInfo.InvariantCulture));
            }
        }

        private void RenderSources(HtmlTextWriter writer)
        {
            var page = Context.Request.PhysicalPath;
            var name = Path.GetFileNameWithoutExtension(page);
            var files = new[]
            {
                ("Markup", page),
                ("Code-behind", page + ".cs"),
                ("Script", Path.Combine(Path.GetDirectoryName(page), name + ".js")),
            };
            writer.Write("<h2>Source</h2>");
            foreach (var (kind, path) in files.Where(f => File.Exists(f.Item2)))
            {
                writer.Write("<details><summary>");
                writer.WriteEncodedText(kind + ": " + Path.GetFileName(path));
                // Scrollable, so reachable by keyboard.
                writer.Write("</summary><pre tabindex=\"0\"><code>");
                writer.WriteEncodedText(File.ReadAllText(path));
                writer.Write("</code></pre></details>");
            }
        }
    }
}
