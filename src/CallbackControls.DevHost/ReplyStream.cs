using System;
using System.Runtime.Remoting;

namespace CallbackControls.DevHost
{
    /// <summary>
    /// Where a reply goes once the application flushes it before it ends (<c>Response.Flush()</c>: a stream of
    /// server-sent events, a long page sent in parts): the connection, written as it comes, from the ASP.NET
    /// domain through this object. Without one, a reply is sent whole when the request ends.
    /// </summary>
    /// <remarks>
    /// The reply has no length, so it is sent with <c>Connection: close</c> and ends when the connection does:
    /// HTTP/1.1's close-delimited body, which every client reads and which needs no chunk framing.
    /// </remarks>
    public sealed class ReplyStream : MarshalByRefObject
    {
        private readonly Action<HostedResponse> _writeHead;
        private readonly Action<byte[]> _writeBody;
        private volatile bool _broken;

        internal ReplyStream(Action<HostedResponse> writeHead, Action<byte[]> writeBody)
        {
            _writeHead = writeHead;
            _writeBody = writeBody;
        }

        /// <summary>True once the head was written: the host must not write the reply again, and closes the connection after it.</summary>
        public bool Started { get; private set; }

        /// <summary>True once a write failed (the client left): the application's next question to the worker says so.</summary>
        public bool Broken => _broken;

        /// <summary>Lives as long as the request; <see cref="Close"/> disconnects it.</summary>
        /// <returns>Null: no lease.</returns>
        public override object InitializeLifetimeService() => null;

        /// <summary>Writes the status and headers (packed by <see cref="HostedMessageCodec"/>) and what the body has so far.</summary>
        /// <returns>False when the client is gone.</returns>
        public bool Begin(byte[] packedHead, byte[] body)
        {
            if (Started) throw new InvalidOperationException("The reply has begun already.");

            Started = true;
            return Guard(() =>
            {
                _writeHead(HostedMessageCodec.UnpackResponse(packedHead));
                if (body != null && body.Length > 0) _writeBody(body);
            });
        }

        /// <summary>Writes more of the body.</summary>
        /// <returns>False when the client is gone.</returns>
        public bool Write(byte[] body) => body == null || body.Length == 0 || Guard(() => _writeBody(body));

        /// <summary>Ends the object's life across the domains once the request is over.</summary>
        internal void Close() => RemotingServices.Disconnect(this);

        private bool Guard(Action write)
        {
            if (_broken) return false;

            try
            {
                write();
                return true;
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException || ex is ObjectDisposedException || ex is System.IO.IOException)
            {
                _broken = true;
                return false;
            }
        }
    }
}
