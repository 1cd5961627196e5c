using System;
using System.Globalization;
using System.Text;

namespace CallbackControls
{
    /// <summary>
    /// Writes SVG and HTML markup with every text and attribute value escaped. Characters XML forbids
    /// (control characters, lone surrogates) are dropped so the markup also parses as XML.
    /// </summary>
    internal sealed class SvgMarkupWriter
    {
        // Coordinates far outside the drawing are clipped anyway; the cap keeps the fast formatter in range.
        private const double CoordinateLimit = 1e9;

        private readonly StringBuilder _text;

        public SvgMarkupWriter(int capacity)
        {
            _text = new StringBuilder(capacity);
        }

        public int Length => _text.Length;

        public SvgMarkupWriter Start(string name)
        {
            _text.Append('<').Append(name);
            return this;
        }

        public SvgMarkupWriter Attr(string name, string value)
        {
            _text.Append(' ').Append(name).Append("=\"");
            AppendEscaped(_text, value);
            _text.Append('"');
            return this;
        }

        public SvgMarkupWriter Attr(string name, double value)
        {
            _text.Append(' ').Append(name).Append("=\"");
            AppendNumber(_text, value);
            _text.Append('"');
            return this;
        }

        /// <summary>Ends a start tag whose element has content.</summary>
        public SvgMarkupWriter Open()
        {
            _text.Append('>');
            return this;
        }

        /// <summary>Ends a start tag as an empty element (SVG only: HTML elements need <see cref="End"/>).</summary>
        public SvgMarkupWriter Empty()
        {
            _text.Append("/>");
            return this;
        }

        /// <summary>
        /// Ends a start tag with a <c>&lt;title&gt;</c> child, which browsers show as a tooltip, or as an empty
        /// element when <paramref name="title"/> is null.
        /// </summary>
        public SvgMarkupWriter EndWithTitle(string name, string title) =>
            title == null ? Empty() : Open().TextElement("title", title).End(name);

        public SvgMarkupWriter End(string name)
        {
            _text.Append("</").Append(name).Append('>');
            return this;
        }

        public SvgMarkupWriter Text(string text)
        {
            AppendEscaped(_text, text);
            return this;
        }

        /// <summary>An element holding only text, such as <c>&lt;title&gt;</c>.</summary>
        public SvgMarkupWriter TextElement(string name, string text)
        {
            return Start(name).Open().Text(text).End(name);
        }

        /// <summary>Appends markup the renderer itself composed from constants and numbers (never from data).</summary>
        public SvgMarkupWriter Markup(string markup)
        {
            _text.Append(markup);
            return this;
        }

        /// <summary>Starts an attribute whose value is written piece by piece (path data, point lists).</summary>
        public SvgMarkupWriter BeginAttr(string name)
        {
            _text.Append(' ').Append(name).Append("=\"");
            return this;
        }

        public SvgMarkupWriter EndAttr()
        {
            _text.Append('"');
            return this;
        }

        /// <summary>Appends a path command letter inside an attribute begun with <see cref="BeginAttr"/>.</summary>
        public SvgMarkupWriter Command(char command)
        {
            _text.Append(command);
            return this;
        }

        /// <summary>Appends "x,y" inside an attribute begun with <see cref="BeginAttr"/>.</summary>
        public SvgMarkupWriter Pair(double x, double y)
        {
            AppendNumber(_text, x);
            _text.Append(',');
            AppendNumber(_text, y);
            return this;
        }

        public SvgMarkupWriter Space()
        {
            _text.Append(' ');
            return this;
        }

        public SvgMarkupWriter Number(double value)
        {
            AppendNumber(_text, value);
            return this;
        }

        public override string ToString() => _text.ToString();

        /// <summary>
        /// Writes a number with at most one decimal, invariant and without exponent: a tenth of a unit is
        /// below what a screen shows, and the short form keeps the markup (and each refresh) small.
        /// </summary>
        internal static void AppendNumber(StringBuilder text, double value)
        {
            if (double.IsNaN(value)) value = 0;
            if (value > CoordinateLimit) value = CoordinateLimit;
            if (value < -CoordinateLimit) value = -CoordinateLimit;
            long tenths = (long)Math.Round(value * 10, MidpointRounding.AwayFromZero);
            if (tenths < 0)
            {
                text.Append('-');
                tenths = -tenths;
            }
            text.Append((tenths / 10).ToString(CultureInfo.InvariantCulture));
            long fraction = tenths % 10;
            if (fraction != 0) text.Append('.').Append((char)('0' + fraction));
        }

        internal static void AppendEscaped(StringBuilder text, string value)
        {
            if (string.IsNullOrEmpty(value)) return;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                switch (c)
                {
                    case '&': text.Append("&amp;"); break;
                    case '<': text.Append("&lt;"); break;
                    case '>': text.Append("&gt;"); break;
                    case '"': text.Append("&quot;"); break;
                    case '\'': text.Append("&#39;"); break;
                    default:
                        if (c < 0x20)
                        {
                            if (c == '\t' || c == '\n' || c == '\r') text.Append(c);
                        }
                        else if (char.IsHighSurrogate(c))
                        {
                            if (i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                            {
                                text.Append(c).Append(value[i + 1]);
                                i++;
                            }
                            else
                            {
                                text.Append('\uFFFD'); // a lone half of a pair: drawn as the replacement character
                            }
                        }
                        else if (char.IsLowSurrogate(c))
                        {
                            text.Append('\uFFFD');
                        }
                        else if (c != '\uFFFE' && c != '\uFFFF')
                        {
                            text.Append(c);
                        }
                        break;
                }
            }
        }

        /// <summary>Escapes text for markup (used for values that are not written through a writer).</summary>
        internal static string Escape(string value)
        {
            var text = new StringBuilder(value?.Length ?? 0);
            AppendEscaped(text, value);
            return text.ToString();
        }
    }
}
