using System;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace CallbackControls.DevHost
{
    /// <summary>
    /// Turns Nagle's algorithm off on the connection behind an <see cref="HttpListenerContext"/>.
    /// </summary>
    /// <remarks>
    /// Mono's listener writes a reply over ~16 KB as two sends; with Nagle on, the second waits for the
    /// client's delayed ACK and every such reply gains ~40 ms. HttpListener has no public way to reach the
    /// socket, so Mono's private fields (context → connection → socket) are found by their types, not
    /// their names. Elsewhere (http.sys on Windows) nothing is found and nothing is needed.
    /// </remarks>
    internal sealed class SocketTuning
    {
        private readonly object sync = new object();
        private bool resolved;
        private FieldInfo connectionField;
        private FieldInfo socketField;
        private string failure;

        /// <summary>Why the socket could not be reached, once known; null while it works.</summary>
        public string Failure
        {
            get { return failure; }
        }

        /// <summary>Sets TCP_NODELAY on the context's socket.</summary>
        /// <param name="context">The accepted request.</param>
        /// <returns>False when the socket could not be reached (see <see cref="Failure"/>).</returns>
        public bool TrySetNoDelay(HttpListenerContext context)
        {
            if (!Resolve(context))
            {
                return false;
            }

            try
            {
                object connection = connectionField.GetValue(context);
                var socket = connection == null ? null : socketField.GetValue(connection) as Socket;
                if (socket == null)
                {
                    return false;
                }

                socket.NoDelay = true;
                return true;
            }
            catch (ObjectDisposedException)
            {
                // The client went away; the request will fail on its own.
                return true;
            }
            catch (SocketException)
            {
                return true;
            }
            catch (Exception ex)
            {
                failure = ex.GetType().Name + ": " + ex.Message;
                return false;
            }
        }

        private bool Resolve(HttpListenerContext context)
        {
            lock (sync)
            {
                if (resolved)
                {
                    return connectionField != null;
                }

                resolved = true;
                try
                {
                    const BindingFlags Instance = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
                    foreach (FieldInfo candidate in context.GetType().GetFields(Instance))
                    {
                        FieldInfo socket = FindSocketField(candidate.FieldType, Instance);
                        if (socket != null)
                        {
                            connectionField = candidate;
                            socketField = socket;
                            return true;
                        }
                    }

                    failure = "no connection field holding a Socket on " + context.GetType().FullName;
                }
                catch (Exception ex)
                {
                    failure = ex.GetType().Name + ": " + ex.Message;
                }

                return false;
            }
        }

        private static FieldInfo FindSocketField(Type type, BindingFlags flags)
        {
            if (type.IsPrimitive || type == typeof(string))
            {
                return null;
            }

            for (Type current = type; current != null && current != typeof(object); current = current.BaseType)
            {
                foreach (FieldInfo field in current.GetFields(flags | BindingFlags.DeclaredOnly))
                {
                    if (typeof(Socket).IsAssignableFrom(field.FieldType))
                    {
                        return field;
                    }
                }
            }

            return null;
        }
    }
}
