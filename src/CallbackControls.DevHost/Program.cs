using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Threading;

namespace CallbackControls.DevHost
{
    /// <summary>
    /// The command line: <c>CallbackControls.DevHost.exe --site DIR [--port N] [--bind ADDRESS] [--quiet] [--url-file FILE]</c>.
    /// </summary>
    public static class Program
    {
        /// <summary>Exit code for bad arguments or a missing site folder.</summary>
        public const int ExitUsage = 2;

        /// <summary>What the server is, printed at every start.</summary>
        public const string Banner =
            "CallbackControls dev host: a development server, not for deployment. Deploy on IIS, or on nginx + fastcgi-mono-server4.";

        private const int ExitOk = 0;
        private const int ExitStartFailed = 1;

        private const string Usage =
            "Usage: CallbackControls.DevHost.exe --site DIR [--port N] [--bind ADDRESS] [--quiet] [--url-file FILE]\n" +
            "A development server, not for deployment (deploy on IIS, or on nginx + fastcgi-mono-server4).\n" +
            "  --site DIR        the Web Forms site folder (required)\n" +
            "  --port N          TCP port (default 5080; 0 picks a free port)\n" +
            "  --bind ADDRESS    listen on ADDRESS instead of 127.0.0.1 (other machines may then reach it)\n" +
            "  --quiet           no request log\n" +
            "  --url-file FILE   write the base URL to FILE once listening (deleted on exit)\n";

        /// <summary>Runs the development server until Ctrl+C, SIGINT or SIGTERM.</summary>
        /// <param name="args">The command line.</param>
        /// <returns>0 after a clean stop, 1 when start-up failed, 2 for bad arguments.</returns>
        public static int Main(string[] args)
        {
            var options = new Options();
            string error = options.Parse(args ?? new string[0]);
            if (error != null)
            {
                Console.Error.WriteLine("error: " + error);
                Console.Error.Write(Usage);
                return ExitUsage;
            }

            if (options.Help)
            {
                Console.Out.Write(Usage);
                return ExitOk;
            }

            Console.Out.WriteLine(Banner);
            if (!IPAddress.IsLoopback(options.Bind))
            {
                Console.Out.WriteLine("WARNING: listening on " + options.Bind + ", not on a loopback address: other machines can reach this development server.");
            }

            string site = Path.GetFullPath(options.Site);
            if (!Directory.Exists(site))
            {
                Console.Error.WriteLine("error: the site folder does not exist: " + site);
                return ExitUsage;
            }

            // A URL file left by an earlier run would send waiting scripts to a dead port.
            TryDelete(options.UrlFile);

            var server = new DevServer(site, options.Port) { Log = options.Quiet ? null : Console.Out, BindAddress = options.Bind };
            try
            {
                server.Start();
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine("error: could not start the dev host: " + ex.Message);
                TryStop(server);
                return ExitStartFailed;
            }

            // Never disposed: a signal may still set it while the process ends.
            var stopRequested = new ManualResetEventSlim(false);
            Console.CancelKeyPress += (sender, e) =>
            {
                e.Cancel = true;
                stopRequested.Set();
            };
            UnixSignals.Watch(stopRequested.Set);

            Console.Out.WriteLine("CallbackControls dev host: serving " + site + " at " + server.Url + " (Ctrl+C to stop)");
            Console.Out.Flush();
            if (!string.IsNullOrEmpty(options.UrlFile))
            {
                try
                {
                    WriteAtomically(options.UrlFile, server.Url);
                }
                catch (Exception ex)
                {
                    Console.Error.WriteLine("error: could not write the URL file: " + ex.Message);
                    TryStop(server);
                    return ExitStartFailed;
                }
            }

            stopRequested.Wait();

            Console.Out.WriteLine("CallbackControls dev host: stopping");
            TryStop(server);
            TryDelete(options.UrlFile);
            Console.Out.Flush();
            Console.Error.Flush();
            // Everything is stopped, deleted and written. Mono 6.8 can still abort while it tears down the
            // ASP.NET domain after Main returns (exit code 255 once in a few dozen stops, nothing wrong), so
            // on Unix the process ends here with the code it means.
            NativeMethods.ExitNow(ExitOk);
            return ExitOk;
        }

        private static class NativeMethods
        {
            [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "_exit")]
            private static extern void _exit(int status);

            /// <summary>Ends the process at once with <paramref name="code"/> on Unix; does nothing elsewhere.</summary>
            internal static void ExitNow(int code)
            {
                if (Environment.OSVersion.Platform != PlatformID.Unix) return;
                try
                {
                    _exit(code);
                }
                catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
                {
                    // No libc to call: the runtime's own exit follows.
                }
            }
        }

        private static void TryStop(DevServer server)
        {
            try
            {
                server.Stop();
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine("dev host: error while stopping: " + ex.Message);
            }
        }

        private static void WriteAtomically(string path, string text)
        {
            // Written beside the target and renamed, so a script polling for the file never reads half a URL.
            string full = Path.GetFullPath(path);
            string temp = full + ".tmp" + Process.GetCurrentProcess().Id.ToString(CultureInfo.InvariantCulture);
            File.WriteAllText(temp, text);
            if (File.Exists(full)) File.Delete(full);

            File.Move(temp, full);
        }

        private static void TryDelete(string path)
        {
            if (string.IsNullOrEmpty(path)) return;

            try
            {
                File.Delete(path);
            }
            catch (Exception)
            {
                // Missing or not ours to delete: nothing depends on it being gone.
            }
        }

        private sealed class Options
        {
            public string Site;
            public string UrlFile;
            public int Port = 5080;
            public IPAddress Bind = IPAddress.Loopback;
            public bool Quiet;
            public bool Help;

            // Null when the arguments are usable, else what is wrong with them.
            public string Parse(string[] args)
            {
                for (int i = 0; i < args.Length; i++)
                {
                    string name = args[i];
                    if (name == "--quiet")
                    {
                        Quiet = true;
                        continue;
                    }

                    if (name == "--help")
                    {
                        Help = true;
                        return null;
                    }

                    if (name != "--site" && name != "--port" && name != "--bind" && name != "--url-file") return "unknown argument '" + name + "'";

                    // The value is the next argument; another option there means it is missing.
                    if (i + 1 == args.Length || args[i + 1].Length == 0 || args[i + 1].StartsWith("--", StringComparison.Ordinal)) return name + " needs a value";

                    string value = args[++i];
                    switch (name)
                    {
                        case "--site":
                            Site = value;
                            break;
                        case "--url-file":
                            UrlFile = value;
                            break;
                        case "--port":
                            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
                            {
                                return "--port needs a number from 0 to 65535, not '" + value + "'";
                            }

                            Port = port;
                            break;
                        default:
                            if (!IPAddress.TryParse(value, out IPAddress bind)) return "--bind needs an IP address, not '" + value + "'";

                            Bind = bind;
                            break;
                    }
                }

                return Site == null ? "--site is required" : null;
            }
        }
    }
}
