using System;
using System.Text;
using System.Web;
using System.Web.SessionState;
using System.Web.UI;

namespace CallbackControls
{
    /// <summary>
    /// The fast path: a call of a control whose <c>ServiceMethod</c> names a
    /// <see cref="CallbackMethodAttribute"/> method is answered by that static method before the page is
    /// built (no control tree, no ViewState, no lifecycle). ASP.NET maps the request to its page as
    /// usual, which gives the page class without compiling anything again; a handler of ours then takes
    /// the page's place, after authentication and authorization, so a page behind a login stays behind it.
    /// </summary>
    internal static class PageMethodCall
    {
        /// <summary>
        /// Whether the request is a page-method call (it names a method), with or without a token: one
        /// without is refused by the handler, so such a call never reaches the page either.
        /// </summary>
        internal static bool IsPageMethodCall(HttpRequest request) => CallHeaders.Of(request).Method != null;

        /// <summary>
        /// Once ASP.NET has mapped the request to its page: the page-method handler takes the page's place,
        /// and the page is never built. The call takes session state only when its method asks for it
        /// (<see cref="CallbackMethodAttribute.EnableSession"/>), and then read-only, so calls of one user
        /// run side by side instead of queueing for the session lock.
        /// </summary>
        internal static void TakeOver(HttpContext context)
        {
            if (!IsPageMethodCall(context.Request) || !(context.Handler is Page page)) return;
            var pageType = page.GetType();
            var method = CallHeaders.Of(context.Request).Method;
            context.Handler = PageMethods.EnablesSession(pageType, method) ? new ReadOnlySessionHandler(pageType) : new Handler(pageType);
        }

        /// <summary>Answers the call of a method that reads session state: the session is read-only.</summary>
        private sealed class ReadOnlySessionHandler : Handler, IReadOnlySessionState
        {
            public ReadOnlySessionHandler(Type pageType)
                : base(pageType)
            {
            }
        }

        /// <summary>Answers the call in place of the page.</summary>
        private class Handler : IHttpHandler
        {
            private readonly Type _pageType;

            public Handler(Type pageType)
            {
                _pageType = pageType;
            }

            public bool IsReusable => false;

            public void ProcessRequest(HttpContext context) => Answer(context, _pageType);
        }

        private static void Answer(HttpContext context, Type pageType)
        {
            var request = context.Request;
            var headers = CallHeaders.Of(request);
            var method = headers.Method;
            // The control in its header and the envelope as the whole body: no form to parse, nothing URL-encoded.
            var controlId = headers.Target ?? string.Empty;
            var contextKey = ContextKeyOf(headers.Context);
            var reply = ReplyText.Acquire();
            int status = 200;
            if (controlId.Length == 0 || contextKey == null || !CallbackSecurity.VerifyMethodToken(context, controlId, method, contextKey, headers.Token))
            {
                // The token proves this page rendered this control with this method for this user.
                status = 403;
                reply.Append(CallbackEnvelope.WriteError(CallbackEnvelope.ForbiddenErrorCode, Texts.TokenMismatchMethod));
            }
            else if (!TryReadEnvelope(request, out var parameter))
            {
                reply.Append(CallbackEnvelope.WriteError(CallbackEnvelope.BadRequestErrorCode, parameter));
            }
            else
            {
                Run(context, pageType, method, controlId, contextKey, parameter, reply);
            }

            // Framed as the framework frames a callback result, so the client reads both paths alike.
            CallbackErrors.WriteReply(context.Response, status, reply);
            ReplyText.Release(reply);
        }

        /// <summary>Refuses bytes that are not UTF-8 instead of turning them into U+FFFD.</summary>
        private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, true);

        /// <summary>
        /// The envelope: the call's whole body, as UTF-8 text. A page-method call posts no form, so the
        /// body is neither parsed as one nor passed through request validation, as with ASP.NET's own JSON
        /// page methods; the envelope's reader has its own limits.
        /// </summary>
        /// <param name="request">The call.</param>
        /// <param name="envelope">The envelope's text; when false, why the body is refused.</param>
        /// <returns>Whether the body could be read as an envelope.</returns>
        private static bool TryReadEnvelope(HttpRequest request, out string envelope)
        {
            var stream = request.InputStream;
            // UTF-8 takes at most 3 bytes for one UTF-16 unit: a longer body cannot hold an envelope the reader accepts.
            long limit = CallbackEnvelope.MaxRequestLength * 3L;
            if (stream.Length > limit)
            {
                envelope = "The callback request is too large.";
                return false;
            }
            var bytes = new byte[stream.Length];
            int read = 0, n;
            while (read < bytes.Length && (n = stream.Read(bytes, read, bytes.Length - read)) > 0) read += n;
            try
            {
                envelope = StrictUtf8.GetString(bytes, 0, read);
                return true;
            }
            catch (DecoderFallbackException)
            {
                envelope = "The callback request is not UTF-8 text.";
                return false;
            }
        }

        /// <summary>The context key the call carries ("" for none), or null when its header is not one the runtime wrote.</summary>
        private static string ContextKeyOf(string header)
        {
            if (string.IsNullOrEmpty(header)) return string.Empty;
            try
            {
                return Uri.UnescapeDataString(header);
            }
            catch (UriFormatException)
            {
                return null;
            }
        }

        private static void Run(HttpContext context, Type pageType, string method, string controlId, string contextKey, string parameter, StringBuilder reply)
        {
            try
            {
                var argumentType = PageMethods.ArgumentTypeOf(pageType, method);
                if (argumentType == typeof(CascadingDropDownPopulateEventArgs))
                {
                    var populate = PageMethods.Find<CascadingDropDownPopulateEventArgs>(pageType, method, controlId);
                    CallbackAnswer.Run(context, controlId, parameter, e => CascadingDropDown.PopulateFromState(populate, e.ClientState, contextKey), reply);
                    return;
                }
                var answer = PageMethods.Find<CallbackEventArgs>(pageType, method, controlId);
                CallbackAnswer.Run(context, controlId, parameter, e =>
                {
                    answer(e);
                    return e.Result;
                }, reply);
            }
            catch (InvalidOperationException ex)
            {
                // The page changed since it rendered the control (the method is gone or reshaped); thrown
                // before anything of the reply is written.
                reply.Append(CallbackEnvelope.WriteError(CallbackEnvelope.PageErrorCode, CallbackAnswer.MessageFor(context, ex, "The page cannot answer this call.")));
            }
        }
    }
}
