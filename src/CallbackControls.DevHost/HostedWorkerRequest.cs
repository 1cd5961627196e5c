using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Web;
using System.Web.Hosting;

namespace CallbackControls.DevHost
{
    /// <summary>
    /// The bridge between one <see cref="HostedRequest"/> and the ASP.NET runtime: answers the runtime's
    /// questions about the request and records everything it sends back. Lives in the ASP.NET domain.
    /// </summary>
    /// <remarks>
    /// <see cref="SimpleWorkerRequest"/> brings the application's paths and the machine configuration; the
    /// members Mono's runtime reads the request and sends the reply through are replaced, as its versions
    /// hard-code GET, HTTP/1.0, no headers, no body, and drop status, headers and file output. What
    /// <see cref="HttpWorkerRequest"/> derives from them (protocol, remote name, a preloaded body) is its own.
    /// </remarks>
    internal sealed class HostedWorkerRequest : SimpleWorkerRequest
    {
        // Linux file names are case-sensitive, so both spellings are tried.
        private static readonly string[] DefaultDocuments =
        {
            "Default.aspx", "default.aspx", "Index.aspx", "index.aspx",
            "Default.html", "default.html", "Default.htm", "default.htm", "index.html", "index.htm",
        };

        private readonly HostedRequest _request;
        private readonly ReplyStream _stream;
        private readonly string _rawUrl;
        private readonly string _queryString;
        private readonly string _uriPath;
        private readonly string _filePath;
        private readonly string _pathInfo;
        private readonly string[] _knownHeaders = new string[RequestHeaderMaximum];
        private readonly List<string[]> _unknownHeaders = new List<string[]>();

        private readonly object _sync = new object();
        private readonly ManualResetEventSlim _completed = new ManualResetEventSlim(false);
        private readonly MemoryStream _responseBody = new MemoryStream();
        private readonly List<KeyValuePair<string, string>> _responseHeaders = new List<KeyValuePair<string, string>>();
        private int _statusCode = 200;
        private string _statusDescription = "OK";
        private bool _finished;
        private bool _streaming;
        private volatile bool _abandoned;

