using System;
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
        /// <summary>Exit code for success, including a stop by Ctrl+C or SIGTERM.</summary>
        public const int ExitOk = 0;

        /// <summary>Exit code when the server could not start.</summary>
        public const int ExitStartFailed = 1;

        /// <summary>Exit code for bad arguments or a missing site folder.</summary>
        public const int ExitUsage = 2;

        /// <summary>What the server is, printed at every start.</summary>
        public const string Banner =
            "CallbackControls dev host: a development server, not for deployment. Deploy on IIS, or on nginx + fastcgi-mono-server4.";

        private const string Usage =
            "Usage: CallbackControls.DevHost.exe --site DIR [--port N] [--bind ADDRESS] [--quiet] [--url-file FILE]\n" +
            "A development server, not for deployment (deploy on IIS, or on nginx + fastcgi-mono-server4).\n" +
            "  --site DIR        the Web Forms site folder (required)\n" +
            "  --port N          TCP port (default 5080; 0 picks a free port)\n" +
            "  --bind ADDRESS    listen on ADDRESS instead of 127.0.0.1 (other machines may then reach it)\n" +
            "  --quiet           no request log\n" +
            "  --url-file FILE   write the base URL to FILE once listening (deleted on exit)\n";

        /// <summary>Runs the development server until Ctrl+C, SIGINT or SIGTERM.</summary>
        /// <param name="args">The command-line arguments.</param>
        /// <returns>0 after a clean stop, 1 when start-up failed, 2 for bad arguments.</returns>
        public static int Main(string[] args)
        {
            Options options;
            string error;
            if (!Options.TryParse(args ?? new string[0], out options, out error))
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

            using (var stopRequested = new ManualResetEventSlim(false))
            {
                Console.CancelKeyPress += (sender, e) =>
                {
                    e.Cancel = true;
                    SetQuietly(stopRequested);
                };

                // On .NET Framework a service stop or logoff ends here; the stop must finish before the runtime does.
                AppDomain.CurrentDomain.ProcessExit += (sender, e) =>
                {
                    SetQuietly(stopRequested);
                    TryStop(server);
                };

                string signalError;
                UnixSignals.TryWatch(name => SetQuietly(stopRequested), out signalError);

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
            }

            Console.Out.WriteLine("CallbackControls dev host: stopping");
            TryStop(server);
            TryDelete(options.UrlFile);
            Console.Out.Flush();
            return ExitOk;
        }

        private static void SetQuietly(ManualResetEventSlim signal)
        {
            try
            {
                signal.Set();
            }
            catch (ObjectDisposedException)
            {
                // Main is already past the wait.
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
            string temp = full + ".tmp" + System.Diagnostics.Process.GetCurrentProcess().Id.ToString(CultureInfo.InvariantCulture);
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
            public string Site { get; private set; }

            public int Port { get; private set; } = 5080;

            public bool Quiet { get; private set; }

            public bool Help { get; private set; }

            public string UrlFile { get; private set; }

            public IPAddress Bind { get; private set; } = IPAddress.Loopback;

            public static bool TryParse(string[] args, out Options options, out string error)
            {
                options = new Options();
                error = null;
                for (int i = 0; i < args.Length; i++)
                {
                    string arg = args[i];
                    string inlineValue = null;
                    int equals = arg.IndexOf('=');
                    if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 2)
                    {
                        inlineValue = arg.Substring(equals + 1);
                        arg = arg.Substring(0, equals);
                    }

                    switch (arg)
                    {
                        case "--site":
                            if (!TakeValue(args, ref i, inlineValue, arg, out string site, out error)) return false;

                            options.Site = site;
                            break;
                        case "--port":
                            if (!TakeValue(args, ref i, inlineValue, arg, out string portText, out error)) return false;

                            int port;
                            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
                            {
                                error = "--port needs a number from 0 to 65535, not '" + portText + "'";
                                return false;
                            }

                            options.Port = port;
                            break;
                        case "--url-file":
                            if (!TakeValue(args, ref i, inlineValue, arg, out string urlFile, out error)) return false;

                            options.UrlFile = urlFile;
                            break;
                        case "--bind":
                            if (!TakeValue(args, ref i, inlineValue, arg, out string bindText, out error)) return false;

                            IPAddress bind;
                            if (!IPAddress.TryParse(bindText, out bind))
                            {
                                error = "--bind needs an IP address, not '" + bindText + "'";
                                return false;
                            }

                            options.Bind = bind;
                            break;
                        case "--quiet":
                        case "-q":
                            options.Quiet = true;
                            break;
                        case "--help":
                        case "-h":
                        case "-?":
                            options.Help = true;
                            return true;
                        default:
                            error = "unknown argument '" + args[i] + "'";
                            return false;
                    }
                }

                if (string.IsNullOrEmpty(options.Site))
                {
                    error = "--site is required";
                    return false;
                }

                return true;
            }

            private static bool TakeValue(string[] args, ref int i, string inlineValue, string name, out string value, out string error)
            {
                error = null;
                value = inlineValue;
                if (value == null)
                {
                    if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        error = name + " needs a value";
                        return false;
                    }

                    value = args[++i];
                }

                if (value.Length == 0)
                {
                    error = name + " needs a value";
                    return false;
                }

                return true;
            }
        }
    }
}
