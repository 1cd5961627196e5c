using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Web;
using System.Web.Hosting;
using Microsoft.Win32.SafeHandles;

namespace CallbackControls.DevHost
{
    /// <summary>
    /// The bridge between one <see cref="HostedRequest"/> and the ASP.NET runtime: answers the runtime's
    /// questions about the request and records everything it sends back. Lives in the ASP.NET domain.
    /// </summary>
    /// <remarks>
    /// <see cref="SimpleWorkerRequest"/> is the base only for its machine-configuration plumbing; every
    /// request-facing member is replaced because Mono's version hard-codes GET, HTTP/1.0, no headers,
    /// no body, and drops status, headers and file output.
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
        private readonly string _appVirtualPath;
        private readonly string _appPhysicalPath;
        private readonly string _rawUrl;
        private readonly string _uriPath;
        private readonly string _filePath;
        private readonly string _pathInfo;
        private readonly string _directoryRedirect;
        private readonly bool _refused;
        private readonly string _queryString;
        private readonly string[] _knownHeaders = new string[RequestHeaderMaximum];
        private readonly string[][] _unknownHeaders;

        private readonly object _sync = new object();
        private readonly ManualResetEventSlim _completed = new ManualResetEventSlim(false);
        private readonly MemoryStream _responseBody = new MemoryStream();
        private readonly List<KeyValuePair<string, string>> _responseHeaders = new List<KeyValuePair<string, string>>();
        private int _statusCode = 200;
        private string _statusDescription = "OK";
        private bool _finished;
        private bool _abandoned;
        private EndOfSendNotification _endOfSendCallback;
        private object _endOfSendExtraData;

        /// <summary>Prepares a worker request; call from inside the ASP.NET application domain.</summary>
        /// <param name="request">The request to present to ASP.NET.</param>
        /// <param name="appVirtualPath">The application's virtual path, normally <c>/</c>.</param>
        /// <param name="appPhysicalPath">The application's folder on disk.</param>
        public HostedWorkerRequest(HostedRequest request, string appVirtualPath, string appPhysicalPath)
            : base(string.Empty, string.Empty, TextWriter.Null)
        {
            this._request = request ?? throw new ArgumentNullException(nameof(request));
            this._appVirtualPath = NormalizeAppPath(appVirtualPath);
            this._appPhysicalPath = EnsureTrailingSeparator(appPhysicalPath ?? throw new ArgumentNullException(nameof(appPhysicalPath)));

            _rawUrl = StripSchemeAndAuthority(request.PathAndQuery);
            int question = _rawUrl.IndexOf('?');
            string rawPath = question < 0 ? _rawUrl : _rawUrl.Substring(0, question);
            _queryString = question < 0 ? string.Empty : _rawUrl.Substring(question + 1);

            // Protected folders, dot segments and ".." are refused here, before ASP.NET sees the request.
            _uriPath = SitePaths.Normalize(rawPath);
            if (_uriPath == null)
            {
                _refused = true;
                _uriPath = _filePath = "/";
                _pathInfo = string.Empty;
                _unknownHeaders = new string[0][];
                return;
            }

            // System.Web leaves folders to the web server (IIS, XSP): "/dir" is redirected to "/dir/",
            // and "/dir/" runs the folder's default document.
            if (IsDirectory(_uriPath))
            {
                if (!_uriPath.EndsWith("/", StringComparison.Ordinal))
                {
                    // Built from the normalized path, so "//evil.example/x" cannot become "Location: //evil.example/x/".
                    _directoryRedirect = SitePaths.Encode(_uriPath) + "/" + (question < 0 ? string.Empty : _rawUrl.Substring(question));
                }
                else
                {
                    string document = FindDefaultDocument(MapPath(_uriPath));
                    if (document != null) _uriPath += document;
                }
            }

            SitePaths.SplitPathInfo(_uriPath, out _filePath, out _pathInfo);
            _refused = !SitePaths.IsInside(this._appPhysicalPath, MapPath(_filePath));
            _unknownHeaders = SortHeaders(request);
        }

        /// <summary>
        /// Where the client must be sent instead, when the URL names a folder without the trailing slash
        /// (ASP.NET is not involved then); otherwise null.
        /// </summary>
        public string DirectoryRedirect => _directoryRedirect;

        /// <summary>True when the request must be answered 404 without ASP.NET: a protected path, or a file reached through a link out of the site.</summary>
        public bool Refused => _refused;

        /// <summary>The request being served.</summary>
        public HostedRequest Request => _request;

        /// <summary>Set once ASP.NET has finished the request (or closed its connection).</summary>
        public WaitHandle CompletedHandle => _completed.WaitHandle;

        /// <summary>True once ASP.NET has finished the request (or closed its connection).</summary>
        public bool IsCompleted => _completed.IsSet;

