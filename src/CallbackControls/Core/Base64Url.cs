using System;
using System.Text;

namespace CallbackControls
{
    /// <summary>Base64url without padding (RFC 4648 section 5), decoded strictly: null for anything else.</summary>
    internal static class Base64Url
    {
        internal static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        internal static byte[] Decode(string text)
        {
            if (text == null || text.Length % 4 == 1) return null;
            var base64 = new StringBuilder(text.Length + 3);
            foreach (char c in text)
            {
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) base64.Append(c);
                else if (c == '-') base64.Append('+');
                else if (c == '_') base64.Append('/');
                else return null;
            }
            while (base64.Length % 4 != 0) base64.Append('=');
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(base64.ToString());
            }
            catch (FormatException)
            {
                return null;
            }
            // The last character may carry bits the bytes do not use: only the one spelling of them is read.
            return string.Equals(Encode(bytes), text, StringComparison.Ordinal) ? bytes : null;
        }
    }
}
