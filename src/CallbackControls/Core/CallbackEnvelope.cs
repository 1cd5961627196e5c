using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace CallbackControls
{
    /// <summary>
    /// The JSON envelope both ways. Request (the callback parameter):
    /// <c>{"v":1,"arg":"...","state":{...},"fields":[["name","text"]]}</c> (fields only when the call sends typed text). Reply (the callback result):
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

        /// <summary>
        /// Error code: the call's token is genuine but older than its lifetime; nothing ran, and the client
        /// runtime fetches the page's current token and sends the call again once.
        /// </summary>
        public const string ExpiredErrorCode = "expired";

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

        private static readonly XmlDictionaryReaderQuotas ReaderQuotas = new XmlDictionaryReaderQuotas
        {
            MaxDepth = 2 * MaxRequestDepth + 4, // an XML element per JSON value and per member name
            MaxStringContentLength = MaxRequestLength,
            MaxArrayLength = MaxRequestLength,
            MaxBytesPerRead = 65536,
            MaxNameTableCharCount = 16384,
        };

        /// <summary>A JSON number as RFC 8259 writes it: no leading zeros, no lone sign or point, no NaN.</summary>
        private static readonly Regex JsonNumber = new Regex(@"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant);

        /// <summary>Envelopes up to this many UTF-8 bytes are read from a buffer kept per thread.</summary>
        private const int KeptBufferLength = 16 * 1024;

        [ThreadStatic]
        private static XmlDictionaryReader _keptReader;

        private static readonly object ReadEnvelopeKey = new object();

        [ThreadStatic]
        private static byte[] _keptBytes;

        /// <summary>Reads a callback parameter written by the client runtime.</summary>
        /// <param name="parameter">The raw <c>__CALLBACKPARAM</c> value, or a page-method call's whole body.</param>
        /// <returns>The argument and the client state.</returns>
        /// <exception cref="CallbackException">The parameter is not an envelope this library wrote.</exception>
        public static CallbackEventArgs ParseRequest(string parameter)
        {
            var envelope = ReadEnvelope(parameter);
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
        /// The text fields a call carried in its envelope (<c>"fields":[[name, value], ...]</c>: the text
        /// entries named in CallbackFieldIDs, sent there so request validation cannot mistake typed text
        /// for markup), or null when it carried none.
        /// </summary>
        /// <param name="parameter">The posted <c>__CALLBACKPARAM</c>.</param>
        public static NameValueCollection ReadFields(string parameter)
        {
            if (!ReadEnvelope(parameter).TryGetValue("fields", out var raw) || raw == null) return null;
            if (!(raw is object[] pairs)) throw new CallbackException("The callback fields must be a list of [name, value] pairs.");
            var fields = new NameValueCollection(pairs.Length, StringComparer.Ordinal);
            foreach (var item in pairs)
            {
                if (!(item is object[] pair) || pair.Length != 2 || !(pair[0] is string name) || name.Length == 0 || !(pair[1] is string value))
                    throw new CallbackException("The callback fields must be a list of [name, value] pairs.");
                fields.Add(name, value);
            }
            return fields;
        }

        /// <summary>
        /// The envelope, read once per request: the page guard (typed fields) and a chart (its kept points)
        /// read the posted envelope before Page_Load, and the control's answer reads it again; each gets the
        /// one reading (never mutated: the state reaches the handler read-only).
        /// </summary>
        private static IDictionary<string, object> ReadEnvelope(string parameter)
        {
            var items = System.Web.HttpContext.Current?.Items;
            if (items?[ReadEnvelopeKey] is KeyValuePair<string, IDictionary<string, object>> read && string.Equals(read.Key, parameter, StringComparison.Ordinal))
                return read.Value;
            var envelope = ParseEnvelope(parameter);
            if (items != null) items[ReadEnvelopeKey] = new KeyValuePair<string, IDictionary<string, object>>(parameter, envelope);
            return envelope;
        }

        private static IDictionary<string, object> ParseEnvelope(string parameter)
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
            var parsed = Read(parameter);

            if (!(parsed is IDictionary<string, object> envelope))
                throw new CallbackException("The callback request is not a JSON object.");
            if (!envelope.TryGetValue("v", out var version) || !(version is int v) || v != Version)
                throw new CallbackException("The callback request has an unsupported envelope version.");
            return envelope;
        }

        /// <summary>
        /// Refuses, before any reader sees it, text nested deeper than <see cref="MaxRequestDepth"/>,
        /// holding raw control characters (JSON allows none inside strings; the client sends none), or
        /// with what Mono's JSON reader lets through: a comma before a closing bracket, a bracket closed
        /// that was never opened, anything after the envelope's closing brace.
        /// One pass, no recursion: the reader recurses per level and would overflow the stack first.
        /// </summary>
        private static void CheckShape(string text)
        {
            int depth = 0;
            bool inString = false, closed = false;
            char last = '\0'; // the last character outside strings and white space
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
                if (c == ' ') continue;
                if (closed) throw new CallbackException("The callback request is not valid JSON.");
                if (c == '"') inString = true;
                else if (c == '[' || c == '{')
                {
                    if (++depth > MaxRequestDepth) throw new CallbackException("The callback request is nested too deeply.");
                }
                else if (c == ']' || c == '}')
                {
                    if (last == ',' || --depth < 0) throw new CallbackException("The callback request is not valid JSON.");
                    closed = depth == 0;
                }
                last = c;
            }
        }

        /// <summary>
        /// Reads the envelope with the framework's strict JSON reader (the one behind
        /// DataContractJsonSerializer), in one pass, into the values JavaScriptSerializer gives: a
        /// <see cref="Dictionary{TKey, TValue}"/> per object, <c>object[]</c> per array, and numbers as
        /// int, else long, else decimal, else double. JavaScriptSerializer itself is not used: Mono's
        /// accepts cut-off text such as an unterminated string, and building one reads configuration
        /// from disk on every call.
        /// </summary>
        private static object Read(string text)
        {
            try
            {
                var reader = ReaderFor(text);
                reader.MoveToContent();
                var value = ReadValue(reader);
                // Nothing but white space may follow the value: the reader refuses any more text as it reads it.
                while (reader.Read()) { }
                return value;
            }
            catch (CallbackException)
            {
                throw;
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // XmlException for malformed text; anything else the reader throws on hostile input is the
                // request's fault too, never the server's.
                throw new CallbackException("The callback request is not valid JSON.");
            }
        }

        /// <summary>
        /// The thread's JSON reader, set to read <paramref name="text"/>. Kept per thread and set again for
        /// each call (<see cref="IXmlJsonReaderInitializer"/>): a new reader cost ~3 KB of garbage per call,
        /// more than the whole envelope it read. A reader that failed half-way is reset by the next SetInput.
        /// </summary>
        private static XmlDictionaryReader ReaderFor(string text)
        {
            int length = Encoding.UTF8.GetByteCount(text);
            var bytes = length <= KeptBufferLength ? (_keptBytes ?? (_keptBytes = new byte[KeptBufferLength])) : new byte[length];
            Encoding.UTF8.GetBytes(text, 0, text.Length, bytes, 0);
            if (_keptReader == null)
            {
                _keptReader = JsonReaderWriterFactory.CreateJsonReader(bytes, 0, length, ReaderQuotas);
            }
            else
            {
                ((IXmlJsonReaderInitializer)_keptReader).SetInput(bytes, 0, length, Encoding.UTF8, ReaderQuotas, null);
            }
            return _keptReader;
        }

        /// <summary>Reads the value whose element the reader is on, and moves past it.</summary>
        private static object ReadValue(XmlDictionaryReader reader)
        {
            switch (reader.GetAttribute("type"))
            {
                case "object":
                    return ReadMembers(reader);
                case "array":
                    return ReadItems(reader);
                case "null":
                    reader.Skip();
                    return null;
                case "boolean":
                    return reader.ReadElementContentAsBoolean();
                case "number":
                    var number = reader.ReadElementContentAsString();
                    // Mono's reader takes any run of characters up to a delimiter as a number ("1 2", "0x10", "-").
                    if (!JsonNumber.IsMatch(number)) throw new CallbackException("The callback request is not valid JSON.");
                    return ToNumber(number);
                default:
                    return reader.ReadElementContentAsString(); // "string", which the reader may also leave unsaid
            }
        }

        private static Dictionary<string, object> ReadMembers(XmlDictionaryReader reader)
        {
            var members = new Dictionary<string, object>(StringComparer.Ordinal);
            if (reader.IsEmptyElement)
            {
                reader.Read();
                return members;
            }
            reader.ReadStartElement();
            while (reader.MoveToContent() == XmlNodeType.Element)
            {
                // A name that is no XML name comes as <a:item xmlns:a="item" item="name">; any other as the element's own name.
                var name = reader.LocalName == "item" && reader.NamespaceURI == "item" ? reader.GetAttribute("item") : reader.LocalName;
                members[name] = ReadValue(reader); // a repeated name: the last one wins, as with JavaScriptSerializer
            }
            reader.ReadEndElement();
            return members;
        }

        private static object[] ReadItems(XmlDictionaryReader reader)
        {
            var items = new List<object>();
            if (reader.IsEmptyElement)
            {
                reader.Read();
                return items.ToArray();
            }
            reader.ReadStartElement();
            while (reader.MoveToContent() == XmlNodeType.Element) items.Add(ReadValue(reader));
            reader.ReadEndElement();
            return items.ToArray();
        }

        private static object ToNumber(string text)
        {
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i)) return i;
            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l)) return l;
            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal m)) return m;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && !double.IsInfinity(d)) return d;
            throw new CallbackException("The callback request holds a number out of range.");
        }

        /// <summary>Writes a successful reply.</summary>
        /// <param name="result">The handler's result.</param>
        /// <returns>The JSON text of the reply envelope.</returns>
        public static string WriteResult(object result)
        {
            var text = ReplyText.Acquire();
            WriteResult(text, result);
            return ReplyText.ToStringAndRelease(text);
        }

        /// <summary>Appends a successful reply.</summary>
        /// <param name="text">Where the envelope is appended.</param>
        /// <param name="result">The handler's result.</param>
        /// <param name="renewedToken">A fresh token for the control's next calls (base64url, written as it is), or null.</param>
        /// <exception cref="InvalidOperationException">The result cannot be written (nested too deeply); part of it may be appended.</exception>
        public static void WriteResult(StringBuilder text, object result, string renewedToken = null)
        {
            text.Append("{\"cc\":").Append(Version).Append(",\"ok\":true,");
            if (renewedToken != null) text.Append("\"token\":\"").Append(renewedToken).Append("\",");
            text.Append("\"result\":");
            JsonText.Write(text, result, 1);
            text.Append('}');
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
