using System;
using System.Collections.Generic;
using System.Text;

namespace CallbackControls.DevHost
{
    /// <summary>The reply to a <see cref="HostedRequest"/>: ASP.NET's, or the host's own when it refused the request.</summary>
    public sealed class HostedResponse : HostedMessage
    {
        /// <summary>The HTTP status code.</summary>
        public int StatusCode { get; set; } = 200;

        /// <summary>The reason phrase sent with the status code.</summary>
        public string StatusDescription { get; set; } = "OK";

        /// <summary>True when the application domain was shutting down and the request never ran: it may be sent again to a fresh domain.</summary>
        public bool ApplicationUnloading { get; set; }

        /// <summary>The <c>Content-Type</c> header, or null.</summary>
        public string ContentType => GetHeader("Content-Type");

        /// <summary>The <c>Location</c> header, or null.</summary>
        public string Location => GetHeader("Location");

        /// <summary>The body decoded with the charset of <c>Content-Type</c>, UTF-8 when it names none.</summary>
        /// <returns>The body as text.</returns>
        public string GetBodyText()
        {
            try
            {
                string charset = ContentType == null ? null : new System.Net.Mime.ContentType(ContentType).CharSet;
                return (string.IsNullOrEmpty(charset) ? Encoding.UTF8 : Encoding.GetEncoding(charset)).GetString(Body);
            }
            catch (Exception ex) when (ex is FormatException || ex is ArgumentException)
            {
                // A malformed type or an unknown charset is the page's bug; UTF-8 is still the best guess.
                return Encoding.UTF8.GetString(Body);
            }
        }

        /// <summary>A short text/plain reply, for what the host answers itself.</summary>
        internal static HostedResponse Plain(int status, string description, string text)
        {
            var response = new HostedResponse { StatusCode = status, StatusDescription = description, Body = Encoding.UTF8.GetBytes(text + "\n") };
            response.Headers.Add(new KeyValuePair<string, string>("Content-Type", "text/plain; charset=utf-8"));
            return response;
        }
    }
}
