using System;
using System.Collections.Specialized;
using System.Web;

namespace CallbackControls
{
    /// <summary>
    /// The request headers the library reads, taken in one pass over the request's headers and kept for
    /// the rest of the request. On Mono a lookup by name in <see cref="HttpRequest.Headers"/> costs 2 to
    /// 4 µs (its case-insensitive keys are hashed and compared by culture rules), and a call asked for
    /// its token, method and origin headers a dozen times on its way through the module and handler:
    /// as much time as reading and writing its whole envelope.
    /// </summary>
    internal sealed class CallHeaders
    {
        private static readonly object ItemsKey = new object();

        private static readonly bool OnMono = Type.GetType("Mono.Runtime") != null;

        private CallHeaders()
        {
        }

        /// <summary>Gets the call's token (<see cref="CallbackSecurity.TokenHeader"/>); null when the request is no call of ours.</summary>
        internal string Token { get; private set; }

        /// <summary>Gets the page method a call names (<see cref="CallbackSecurity.MethodHeader"/>), or null.</summary>
        internal string Method { get; private set; }

        /// <summary>Gets the URI-encoded context key of a page-method call (<see cref="CallbackSecurity.ContextHeader"/>), or null.</summary>
        internal string Context { get; private set; }

        /// <summary>Gets the control a page-method call is for (<see cref="CallbackSecurity.TargetHeader"/>), or null.</summary>
        internal string Target { get; private set; }

        /// <summary>Gets the browser's Sec-Fetch-Site header, or null.</summary>
        internal string FetchSite { get; private set; }

        /// <summary>Gets the browser's Origin header, or null.</summary>
        internal string Origin { get; private set; }

        /// <summary>Gets the Host header, or null.</summary>
        internal string Host { get; private set; }

        /// <summary>Gets the Accept-Encoding header, or null.</summary>
        internal string AcceptEncoding { get; private set; }

        /// <summary>The headers of <paramref name="request"/>, read once per request (kept in the context's items when it is the current request).</summary>
        internal static CallHeaders Of(HttpRequest request)
        {
            var context = HttpContext.Current;
            bool current = context != null && ReferenceEquals(CurrentRequest(context), request);
            if (current && context.Items[ItemsKey] is CallHeaders kept) return kept;
            var worker = current && OnMono ? ((IServiceProvider)context).GetService(typeof(HttpWorkerRequest)) as HttpWorkerRequest : null;
            var headers = worker != null ? Read(worker) : Read(request.Headers);
            if (current) context.Items[ItemsKey] = headers;
            return headers;
        }

        private static HttpRequest CurrentRequest(HttpContext context)
        {
            try
            {
                return context.Request;
            }
            catch (HttpException)
            {
                return null; // no request in this context (application start)
            }
        }

        /// <summary>
        /// Straight from the host, on Mono, where <see cref="HttpRequest.Headers"/> is built from exactly
        /// these (every known header, then the host's unknown ones) and read-only: building that collection,
        /// a culture-aware hash per header, cost a call more than everything else it read of the request.
        /// </summary>
        private static CallHeaders Read(HttpWorkerRequest worker)
        {
            var headers = new CallHeaders
            {
                Host = worker.GetKnownRequestHeader(HttpWorkerRequest.HeaderHost),
                AcceptEncoding = worker.GetKnownRequestHeader(HttpWorkerRequest.HeaderAcceptEncoding),
            };
            var unknown = worker.GetUnknownRequestHeaders();
            if (unknown == null) return headers;
            foreach (var pair in unknown)
            {
                if (pair != null && pair.Length == 2 && pair[0] != null) headers.Take(pair[0], pair[1]);
            }
            return headers;
        }

        /// <summary>By index, not by name: ordinal comparisons of a dozen names instead of culture-aware hashing per lookup.</summary>
        private static CallHeaders Read(NameValueCollection all)
        {
            var headers = new CallHeaders();
            for (int i = 0; i < all.Count; i++)
            {
                var name = all.GetKey(i);
                if (name != null) headers.Take(name, all.Get(i));
            }
            return headers;
        }

        private void Take(string name, string value)
        {
            // A header sent twice: the last one, as Mono's own header collection keeps it.
            if (Is(name, CallbackSecurity.TokenHeader)) Token = value;
            else if (Is(name, CallbackSecurity.MethodHeader)) Method = value;
            else if (Is(name, CallbackSecurity.ContextHeader)) Context = value;
            else if (Is(name, CallbackSecurity.TargetHeader)) Target = value;
            else if (Is(name, "Sec-Fetch-Site")) FetchSite = value;
            else if (Is(name, "Origin")) Origin = value;
            else if (Is(name, "Host")) Host = value;
            else if (Is(name, "Accept-Encoding")) AcceptEncoding = value;
        }

        private static bool Is(string name, string wanted) =>
            name.Length == wanted.Length && string.Equals(name, wanted, StringComparison.OrdinalIgnoreCase);
    }
}
