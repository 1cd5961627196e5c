using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading;
using System.Web;
using System.Web.Security;
using System.Web.UI;

namespace CallbackControls
{
    /// <summary>
    /// What proves a call came from our own page: a per-control token sent in a custom request header
    /// (a cross-site form cannot set a header, and a cross-origin script cannot send one without a
    /// CORS preflight that the server never grants), bound to the page, the control and the page's
    /// <see cref="Page.ViewStateUserKey"/>, protected with the machine key so every back end of a farm
    /// with a shared key verifies it; plus the browser's own <c>Origin</c> and <c>Sec-Fetch-Site</c>
    /// headers where they are sent, and POST only.
    /// </summary>
    internal static class CallbackSecurity
    {
        /// <summary>The request header that carries the control's token on every call.</summary>
        internal const string TokenHeader = "X-CallbackControls-Token";

        /// <summary>The form field naming the control a callback is for.</summary>
        internal const string CallbackIdField = "__CALLBACKID";

        private const string Purpose = "CallbackControls.CallToken.v1";

        // The protected payload is a fixed marker: everything the token is bound to travels in the
        // purposes, which MachineKey mixes into the keys, so a token for another page, control or user
        // simply fails to unprotect.
        private static readonly byte[] Payload = { 0x63, 0x63 };

        /// <summary>
        /// Issues the token a control's calls carry. A control answered by a page method gets a token
        /// bound to that method and to the signed-in user instead of the page's ViewStateUserKey, which
        /// only the built page knows.
        /// </summary>
        internal static string IssueToken(Page page, string controlUniqueId, string serviceMethod = null, string contextKey = null)
        {
            var purposes = string.IsNullOrEmpty(serviceMethod)
                ? Purposes(page, controlUniqueId)
                : MethodPurposes(page.AppRelativeVirtualPath, controlUniqueId, serviceMethod, HttpContext.Current, contextKey);
            return HttpServerUtility.UrlTokenEncode(MachineKey.Protect(Payload, purposes));
        }

        /// <summary>Checks a token against the page and control the call is for.</summary>
        internal static bool VerifyToken(Page page, string controlUniqueId, string token) => Verify(token, Purposes(page, controlUniqueId));

        /// <summary>Checks the token of a page-method call against the request's page, the control, the method and the user.</summary>
        internal static bool VerifyMethodToken(HttpContext context, string controlUniqueId, string serviceMethod, string contextKey, string token) =>
            Verify(token, MethodPurposes(context.Request.AppRelativeCurrentExecutionFilePath, controlUniqueId, serviceMethod, context, contextKey));

        // Tokens verified before, with the purposes they were verified for. A page's calls carry the same
        // token again and again, and MachineKey.Unprotect cost ~60 µs of a ~250 µs page-method call here.
        // Only successes are kept (a forged token is checked in full every time), a token never expires on
        // its own (MachineKey has no expiry), and a new machine key restarts the application, which empties it.
        private const int VerifiedCapacity = 4096;
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Verified =
            new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        private static bool Verify(string token, string[] purposes)
        {
            if (!IsUrlToken(token)) return false;
            var key = VerifiedKey(token, purposes);
            if (Verified.ContainsKey(key)) return true;
            if (!Unprotects(token, purposes)) return false;
            // Bounded: when full, start again rather than keep an unbounded set of every user's tokens.
            if (Verified.Count >= VerifiedCapacity) Verified.Clear();
            Verified[key] = true;
            return true;
        }

        /// <summary>
        /// The token and its purposes as one string, each part prefixed with its length, so no two
        /// different lists (a context key holding a separator, say) can ever make the same key.
        /// </summary>
        private static string VerifiedKey(string token, string[] purposes)
        {
            var key = new System.Text.StringBuilder(token.Length + 160);
            key.Append(token.Length).Append(':').Append(token);
            foreach (var purpose in purposes) key.Append(purpose.Length).Append(':').Append(purpose);
            return key.ToString();
        }

