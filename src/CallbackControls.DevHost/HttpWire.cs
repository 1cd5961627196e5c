using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Text;

namespace CallbackControls.DevHost
{
    /// <summary>
    /// HTTP/1.1 on one accepted connection: reads a request head and body under deadlines and limits, and
    /// writes replies. Requests are read one after another, so pipelined requests are answered in order.
    /// </summary>
    /// <remarks>
    /// The server reads the request itself (not <see cref="System.Net.HttpListener"/>): Mono's listener
    /// reads bodies without a deadline or a size limit, merges duplicate <c>Content-Length</c> headers and
    /// normalizes the path before the host could judge it.
    /// </remarks>
    internal sealed class HttpWire
    {
        // The longest request head (request line and headers) accepted.
        private const int MaxHeadBytes = 32 * 1024;

        private static readonly Encoding Latin1 = Encoding.GetEncoding(28591);

        // Written here from the reply itself; ASP.NET's copies would duplicate or contradict them.
        private static readonly HashSet<string> FramingHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive",
        };

        private readonly Socket _socket;
        private readonly byte[] _buffer = new byte[MaxHeadBytes];
        private int _start;
        private int _end;

        public HttpWire(Socket socket)
        {
            this._socket = socket;
        }

        /// <summary>Set once the client sent no more bytes, or a read failed: the connection is over.</summary>
        public bool Closed { get; private set; }

        /// <summary>
        /// Reads a request head. Returns null when the connection ended or timed out before any byte of it
        /// (nothing to answer); throws <see cref="HttpError"/> for a malformed, too long or too slow one.
        /// </summary>
        public HostedRequest ReadHead(DateTime deadline)
        {
            int scanned = 0; // bytes after _start already searched for the blank line
            while (true)
            {
                int headEnd = IndexOfBlankLine(_start + scanned);
                if (headEnd >= 0)
                {
                    string head = Latin1.GetString(_buffer, _start, headEnd - _start);
                    _start = headEnd + (_buffer[headEnd] == '\r' ? 4 : 2);
                    return ParseHead(head);
                }

                if (_end - _start == _buffer.Length) throw new HttpError(431, "Request Header Fields Too Large");

                scanned = Math.Max(0, _end - _start - 3);
                bool any = _end > _start;
                if (Fill(deadline) == 0)
                {
                    if (any && !Closed) throw new HttpError(408, "Request Timeout");

                    Closed = true;
                    return null;
                }
            }
        }

