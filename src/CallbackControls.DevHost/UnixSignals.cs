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
    /// process just dies with status 143, skipping every cleanup.
    /// </remarks>
    internal static class UnixSignals
    {
        /// <summary>
        /// Calls <paramref name="onSignal"/> (on a background thread) when the first SIGTERM or SIGINT arrives;
        /// does nothing where Mono.Posix is missing (off Mono, where Ctrl+C still stops the host).
        /// </summary>
        public static void Watch(Action onSignal)
        {
            try
            {
                Assembly posix = Assembly.Load("Mono.Posix, Version=4.0.0.0, Culture=neutral, PublicKeyToken=0738eb9f132ed756");
                Type signalType = posix.GetType("Mono.Unix.UnixSignal", true);
                Type signum = posix.GetType("Mono.Unix.Native.Signum", true);
                Array signals = Array.CreateInstance(signalType, 2);
                signals.SetValue(Activator.CreateInstance(signalType, Enum.Parse(signum, "SIGTERM")), 0);
                signals.SetValue(Activator.CreateInstance(signalType, Enum.Parse(signum, "SIGINT")), 1);
                MethodInfo waitAny = signalType.GetMethod("WaitAny", new[] { signals.GetType(), typeof(int) });
                new Thread(() =>
                {
                    try
                    {
                        waitAny.Invoke(null, new object[] { signals, -1 });
                    }
                    catch (Exception)
                    {
                        // The process is ending.
                        return;
                    }

                    onSignal();
                })
                { IsBackground = true, Name = "Unix signal watcher" }.Start();
            }
            catch (Exception)
            {
                // Not on Mono.
            }
        }
    }
}
