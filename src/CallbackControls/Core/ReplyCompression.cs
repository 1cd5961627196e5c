using System;
using System.IO;
using System.IO.Compression;
using System.Globalization;
using System.Web;
using System.Web.Configuration;

namespace CallbackControls
{
    /// <summary>
    /// Compresses a callback reply when the browser accepts gzip or deflate and the reply is large enough
    /// to gain from it. Done by the library, not the web server, so a chart's reply is as small on the
    /// dev host, behind nginx and on IIS, whatever compression the server is configured with: IIS and
    /// nginx leave a response that already has a Content-Encoding alone.
    /// </summary>
    internal static class ReplyCompression
    {
        /// <summary>
        /// Below this many characters a reply goes as it is: gzip's own frame (18 bytes and more) would
        /// make an "unchanged" tick or a short list larger, and the CPU buys nothing.
        /// </summary>
        internal const int MinimumLength = 1024;

        /// <summary>appSettings key that turns compression off for the site ("false").</summary>
        internal const string SiteWideSwitch = "CallbackControls:CompressReplies";

        private static bool? _siteWideEnabled;

        /// <summary>
        /// Sets the response up to compress a reply of <paramref name="replyLength"/> characters as it is written, when the request
        /// accepts an encoding we offer. Call before anything of the reply is written.
        /// </summary>
        /// <returns>The encoding chosen ("gzip", "deflate"), or null when the reply goes uncompressed.</returns>
        internal static string Apply(HttpContext context, int replyLength)
        {
            if (context == null || replyLength < MinimumLength || !SiteWideEnabled) return null;
            var response = context.Response;
            // Another module (or the page) may have compressed already; compressing twice breaks the reply.
            if (response.Headers["Content-Encoding"] != null) return null;
            var encoding = Choose(CallHeaders.Of(context.Request).AcceptEncoding);
            if (encoding == null) return null;
            // Fastest: on a 1,000,000-point chart reply it keeps nearly all of Optimal's saving at a
            // fraction of its CPU (docs/RESULTS.md).
            response.Filter = encoding == "gzip"
                ? (Stream)new GZipStream(response.Filter, CompressionLevel.Fastest)
                : new DeflateStream(response.Filter, CompressionLevel.Fastest);
            response.AppendHeader("Content-Encoding", encoding);
            response.AppendHeader("Vary", "Accept-Encoding");
            return encoding;
        }

        /// <summary>
        /// The encoding to use for an Accept-Encoding header: gzip when accepted, else deflate, else none.
        /// An encoding given q=0 is refused, as is every unnamed one under "*;q=0".
        /// </summary>
        internal static string Choose(string acceptEncoding)
        {
            if (string.IsNullOrWhiteSpace(acceptEncoding)) return null;
            double gzip = -1, deflate = -1, any = -1;
            // Parsed here rather than with System.Net.Http's header types: referencing that assembly
            // drags sites into its binding-redirect conflicts with the NuGet System.Net.Http.
            foreach (var part in acceptEncoding.Split(','))
            {
                var pieces = part.Split(';');
                var name = pieces[0].Trim();
                double quality = 1;
                for (int i = 1; i < pieces.Length; i++)
                {
                    var parameter = pieces[i].Trim();
                    if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                        && !double.TryParse(parameter.Substring(2), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out quality))
                        quality = 0; // a malformed weight is not a yes
                }
                if (string.Equals(name, "gzip", StringComparison.OrdinalIgnoreCase)) gzip = quality;
                else if (string.Equals(name, "deflate", StringComparison.OrdinalIgnoreCase)) deflate = quality;
                else if (name == "*") any = quality;
            }
            if (gzip < 0) gzip = any;
            if (deflate < 0) deflate = any;
            if (gzip > 0 && gzip >= deflate) return "gzip";
            if (deflate > 0) return "deflate";
            return null;
        }

        private static bool SiteWideEnabled
        {
            get
            {
                // Read once: appSettings do not change without the application restarting.
                if (_siteWideEnabled == null)
                    _siteWideEnabled = !string.Equals(WebConfigurationManager.AppSettings[SiteWideSwitch], "false", StringComparison.OrdinalIgnoreCase);
                return _siteWideEnabled.Value;
            }
        }
    }
}
