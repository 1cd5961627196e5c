using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Threading;
using System.Web;
using System.Web.Hosting;

// The smallest host that runs ASP.NET behind HttpListener: the listener lives inside the ASP.NET
// application domain, so no request or reply crosses a domain boundary. Only GET and POST with a
// body read at once, no files, no recycling: a yardstick for the dev host, not a server to use.
//   mono MinimalHost.exe SITE_DIR PORT
namespace MinimalHost
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length != 2) { Console.Error.WriteLine("usage: MinimalHost.exe SITE_DIR PORT"); return 2; }
            var site = Path.GetFullPath(args[0]);
            // CreateApplicationHost loads this type in the new domain from the site's bin folder.
            var bin = Path.Combine(site, "bin");
            File.Copy(typeof(Program).Assembly.Location, Path.Combine(bin, Path.GetFileName(typeof(Program).Assembly.Location)), true);
            var server = (InDomainServer)ApplicationHost.CreateApplicationHost(typeof(InDomainServer), "/", site);
            server.Start(int.Parse(args[1]));
            Console.WriteLine("http://127.0.0.1:" + args[1] + "/");
            Thread.Sleep(Timeout.Infinite);
            return 0;
        }
    }

    public sealed class InDomainServer : MarshalByRefObject
    {
        private HttpListener _listener;

        public override object InitializeLifetimeService() => null;

        public void Start(int port)
        {
            ThreadPool.SetMinThreads(32, 32);
            _listener = new HttpListener();
            _listener.Prefixes.Add("http://127.0.0.1:" + port + "/");
            _listener.Start();
            new Thread(() =>
            {
                while (true)
                {
                    var context = _listener.GetContext();
                    ThreadPool.UnsafeQueueUserWorkItem(state => HttpRuntime.ProcessRequest(new ListenerWorkerRequest((HttpListenerContext)state)), context);
                }
            })
            { IsBackground = true }.Start();
        }
    }

    internal sealed class ListenerWorkerRequest : SimpleWorkerRequest
    {
        private readonly HttpListenerContext _context;
        private readonly byte[] _body;
        private readonly string _path;
        private readonly string _query;

        public ListenerWorkerRequest(HttpListenerContext context) : base(string.Empty, string.Empty, null)
        {
            this._context = context;
            var raw = context.Request.RawUrl;
            int q = raw.IndexOf('?');
            _path = q < 0 ? raw : raw.Substring(0, q);
            _query = q < 0 ? string.Empty : raw.Substring(q + 1);
            if (context.Request.HasEntityBody)
            {
                using (var buffer = new MemoryStream())
                {
                    context.Request.InputStream.CopyTo(buffer);
                    _body = buffer.ToArray();
                }
            }
        }

        public override string GetHttpVerbName() => _context.Request.HttpMethod;
        public override string GetHttpVersion() => "HTTP/1.1";
        public override string GetRawUrl() => _context.Request.RawUrl;
        public override string GetUriPath() => _path;
        public override string GetFilePath() => _path;
        public override string GetFilePathTranslated() => Path.Combine(HttpRuntime.AppDomainAppPath, _path.TrimStart('/'));
        public override string GetPathInfo() => string.Empty;
        public override string GetQueryString() => _query;
        public override string GetAppPath() => HttpRuntime.AppDomainAppVirtualPath;
        public override string GetAppPathTranslated() => HttpRuntime.AppDomainAppPath;
        public override string GetRemoteAddress() => "127.0.0.1";
        public override string GetLocalAddress() => "127.0.0.1";
        public override int GetLocalPort() => _context.Request.LocalEndPoint.Port;
        public override string GetServerName() => "127.0.0.1";
        public override string GetKnownRequestHeader(int index) => _context.Request.Headers[GetKnownRequestHeaderName(index)];
        public override string GetUnknownRequestHeader(string name) => _context.Request.Headers[name];
        public override byte[] GetPreloadedEntityBody() => _body;
        public override int GetPreloadedEntityBodyLength() => _body?.Length ?? 0;
        public override int GetTotalEntityBodyLength() => _body?.Length ?? 0;
        public override bool IsEntireEntityBodyIsPreloaded() => true;

        public override void SendStatus(int statusCode, string statusDescription)
        {
            _context.Response.StatusCode = statusCode;
        }

        public override void SendKnownResponseHeader(int index, string value) => SendUnknownResponseHeader(GetKnownResponseHeaderName(index), value);

        public override void SendUnknownResponseHeader(string name, string value)
        {
            // The listener writes these itself.
            if (name == "Content-Length" || name == "Transfer-Encoding" || name == "Connection" || name == "Keep-Alive") return;
            _context.Response.AppendHeader(name, value);
        }

        private readonly MemoryStream _output = new MemoryStream();

        public override void SendResponseFromMemory(byte[] data, int length) => _output.Write(data, 0, length);

        public override void FlushResponse(bool finalFlush)
        {
        }

        public override void EndOfRequest()
        {
            _context.Response.ContentLength64 = _output.Length;
            _context.Response.OutputStream.Write(_output.GetBuffer(), 0, (int)_output.Length);
            _context.Response.Close();
        }
    }
}
