using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace CallbackControls.Tests.Hosting
{
    /// <summary>
    /// The web server's side of FastCGI, written here from the specification rather than with the dev
    /// host's own encoder, so a mistake in one is not mirrored in the other.
    /// </summary>
    internal static class FastCgiWire
    {
        public const byte BeginRequest = 1;
        public const byte AbortRequest = 2;
        public const byte EndRequest = 3;
        public const byte Params = 4;
        public const byte Stdin = 5;
        public const byte Stdout = 6;
        public const byte GetValues = 9;
        public const byte GetValuesResult = 10;
        public const byte UnknownType = 11;

        public sealed class FastCgiRecord
        {
            public byte Type;
            public int Id;
            public byte[] Content;
        }

        public sealed class CgiReply
        {
            public int Status;
            public string StatusLine;
            public List<KeyValuePair<string, string>> Headers = new List<KeyValuePair<string, string>>();
            public byte[] Body;
            public int StdoutRecords;
            public byte ProtocolStatus;

            public string Text => Encoding.UTF8.GetString(Body);

            public string Header(string name) => Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
        }

        /// <summary>Mono's end point for a Unix socket (the .NET Framework API has none).</summary>
        public static EndPoint UnixEndPoint(string path)
        {
            Type type = Assembly.Load("Mono.Posix, Version=4.0.0.0, Culture=neutral, PublicKeyToken=0738eb9f132ed756").GetType("Mono.Unix.UnixEndPoint", true);
            return (EndPoint)Activator.CreateInstance(type, path);
        }

        /// <summary>Connects as nginx would: <c>unix:/path</c> or <c>HOST:PORT</c> on the loopback address.</summary>
        public static Socket Connect(string endpoint)
        {
            bool unix = endpoint.StartsWith("unix:", StringComparison.Ordinal);
            var socket = unix
                ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Connect(unix ? UnixEndPoint(endpoint.Substring(5)) : new IPEndPoint(IPAddress.Loopback, int.Parse(endpoint.Substring(endpoint.LastIndexOf(':') + 1))));
                return socket;
            }
            catch (Exception)
            {
                socket.Close();
                throw;
            }
        }

        public static void WriteRecord(Stream target, byte type, int id, byte[] content, int offset, int count, int padding = 0)
        {
            target.WriteByte(1);
            target.WriteByte(type);
            target.WriteByte((byte)(id >> 8));
            target.WriteByte((byte)id);
            target.WriteByte((byte)(count >> 8));
            target.WriteByte((byte)count);
            target.WriteByte((byte)padding);
            target.WriteByte(0);
            target.Write(content ?? new byte[0], offset, count);
            target.Write(new byte[padding], 0, padding);
        }

        public static byte[] Pairs(IEnumerable<KeyValuePair<string, string>> pairs)
        {
            var buffer = new MemoryStream();
            foreach (KeyValuePair<string, string> pair in pairs)
            {
                byte[] name = Encoding.UTF8.GetBytes(pair.Key);
                byte[] value = Encoding.UTF8.GetBytes(pair.Value);
                WriteLength(buffer, name.Length);
                WriteLength(buffer, value.Length);
                buffer.Write(name, 0, name.Length);
                buffer.Write(value, 0, value.Length);
            }

            return buffer.ToArray();
        }

        public static Dictionary<string, string> Variables(string method, string uri, params string[] more)
        {
            var variables = new Dictionary<string, string>
            {
                ["REQUEST_METHOD"] = method,
                ["REQUEST_URI"] = uri,
                ["SERVER_PROTOCOL"] = "HTTP/1.1",
                ["REMOTE_ADDR"] = "10.1.2.3",
                ["REMOTE_PORT"] = "51000",
                ["SERVER_ADDR"] = "127.0.0.1",
                ["SERVER_PORT"] = "8080",
                ["HTTP_HOST"] = "example.test:8080",
            };
            for (int i = 0; i + 1 < more.Length; i += 2)
            {
                variables[more[i]] = more[i + 1];
            }

            return variables;
        }

        /// <summary>One whole request: BEGIN_REQUEST, the variables and the body in records of at most <paramref name="chunk"/> bytes, and both streams' ends.</summary>
        public static void WriteRequest(Stream target, int id, bool keepConnection, IDictionary<string, string> variables, byte[] body = null, int chunk = 65535)
        {
            WriteRecord(target, BeginRequest, id, new byte[] { 0, 1, (byte)(keepConnection ? 1 : 0), 0, 0, 0, 0, 0 }, 0, 8);
            WriteChunked(target, Params, id, Pairs(variables), chunk);
            WriteChunked(target, Stdin, id, body ?? new byte[0], chunk);
        }

        public static byte[] Request(int id, bool keepConnection, IDictionary<string, string> variables, byte[] body = null, int chunk = 65535)
        {
            var buffer = new MemoryStream();
            WriteRequest(buffer, id, keepConnection, variables, body, chunk);
            return buffer.ToArray();
        }

        public static List<FastCgiRecord> ReadRecords(byte[] bytes)
        {
            var records = new List<FastCgiRecord>();
            int at = 0;
            while (at < bytes.Length)
            {
                if (bytes.Length - at < 8 || bytes[at] != 1)
                {
                    throw new InvalidDataException("not a FastCGI record at " + at);
                }

                int length = (bytes[at + 4] << 8) | bytes[at + 5];
                int padding = bytes[at + 6];
                var record = new FastCgiRecord { Type = bytes[at + 1], Id = (bytes[at + 2] << 8) | bytes[at + 3], Content = new byte[length] };
                Array.Copy(bytes, at + 8, record.Content, 0, length);
                records.Add(record);
                at += 8 + length + padding;
            }

            return records;
        }

        /// <summary>Reads records from a connection until the END_REQUEST of <paramref name="id"/>.</summary>
        public static List<FastCgiRecord> ReadUntilEnd(Stream source, int id)
        {
            var records = new List<FastCgiRecord>();
            var header = new byte[8];
            while (true)
            {
                ReadExactly(source, header, 8);
                int length = (header[4] << 8) | header[5];
                var content = new byte[length + header[6]];
                ReadExactly(source, content, content.Length);
                var record = new FastCgiRecord { Type = header[1], Id = (header[2] << 8) | header[3], Content = content.Take(length).ToArray() };
                records.Add(record);
                if (record.Type == EndRequest && record.Id == id)
                {
                    return records;
                }
            }
        }

        /// <summary>The CGI reply of request <paramref name="id"/>: status line, headers and body from its STDOUT records.</summary>
        public static CgiReply Reply(IEnumerable<FastCgiRecord> records, int id)
        {
            var mine = records.Where(r => r.Id == id).ToList();
            byte[] stdout = mine.Where(r => r.Type == Stdout).SelectMany(r => r.Content).ToArray();
            var reply = new CgiReply { StdoutRecords = mine.Count(r => r.Type == Stdout) };
            FastCgiRecord end = mine.Single(r => r.Type == EndRequest);
            reply.ProtocolStatus = end.Content[4];

            int split = IndexOf(stdout, new byte[] { 13, 10, 13, 10 });
            if (split < 0)
            {
                reply.Body = stdout;
                return reply;
            }

            string head = Encoding.GetEncoding(28591).GetString(stdout, 0, split);
            foreach (string line in head.Split(new[] { "\r\n" }, StringSplitOptions.None))
            {
                int colon = line.IndexOf(':');
                string name = line.Substring(0, colon);
                string value = line.Substring(colon + 1).Trim();
                if (name == "Status")
                {
                    reply.StatusLine = value;
                    reply.Status = int.Parse(value.Substring(0, 3));
                }
                else
                {
                    reply.Headers.Add(new KeyValuePair<string, string>(name, value));
                }
            }

            reply.Body = stdout.Skip(split + 4).ToArray();
            return reply;
        }

        private static void WriteChunked(Stream target, byte type, int id, byte[] data, int chunk)
        {
            for (int at = 0; at < data.Length; at += chunk)
            {
                WriteRecord(target, type, id, data, at, Math.Min(chunk, data.Length - at), padding: at % 8);
            }

            WriteRecord(target, type, id, null, 0, 0);
        }

        private static void WriteLength(Stream target, int length)
        {
            if (length < 128)
            {
                target.WriteByte((byte)length);
                return;
            }

            target.WriteByte((byte)((length >> 24) | 0x80));
            target.WriteByte((byte)(length >> 16));
            target.WriteByte((byte)(length >> 8));
            target.WriteByte((byte)length);
        }

        private static void ReadExactly(Stream source, byte[] buffer, int count)
        {
            int read = 0;
            while (read < count)
            {
                int got = source.Read(buffer, read, count - read);
                if (got <= 0)
                {
                    throw new EndOfStreamException("the connection closed after " + read + " of " + count + " bytes");
                }

                read += got;
            }
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= haystack.Length; i++)
            {
                int j = 0;
                while (j < needle.Length && haystack[i + j] == needle[j])
                {
                    j++;
                }

                if (j == needle.Length)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