        private static bool Unprotects(string token, string[] purposes)
        {
            byte[] bytes;
            try
            {
                bytes = HttpServerUtility.UrlTokenDecode(token);
            }
            catch (Exception ex) when (!(ex is ThreadAbortException))
            {
                // Mono's decoder throws OutOfMemoryException or IndexOutOfRangeException on some
                // malformed input, not only FormatException: any failure means "not our token".
                return false;
            }
            if (bytes == null || bytes.Length == 0) return false;
            try
            {
                var payload = MachineKey.Unprotect(bytes, purposes);
                return payload != null && payload.Length == Payload.Length && payload[0] == Payload[0] && payload[1] == Payload[1];
            }
            catch (CryptographicException)
            {
                return false;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        /// <summary>
        /// The shape <see cref="HttpServerUtility.UrlTokenEncode"/> writes: base64url characters and a
        /// final digit 0-2 (the padding count). Checked before decoding, which trusts that digit.
        /// </summary>
        private static bool IsUrlToken(string token)
        {
            if (string.IsNullOrEmpty(token) || token.Length < 2 || token.Length > 1024) return false;
            char last = token[token.Length - 1];
            if (last < '0' || last > '2') return false;
            for (int i = 0; i < token.Length - 1; i++)
            {
                char c = token[i];
                bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok) return false;
            }
            return true;
        }

        private static string[] Purposes(Page page, string controlUniqueId)
        {
            // The app-relative path is the same on every back end; the user key is the page's own
            // anti-forgery key (the Web Forms template sets it from its anti-XSRF cookie).
            return new[] { Purpose, PagePurpose(page.AppRelativeVirtualPath), "control:" + controlUniqueId, "user:" + (page.ViewStateUserKey ?? string.Empty) };
        }

        private static string PagePurpose(string appRelativePath) => "page:" + (appRelativePath ?? string.Empty).ToLowerInvariant();

        private static string[] MethodPurposes(string appRelativePath, string controlUniqueId, string serviceMethod, HttpContext context, string contextKey)
        {
            var identity = context?.User?.Identity;
            var user = identity != null && identity.IsAuthenticated ? identity.Name : string.Empty;
            // The context key is bound too, so a call cannot ask for another customer's or tenant's items.
            return new[] { Purpose, PagePurpose(appRelativePath), "control:" + controlUniqueId, "method:" + serviceMethod, "signed-in:" + user, "context:" + (contextKey ?? string.Empty) };
        }

        /// <summary>
        /// Checks what can be checked without the page: the method and the browser's origin headers.
        /// </summary>
        /// <returns>Why the call is refused, or null when it may proceed.</returns>
        internal static string CheckTransport(HttpRequest request)
        {
            if (!string.Equals(request.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
                return Texts.PostOnly;
            return IsFromAnotherSite(request) ? Texts.FromAnotherSite : null;
        }

        /// <summary>
        /// Whether the browser says the request comes from another site, from its headers alone:
        /// Sec-Fetch-Site (sent by every current browser on fetch) other than same-origin, or an Origin
        /// other than our own.
        /// </summary>
        internal static bool IsFromAnotherSite(HttpRequest request)
        {
            var headers = CallHeaders.Of(request);
            var fetchSite = headers.FetchSite;
            if (!string.IsNullOrEmpty(fetchSite) && !string.Equals(fetchSite, "same-origin", StringComparison.OrdinalIgnoreCase))
                return true;
            var origin = headers.Origin;
            return !string.IsNullOrEmpty(origin) && !IsSameOrigin(origin, request, headers.Host);
        }

        private static bool IsSameOrigin(string origin, HttpRequest request, string host)
        {
            // "null" (a sandboxed frame, a file: page) is never our page.
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var originUri)) return false;
            // Compare with the Host the browser addressed: behind a proxy that ends TLS the scheme the
            // application sees may differ from the browser's, the host and port do not.
            if (string.IsNullOrEmpty(host)) host = request.Url.Authority;
            var originAuthority = originUri.IsDefaultPort ? originUri.Host : originUri.Host + ":" + originUri.Port.ToString(CultureInfo.InvariantCulture);
            if (string.Equals(originAuthority, host, StringComparison.OrdinalIgnoreCase)) return true;
            // A Host header with the default port written out ("example.org:443") still matches.
            return originUri.IsDefaultPort && string.Equals(originUri.Authority + ":" + originUri.Port.ToString(CultureInfo.InvariantCulture), host, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>
        /// The control a callback is for: from the form of a POST, from the query string otherwise;
        /// empty when the form itself cannot be read (request validation refused it). Never from the
        /// page-method target header: the framework runs the callback the form names, so the page's
        /// guard must verify that one (a page-method call reads its header itself).
        /// </summary>
        internal static string TargetId(HttpRequest request)
        {
            try
            {
                var isPost = string.Equals(request.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase);
                return (isPost ? request.Form[CallbackIdField] : request.QueryString[CallbackIdField]) ?? string.Empty;
            }
            catch (HttpRequestValidationException)
            {
                return string.Empty;
            }
        }

        /// <summary>Whether a raw URL's query names a callback target (<c>__CALLBACKID=</c>), read without parsing it.</summary>
        internal static bool QueryNamesCallback(string rawUrl)
        {
            int query = rawUrl?.IndexOf('?') ?? -1;
            if (query < 0) return false;
            int at = rawUrl.IndexOf(CallbackIdField + "=", query, StringComparison.OrdinalIgnoreCase);
            return at > query && (rawUrl[at - 1] == '?' || rawUrl[at - 1] == '&');
        }

        /// <summary>Why a call to one of our controls without a token header is refused.</summary>
        internal static string NoTokenMessage => Texts.NoToken;

        /// <summary>The request header naming the page method a call is for (see <see cref="CallbackMethodAttribute"/>).</summary>
        internal const string MethodHeader = "X-CallbackControls-Method";

        /// <summary>The request header naming the control a page-method call is for (its callback id).</summary>
        internal const string TargetHeader = "X-CallbackControls-Target";

        /// <summary>The request header carrying a page-method call's context key (URI-encoded).</summary>
        internal const string ContextHeader = "X-CallbackControls-Context";

        /// <summary>Whether the request is a call of this library's client runtime.</summary>
        internal static bool IsLibraryCall(HttpRequest request) => CallHeaders.Of(request).Token != null;
    }
}
