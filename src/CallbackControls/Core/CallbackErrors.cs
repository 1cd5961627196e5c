using System;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Web;

namespace CallbackControls
{
    /// <summary>
    /// How failures outside a control's handler reach the client: as an error envelope with a plain,
    /// one-line message, never a stack trace or a server path, whatever customErrors says.
    /// </summary>
    internal static class CallbackErrors
    {
        private const int MaxMessageLength = 400;

        // Absolute paths (Unix "/srv/site/App_Code/x.cs", Windows "C:\inetpub\...") tell an attacker
        // where the site lives; they are cut from any message the client sees.
        private static readonly Regex PathPattern = new Regex(
            @"(?:[A-Za-z]:\\|\\\\)[^\s'""<>|]+|(?<![\w.:/])/(?:[^\s/'""<>]+/)+[^\s'""<>]*",
            RegexOptions.CultureInvariant | RegexOptions.Compiled);

        /// <summary>Whether the site shows error details to this request (customErrors Off, or RemoteOnly from the machine itself).</summary>
        internal static bool ShowsDetails(HttpContext context) => context != null && !context.IsCustomErrorEnabled;

        /// <summary>A message fit for the client: its first line, paths removed, bounded in length.</summary>
        internal static string Sanitize(string message)
        {
            if (string.IsNullOrEmpty(message)) return string.Empty;
            var end = message.IndexOfAny(new[] { '\r', '\n' });
            var line = end >= 0 ? message.Substring(0, end) : message;
            line = PathPattern.Replace(line, "[path]");
            return line.Length > MaxMessageLength ? line.Substring(0, MaxMessageLength) + "..." : line;
        }

        /// <summary>What the client is told when the page failed before the control answered.</summary>
        internal static string PageFailureMessage(HttpContext context, Exception cause, string controlId)
        {
            if (cause is HttpRequestValidationException)
                return Texts.RequestValidationRefused;
            var prefix = Texts.Format(nameof(Texts.PageFailed), controlId);
            return ShowsDetails(context) && cause != null
                ? prefix + ": " + Sanitize(cause.Message)
                : prefix + ".";
        }

        /// <summary>
        /// The exception the page threw, out of the HttpUnhandledException that .NET (and at times Mono)
        /// wraps around it.
        /// </summary>
        internal static Exception Unwrap(Exception error)
        {
            while (error is HttpUnhandledException && error.InnerException != null) error = error.InnerException;
            return error;
        }

        /// <summary>Replaces whatever the response holds with an error reply the client runtime reads.</summary>
        internal static void WriteErrorReply(HttpResponse response, int statusCode, string code, string message) =>
            WriteReply(response, statusCode, CallbackEnvelope.WriteError(code, message));

        /// <summary>Replaces whatever the response holds with a reply envelope written outside a page's callback.</summary>
        internal static void WriteReply(HttpResponse response, int statusCode, string envelope)
        {
            StartReply(response, statusCode, envelope.Length);
            response.Write(envelope);
        }

        /// <summary>As <see cref="WriteReply(HttpResponse, int, string)"/>, from the buffer the envelope was written into, without a string of it.</summary>
        internal static void WriteReply(HttpResponse response, int statusCode, StringBuilder envelope)
        {
            StartReply(response, statusCode, envelope.Length);
            ReplyText.WriteTo(response, envelope);
        }

        private static void StartReply(HttpResponse response, int statusCode, int envelopeLength)
        {
            response.Clear();
            response.StatusCode = statusCode;
            response.TrySkipIisCustomErrors = true;
            response.ContentType = "text/plain";
            response.Charset = "utf-8";
            var context = HttpContext.Current;
            // A reply to a POST is never stored by a browser or a shared cache without freshness headers
            // (RFC 9111), and writing the no-cache set costs Mono three more headers on every call; a
            // refusal of a GET (405) is heuristically cacheable, so it says no-cache.
            if (context == null || !string.Equals(context.Request.HttpMethod, "POST", StringComparison.Ordinal))
                response.Cache.SetCacheability(HttpCacheability.NoCache);
            ReplyCompression.Apply(context, envelopeLength);
            // "s" is the framework's own prefix for a callback result; the client reads it on any status.
            response.Write('s');
        }
    }
}
