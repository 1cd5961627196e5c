using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace CallbackControls.Tests.Hosting
{
    /// <summary>Requests written byte for byte (HttpClient and WebRequest normalize paths and framing).</summary>
    internal static class RawHttp
    {
        /// <summary>Sends <paramref name="request"/> as is and reads until the server closes (or <paramref name="timeout"/>).</summary>
        public static Reply Send(int port, string request, TimeSpan? timeout = null)
        {
            using (Socket socket = Connect(port))
            {
                byte[] bytes = Encoding.UTF8.GetBytes(request);
                socket.Send(bytes);
                return ReadToEnd(socket, timeout ?? TimeSpan.FromSeconds(30));
            }
        }

        /// <summary>A GET of a raw request target, with <c>Connection: close</c>.</summary>
        public static Reply Get(int port, string target) => Send(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        public static Socket Connect(int port)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect(IPAddress.Loopback, port);
            return socket;
        }

        /// <summary>Reads until the server closes or the timeout passes (then <see cref="Reply.Closed"/> is false).</summary>
        public static Reply ReadToEnd(Socket socket, TimeSpan timeout)
        {
            var received = new MemoryStream();
            var buffer = new byte[65536];
            Stopwatch watch = Stopwatch.StartNew();
            bool closed = false;
            while (watch.Elapsed < timeout)
            {
                socket.ReceiveTimeout = Math.Max(1, (int)(timeout - watch.Elapsed).TotalMilliseconds);
                int read;
                try
                {
                    read = socket.Receive(buffer);
                }
                catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut || ex.SocketErrorCode == SocketError.WouldBlock)
                {
                    break;
                }
                catch (SocketException)
                {
                    closed = true; // reset
                    break;
                }

                if (read == 0)
                {
                    closed = true;
                    break;
                }

                received.Write(buffer, 0, read);
            }

            return new Reply(received.ToArray(), closed);
        }
    }

    /// <summary>What came back on a raw connection: every reply in it, in order.</summary>
    internal sealed class Reply
    {
        private static readonly Encoding Latin1 = Encoding.GetEncoding(28591);

        public Reply(byte[] bytes, bool closed)
        {
            Bytes = bytes;
            Closed = closed;
            Text = Latin1.GetString(bytes);
            int at = 0;
            while (at < Text.Length && Text.IndexOf("HTTP/1.1 ", at, StringComparison.Ordinal) == at)
            {
                int headEnd = Text.IndexOf("\r\n\r\n", at, StringComparison.Ordinal);
                if (headEnd < 0)
                {
                    break;
                }

                var headers = new List<KeyValuePair<string, string>>();
                string[] lines = Text.Substring(at, headEnd - at).Split(new[] { "\r\n" }, StringSplitOptions.None);
                for (int i = 1; i < lines.Length; i++)
                {
                    int colon = lines[i].IndexOf(':');
                    headers.Add(new KeyValuePair<string, string>(lines[i].Substring(0, colon), lines[i].Substring(colon + 1).Trim()));
                }

                string length = headers.Find(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value;
                int bodyLength = length == null ? 0 : int.Parse(length);
                int bodyStart = headEnd + 4;
                Replies.Add(new Single(int.Parse(lines[0].Substring(9, 3)), headers, Text.Substring(bodyStart, Math.Min(bodyLength, Text.Length - bodyStart))));
                at = bodyStart + bodyLength;
            }
        }

        public byte[] Bytes { get; }

        /// <summary>Whether the server closed the connection (false: the read timed out).</summary>
        public bool Closed { get; }

        public string Text { get; }

        public List<Single> Replies { get; } = new List<Single>();

        /// <summary>The first reply's status; 0 when none arrived.</summary>
        public int Status => Replies.Count == 0 ? 0 : Replies[0].Status;

        public string Header(string name) => Replies.Count == 0 ? null : Replies[0].Header(name);

        public string Body => Replies.Count == 0 ? null : Replies[0].Body;

        public override string ToString() => Text.Length > 400 ? Text.Substring(0, 400) + "..." : Text;

        internal sealed class Single
        {
            public Single(int status, List<KeyValuePair<string, string>> headers, string body)
            {
                Status = status;
                Headers = headers;
                Body = body;
            }

            public int Status { get; }

            public List<KeyValuePair<string, string>> Headers { get; }

            public string Body { get; }

            public string Header(string name) => Headers.Find(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
        }
    }

    /// <summary>A fact that reports Skipped off Unix (symbolic links, signals).</summary>
    public sealed class UnixFactAttribute : FactAttribute
    {
        public UnixFactAttribute()
        {
            if (Environment.OSVersion.Platform != PlatformID.Unix)
            {
                Skip = "needs a Unix platform";
            }
        }
    }

    /// <summary>A fact that reports Skipped where the tests do not run on Mono (starts the dev host with <c>mono</c>).</summary>
    public sealed class MonoFactAttribute : FactAttribute
    {
        public MonoFactAttribute()
        {
            if (Type.GetType("Mono.Runtime") == null)
            {
                Skip = "needs Mono (starts the dev host with mono)";
            }
        }
    }
}
