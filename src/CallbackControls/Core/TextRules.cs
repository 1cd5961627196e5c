using System.Text;

namespace CallbackControls
{
    /// <summary>Rules for text that page authors and data hand to the controls.</summary>
    internal static class TextRules
    {
        /// <summary>
        /// Replaces each lone surrogate (half of a UTF-16 pair, as cut-off or corrupted data can hold)
        /// with U+FFFD. Such text cannot be written as UTF-8: kept as it is, it fails the page when
        /// ViewState is saved; replaced, it is drawn with the usual replacement character.
        /// </summary>
        internal static string ReplaceLoneSurrogates(string value)
        {
            if (string.IsNullOrEmpty(value)) return value;
            StringBuilder fixedText = null;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                bool pair = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
                bool lone = !pair && char.IsSurrogate(c);
                if (lone && fixedText == null) fixedText = new StringBuilder(value, 0, i, value.Length);
                if (fixedText != null)
                {
                    fixedText.Append(lone ? '\uFFFD' : c);
                    if (pair) fixedText.Append(value[i + 1]);
                }
                if (pair) i++;
            }
            return fixedText?.ToString() ?? value;
        }
    }
}
