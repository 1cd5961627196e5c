using System;
using System.Collections.Generic;
using System.Text;

namespace CallbackControls.DevHost
{
    /// <summary>
    /// The reply ASP.NET produced for a <see cref="HostedRequest"/>. Plain and serializable because it is
    /// copied back across the application-domain boundary.
    /// </summary>
    [Serializable]
    public sealed class HostedResponse
    {
        private List<KeyValuePair<string, string>> headers = new List<KeyValuePair<string, string>>();
        private byte[] body = new byte[0];

        /// <summary>The HTTP status code.</summary>
        public int StatusCode { get; set; } = 200;

        /// <summary>The reason phrase sent with the status code.</summary>
        public string StatusDescription { get; set; } = "OK";

        /// <summary>The response headers in the order ASP.NET sent them; <c>Set-Cookie</c> may repeat.</summary>
        public List<KeyValuePair<string, string>> Headers
        {
            get { return headers; }
            set { headers = value ?? new List<KeyValuePair<string, string>>(); }
        }

        /// <summary>The entity body exactly as ASP.NET wrote it; empty, never null.</summary>
        public byte[] Body
        {
            get { return body; }
            set { body = value ?? new byte[0]; }
        }

        /// <summary>
        /// True when the application domain was shutting down and the request never ran; the caller
        /// may send it again to a fresh domain.
        /// </summary>
        public bool ApplicationUnloading { get; set; }

        /// <summary>The <c>Content-Type</c> header, or null.</summary>
        public string ContentType
        {
            get { return GetHeader("Content-Type"); }
        }

        /// <summary>The <c>Location</c> header, or null.</summary>
        public string Location
        {
            get { return GetHeader("Location"); }
        }

        /// <summary>The values of a header joined with <c>", "</c>, or null when absent.</summary>
        /// <param name="name">The header name, compared without regard to case.</param>
        /// <returns>The joined values, or null.</returns>
        public string GetHeader(string name)
        {
            return HeaderList.Join(headers, name, ", ");
        }

        /// <summary>Every value of a header, one entry per header line (use for <c>Set-Cookie</c>).</summary>
        /// <param name="name">The header name, compared without regard to case.</param>
        /// <returns>The values; empty when absent.</returns>
        public IList<string> GetHeaders(string name)
        {
            return HeaderList.All(headers, name);
        }

        /// <summary>The body decoded with the charset of <c>Content-Type</c>, UTF-8 when none is named.</summary>
        /// <returns>The body as text.</returns>
        public string GetBodyText()
        {
            return HeaderList.CharsetOf(ContentType).GetString(body);
        }

        /// <summary>A one-line summary for logs and test failures.</summary>
        /// <returns>Status, content type and length.</returns>
        public override string ToString()
        {
            return StatusCode + " " + StatusDescription + " (" + (ContentType ?? "no content type") + ", " + body.Length + " bytes)";
        }
    }

    /// <summary>Header look-ups shared by the request and response classes.</summary>
    internal static class HeaderList
    {
        internal static string Join(List<KeyValuePair<string, string>> headers, string name, string separator)
        {
            string joined = null;
            foreach (KeyValuePair<string, string> header in headers)
            {
                if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    joined = joined == null ? header.Value : joined + separator + header.Value;
                }
            }

            return joined;
        }

        internal static IList<string> All(List<KeyValuePair<string, string>> headers, string name)
        {
            var values = new List<string>();
            foreach (KeyValuePair<string, string> header in headers)
            {
                if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    values.Add(header.Value);
                }
            }

            return values;
        }

        internal static Encoding CharsetOf(string contentType)
        {
            if (!string.IsNullOrEmpty(contentType))
            {
                foreach (string part in contentType.Split(';'))
                {
                    string trimmed = part.Trim();
                    if (trimmed.StartsWith("charset=", StringComparison.OrdinalIgnoreCase))
                    {
                        try
                        {
                            return Encoding.GetEncoding(trimmed.Substring(8).Trim('"', ' '));
                        }
                        catch (ArgumentException)
                        {
                            // An unknown charset name is the page's bug; UTF-8 is still the best guess.
                            break;
                        }
                    }
                }
            }

            return new UTF8Encoding(false);
        }
    }
}