        /// <summary>True when <see cref="Abandon"/> ended the request before ASP.NET did.</summary>
        public bool WasAbandoned
        {
            get
            {
                lock (_sync)
                {
                    return _abandoned;
                }
            }
        }

        /// <summary>Waits for ASP.NET to finish the request.</summary>
        /// <param name="timeout">How long to wait.</param>
        /// <returns>True when the request finished in time.</returns>
        public bool WaitForCompletion(TimeSpan timeout) => _completed.Wait(timeout);

        /// <summary>
        /// Ends the request from outside ASP.NET (timeout, domain shutdown); later output from ASP.NET
        /// is ignored.
        /// </summary>
        public void Abandon()
        {
            lock (_sync)
            {
                if (!_finished)
                {
                    _finished = true;
                    _abandoned = true;
                }
            }

            _completed.Set();
        }

        /// <summary>Copies what ASP.NET has sent so far into a serializable reply.</summary>
        /// <returns>Status, headers and body.</returns>
        public HostedResponse CreateResponse()
        {
            lock (_sync)
            {
                var response = new HostedResponse
                {
                    StatusCode = _statusCode,
                    StatusDescription = _statusDescription,
                    Headers = new List<KeyValuePair<string, string>>(_responseHeaders),
                    Body = _responseBody.ToArray(),
                };

                return response;
            }
        }

        // ---- request line and paths ----

        public override string GetHttpVerbName() => _request.Verb;
        public override string GetHttpVersion() => string.IsNullOrEmpty(_request.HttpVersion) ? "HTTP/1.1" : _request.HttpVersion;

        public override string GetRawUrl() => _rawUrl;
        public override string GetUriPath() => _uriPath;

        public override string GetFilePath() => _filePath;
        public override string GetFilePathTranslated() => MapPath(_filePath);

        public override string GetPathInfo() => _pathInfo;
        public override string GetQueryString() => _queryString;

        public override byte[] GetQueryStringRawBytes() => Encoding.UTF8.GetBytes(_queryString);
        public override string GetAppPath() => _appVirtualPath;

        public override string GetAppPathTranslated() => _appPhysicalPath;

        public override string MapPath(string path)
        {
            if (string.IsNullOrEmpty(path) || path == "/") return _appPhysicalPath;

            string relative = path;
            if (_appVirtualPath != "/" && relative.StartsWith(_appVirtualPath, StringComparison.OrdinalIgnoreCase))
            {
                relative = relative.Substring(_appVirtualPath.Length);
            }

            relative = relative.TrimStart('/');
            if (relative.Length == 0) return _appPhysicalPath;

            return Path.Combine(_appPhysicalPath, relative.Replace('/', Path.DirectorySeparatorChar));
        }

        // ---- connection ----

        public override string GetRemoteAddress() => _request.RemoteAddress ?? "127.0.0.1";
        public override int GetRemotePort() => _request.RemotePort;

        public override string GetRemoteName() => GetRemoteAddress();
        public override string GetLocalAddress() => _request.LocalAddress ?? "127.0.0.1";

        public override int GetLocalPort() => _request.LocalPort;

        public override string GetServerName()
        {
            string host = _knownHeaders[HeaderHost];
            if (string.IsNullOrEmpty(host)) return GetLocalAddress();

            if (host.StartsWith("[", StringComparison.Ordinal))
            {
                int close = host.IndexOf(']');
                return close > 0 ? host.Substring(0, close + 1) : host;
            }

            int colon = host.IndexOf(':');
            return colon < 0 ? host : host.Substring(0, colon);
        }

        public override string GetProtocol() => "http";
        public override bool IsSecure() => false;

        public override bool IsClientConnected() => !IsCompleted;

