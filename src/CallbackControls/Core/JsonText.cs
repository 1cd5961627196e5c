using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Web.Script.Serialization;

namespace CallbackControls
{
    /// <summary>
    /// Writes the JSON of every reply and of the options a control renders. The shapes the library itself
    /// produces (strings, booleans, whole numbers, finite doubles, string-keyed dictionaries and lists of
    /// them, such as a list's <c>[text, value]</c> rows) are written here; any other value (a page author's
    /// anonymous object, a date, an enum, a decimal) goes to the framework's
    /// <see cref="JavaScriptSerializer"/>, so it comes out exactly as before.
    /// </summary>
    /// <remarks>
    /// Why not the serializer for everything: on Mono it took ~300 µs for a list of 100 rows, more than a
    /// whole bare request costs the host; this writer takes ~15 µs (docs/RESULTS.md). Strings are escaped
    /// as the serializer escapes them and more: <c>&lt; &gt; &amp; '</c> and the two line separators
    /// become <c>\uXXXX</c>, so a reply never holds markup characters, even if read as text.
    /// </remarks>
    internal static class JsonText
    {
        /// <summary>The deepest nesting written; deeper (or a value that contains itself) is the caller's bug.</summary>
        internal const int MaxDepth = 64;

        /// <summary>The JSON text of a value.</summary>
        /// <exception cref="InvalidOperationException">Nested deeper than <see cref="MaxDepth"/> (a circular reference, say).</exception>
        internal static string Serialize(object value)
        {
            var text = new StringBuilder(256);
            Write(text, value, 0);
            return text.ToString();
        }

        /// <summary>Appends the JSON text of a value.</summary>
        internal static void Write(StringBuilder text, object value, int depth)
        {
            if (depth > MaxDepth)
                throw new InvalidOperationException("The value is nested more than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels deep (a circular reference?).");
            switch (value)
            {
                case null:
                    text.Append("null");
                    return;
                case string s:
                    WriteString(text, s);
                    return;
                case IJsonValue own:
                    own.WriteJson(text);
                    return;
                case string[] strings:
                    // A list's [text, value] row, hundreds per reply: written here, because testing an array
                    // against the generic interfaces below is slow on Mono (~1 µs per test).
                    WriteStrings(text, strings);
                    return;
                case bool b:
                    text.Append(b ? "true" : "false");
                    return;
                case int i:
                    text.Append(i.ToString(CultureInfo.InvariantCulture));
                    return;
                case long l:
                    text.Append(l.ToString(CultureInfo.InvariantCulture));
                    return;
                case double d when !double.IsNaN(d) && !double.IsInfinity(d):
                    text.Append(d.ToString("R", CultureInfo.InvariantCulture));
                    return;
                case IDictionary<string, object> members:
                    WriteObject(text, members, depth);
                    return;
                case IDictionary _:
                    // Other dictionaries (typed values, non-string keys): the serializer's rules apply.
                    break;
                case IEnumerable items:
                    WriteArray(text, items, depth);
                    return;
            }

            text.Append(CreateSerializer().Serialize(value));
        }

        /// <summary>Appends a JSON string literal.</summary>
        internal static void WriteString(StringBuilder text, string value)
        {
            text.Append('"');
            int start = 0;
            var escapedAscii = EscapedAscii;
            for (int i = 0; i < value.Length; i++)
            {
                // Escaped: the table's ASCII characters, and U+2028/U+2029 (line ends to JavaScript). Written out
                // in the loop: Mono did not inline a helper, a call per character of every reply.
                char c = value[i];
                if (c < 128 ? !escapedAscii[c] : c != '\u2028' && c != '\u2029') continue;
                text.Append(value, start, i - start);
                switch (c)
                {
                    case '"': text.Append("\\\""); break;
                    case '\\': text.Append("\\\\"); break;
                    case '\n': text.Append("\\n"); break;
                    case '\r': text.Append("\\r"); break;
                    case '\t': text.Append("\\t"); break;
                    default: text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                }
                start = i + 1;
            }
            text.Append(value, start, value.Length - start);
            text.Append('"');
        }

        private static void WriteStrings(StringBuilder text, string[] strings)
        {
            text.Append('[');
            for (int i = 0; i < strings.Length; i++)
            {
                if (i > 0) text.Append(',');
                if (strings[i] == null) text.Append("null");
                else WriteString(text, strings[i]);
            }
            text.Append(']');
        }

        // Which ASCII characters are escaped: one look-up per character instead of nine comparisons, in the
        // loop every string of a reply goes through (it was the largest cost a page-method call adds to a
        // bare handler, measured with perf).
        private static readonly bool[] EscapedAscii = CreateEscapedAscii();

        private static bool[] CreateEscapedAscii()
        {
            var escaped = new bool[128];
            for (int c = 0; c < ' '; c++) escaped[c] = true;
            foreach (char c in "\"\\<>&'") escaped[c] = true;
            return escaped;
        }

        private static void WriteObject(StringBuilder text, IDictionary<string, object> members, int depth)
        {
            text.Append('{');
            bool first = true;
            foreach (var member in members)
            {
                if (!first) text.Append(',');
                first = false;
                WriteString(text, member.Key);
                text.Append(':');
                Write(text, member.Value, depth + 1);
            }
            text.Append('}');
        }

        private static void WriteArray(StringBuilder text, IEnumerable items, int depth)
        {
            text.Append('[');
            bool first = true;
            foreach (var item in items)
            {
                if (!first) text.Append(',');
                first = false;
                Write(text, item, depth + 1);
            }
            text.Append(']');
        }

        /// <summary>
        /// The framework's serializer as the library uses it, for the values this writer leaves to it: no 2 MB
        /// cap (page authors' results may be big), and the same nesting limit as this writer. Requests are
        /// not read with it (<see cref="CallbackEnvelope.ParseRequest"/>).
        /// </summary>
        private static JavaScriptSerializer CreateSerializer() => new JavaScriptSerializer { MaxJsonLength = int.MaxValue, RecursionLimit = MaxDepth };
    }

    /// <summary>
    /// A value of the library's own that writes its JSON itself, straight from what it holds (a list's
    /// rows from its items), instead of being copied into strings and arrays for the writer first.
    /// </summary>
    internal interface IJsonValue
    {
        /// <summary>Appends the value's JSON text.</summary>
        void WriteJson(StringBuilder text);
    }
}