        /// <summary>
        /// Reads the body the head announces, refusing before reading it what <paramref name="maxBytes"/> does
        /// not allow, and ambiguous framing. Sends <c>100 Continue</c> when the client waits for it.
        /// </summary>
        public byte[] ReadBody(HostedRequest request, long maxBytes, DateTime deadline)
        {
            IList<string> lengths = request.GetHeaders("Content-Length");
            string transferEncoding = request.GetHeader("Transfer-Encoding");
            if (transferEncoding != null && lengths.Count > 0) throw new HttpError(400, "Bad Request", "Transfer-Encoding and Content-Length together");

            long length = 0;
            string first = null;
            foreach (string value in lengths)
            {
                foreach (string part in value.Split(','))
                {
                    string text = part.Trim();
                    if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out length))
                    {
                        throw new HttpError(400, "Bad Request", "Content-Length is not a number");
                    }

                    if (first != null && first != text) throw new HttpError(400, "Bad Request", "two different Content-Length values");

                    first = text;
                }
            }

            if (length > maxBytes) throw new HttpError(413, "Payload Too Large", "the body is over the site's maxRequestLength");

            bool chunked = transferEncoding != null;
            if (chunked && !string.Equals(transferEncoding.Trim(), "chunked", StringComparison.OrdinalIgnoreCase))
            {
                throw new HttpError(501, "Not Implemented", "Transfer-Encoding other than chunked");
            }

            if (length == 0 && !chunked) return new byte[0];

            if (string.Equals(request.GetHeader("Expect"), "100-continue", StringComparison.OrdinalIgnoreCase) && _end == _start)
            {
                Write(Latin1.GetBytes("HTTP/1.1 100 Continue\r\n\r\n"));
            }

            return chunked ? ReadChunked(maxBytes, deadline) : ReadExactly((int)length, deadline);
        }

        /// <summary>Writes a whole reply; <paramref name="close"/> adds <c>Connection: close</c>.</summary>
        public void WriteResponse(HostedResponse response, bool headRequest, bool close)
        {
            bool bodyless = response.StatusCode == 204 || response.StatusCode == 304 || response.StatusCode < 200;
            StringBuilder head = Head(response);
            if (!bodyless) head.Append("Content-Length: ").Append(response.Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");

            head.Append(close ? "Connection: close\r\n\r\n" : "\r\n");
            byte[] headBytes = Encoding.UTF8.GetBytes(head.ToString());
            bool withBody = !headRequest && !bodyless && response.Body.Length > 0;
            if (withBody && response.Body.Length <= 64 * 1024)
            {
                // One write for a small reply: one segment, one ACK.
                var whole = new byte[headBytes.Length + response.Body.Length];
                Buffer.BlockCopy(headBytes, 0, whole, 0, headBytes.Length);
                Buffer.BlockCopy(response.Body, 0, whole, headBytes.Length, response.Body.Length);
                Write(whole);
                return;
            }

            Write(headBytes);
            if (withBody) Write(response.Body);
        }

        /// <summary>
        /// Writes the head of a reply whose body follows as the application flushes it (<see cref="ReplyStream"/>):
        /// no length, so the body ends with the connection.
        /// </summary>
        public void WriteStreamHead(HostedResponse response) => Write(Encoding.UTF8.GetBytes(Head(response).Append("Connection: close\r\n\r\n").ToString()));

        /// <summary>Writes part of a streamed reply's body.</summary>
        public void WriteBody(byte[] bytes) => Write(bytes);

        // The status line and the reply's own headers, without framing.
        private static StringBuilder Head(HostedResponse response)
        {
            var head = new StringBuilder(256);
            head.Append("HTTP/1.1 ").Append(response.StatusCode.ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(OneLine(response.StatusDescription)).Append("\r\n");
            bool nosniff = false;
            foreach (KeyValuePair<string, string> header in response.Headers)
            {
                if (FramingHeaders.Contains(header.Key) || header.Key.IndexOfAny(new[] { '\r', '\n', ':', ' ' }) >= 0) continue;

                nosniff |= string.Equals(header.Key, "X-Content-Type-Options", StringComparison.OrdinalIgnoreCase);
                head.Append(header.Key).Append(": ").Append(OneLine(header.Value)).Append("\r\n");
            }

            if (!nosniff) head.Append("X-Content-Type-Options: nosniff\r\n");
            return head;
        }

        /// <summary>
        /// After a refusal that left a body unread: stops sending, then reads (and drops) what the client still
        /// sends for a moment, so that closing does not reset the connection before the client read the reply.
        /// </summary>
        public void CloseGently()
        {
            try
            {
                _socket.Shutdown(SocketShutdown.Send);
                var sink = new byte[8192];
                // As nginx's lingering close: long enough for a client still writing a refused body (a 5 MB
                // upload over maxRequestLength) to finish and read the 413, bounded in time and bytes.
                DateTime deadline = DateTime.UtcNow.AddSeconds(2);
                long drained = 0;
                while (drained < 64L * 1024 * 1024 && DateTime.UtcNow < deadline)
                {
                    int read = Receive(sink, 0, sink.Length, deadline);
                    if (read == 0) break;

                    drained += read;
                }
            }
            catch (Exception ex) when (ex is SocketException || ex is ObjectDisposedException || ex is HttpError)
            {
                // The client is gone already.
            }
        }

        private static string OneLine(string value) => (value ?? string.Empty).Replace('\r', ' ').Replace('\n', ' ');

        private static HostedRequest ParseHead(string head)
        {
            string[] lines = head.Split('\n');
            string[] requestLine = lines[0].TrimEnd('\r').Split(' ');
            if (requestLine.Length != 3 || requestLine[0].Length == 0 || requestLine[1].Length == 0
                || !(requestLine[2] == "HTTP/1.1" || requestLine[2] == "HTTP/1.0"))
            {
                throw new HttpError(400, "Bad Request", "malformed request line");
            }

            var request = new HostedRequest(requestLine[0], requestLine[1]) { HttpVersion = requestLine[2] };
            for (int i = 1; i < lines.Length; i++)
            {
                string line = lines[i].TrimEnd('\r');
                int colon = line.IndexOf(':');

                // A folded line or whitespace before the colon could hide a header from one reader and not another.
                if (colon <= 0 || line[0] == ' ' || line[0] == '\t' || line[colon - 1] == ' ' || line[colon - 1] == '\t')
                {
                    throw new HttpError(400, "Bad Request", "malformed header line");
                }

                request.AddHeader(line.Substring(0, colon), line.Substring(colon + 1).Trim(' ', '\t'));
            }

            if (requestLine[2] == "HTTP/1.1" && request.GetHeaders("Host").Count != 1) throw new HttpError(400, "Bad Request", "HTTP/1.1 needs one Host header");

            return request;
        }

        private int IndexOfBlankLine(int from)
        {
            for (int i = Math.Max(from, _start); i + 1 < _end; i++)
            {
                if (_buffer[i] == '\n' && _buffer[i + 1] == '\n') return i;

                if (_buffer[i] == '\r' && i + 3 < _end && _buffer[i + 1] == '\n' && _buffer[i + 2] == '\r' && _buffer[i + 3] == '\n') return i;
            }

            return -1;
        }

        private byte[] ReadExactly(int length, DateTime deadline)
        {
            var body = new byte[length];
            int have = Math.Min(length, _end - _start);
            Buffer.BlockCopy(_buffer, _start, body, 0, have);
            _start += have;
            while (have < length)
            {
                int read = Receive(body, have, length - have, deadline);
                if (read == 0) throw new HttpError(Closed ? 400 : 408, Closed ? "Bad Request" : "Request Timeout", "the body ended early");

                have += read;
            }

            return body;
        }

        private byte[] ReadChunked(long maxBytes, DateTime deadline)
        {
            using (var body = new MemoryStream())
            {
                while (true)
                {
                    string sizeLine = ReadLine(deadline);
                    int semicolon = sizeLine.IndexOf(';');
                    string hex = semicolon < 0 ? sizeLine.Trim() : sizeLine.Substring(0, semicolon).Trim();
                    if (!long.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long size) || size < 0)
                    {
                        throw new HttpError(400, "Bad Request", "malformed chunk size");
                    }

                    if (size == 0)
                    {
                        // Trailer fields are read and dropped.
                        while (ReadLine(deadline).Length > 0)
                        {
                        }

                        return body.ToArray();
                    }

                    if (body.Length + size > maxBytes) throw new HttpError(413, "Payload Too Large", "the body is over the site's maxRequestLength");

                    byte[] chunk = ReadExactly((int)size, deadline);
                    body.Write(chunk, 0, chunk.Length);
                    if (ReadLine(deadline).Length != 0) throw new HttpError(400, "Bad Request", "malformed chunk");
                }
            }
        }

        private string ReadLine(DateTime deadline)
        {
            while (true)
            {
                int newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (newline >= 0)
                {
                    string line = Latin1.GetString(_buffer, _start, newline - _start).TrimEnd('\r');
                    _start = newline + 1;
                    return line;
                }

                if (_end - _start == _buffer.Length) throw new HttpError(400, "Bad Request", "a chunk line is too long");

                if (Fill(deadline) == 0) throw new HttpError(Closed ? 400 : 408, Closed ? "Bad Request" : "Request Timeout", "the body ended early");
            }
        }

        // Moves the unread bytes to the start of the buffer and receives more after them; 0 as Receive.
        private int Fill(DateTime deadline)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            int read = Receive(_buffer, _end, _buffer.Length - _end, deadline);
            _end += read;
            return read;
        }

        /// <summary>Reads what arrives before <paramref name="deadline"/>; 0 when the deadline passed or the client closed (then <see cref="Closed"/>).</summary>
        private int Receive(byte[] target, int offset, int count, DateTime deadline)
        {
            int remaining = (int)Math.Ceiling((deadline - DateTime.UtcNow).TotalMilliseconds);
            if (remaining <= 0) return 0;

            try
            {
                _socket.ReceiveTimeout = remaining;
                int read = _socket.Receive(target, offset, count, SocketFlags.None);
                Closed |= read == 0;
                return read;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut || ex.SocketErrorCode == SocketError.WouldBlock)
            {
                return 0;
            }
            catch (Exception ex) when (ex is SocketException || ex is ObjectDisposedException)
            {
                Closed = true;
                return 0;
            }
        }

        private void Write(byte[] bytes)
        {
            int sent = 0;
            while (sent < bytes.Length) sent += _socket.Send(bytes, sent, bytes.Length - sent, SocketFlags.None);
        }
    }

    /// <summary>A request the server answers itself, with this status, before (or instead of) ASP.NET.</summary>
    internal sealed class HttpError : Exception
    {
        public HttpError(int status, string description, string detail = null)
            : base(detail ?? description)
        {
            Status = status;
            Description = description;
        }

        public int Status { get; }

        public string Description { get; }
    }
}