        /// <summary>Prepares a worker request for the application at <c>/</c>; call from inside its domain.</summary>
        /// <param name="request">The request.</param>
        /// <param name="stream">Where the reply goes once the application flushes it early; null to send it whole at the end.</param>
        public HostedWorkerRequest(HostedRequest request, ReplyStream stream = null)
            : base(string.Empty, string.Empty, TextWriter.Null)
        {
            _request = request;
            _stream = stream;
            _rawUrl = StripSchemeAndAuthority(request.PathAndQuery);
            int question = _rawUrl.IndexOf('?');
            _queryString = question < 0 ? string.Empty : _rawUrl.Substring(question + 1);

            // Protected folders, dot segments and ".." are refused here, before ASP.NET sees the request.
            _uriPath = SitePaths.Normalize(question < 0 ? _rawUrl : _rawUrl.Substring(0, question));
            if (_uriPath == null)
            {
                Refused = true;
                return;
            }

            // System.Web leaves folders to the web server (IIS, XSP): "/dir" is redirected to "/dir/",
            // and "/dir/" runs the folder's default document.
            string folder = MapPath(_uriPath);
            if (Directory.Exists(folder))
            {
                if (!_uriPath.EndsWith("/", StringComparison.Ordinal))
                {
                    // Built from the normalized path, so "//evil.example/x" cannot become "Location: //evil.example/x/".
                    DirectoryRedirect = SitePaths.Encode(_uriPath) + "/" + (question < 0 ? string.Empty : _rawUrl.Substring(question));
                    return;
                }

                _uriPath += Array.Find(DefaultDocuments, document => File.Exists(Path.Combine(folder, document)));
            }

            SitePaths.SplitPathInfo(_uriPath, out _filePath, out _pathInfo);
            Refused = !SitePaths.IsInside(GetAppPathTranslated(), MapPath(_filePath));
            foreach (KeyValuePair<string, string> header in request.Headers)
            {
                // The body arrives already de-chunked and whole; its true length replaces whatever was sent.
                if (string.Equals(header.Key, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                int index = FindKnownRequestHeader(header.Key);
                if (index < 0) _unknownHeaders.Add(new[] { header.Key, header.Value });
                else if (_knownHeaders[index] == null) _knownHeaders[index] = header.Value;
                else _knownHeaders[index] += (index == HeaderCookie ? "; " : ", ") + header.Value;
            }

            bool bodyless = string.Equals(request.Verb, "GET", StringComparison.OrdinalIgnoreCase) || string.Equals(request.Verb, "HEAD", StringComparison.OrdinalIgnoreCase);
            if (request.Body.Length > 0 || !bodyless) _knownHeaders[HeaderContentLength] = request.Body.Length.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>Where the client must be sent instead (a folder named without its trailing slash); otherwise null.</summary>
        public string DirectoryRedirect { get; }

        /// <summary>True when the request must be answered 404 without ASP.NET: a protected path, or a file reached through a link out of the site.</summary>
        public bool Refused { get; }

        /// <summary>True when <see cref="Abandon"/> ended the request before ASP.NET did.</summary>
        public bool WasAbandoned => _abandoned;

        /// <summary>True once the reply is being sent as the application flushes it: no deadline ends it, the application does.</summary>
        public bool IsStreaming
        {
            get
            {
                lock (_sync)
                {
                    return _streaming;
                }
            }
        }

        /// <summary>Waits for ASP.NET to finish the request (or close its connection); true when it did in time.</summary>
        public bool WaitForCompletion(TimeSpan timeout) => _completed.Wait(timeout);

        /// <summary>Ends the request from outside ASP.NET (timeout, domain shutdown); later output from ASP.NET is ignored.</summary>
        public void Abandon()
        {
            lock (_sync)
            {
                if (!_finished) _abandoned = true;

                _finished = true;
            }

            _completed.Set();
        }

        /// <summary>Copies what ASP.NET has sent so far into a reply.</summary>
        public HostedResponse CreateResponse()
        {
            lock (_sync)
            {
                var response = new HostedResponse { StatusCode = _statusCode, StatusDescription = _statusDescription, Body = _responseBody.ToArray() };
                response.Headers.AddRange(_responseHeaders);
                return response;
            }
        }

        // ---- the request ----

        public override string GetHttpVerbName() => _request.Verb;
        public override string GetHttpVersion() => _request.HttpVersion;

        public override string GetRawUrl() => _rawUrl;
        public override string GetUriPath() => _uriPath;
        public override string GetQueryString() => _queryString;

        public override string GetFilePath() => _filePath;
        public override string GetFilePathTranslated() => MapPath(_filePath);
        public override string GetPathInfo() => _pathInfo;

        // The application is always at "/" (SiteHost creates it there).
        public override string MapPath(string path) =>
            Path.Combine(GetAppPathTranslated(), (path ?? string.Empty).TrimStart('/').Replace('/', Path.DirectorySeparatorChar));

        public override string GetRemoteAddress() => _request.RemoteAddress;
        public override int GetRemotePort() => _request.RemotePort;
        public override string GetLocalAddress() => _request.LocalAddress;
        public override int GetLocalPort() => _request.LocalPort;

        // The host the client asked for ("[::1]" keeps its brackets), which Request.Url is built from.
        public override string GetServerName()
        {
            string host = _knownHeaders[HeaderHost];
            if (string.IsNullOrEmpty(host)) return GetLocalAddress();

            int end = host[0] == '[' ? host.IndexOf(']') + 1 : host.IndexOf(':');
            return end > 0 ? host.Substring(0, end) : host;
        }

        public override bool IsClientConnected() => !_completed.IsSet && !(_stream?.Broken ?? false);

        public override string GetServerVariable(string name)
        {
            // Mono switches to chunked transfer coding on HTTP/1.1 unless the gateway is CGI; the reply is
            // buffered whole here, so chunk framing would only have to be stripped again.
            if (name == "GATEWAY_INTERFACE") return "CGI/1.1";

            // Mono's Request.ServerVariables asks here for a few headers (HTTP_HOST, HTTP_USER_AGENT...).
            if (name == null || !name.StartsWith("HTTP_", StringComparison.Ordinal)) return base.GetServerVariable(name);

            string header = name.Substring(5).Replace('_', '-');
            int index = FindKnownRequestHeader(header);
            return index >= 0 ? _knownHeaders[index] : GetUnknownRequestHeader(header);
        }

        public override string GetKnownRequestHeader(int index) => _knownHeaders[index];

        public override string GetUnknownRequestHeader(string name) =>
            _unknownHeaders.Find(header => string.Equals(header[0], name, StringComparison.OrdinalIgnoreCase))?[1];

        public override string[][] GetUnknownRequestHeaders() => _unknownHeaders.ToArray();

        public override byte[] GetPreloadedEntityBody() => _request.Body;
        public override bool IsEntireEntityBodyIsPreloaded() => true;

        // ---- the reply ----

        public override void SendStatus(int statusCode, string statusDescription)
        {
            lock (_sync)
            {
                if (_finished) return;

                _statusCode = statusCode;
                _statusDescription = string.IsNullOrEmpty(statusDescription) ? GetStatusDescription(statusCode) : statusDescription;
            }
        }

        public override void SendKnownResponseHeader(int index, string value) => SendUnknownResponseHeader(GetKnownResponseHeaderName(index), value);

        public override void SendUnknownResponseHeader(string name, string value)
        {
            if (string.IsNullOrEmpty(name)) return;

            lock (_sync)
            {
                if (!_finished) _responseHeaders.Add(new KeyValuePair<string, string>(name, value ?? string.Empty));
            }
        }

        public override void SendResponseFromMemory(byte[] data, int length)
        {
            if (data == null || length <= 0) return;

            lock (_sync)
            {
                if (!_finished) _responseBody.Write(data, 0, Math.Min(length, data.Length));
            }
        }

        // ASP.NET's static file handler sends files through here; a negative length means "to the end".
        public override void SendResponseFromFile(string filename, long offset, long length)
        {
            if (length == 0) return;

            using (var file = new FileStream(filename, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                file.Seek(offset, SeekOrigin.Begin);
                long remaining = length < 0 ? long.MaxValue : length;
                var buffer = new byte[81920];
                int read;
                while (remaining > 0 && (read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining))) > 0)
                {
                    SendResponseFromMemory(buffer, read);
                    remaining -= read;
                }
            }
        }

        public override void FlushResponse(bool finalFlush)
        {
            // A reply is buffered until the request ends and written in one piece, unless the application
            // flushes it before the end (Response.Flush()): from then on it goes out as it comes.
            lock (_sync)
            {
                if (_finished || _stream == null || (finalFlush && !_streaming)) return;

                byte[] body = _responseBody.ToArray();
                _responseBody.SetLength(0);
                bool sent;
                if (_streaming)
                {
                    sent = _stream.Write(body);
                }
                else
                {
                    _streaming = true;
                    var head = new HostedResponse { StatusCode = _statusCode, StatusDescription = _statusDescription, Body = new byte[0] };
                    head.Headers.AddRange(_responseHeaders);
                    sent = _stream.Begin(HostedMessageCodec.Pack(head), body);
                }

                // As IIS does: a flush to a client that left fails, so a handler that streams learns of it.
                if (!sent && !finalFlush) throw new HttpException("The client disconnected.");
            }
        }

        public override void EndOfRequest()
        {
            // Mono calls FlushResponse(true) before this; what a streamed reply still holds goes out here too.
            FlushResponse(true);
            Finish();
        }

        // Mono's early-failure paths (application start-up errors, a full request queue) close the
        // connection without ever calling EndOfRequest.
        public override void CloseConnection() => Finish();

        private static int FindKnownRequestHeader(string name)
        {
            int index = GetKnownRequestHeaderIndex(name);
            for (int i = 0; index < 0 && i < RequestHeaderMaximum; i++)
            {
                // The index table is case-sensitive; header names are not.
                if (string.Equals(GetKnownRequestHeaderName(i), name, StringComparison.OrdinalIgnoreCase)) index = i;
            }

            return index;
        }

        // A proxy-style request line carries the absolute URI.
        private static string StripSchemeAndAuthority(string url)
        {
            int scheme = url.IndexOf("://", StringComparison.Ordinal);
            if (scheme > 0 && scheme < url.IndexOf('/'))
            {
                int pathStart = url.IndexOf('/', scheme + 3);
                url = pathStart < 0 ? "/" : url.Substring(pathStart);
            }

            return url.StartsWith("/", StringComparison.Ordinal) ? url : "/" + url;
        }

        private void Finish()
        {
            lock (_sync)
            {
                _finished = true;
            }

            _completed.Set();
        }
    }
}