        public override string GetServerVariable(string name)
        {
            switch ((name ?? string.Empty).ToUpperInvariant())
            {
                case "GATEWAY_INTERFACE":
                    // Mono switches to chunked transfer coding on HTTP/1.1 unless the gateway is CGI; the
                    // reply is buffered whole here, so chunk framing would only have to be stripped again.
                    return "CGI/1.1";
                case "SERVER_SOFTWARE":
                    return "CallbackControls.DevHost";
                case "SERVER_PROTOCOL":
                    return GetHttpVersion();
                case "SERVER_NAME":
                    return GetServerName();
                case "SERVER_PORT":
                    return GetLocalPort().ToString(CultureInfo.InvariantCulture);
                case "SERVER_PORT_SECURE":
                    return "0";
                case "HTTPS":
                    return "off";
                case "REQUEST_METHOD":
                    return GetHttpVerbName();
                case "REMOTE_ADDR":
                case "REMOTE_HOST":
                    return GetRemoteAddress();
                case "REMOTE_PORT":
                    return GetRemotePort().ToString(CultureInfo.InvariantCulture);
                case "LOCAL_ADDR":
                    return GetLocalAddress();
                case "QUERY_STRING":
                    return _queryString;
                case "PATH_INFO":
                    return _pathInfo;
                case "SCRIPT_NAME":
                    return _filePath;
                case "URL":
                    return _uriPath;
                case "CONTENT_TYPE":
                    return _knownHeaders[HeaderContentType] ?? string.Empty;
                case "CONTENT_LENGTH":
                    return _knownHeaders[HeaderContentLength] ?? "0";
            }

            if (name != null && name.StartsWith("HTTP_", StringComparison.OrdinalIgnoreCase))
            {
                string headerName = name.Substring(5).Replace('_', '-');
                int index = GetKnownRequestHeaderIndex(headerName);
                if (index < 0)
                {
                    // Known-header names are title case; look the name up without regard to case.
                    for (int i = 0; i < RequestHeaderMaximum; i++)
                    {
                        if (string.Equals(GetKnownRequestHeaderName(i), headerName, StringComparison.OrdinalIgnoreCase))
                        {
                            index = i;
                            break;
                        }
                    }
                }

                return index >= 0 ? _knownHeaders[index] : GetUnknownRequestHeader(headerName);
            }

            return base.GetServerVariable(name);
        }

        // ---- request headers and body ----

        public override string GetKnownRequestHeader(int index) => index >= 0 && index < _knownHeaders.Length ? _knownHeaders[index] : null;

        public override string GetUnknownRequestHeader(string name)
        {
            foreach (string[] pair in _unknownHeaders) if (string.Equals(pair[0], name, StringComparison.OrdinalIgnoreCase)) return pair[1];

            return null;
        }

        public override string[][] GetUnknownRequestHeaders() => _unknownHeaders;
        public override byte[] GetPreloadedEntityBody() => _request.Body;

        public override int GetPreloadedEntityBody(byte[] buffer, int offset)
        {
            byte[] body = _request.Body;
            Buffer.BlockCopy(body, 0, buffer, offset, body.Length);
            return body.Length;
        }

        public override int GetPreloadedEntityBodyLength() => _request.Body.Length;
        public override int GetTotalEntityBodyLength() => _request.Body.Length;

        public override bool IsEntireEntityBodyIsPreloaded() => true;
        public override int ReadEntityBody(byte[] buffer, int size) => 0;

        public override int ReadEntityBody(byte[] buffer, int offset, int size) => 0;

        // ---- response ----

        public override void SendStatus(int statusCode, string statusDescription)
        {
            lock (_sync)
            {
                if (_finished) return;

                this._statusCode = statusCode;
                this._statusDescription = string.IsNullOrEmpty(statusDescription) ? GetStatusDescription(statusCode) : statusDescription;
            }
        }

        public override void SendKnownResponseHeader(int index, string value)
        {
            AddResponseHeader(GetKnownResponseHeaderName(index), value);
        }

        public override void SendUnknownResponseHeader(string name, string value)
        {
            AddResponseHeader(name, value);
        }

        public override void SendCalculatedContentLength(int contentLength)
        {
            SendCalculatedContentLength((long)contentLength);
        }

