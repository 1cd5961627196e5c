using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace CallbackControls.DevHost
{
    /// <summary>
    /// What IIS Express refuses before ASP.NET sees a request, done here for the dev host: the protected
    /// folders of a Web Forms site, dot segments (<c>.git</c>, <c>.env</c>), <c>..</c>, and files reached
    /// through a symbolic link that leaves the site; and where a URL's PathInfo begins.
    /// </summary>
    /// <remarks>
    /// Mono's ASP.NET refuses by itself only what its machine <c>web.config</c> maps to
    /// <c>HttpForbiddenHandler</c> (<c>*.config</c>, <c>*.cs</c>, <c>*.asax</c>...): it serves
    /// <c>/bin/*.dll</c>, <c>/App_Data/*</c>, <c>/obj/*</c> and <c>/.git/*</c> as static files.
    /// </remarks>
    internal static class SitePaths
    {
        private static readonly HashSet<string> ProtectedSegments = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "App_Data", "App_Code", "App_GlobalResources", "App_LocalResources", "App_Browsers", "App_WebReferences", "bin", "obj",
        };

        // Only after a segment with one of these may the rest of the path be PathInfo: "/file.db/x" is not.
        private static readonly string[] HandlerExtensions = { ".aspx", ".ashx", ".asmx", ".axd", ".svc" };

        /// <summary>
        /// Decodes a request's path (without its query) and judges it. Returns the decoded path with
        /// separators normalized (<c>\</c> as <c>/</c>, no empty segments), or null when it must be refused.
        /// </summary>
        public static string Normalize(string rawPath)
        {
            string decoded = Uri.UnescapeDataString(rawPath);
            if (decoded.Length == 0 || decoded[0] != '/' && decoded[0] != '\\' || decoded.IndexOf('\0') >= 0 || decoded.Contains(".."))
            {
                return null;
            }

            string[] segments = decoded.Replace('\\', '/').Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            foreach (string segment in segments)
            {
                // Windows drops trailing dots and spaces from a name ("App_Data." and "bin " are the folders).
                string asWindowsReadsIt = segment.TrimEnd('.', ' ');
                if (segment[0] == '.' || asWindowsReadsIt.Length == 0 || ProtectedSegments.Contains(asWindowsReadsIt) || segment.IndexOf(':') >= 0)
                {
                    return null;
                }
            }

            string path = "/" + string.Join("/", segments);
            bool trailingSlash = decoded.EndsWith("/", StringComparison.Ordinal) || decoded.EndsWith("\\", StringComparison.Ordinal);
            return trailingSlash && segments.Length > 0 ? path + "/" : path;
        }

        /// <summary>Splits <c>/page.aspx/extra</c> into the file <c>/page.aspx</c> and PathInfo <c>/extra</c>, at the first segment with a handler extension.</summary>
        public static void SplitPathInfo(string path, out string file, out string pathInfo)
        {
            for (int slash = path.IndexOf('/', 1); slash > 0; slash = path.IndexOf('/', slash + 1))
            {
                string before = path.Substring(0, slash);
                if (HandlerExtensions.Any(extension => before.EndsWith(extension, StringComparison.OrdinalIgnoreCase)))
                {
                    file = before;
                    pathInfo = path.Substring(slash);
                    return;
                }
            }

            file = path;
            pathInfo = string.Empty;
        }

        /// <summary>
        /// Encodes a normalized path for a <c>Location</c> header: each segment percent-encoded, so the
        /// result is always one same-site absolute path (never <c>//host</c>, never a scheme).
        /// </summary>
        public static string Encode(string path) => string.Join("/", path.Split('/').Select(Uri.EscapeDataString));

        /// <summary>
        /// Whether an existing file or folder lies inside the site once every symbolic link is resolved. True
        /// for a path that does not exist (ASP.NET answers 404 for it) and where links cannot be resolved (Windows).
        /// </summary>
        public static bool IsInside(string siteRoot, string physicalPath)
        {
            if (Environment.OSVersion.Platform != PlatformID.Unix || !(File.Exists(physicalPath) || Directory.Exists(physicalPath)))
            {
                return true;
            }

            // The root itself, or below it: "/site2" is not inside "/site".
            string root = RealPath(siteRoot);
            string real = RealPath(physicalPath);
            return root != null && real != null && (real + "/").StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal);
        }

        private static string RealPath(string path)
        {
            IntPtr resolved = realpath(path, IntPtr.Zero);
            if (resolved == IntPtr.Zero) return null;

            try
            {
                return Marshal.PtrToStringAnsi(resolved);
            }
            finally
            {
                free(resolved);
            }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern IntPtr realpath(string path, IntPtr resolved);

        [DllImport("libc")]
        private static extern void free(IntPtr pointer);
    }
}
