using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace CallbackControls.DevHost
{
    /// <summary>
    /// Where the dev host takes FastCGI connections from a web server: a Unix socket (<c>unix:/run/site.sock</c>)
    /// or a TCP port on the loopback address or another (<c>127.0.0.1:9000</c>, <c>9000</c>).
    /// </summary>
    internal static class FastCgiListening
    {
        /// <summary>Connections served at once; beyond it a new one is closed (nginx tries another back end).</summary>
        internal const int MaxConnections = 256;

        private const string UnixPrefix = "unix:";

        /// <summary>Checks an endpoint's spelling without binding it.</summary>
        /// <param name="endpoint">The endpoint as written on the command line.</param>
        /// <param name="error">What is wrong, or null.</param>
        /// <returns>True when it can be bound.</returns>
        public static bool TryValidate(string endpoint, out string error)
        {
            error = null;
            if (string.IsNullOrEmpty(endpoint))
            {
                error = "a FastCGI endpoint is unix:/path/to.sock, HOST:PORT or PORT";
                return false;
            }

            if (endpoint.StartsWith(UnixPrefix, StringComparison.Ordinal))
            {
                if (endpoint.Length == UnixPrefix.Length)
                {
                    error = "unix: needs the socket's path, as in unix:/tmp/site.sock";
                    return false;
                }

                return true;
            }

            if (!TryParseTcp(endpoint, out IPEndPoint ignored))
            {
                error = "'" + endpoint + "' is not unix:/path/to.sock, HOST:PORT or PORT";
                return false;
            }

            return true;
        }

        /// <summary>Binds a listening socket; a Unix socket left by a server that is gone is replaced.</summary>
        /// <param name="endpoint">The endpoint (see the class).</param>
        /// <param name="unixPath">The Unix socket's path, or null for TCP.</param>
        /// <returns>The listening socket.</returns>
        /// <exception cref="IOException">Another server answers on the Unix socket, or the path is not a socket.</exception>
        public static Socket Bind(string endpoint, out string unixPath)
        {
            if (!TryValidate(endpoint, out string error))
            {
                throw new ArgumentException(error, nameof(endpoint));
            }

            if (!endpoint.StartsWith(UnixPrefix, StringComparison.Ordinal))
            {
                unixPath = null;
                TryParseTcp(endpoint, out IPEndPoint address);
                return Listen(new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp), address);
            }

            unixPath = Path.GetFullPath(endpoint.Substring(UnixPrefix.Length));
            EndPoint unixEndPoint = CreateUnixEndPoint(unixPath);
            ReplaceStaleSocket(unixPath, unixEndPoint);
            return Listen(new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified), unixEndPoint);
        }

        /// <summary>Deletes a Unix socket's file, quietly (it is gone already, or not ours to delete).</summary>
        /// <param name="unixPath">The path, or null.</param>
        public static void TryDelete(string unixPath)
        {
            if (unixPath == null)
            {
                return;
            }

            try
            {
                File.Delete(unixPath);
            }
            catch (Exception)
            {
                // The next bind replaces a socket file that is left.
            }
        }

        private static Socket Listen(Socket socket, EndPoint endPoint)
        {
            try
            {
                socket.Bind(endPoint);
                socket.Listen(128);
                return socket;
            }
            catch (Exception)
            {
                socket.Close();
                throw;
            }
        }

        private static bool TryParseTcp(string endpoint, out IPEndPoint address)
        {
            address = null;
            string hostPart = "127.0.0.1";
            string portPart = endpoint;
            int colon = endpoint.LastIndexOf(':');
            if (colon >= 0)
            {
                hostPart = endpoint.Substring(0, colon).Trim('[', ']');
                portPart = endpoint.Substring(colon + 1);
            }

            if (!int.TryParse(portPart, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port < 1 || port > 65535)
            {
                return false;
            }

            if (string.Equals(hostPart, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                hostPart = "127.0.0.1";
            }

            if (!IPAddress.TryParse(hostPart, out IPAddress ip))
            {
                return false;
            }

            address = new IPEndPoint(ip, port);
            return true;
        }

        private static EndPoint CreateUnixEndPoint(string path)
        {
            // Mono's own end point for AF_UNIX (the .NET Framework API has none); loaded by name so the
            // host still builds and starts without Mono.Posix where no Unix socket is asked for.
            try
            {
                Type type = Assembly.Load(UnixSignals.MonoPosix).GetType("Mono.Unix.UnixEndPoint", true);
                return (EndPoint)Activator.CreateInstance(type, path);
            }
            catch (Exception ex) when (ex is FileNotFoundException || ex is TypeLoadException || ex is FileLoadException)
            {
                throw new PlatformNotSupportedException("Unix sockets need Mono (Mono.Posix); listen on HOST:PORT instead.", ex);
            }
        }

        private static bool IsSocketFile(string path)
        {
            object info = Activator.CreateInstance(Assembly.Load(UnixSignals.MonoPosix).GetType("Mono.Unix.UnixFileInfo", true), path);
            return (bool)info.GetType().GetProperty("IsSocket").GetValue(info, null);
        }

        private static void ReplaceStaleSocket(string path, EndPoint endPoint)
        {
            if (!File.Exists(path))
            {
                return;
            }

            if (!IsSocketFile(path))
            {
                throw new IOException(path + " exists and is not a socket; the dev host deletes only a socket left by a server that is gone.");
            }

            // A socket file outlives a server that was killed; one that still answers belongs to a live server.
            using (var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
            {
                bool answered;
                try
                {
                    probe.Connect(endPoint);
                    answered = true;
                }
                catch (SocketException)
                {
                    answered = false;
                }

                if (answered)
                {
                    throw new IOException("Another server is listening on " + path + ".");
                }
            }

            File.Delete(path);
        }
    }
}
