using System;
using System.Globalization;
using System.Threading;
using System.Web;
using System.Web.UI;

namespace CallbackControls
{
    /// <summary>
    /// What proves a call came from our own page: a per-control token sent in a custom request header
    /// (a cross-site form cannot set a header, and a cross-origin script cannot send one without a
    /// CORS preflight that the server never grants), bound to the page, the control and the page's
    /// <see cref="Page.ViewStateUserKey"/> (or, for a page method, the method, the context key and the
    /// signed-in user), authenticated with a key derived from the machine key so every back end of a
    /// farm with a shared key verifies it, and issued with a time so it expires (<see cref="CallToken"/>);
    /// plus the browser's own <c>Origin</c> and <c>Sec-Fetch-Site</c> headers where they are sent, and POST only.
    /// </summary>
    internal static class CallbackSecurity
    {
        /// <summary>The request header that carries the control's token on every call.</summary>
        internal const string TokenHeader = "X-CallbackControls-Token";

        /// <summary>The form field naming the control a callback is for.</summary>
        internal const string CallbackIdField = "__CALLBACKID";

        /// <summary>The form field that carries the call's envelope.</summary>
        internal const string CallbackParamField = "__CALLBACKPARAM";

        private const string Purpose = "CallbackControls.CallToken.v2";

        /// <summary>Where a call's renewed token waits to be written into its reply (<see cref="HttpContext.Items"/>).</summary>
        private static readonly object RenewedTokenKey = new object();

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
            return CallToken.Issue(purposes, DateTime.UtcNow);
        }

        /// <summary>Checks a token against the page and control the call is for.</summary>
        internal static CallTokenCheck VerifyToken(Page page, string controlUniqueId, string token) =>
            Verify(HttpContext.Current, token, Purposes(page, controlUniqueId));

        /// <summary>Checks the token of a page-method call against the request's page, the control, the method and the user.</summary>
        internal static CallTokenCheck VerifyMethodToken(HttpContext context, string controlUniqueId, string serviceMethod, string contextKey, string token) =>
            Verify(context, token, MethodPurposes(context.Request.AppRelativeCurrentExecutionFilePath, controlUniqueId, serviceMethod, context, contextKey));

        /// <summary>
        /// Issues the token a page's push stream carries for one topic: bound to the page, the topic and the
        /// signed-in user, so a stream cannot be opened from another page's token or hear another user's topic.
        /// </summary>
        internal static string IssuePushToken(Page page, string topic) =>
            CallToken.Issue(PushPurposes(page.AppRelativeVirtualPath, topic, HttpContext.Current), DateTime.UtcNow);

        /// <summary>Checks a push stream's token for a topic against the request's page and user.</summary>
        internal static CallTokenCheck VerifyPushToken(HttpContext context, string topic, string token) =>
            Verify(null, token, PushPurposes(context.Request.AppRelativeCurrentExecutionFilePath, topic, context));

        private static string[] PushPurposes(string appRelativePath, string topic, HttpContext context) =>
            new[] { Purpose, "push", PagePurpose(appRelativePath), "topic:" + topic, "signed-in:" + SignedInUser(context) };

        /// <summary>The signed-in user's name, or empty for an anonymous request.</summary>
        internal static string SignedInUser(HttpContext context)
        {
            var identity = context?.User?.Identity;
            return identity != null && identity.IsAuthenticated ? identity.Name ?? string.Empty : string.Empty;
        }

        /// <summary>
        /// The fresh token a call's reply carries when the one it came with is past half its lifetime, so
        /// a page that keeps calling (a dashboard) never sees its tokens expire; null otherwise.
        /// </summary>
        internal static string RenewedToken(HttpContext context) => context?.Items[RenewedTokenKey] as string;

        // Tokens verified before, with the purposes they were verified for and when they were issued. A
        // page's calls carry the same token again and again, so the MAC is computed once per token. Only
        // genuine tokens are kept (a forged one is checked in full every time), bounded.
        private const int VerifiedCapacity = 4096;
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTime> Verified =
            new System.Collections.Concurrent.ConcurrentDictionary<string, DateTime>(StringComparer.Ordinal);

        private static CallTokenCheck Verify(HttpContext context, string token, string[] purposes)
        {
            // The shape first: nothing of a token that cannot be ours is decoded or looked up.
            if (!CallToken.HasShape(token)) return CallTokenCheck.Invalid;
            var now = DateTime.UtcNow;
            var key = VerifiedKey(token, purposes);
            CallTokenCheck check;
            if (Verified.TryGetValue(key, out var issued))
            {
                check = now - issued > CallToken.Lifetime ? CallTokenCheck.Expired : CallTokenCheck.Valid;
            }
            else
            {
                try
                {
                    check = CallToken.Check(token, purposes, now, out issued);
                }
                catch (Exception ex) when (!(ex is ThreadAbortException))
                {
                    // Whatever the runtime throws for a token (none is expected), the answer is the same refusal.
                    check = CallTokenCheck.Invalid;
                }
                if (check == CallTokenCheck.Valid)
                {
                    // Bounded: when full, start again rather than keep an unbounded set of every user's tokens.
                    if (Verified.Count >= VerifiedCapacity) Verified.Clear();
                    Verified[key] = issued;
                }
            }
            if (check == CallTokenCheck.Valid && context != null && CallToken.IsDueForRenewal(issued, now))
                context.Items[RenewedTokenKey] = CallToken.Issue(purposes, now);
            return check;
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

        private static string[] Purposes(Page page, string controlUniqueId)
        {
            // The app-relative path is the same on every back end; the user key is the page's own
            // anti-forgery key (the Web Forms template sets it from its anti-XSRF cookie).
            return new[] { Purpose, PagePurpose(page.AppRelativeVirtualPath), "control:" + controlUniqueId, "user:" + (page.ViewStateUserKey ?? string.Empty) };
        }

        private static string PagePurpose(string appRelativePath) => "page:" + (appRelativePath ?? string.Empty).ToLowerInvariant();

        private static string[] MethodPurposes(string appRelativePath, string controlUniqueId, string serviceMethod, HttpContext context, string contextKey)
        {
            var user = SignedInUser(context);
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

        /// <summary>Whether the call's token header has the one shape a token of this library has (checked before anything else of the call).</summary>
        internal static bool HasTokenShape(HttpRequest request) => CallToken.HasShape(CallHeaders.Of(request).Token);

        /// <summary>Whether the request is a call of this library's client runtime.</summary>
        internal static bool IsLibraryCall(HttpRequest request) => CallHeaders.Of(request).Token != null;
    }
}