        public override void SendCalculatedContentLength(long contentLength)
        {
            lock (_sync)
            {
                if (!_responseHeaders.Exists(h => string.Equals(h.Key, "Content-Length", StringComparison.OrdinalIgnoreCase)))
                {
                    AddResponseHeader("Content-Length", contentLength.ToString(CultureInfo.InvariantCulture));
                }
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

        public override void SendResponseFromMemory(IntPtr data, int length)
        {
            if (data == IntPtr.Zero || length <= 0) return;

            var copy = new byte[length];
            Marshal.Copy(data, copy, 0, length);
            SendResponseFromMemory(copy, length);
        }

        public override void SendResponseFromFile(string filename, long offset, long length)
        {
            if (length == 0) return;

            using (var stream = new FileStream(filename, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                CopyFromFile(stream, offset, length);
            }
        }

        public override void SendResponseFromFile(IntPtr handle, long offset, long length)
        {
            if (length == 0) return;

            // The caller owns the handle; closing our stream must not close it.
            using (var stream = new FileStream(new SafeFileHandle(handle, false), FileAccess.Read))
            {
                CopyFromFile(stream, offset, length);
            }
        }

        public override void FlushResponse(bool finalFlush)
        {
            // Everything is buffered until the request ends; the host writes the reply in one piece.
        }

        public override void SetEndOfSendNotification(EndOfSendNotification callback, object extraData)
        {
            _endOfSendCallback = callback;
            _endOfSendExtraData = extraData;
        }

        public override void CloseConnection()
        {
            // Mono's early-failure paths (application start-up errors, a full request queue) close the
            // connection without ever calling EndOfRequest.
            Finish();
        }

        public override void EndOfRequest()
        {
            Finish();

            EndOfSendNotification callback = Interlocked.Exchange(ref _endOfSendCallback, null);
            if (callback != null)
            {
                try
                {
                    // The .NET Framework runtime releases the HttpContext from this callback.
                    callback(this, _endOfSendExtraData);
                }
                catch (Exception)
                {
                    // The reply is complete; a cleanup failure must not reach the caller.
                }
            }
        }

        private void Finish()
        {
            lock (_sync)
            {
                _finished = true;
            }

            _completed.Set();
        }

        private void AddResponseHeader(string name, string value)
        {
            if (string.IsNullOrEmpty(name)) return;

            lock (_sync)
            {
                if (!_finished) _responseHeaders.Add(new KeyValuePair<string, string>(name, value ?? string.Empty));
            }
        }

        private void CopyFromFile(FileStream stream, long offset, long length)
        {
            if (offset > 0) stream.Seek(offset, SeekOrigin.Begin);

            // A negative length means "to the end of the file".
            long remaining = length < 0 ? long.MaxValue : length;
            var buffer = new byte[(int)Math.Min(81920, Math.Max(1, Math.Min(remaining, stream.Length)))];
            while (remaining > 0)
            {
                int read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
                if (read <= 0) break;

                SendResponseFromMemory(buffer, read);
                remaining -= read;
            }
        }

        private string[][] SortHeaders(HostedRequest source)
        {
            var unknown = new List<string[]>();
            foreach (KeyValuePair<string, string> header in source.Headers)
            {
                if (string.IsNullOrEmpty(header.Key)) continue;

                // The body arrives already de-chunked and whole; its true length replaces whatever was sent.
                if (string.Equals(header.Key, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                int index = FindKnownRequestHeader(header.Key);
                if (index >= 0)
                {
                    string separator = index == HeaderCookie ? "; " : ", ";
                    _knownHeaders[index] = _knownHeaders[index] == null ? header.Value : _knownHeaders[index] + separator + header.Value;
                }
                else
                {
                    unknown.Add(new[] { header.Key, header.Value });
                }
            }

            if (source.Body.Length > 0 || !string.Equals(source.Verb, "GET", StringComparison.OrdinalIgnoreCase) && !string.Equals(source.Verb, "HEAD", StringComparison.OrdinalIgnoreCase))
            {
                _knownHeaders[HeaderContentLength] = source.Body.Length.ToString(CultureInfo.InvariantCulture);
            }

            return unknown.ToArray();
        }

        private static int FindKnownRequestHeader(string name)
        {
            int index = GetKnownRequestHeaderIndex(name);
            if (index >= 0) return index;

            for (int i = 0; i < RequestHeaderMaximum; i++)
            {
                if (string.Equals(GetKnownRequestHeaderName(i), name, StringComparison.OrdinalIgnoreCase)) return i;
            }

            return -1;
        }

        // A path the file system rejects (a NUL byte, say) is simply not a file or folder; ASP.NET then
        // answers it with its own error instead of the host failing.
        private bool IsDirectory(string virtualPath)
        {
            try
            {
                return Directory.Exists(MapPath(virtualPath));
            }
            catch (ArgumentException)
            {
                return false;
            }
            catch (NotSupportedException)
            {
                return false;
            }
        }

        private static string FindDefaultDocument(string folder)
        {
            foreach (string document in DefaultDocuments) if (File.Exists(Path.Combine(folder, document))) return document;

            return null;
        }

        private static string StripSchemeAndAuthority(string url)
        {
            if (string.IsNullOrEmpty(url))
            {
                return "/";
            }

            // A proxy-style request line carries the absolute URI.
            int scheme = url.IndexOf("://", StringComparison.Ordinal);
            if (scheme > 0 && scheme < url.IndexOf('/'))
            {
                int pathStart = url.IndexOf('/', scheme + 3);
                url = pathStart < 0 ? "/" : url.Substring(pathStart);
            }

            return url[0] == '/' ? url : "/" + url;
        }

        private static string NormalizeAppPath(string path)
        {
            if (string.IsNullOrEmpty(path) || path == "/")
            {
                return "/";
            }

            path = path.StartsWith("/", StringComparison.Ordinal) ? path : "/" + path;
            return path.TrimEnd('/');
        }

        private static string EnsureTrailingSeparator(string path)
        {
            char last = path.Length == 0 ? '\0' : path[path.Length - 1];
            return last == Path.DirectorySeparatorChar || last == Path.AltDirectorySeparatorChar ? path : path + Path.DirectorySeparatorChar;
        }
    }
}
