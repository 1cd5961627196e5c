using System.Globalization;

namespace CallbackControls
{
    /// <summary>
    /// A short fingerprint of a drawing's markup, so that a timer tick can say which drawing the browser shows
    /// and the server can answer "unchanged" instead of sending it again. Not a defence against anyone: a
    /// browser that lies about what it shows only deprives itself of a redraw.
    /// </summary>
    internal static class DrawingHash
    {
        private const ulong OffsetBasis = 14695981039346656037;
        private const ulong Prime = 1099511628211;

        /// <summary>FNV-1a, 64 bits, over the UTF-16 code units, as 16 lowercase hex digits.</summary>
        public static string Of(string markup)
        {
            ulong hash = OffsetBasis;
            foreach (char c in markup)
            {
                hash ^= c;
                hash *= Prime;
            }
            return hash.ToString("x16", CultureInfo.InvariantCulture);
        }
    }
}
