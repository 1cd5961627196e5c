using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace CallbackControls.DevHost
{
    /// <summary>
    /// Packs requests and replies into byte arrays for the one call per request that crosses into the
    /// ASP.NET application domain. A byte array crosses by a plain copy; the objects themselves would go
    /// through the binary formatter, which cost the host most of its throughput on a bare handler
    /// (docs/RESULTS.md).
    /// </summary>
    internal static class HostedMessageCodec
    {
        internal static byte[] Pack(HostedRequest request) => Pack(request, writer =>
        {
            writer.Write(request.Verb);
            writer.Write(request.PathAndQuery);
            writer.Write(request.HttpVersion);
            writer.Write(request.RemoteAddress);
            writer.Write(request.RemotePort);
            writer.Write(request.LocalAddress);
            writer.Write(request.LocalPort);
        });

        // Initializers run in the order written, so the fields are read in the order Pack wrote them.
        internal static HostedRequest UnpackRequest(byte[] packed) => Unpack(packed, reader => new HostedRequest(reader.ReadString(), reader.ReadString())
        {
            HttpVersion = reader.ReadString(),
            RemoteAddress = reader.ReadString(),
            RemotePort = reader.ReadInt32(),
            LocalAddress = reader.ReadString(),
            LocalPort = reader.ReadInt32(),
        });

        internal static byte[] Pack(HostedResponse response) => Pack(response, writer =>
        {
            writer.Write(response.StatusCode);
            writer.Write(response.StatusDescription);
            writer.Write(response.ApplicationUnloading);
        });

        internal static HostedResponse UnpackResponse(byte[] packed) => Unpack(packed, reader => new HostedResponse
        {
            StatusCode = reader.ReadInt32(),
            StatusDescription = reader.ReadString(),
            ApplicationUnloading = reader.ReadBoolean(),
        });

        // The message's own fields first, then its headers and its body.
        private static byte[] Pack(HostedMessage message, Action<BinaryWriter> writeFields)
        {
            using (var stream = new MemoryStream(256 + message.Body.Length))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8))
            {
                writeFields(writer);
                writer.Write(message.Headers.Count);
                foreach (KeyValuePair<string, string> header in message.Headers)
                {
                    writer.Write(header.Key);
                    writer.Write(header.Value);
                }

                writer.Write(message.Body.Length);
                writer.Write(message.Body);
                writer.Flush();
                return stream.ToArray();
            }
        }

        private static T Unpack<T>(byte[] packed, Func<BinaryReader, T> readFields)
            where T : HostedMessage
        {
            using (var reader = new BinaryReader(new MemoryStream(packed, false), Encoding.UTF8))
            {
                T message = readFields(reader);
                int count = reader.ReadInt32();
                for (int i = 0; i < count; i++) message.Headers.Add(new KeyValuePair<string, string>(reader.ReadString(), reader.ReadString()));

                message.Body = reader.ReadBytes(reader.ReadInt32());
                return message;
            }
        }
    }
}
