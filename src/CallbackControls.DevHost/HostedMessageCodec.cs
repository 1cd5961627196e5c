using System.Collections.Generic;
using System.IO;
using System.Text;

namespace CallbackControls.DevHost
{
    /// <summary>
    /// Packs requests and replies into byte arrays for the one call per request that crosses into the
    /// ASP.NET application domain. A byte array crosses by a plain copy; the [Serializable] objects
    /// themselves went through the binary formatter, which cost the host most of its throughput on a
    /// bare handler (docs/RESULTS.md).
    /// </summary>
    internal static class HostedMessageCodec
    {
        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        internal static byte[] Pack(HostedRequest request)
        {
            return Write(request.Body.Length, writer =>
            {
                writer.Write(request.Verb);
                writer.Write(request.PathAndQuery);
                writer.Write(request.HttpVersion ?? string.Empty);
                writer.Write(request.RemoteAddress ?? string.Empty);
                writer.Write(request.RemotePort);
                writer.Write(request.LocalAddress ?? string.Empty);
                writer.Write(request.LocalPort);
                WriteHeadersAndBody(writer, request.Headers, request.Body);
            });
        }

        internal static HostedRequest UnpackRequest(byte[] packed)
        {
            using (var reader = Reader(packed))
            {
                var request = new HostedRequest(reader.ReadString(), reader.ReadString())
                {
                    HttpVersion = reader.ReadString(),
                    RemoteAddress = reader.ReadString(),
                    RemotePort = reader.ReadInt32(),
                    LocalAddress = reader.ReadString(),
                    LocalPort = reader.ReadInt32(),
                    Headers = ReadHeaders(reader),
                };
                request.Body = ReadBody(reader);
                return request;
            }
        }

        internal static byte[] Pack(HostedResponse response)
        {
            return Write(response.Body.Length, writer =>
            {
                writer.Write(response.StatusCode);
                writer.Write(response.StatusDescription ?? string.Empty);
                writer.Write(response.ApplicationUnloading);
                WriteHeadersAndBody(writer, response.Headers, response.Body);
            });
        }

        internal static HostedResponse UnpackResponse(byte[] packed)
        {
            using (var reader = Reader(packed))
            {
                var response = new HostedResponse
                {
                    StatusCode = reader.ReadInt32(),
                    StatusDescription = reader.ReadString(),
                    ApplicationUnloading = reader.ReadBoolean(),
                    Headers = ReadHeaders(reader),
                };
                response.Body = ReadBody(reader);
                return response;
            }
        }

        private static byte[] Write(int bodyLength, System.Action<BinaryWriter> write)
        {
            using (var stream = new MemoryStream(256 + bodyLength))
            using (var writer = new BinaryWriter(stream, Utf8))
            {
                write(writer);
                writer.Flush();
                return stream.ToArray();
            }
        }

        private static BinaryReader Reader(byte[] packed) => new BinaryReader(new MemoryStream(packed, false), Utf8);

        private static void WriteHeadersAndBody(BinaryWriter writer, List<KeyValuePair<string, string>> headers, byte[] body)
        {
            WriteHeaders(writer, headers);
            writer.Write(body.Length);
            writer.Write(body);
        }

        private static byte[] ReadBody(BinaryReader reader) => reader.ReadBytes(reader.ReadInt32());

        private static void WriteHeaders(BinaryWriter writer, List<KeyValuePair<string, string>> headers)
        {
            writer.Write(headers.Count);
            foreach (var header in headers)
            {
                writer.Write(header.Key ?? string.Empty);
                writer.Write(header.Value ?? string.Empty);
            }
        }

        private static List<KeyValuePair<string, string>> ReadHeaders(BinaryReader reader)
        {
            int count = reader.ReadInt32();
            var headers = new List<KeyValuePair<string, string>>(count);
            for (int i = 0; i < count; i++) headers.Add(new KeyValuePair<string, string>(reader.ReadString(), reader.ReadString()));
            return headers;
        }
    }
}
