using System;
using System.Collections.Generic;

namespace CallbackControls
{
    /// <summary>
    /// The JSON envelope both ways. Request (the callback parameter):
    /// <c>{"v":1,"arg":"...","state":{...}}</c>. Reply (the callback result):
    /// <c>{"cc":1,"ok":true,"result":...}</c> or <c>{"cc":1,"ok":false,"error":{"code":"...","message":"..."}}</c>.
    /// </summary>
    internal static class CallbackEnvelope
    {
        /// <summary>The envelope version this library writes and reads.</summary>
        public const int Version = 1;

        /// <summary>Error code: the handler failed.</summary>
        public const string HandlerErrorCode = "handler";

        /// <summary>Error code: the call's parameter was not a valid envelope.</summary>
        public const string BadRequestErrorCode = "bad-request";

        /// <summary>Error code: the handler's result could not be written as JSON.</summary>
        public const string BadResultErrorCode = "bad-result";

        /// <summary>Error code: the call was refused before any page code ran (another site, no token, GET).</summary>
        public const string ForbiddenErrorCode = "forbidden";

        /// <summary>Error code: the page failed before the control could answer.</summary>
        public const string PageErrorCode = "page";

        /// <summary>
        /// Error code: a call sent without page state could not run because the page needs it; nothing
        /// of the control ran, and the client runtime sends the call again with the page state.
        /// </summary>
        public const string NeedsPageStateErrorCode = "needs-page-state";

        /// <summary>Largest envelope, in characters, the server reads (guards the serializer against abuse).</summary>
        public const int MaxRequestLength = 1024 * 1024;

        /// <summary>
        /// Deepest nesting of arrays and objects the server reads. The client writes two levels; the
        /// readers recurse per level, so a request nested 100,000 deep would overflow the stack.
        /// </summary>
        public const int MaxRequestDepth = 32;

        private static readonly System.Xml.XmlDictionaryReaderQuotas ReaderQuotas = new System.Xml.XmlDictionaryReaderQuotas
        {
            MaxDepth = 2 * MaxRequestDepth + 4, // an XML element per JSON value and per member name
            MaxStringContentLength = MaxRequestLength,
            MaxArrayLength = MaxRequestLength,
            MaxBytesPerRead = 65536,
            MaxNameTableCharCount = 16384,
        };

        /// <summary>Reads a callback parameter written by the client runtime.</summary>
        /// <param name="parameter">The raw <c>__CALLBACKPARAM</c> value.</param>
        /// <returns>The argument and the client state.</returns>
        /// <exception cref="CallbackException">The parameter is not an envelope this library wrote.</exception>
        public static CallbackEventArgs ParseRequest(string parameter)
        {
            if (string.IsNullOrEmpty(parameter))
                throw new CallbackException("The callback request carried no argument envelope.");
            if (parameter.Length > MaxRequestLength)
                throw new CallbackException("The callback request is too large.");

            // Mono's serializer accepts a truncated object ("{\"v\":1,"); a cut-off request must not pass as a shorter one.
            var trimmed = parameter.Trim();
            if (!trimmed.StartsWith("{", StringComparison.Ordinal) || !trimmed.EndsWith("}", StringComparison.Ordinal))
                throw new CallbackException("The callback request is not a JSON object.");

            CheckShape(parameter);
            if (!IsWellFormedJson(parameter))
                throw new CallbackException("The callback request is not valid JSON.");

            object parsed;
            try
            {
                parsed = JsonText.CreateSerializer().DeserializeObject(parameter);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // Whatever the reader throws on hostile input is the request's fault, never the server's.
                throw new CallbackException("The callback request is not valid JSON.");
            }

            if (!(parsed is IDictionary<string, object> envelope))
                throw new CallbackException("The callback request is not a JSON object.");
            if (!envelope.TryGetValue("v", out var version) || !(version is int v) || v != Version)
                throw new CallbackException("The callback request has an unsupported envelope version.");

            string argument = string.Empty;
            if (envelope.TryGetValue("arg", out var arg) && arg != null)
            {
                argument = arg as string ?? throw new CallbackException("The callback argument must be a string.");
            }

            IDictionary<string, object> state = null;
            if (envelope.TryGetValue("state", out var rawState) && rawState != null)
            {
                state = rawState as IDictionary<string, object> ?? throw new CallbackException("The callback state must be a JSON object.");
            }

            return new CallbackEventArgs(argument, state);
        }

        /// <summary>
        /// Refuses, before any reader sees it, text nested deeper than <see cref="MaxRequestDepth"/> or
        /// holding raw control characters (JSON allows none inside strings; the client sends none).
        /// One pass, no recursion: the readers recurse per level and would overflow the stack first.
        /// </summary>
        private static void CheckShape(string text)
        {
            int depth = 0;
            bool inString = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < ' ')
                {
                    if (inString || (c != '\t' && c != '\n' && c != '\r'))
                        throw new CallbackException("The callback request holds a control character.");
                    continue;
                }
                if (inString)
                {
                    if (c == '\\') i++;
                    else if (c == '"') inString = false;
                    continue;
                }
                if (c == '"') inString = true;
                else if (c == '[' || c == '{')
                {
                    if (++depth > MaxRequestDepth) throw new CallbackException("The callback request is nested too deeply.");
                }
                else if (c == ']' || c == '}') depth--;
            }
        }

        /// <summary>
        /// Mono's JavaScriptSerializer accepts cut-off text such as an unterminated string; the
        /// framework's strict JSON reader decides what is well formed before it is read.
        /// </summary>
        private static bool IsWellFormedJson(string text)
        {
            try
            {
                using (var reader = System.Runtime.Serialization.Json.JsonReaderWriterFactory.CreateJsonReader(
                    System.Text.Encoding.UTF8.GetBytes(text), ReaderQuotas))
                {
                    while (reader.Read()) { }
                }
                return true;
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // XmlException for malformed text; anything else the reader throws on hostile input likewise means "not JSON".
                return false;
            }
        }

        /// <summary>Writes a successful reply.</summary>
        /// <param name="result">The handler's result.</param>
        /// <returns>The JSON text of the reply envelope.</returns>
        public static string WriteResult(object result)
        {
            // Sized for a list of a hundred rows, so a typical reply is not copied on its way to the end.
            var text = new System.Text.StringBuilder(4096).Append("{\"cc\":").Append(Version).Append(",\"ok\":true,\"result\":");
            JsonText.Write(text, result, 1);
            return text.Append('}').ToString();
        }

        /// <summary>Writes a failed reply.</summary>
        /// <param name="code">A machine-readable error code such as <see cref="HandlerErrorCode"/>.</param>
        /// <param name="message">Plain text for the user; the client never renders it as markup.</param>
        /// <returns>The JSON text of the reply envelope.</returns>
        public static string WriteError(string code, string message)
        {
            var error = new Dictionary<string, object> { ["code"] = code, ["message"] = message };
            var envelope = new Dictionary<string, object> { ["cc"] = Version, ["ok"] = false, ["error"] = error };
            return JsonText.Serialize(envelope);
        }

        /// <summary>Writes any value as JSON the way envelopes are written (used for client options).</summary>
        /// <param name="value">The value to write.</param>
        /// <returns>JSON text; <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> are escaped as \u sequences.</returns>
        public static string ToJson(object value) => JsonText.Serialize(value);
    }
}
