using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace CallbackControls.DevHost
{
    /// <summary>
    /// One FastCGI connection from a web server (nginx), in the responder role: reads a request's records,
    /// has it answered, and writes the reply as CGI output, one request at a time, for as long as the web
    /// server keeps the connection (FCGI_KEEP_CONN).
    /// </summary>
    /// <remarks>
    /// The protocol is the FastCGI 1.0 specification's: 8-byte record headers, name-value pairs for the
    /// request's variables, the body as STDIN records, the reply as STDOUT records ending with END_REQUEST.
    /// nginx sends one request per connection at a time; a second request on the same connection is refused
    /// with FCGI_CANT_MPX_CONN, as the specification asks, rather than interleaved.
    /// </remarks>
    public sealed class FastCgiConnection
    {
        /// <summary>The most a record carries; longer replies are split.</summary>
        internal const int MaxRecordContent = 65535;

        /// <summary>Request variables larger than this are a broken or hostile peer, not a request.</summary>
        internal const int MaxParamBytes = 1024 * 1024;

        internal const byte Version1 = 1;
        internal const byte TypeBeginRequest = 1;
        internal const byte TypeAbortRequest = 2;
        internal const byte TypeEndRequest = 3;
        internal const byte TypeParams = 4;
        internal const byte TypeStdin = 5;
        internal const byte TypeStdout = 6;
        internal const byte TypeData = 8;
        internal const byte TypeGetValues = 9;
        internal const byte TypeGetValuesResult = 10;
        internal const byte TypeUnknownType = 11;
        internal const int RoleResponder = 1;
        internal const byte FlagKeepConnection = 1;
        internal const byte StatusRequestComplete = 0;
        internal const byte StatusCannotMultiplex = 1;
        internal const byte StatusUnknownRole = 3;

        // What nginx's proxy logic or the connection itself manages; ASP.NET's copies would contradict it.
        private static readonly HashSet<string> ConnectionHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Status",
        };

        // Header text is ISO-8859-1, byte for byte, as on an HTTP connection.
        private static readonly Encoding Latin1 = Encoding.GetEncoding(28591);
        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        private readonly Stream stream;
        private readonly Func<HostedRequest, HostedResponse> answer;
        private readonly byte[] header = new byte[8];
        private readonly byte[] content = new byte[MaxRecordContent + 255];
        private readonly MemoryStream paramBytes = new MemoryStream();
        private readonly MemoryStream body = new MemoryStream();
        private readonly MemoryStream output = new MemoryStream();

        /// <summary>Creates a connection over a stream already connected to the web server.</summary>
        /// <param name="stream">The connection.</param>
        /// <param name="answer">Answers one request; never throws for a request's own failure.</param>
        public FastCgiConnection(Stream stream, Func<HostedRequest, HostedResponse> answer)
        {
            this.stream = stream ?? throw new ArgumentNullException(nameof(stream));
            this.answer = answer ?? throw new ArgumentNullException(nameof(answer));
        }

        /// <summary>The largest request body kept; a larger one is read to its end and answered 413.</summary>
        public long MaxBodyBytes { get; set; } = 64L * 1024 * 1024;

        /// <summary>
        /// Asked after each reply: true closes the connection even though the web server asked to keep it
        /// (the listener handed its socket on, and the web server's next connection should reach the new one).
        /// </summary>
        public Func<bool> CloseAfterReply { get; set; }

        /// <summary>
        /// Serves requests until the web server closes the connection, a request that did not ask to keep it
        /// has been answered, or the peer breaks the protocol.
        /// </summary>
        /// <exception cref="InvalidDataException">The peer sent something that is not FastCGI.</exception>
        /// <exception cref="IOException">The connection failed.</exception>
        public void Run()
        {
            int active = 0;
            bool keep = false;
            bool paramsDone = false;
            bool stdinDone = false;
            bool tooLarge = false;
            while (ReadRecord(out byte type, out int id, out int length))
            {
                switch (type)
                {
                    case TypeGetValues:
                        if (id == 0)
                        {
                            WriteValues(length);
                        }

                        continue;
                    case TypeBeginRequest:
                        if (length < 8)
                        {
                            throw new InvalidDataException("A BEGIN_REQUEST record must carry 8 bytes.");
                        }

                        int role = (content[0] << 8) | content[1];
                        bool keepAsked = (content[2] & FlagKeepConnection) != 0;
                        if (active != 0)
                        {
                            WriteEnd(id, StatusCannotMultiplex);
                            continue;
                        }

                        if (role != RoleResponder)
                        {
                            WriteEnd(id, StatusUnknownRole);
                            if (!keepAsked)
                            {
                                return;
                            }

                            continue;
                        }

                        active = id;
                        keep = keepAsked;
                        paramsDone = stdinDone = tooLarge = false;
                        paramBytes.SetLength(0);
                        body.SetLength(0);
                        continue;
                    case TypeAbortRequest:
                        if (id != 0 && id == active)
                        {
                            // Nothing has run yet (a request runs once its body is whole): end it unanswered.
                            WriteEnd(id, StatusRequestComplete);
                            active = 0;
                            if (!keep)
                            {
                                return;
                            }
                        }

                        continue;
                    case TypeParams:
                        if (id == 0 || id != active || paramsDone)
                        {
                            continue;
                        }

                        if (length == 0)
                        {
                            paramsDone = true;
                        }
                        else if (paramBytes.Length + length > MaxParamBytes)
                        {
                            throw new InvalidDataException("The request's variables exceed " + MaxParamBytes.ToString(CultureInfo.InvariantCulture) + " bytes.");
                        }
                        else
                        {
                            paramBytes.Write(content, 0, length);
                        }

                        break;
                    case TypeStdin:
                        if (id == 0 || id != active || stdinDone)
                        {
                            continue;
                        }

                        if (length == 0)
                        {
                            stdinDone = true;
                        }
                        else if (tooLarge || body.Length + length > MaxBodyBytes)
                        {
                            // Read on to the end, so the web server hears a reply instead of a broken connection.
                            tooLarge = true;
                        }
                        else
                        {
                            body.Write(content, 0, length);
                        }

                        break;
                    case TypeData:
                        // Only the filter role has a data stream.
                        continue;
                    default:
                        if (id == 0)
                        {
                            WriteUnknownType(type);
                        }

                        continue;
                }

                if (active != 0 && paramsDone && stdinDone)
                {
                    HostedResponse response = tooLarge
                        ? AspNetApplication.PlainResponse(413, "Request Entity Too Large", "The request body is too large.")
                        : answer(ReadRequest(paramBytes.GetBuffer(), (int)paramBytes.Length, body));
                    WriteReply(active, response);
                    active = 0;
                    if (!keep || (CloseAfterReply != null && CloseAfterReply()))
                    {
                        return;
                    }
                }
            }
        }

        /// <summary>Builds the request ASP.NET sees from the FastCGI variables and body.</summary>
        internal static HostedRequest ReadRequest(byte[] pairs, int length, MemoryStream body)
        {
            var request = new HostedRequest();
            string uri = null;
            string scriptName = null;
            string pathInfo = null;
            string query = null;
            foreach (KeyValuePair<string, ArraySegment<byte>> variable in ReadVariables(pairs, length))
            {
                string name = variable.Key;
                int valueAt = variable.Value.Offset;
                int valueLength = variable.Value.Count;
                if (name.StartsWith("HTTP_", StringComparison.Ordinal))
                {
                    // nginx passes the body's headers twice, as CONTENT_TYPE and as HTTP_CONTENT_TYPE; joined into
                    // one header they would break a multipart boundary. The CGI variables are the ones kept.
                    if (name != "HTTP_CONTENT_TYPE" && name != "HTTP_CONTENT_LENGTH")
                    {
                        request.AddHeader(HeaderName(name), Latin1.GetString(pairs, valueAt, valueLength));
                    }

                    continue;
                }

                switch (name)
                {
                    case "REQUEST_METHOD":
                        request.Verb = Latin1.GetString(pairs, valueAt, valueLength);
                        break;
                    case "REQUEST_URI":
                        // Browsers send URLs percent-encoded; raw UTF-8 bytes, where sent, stay the characters they were.
                        uri = Utf8.GetString(pairs, valueAt, valueLength);
                        break;
                    case "SCRIPT_NAME":
                        scriptName = Utf8.GetString(pairs, valueAt, valueLength);
                        break;
                    case "PATH_INFO":
                        pathInfo = Utf8.GetString(pairs, valueAt, valueLength);
                        break;
                    case "QUERY_STRING":
                        query = Latin1.GetString(pairs, valueAt, valueLength);
                        break;
                    case "SERVER_PROTOCOL":
                        request.HttpVersion = Latin1.GetString(pairs, valueAt, valueLength);
                        break;
                    case "CONTENT_TYPE":
                        if (valueLength > 0)
                        {
                            request.AddHeader("Content-Type", Latin1.GetString(pairs, valueAt, valueLength));
                        }

                        break;
                    case "REMOTE_ADDR":
                        request.RemoteAddress = Latin1.GetString(pairs, valueAt, valueLength);
                        break;
                    case "REMOTE_PORT":
                        request.RemotePort = ParsePort(pairs, valueAt, valueLength);
                        break;
                    case "SERVER_ADDR":
                        request.LocalAddress = Latin1.GetString(pairs, valueAt, valueLength);
                        break;
                    case "SERVER_PORT":
                        request.LocalPort = ParsePort(pairs, valueAt, valueLength);
                        break;
                    case "HTTPS":
                        // nginx's fastcgi_params send "on" only on a TLS connection (if_not_empty).
                        request.IsSecure = valueLength > 0 && !string.Equals(Latin1.GetString(pairs, valueAt, valueLength), "off", StringComparison.OrdinalIgnoreCase);
                        break;
                }
            }

            request.PathAndQuery = uri ?? (scriptName ?? "/") + (pathInfo ?? string.Empty) + (string.IsNullOrEmpty(query) ? string.Empty : "?" + query);
            request.Body = body.Length == 0 ? new byte[0] : body.ToArray();
            return request;
        }

        /// <summary>
        /// The request's variables in the order sent; a name sent twice keeps its last value, as CGI variables
        /// are one value per name (nginx sends HTTP_HOST twice when a configuration sets it over the header's).
        /// </summary>
        private static List<KeyValuePair<string, ArraySegment<byte>>> ReadVariables(byte[] pairs, int length)
        {
            var variables = new List<KeyValuePair<string, ArraySegment<byte>>>(48);
            var positions = new Dictionary<string, int>(48, StringComparer.Ordinal);
            int at = 0;
            while (at < length)
            {
                int nameLength = ReadLength(pairs, ref at, length);
                int valueLength = ReadLength(pairs, ref at, length);
                if (nameLength > length - at || valueLength > length - at - nameLength)
                {
                    throw new InvalidDataException("A name-value pair runs past the end of its record.");
                }

                string name = Latin1.GetString(pairs, at, nameLength);
                var value = new KeyValuePair<string, ArraySegment<byte>>(name, new ArraySegment<byte>(pairs, at + nameLength, valueLength));
                at += nameLength + valueLength;
                if (positions.TryGetValue(name, out int earlier))
                {
                    variables[earlier] = value;
                }
                else
                {
                    positions.Add(name, variables.Count);
                    variables.Add(value);
                }
            }

            return variables;
        }

        /// <summary>Turns <c>HTTP_X_CALLBACKCONTROLS_TOKEN</c> into <c>X-Callbackcontrols-Token</c> (ASP.NET compares header names without regard to case).</summary>
        /// <param name="variable">A FastCGI variable name that starts with <c>HTTP_</c>.</param>
        /// <returns>The header's name.</returns>
        public static string HeaderName(string variable)
        {
            var name = new StringBuilder(variable.Length - 5);
            bool start = true;
            for (int i = 5; i < variable.Length; i++)
            {
                char c = variable[i];
                if (c == '_')
                {
                    name.Append('-');
                    start = true;
                }
                else
                {
                    name.Append(start ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
                    start = false;
                }
            }

            return name.ToString();
        }

        /// <summary>Writes a name-value pair as FastCGI encodes it (tests and GET_VALUES_RESULT).</summary>
        internal static void WritePair(Stream target, string name, string value)
        {
            byte[] nameBytes = Latin1.GetBytes(name);
            byte[] valueBytes = Utf8.GetBytes(value ?? string.Empty);
            WriteLength(target, nameBytes.Length);
            WriteLength(target, valueBytes.Length);
            target.Write(nameBytes, 0, nameBytes.Length);
            target.Write(valueBytes, 0, valueBytes.Length);
        }

        /// <summary>Writes one record header and its content (no padding).</summary>
        internal static void WriteRecord(Stream target, byte type, int id, byte[] data, int offset, int count)
        {
            WriteRecordHeader(target, type, id, count);
            if (count > 0)
            {
                target.Write(data, offset, count);
            }
        }

        private static void WriteRecordHeader(Stream target, byte type, int id, int count)
        {
            target.WriteByte(Version1);
            target.WriteByte(type);
            target.WriteByte((byte)(id >> 8));
            target.WriteByte((byte)id);
            target.WriteByte((byte)(count >> 8));
            target.WriteByte((byte)count);
            target.WriteByte(0);
            target.WriteByte(0);
        }

        private static int ReadLength(byte[] pairs, ref int at, int end)
        {
            if (at >= end)
            {
                throw new InvalidDataException("A name-value pair is cut short.");
            }

            if ((pairs[at] & 0x80) == 0)
            {
                return pairs[at++];
            }

            if (end - at < 4)
            {
                throw new InvalidDataException("A name-value pair's length is cut short.");
            }

            int value = ((pairs[at] & 0x7f) << 24) | (pairs[at + 1] << 16) | (pairs[at + 2] << 8) | pairs[at + 3];
            at += 4;
            return value;
        }

        private static void WriteLength(Stream target, int length)
        {
            if (length < 0x80)
            {
                target.WriteByte((byte)length);
                return;
            }

            target.WriteByte((byte)((length >> 24) | 0x80));
            target.WriteByte((byte)(length >> 16));
            target.WriteByte((byte)(length >> 8));
            target.WriteByte((byte)length);
        }

        private static int ParsePort(byte[] pairs, int at, int count)
        {
            int port = 0;
            for (int i = at; i < at + count; i++)
            {
                int digit = pairs[i] - '0';
                if (digit < 0 || digit > 9 || port > 65535)
                {
                    return 0;
                }

                port = (port * 10) + digit;
            }

            return port <= 65535 ? port : 0;
        }

        /// <summary>Reads the next record into <see cref="content"/>; false when the peer closed between records.</summary>
        private bool ReadRecord(out byte type, out int id, out int length)
        {
            type = 0;
            id = 0;
            length = 0;
            if (!ReadFully(header, 8, atRecordStart: true))
            {
                return false;
            }

            if (header[0] != Version1)
            {
                throw new InvalidDataException("Not a FastCGI 1 record (version " + header[0].ToString(CultureInfo.InvariantCulture) + ").");
            }

            type = header[1];
            id = (header[2] << 8) | header[3];
            length = (header[4] << 8) | header[5];
            int padding = header[6];
            ReadFully(content, length + padding, atRecordStart: false);
            return true;
        }

        private bool ReadFully(byte[] buffer, int count, bool atRecordStart)
        {
            int read = 0;
            while (read < count)
            {
                int got = stream.Read(buffer, read, count - read);
                if (got <= 0)
                {
                    if (read == 0 && atRecordStart)
                    {
                        return false;
                    }

                    throw new EndOfStreamException("The web server closed the connection in the middle of a record.");
                }

                read += got;
            }

            return true;
        }

        private void WriteReply(int id, HostedResponse response)
        {
            var head = new StringBuilder(256);
            head.Append("Status: ").Append(response.StatusCode.ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(OneLine(response.StatusDescription)).Append("\r\n");
            foreach (KeyValuePair<string, string> pair in response.Headers)
            {
                // ASP.NET already refuses line breaks in header values; a value that has one still never splits the reply.
                if (string.IsNullOrEmpty(pair.Key) || ConnectionHeaders.Contains(pair.Key) || HasLineBreak(pair.Key) || HasLineBreak(pair.Value))
                {
                    continue;
                }

                head.Append(pair.Key).Append(": ").Append(pair.Value).Append("\r\n");
            }

            byte[] bodyBytes = response.Body;
            head.Append("Content-Length: ").Append(bodyBytes.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
            byte[] headBytes = Latin1.GetBytes(head.ToString());

            output.SetLength(0);
            WriteStdout(id, headBytes, bodyBytes);
            WriteRecord(output, TypeStdout, id, null, 0, 0);
            WriteEndRecord(output, id, StatusRequestComplete);
            stream.Write(output.GetBuffer(), 0, (int)output.Length);
            stream.Flush();
        }

        private void WriteStdout(int id, byte[] headBytes, byte[] bodyBytes)
        {
            // The head and the start of the body share the first record; the rest goes in full records.
            int total = headBytes.Length + bodyBytes.Length;
            int written = 0;
            while (written < total)
            {
                int count = Math.Min(MaxRecordContent, total - written);
                WriteRecordHeader(output, TypeStdout, id, count);
                int end = written + count;
                if (written < headBytes.Length)
                {
                    int fromHead = Math.Min(headBytes.Length, end) - written;
                    output.Write(headBytes, written, fromHead);
                    written += fromHead;
                }

                if (written < end)
                {
                    output.Write(bodyBytes, written - headBytes.Length, end - written);
                    written = end;
                }
            }
        }

        private void WriteEnd(int id, byte protocolStatus)
        {
            output.SetLength(0);
            WriteEndRecord(output, id, protocolStatus);
            stream.Write(output.GetBuffer(), 0, (int)output.Length);
            stream.Flush();
        }

        private static void WriteEndRecord(Stream target, int id, byte protocolStatus)
        {
            // Application status 0, then the protocol status and three reserved bytes.
            var end = new byte[] { 0, 0, 0, 0, protocolStatus, 0, 0, 0 };
            WriteRecord(target, TypeEndRequest, id, end, 0, end.Length);
        }

        private void WriteValues(int length)
        {
            // The web server asks what this application can do; it answers for the names it knows.
            var pairs = new MemoryStream();
            foreach (KeyValuePair<string, ArraySegment<byte>> asked in ReadVariables(content, length))
            {
                switch (asked.Key)
                {
                    case "FCGI_MPXS_CONNS":
                        WritePair(pairs, asked.Key, "0");
                        break;
                    case "FCGI_MAX_CONNS":
                    case "FCGI_MAX_REQS":
                        WritePair(pairs, asked.Key, FastCgiListening.MaxConnections.ToString(CultureInfo.InvariantCulture));
                        break;
                }
            }

            output.SetLength(0);
            WriteRecord(output, TypeGetValuesResult, 0, pairs.GetBuffer(), 0, (int)pairs.Length);
            stream.Write(output.GetBuffer(), 0, (int)output.Length);
            stream.Flush();
        }

        private void WriteUnknownType(byte type)
        {
            var unknown = new byte[] { type, 0, 0, 0, 0, 0, 0, 0 };
            output.SetLength(0);
            WriteRecord(output, TypeUnknownType, 0, unknown, 0, unknown.Length);
            stream.Write(output.GetBuffer(), 0, (int)output.Length);
            stream.Flush();
        }

        private static string OneLine(string text)
        {
            return string.IsNullOrEmpty(text) || !HasLineBreak(text) ? text ?? string.Empty : text.Replace('\r', ' ').Replace('\n', ' ');
        }

        private static bool HasLineBreak(string text)
        {
            return text != null && text.IndexOfAny(new[] { '\r', '\n' }) >= 0;
        }
    }
}
