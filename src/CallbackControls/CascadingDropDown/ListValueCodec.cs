using System;
using System.Text;

namespace CallbackControls
{
    /// <summary>
    /// Makes list values safe to post. ASP.NET request validation rejects a whole request whose form
    /// holds "&lt;x" or "&amp;#" (Mono also full-width "＜x" and "&lt;" before a tab), so a value like
    /// <c>&lt;b&gt;</c> would break every postback of the page.
    /// Such values (and any value starting with the marker) travel as "~" + base64url(UTF-8); all
    /// others travel as they are, so ordinary pages post ordinary values.
    /// </summary>
    internal static class ListValueCodec
    {
        private const char Marker = '~';

        /// <summary>Returns the form of a value that is written into the page and posted back.</summary>
        /// <param name="value">The value as the page author gave it.</param>
        /// <returns>The value itself, or its encoded form when posting it would trip request validation.</returns>
        public static string Encode(string value)
        {
            if (string.IsNullOrEmpty(value) || !NeedsEncoding(value)) return value ?? string.Empty;
            return Marker + Base64Url.Encode(Encoding.UTF8.GetBytes(value));
        }

        /// <summary>Returns the page author's value for a posted one.</summary>
        /// <param name="posted">The posted value.</param>
        /// <returns>The decoded value; null when the value carries the marker but is not valid (tampered).</returns>
        public static string Decode(string posted)
        {
            if (string.IsNullOrEmpty(posted) || posted[0] != Marker) return posted ?? string.Empty;
            var base64 = posted.Substring(1).Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            try
            {
                return new UTF8Encoding(false, true).GetString(Convert.FromBase64String(base64));
            }
            catch (FormatException)
            {
                return null;
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        private static bool NeedsEncoding(string value)
        {
            if (value[0] == Marker) return true;
            for (int i = 0; i < value.Length; i++)
            {
                // Any '<' (ASCII or full-width) and "&#": request validation refuses them before a letter,
                // '!', '/', '?' (.NET) or a control character such as a tab (Mono). Encoding every one
                // is simpler to trust than matching each runtime's exact rule.
                // Ordered so that an ordinary character takes two comparisons: every value of every reply passes here.
                char c = value[i];
                if (c < '<')
                {
                    if (c == '&' && i + 1 < value.Length && value[i + 1] == '#') return true;
                    continue;
                }
                if (c == '<') return true;
                if (c < '\uD800') continue;
                // A lone surrogate cannot be written as UTF-8 by the browser's URL encoding.
                if (c <= '\uDBFF' && i + 1 < value.Length && value[i + 1] >= '\uDC00' && value[i + 1] <= '\uDFFF') i++;
                else if (c <= '\uDFFF' || c == '\uFF1C') return true;
            }
            return false;
        }
    }
}
