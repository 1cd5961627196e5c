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
    public sealed class HostedResponse : HostedMessage
    {
        /// <summary>The HTTP status code.</summary>
        public int StatusCode { get; set; } = 200;

        /// <summary>The reason phrase sent with the status code.</summary>
        public string StatusDescription { get; set; } = "OK";

        /// <summary>
        /// True when the application domain was shutting down and the request never ran; the caller
        /// may send it again to a fresh domain.
        /// </summary>
        public bool ApplicationUnloading { get; set; }

        /// <summary>The <c>Content-Type</c> header, or null.</summary>
        public string ContentType => GetHeader("Content-Type");

        /// <summary>The <c>Location</c> header, or null.</summary>
        public string Location => GetHeader("Location");

        /// <summary>The body decoded with the charset of <c>Content-Type</c>, UTF-8 when none is named.</summary>
        /// <returns>The body as text.</returns>
        public string GetBodyText() => HeaderList.CharsetOf(ContentType).GetString(Body);

        /// <summary>A one-line summary for logs and test failures.</summary>
        /// <returns>Status, content type and length.</returns>
        public override string ToString() => StatusCode + " " + StatusDescription + " (" + (ContentType ?? "no content type") + ", " + Body.Length + " bytes)";
    }

    /// <summary>Reading the charset a <c>Content-Type</c> names.</summary>
    internal static class HeaderList
    {
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
