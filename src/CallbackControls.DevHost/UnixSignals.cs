using System;
using System.Reflection;
using System.Threading;

namespace CallbackControls.DevHost
{
    /// <summary>
    /// Reports SIGTERM and SIGINT on Mono through Mono.Posix, loaded by reflection so the project builds
    /// against the plain .NET Framework reference assemblies.
    /// </summary>
    /// <remarks>
    /// Mono 6.8 raises neither <see cref="AppDomain.ProcessExit"/> nor anything else on SIGTERM: the
    /// process just dies with status 143, skipping every cleanup. Measured on this project's Linux box.
    /// </remarks>
    internal static class UnixSignals
    {
        /// <summary>Mono's POSIX assembly, loaded by name so the host builds and starts where it is missing.</summary>
        internal const string MonoPosix = "Mono.Posix, Version=4.0.0.0, Culture=neutral, PublicKeyToken=0738eb9f132ed756";

        /// <summary>Calls <paramref name="onSignal"/> (on a background thread) when SIGTERM or SIGINT arrives.</summary>
        /// <param name="onSignal">Receives the signal name.</param>
        /// <param name="error">Why watching is impossible, when it is.</param>
        /// <returns>True when the signals are being watched.</returns>
        public static bool TryWatch(Action<string> onSignal, out string error)
        {
            error = null;
            if (Environment.OSVersion.Platform != PlatformID.Unix && Environment.OSVersion.Platform != PlatformID.MacOSX)
            {
                error = "not a Unix platform";
                return false;
            }

            try
            {
                Assembly posix = Assembly.Load(MonoPosix);
                Type signalType = posix.GetType("Mono.Unix.UnixSignal", true);
                Type signumType = posix.GetType("Mono.Unix.Native.Signum", true);
                string[] names = { "SIGTERM", "SIGINT" };
                Array signals = Array.CreateInstance(signalType, names.Length);
                for (int i = 0; i < names.Length; i++)
                {
                    signals.SetValue(Activator.CreateInstance(signalType, Enum.Parse(signumType, names[i])), i);
                }

                MethodInfo waitAny = signalType.GetMethod("WaitAny", new[] { signals.GetType(), typeof(int) });
                if (waitAny == null)
                {
                    error = "Mono.Unix.UnixSignal.WaitAny not found";
                    return false;
                }

                var thread = new Thread(() =>
                {
                    while (true)
                    {
                        int index;
                        try
                        {
                            index = (int)waitAny.Invoke(null, new object[] { signals, -1 });
                        }
                        catch (Exception)
                        {
                            return;
                        }

                        if (index >= 0 && index < names.Length)
                        {
                            // The signal objects count deliveries; reset so the next one is seen as new.
                            bool reset;
                            try
                            {
                                signalType.GetMethod("Reset", Type.EmptyTypes).Invoke(signals.GetValue(index), null);
                                reset = true;
                            }
                            catch (Exception)
                            {
                                reset = false;
                            }

                            onSignal(names[index]);
                            if (!reset)
                            {
                                // Without a reset WaitAny would return at once forever.
                                return;
                            }
                        }
                    }
                })
                {
                    IsBackground = true,
                    Name = "Unix signal watcher",
                };
                thread.Start();
                return true;
            }
            catch (Exception ex)
            {
                error = (ex is TargetInvocationException && ex.InnerException != null ? ex.InnerException : ex).Message;
                return false;
            }
        }
    }
}
