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
            var headers = CallHeaders.Of(context.Request);
            var method = headers.Method;
            var controlId = headers.Target ?? string.Empty;
            var contextKey = ContextKeyOf(headers.Context);
            // The token first: nothing the request names is looked up or kept before it is proved to be
            // one this site issued for this page, control, method, context and user.
            var check = controlId.Length == 0 || contextKey == null
                ? CallTokenCheck.Invalid
                : CallbackSecurity.VerifyMethodToken(context, controlId, method, contextKey, headers.Token);
            if (check != CallTokenCheck.Valid)
            {
                context.Handler = check == CallTokenCheck.Expired
                    ? new RefusalHandler(CallbackEnvelope.ExpiredErrorCode, Texts.TokenExpired)
                    : new RefusalHandler(CallbackEnvelope.ForbiddenErrorCode, Texts.TokenMismatchMethod);
                return;
            }
            var pageType = page.GetType();
            context.Handler = PageMethods.EnablesSession(pageType, PageMethods.NameOf(method))
                ? new ReadOnlySessionHandler(pageType, controlId, contextKey)
                : new Handler(pageType, controlId, contextKey);
        }

        /// <summary>Answers a call whose token was refused: 403 and the reason, without reading the body.</summary>
        private sealed class RefusalHandler : IHttpHandler
        {
            private readonly string _code;
            private readonly string _message;

            public RefusalHandler(string code, string message)
            {
                _code = code;
                _message = message;
            }

            public bool IsReusable => false;

            public void ProcessRequest(HttpContext context) =>
                CallbackErrors.WriteErrorReply(context.Response, 403, _code, _message);
        }

        /// <summary>Answers the call of a method that reads session state: the session is read-only.</summary>
        private sealed class ReadOnlySessionHandler : Handler, IReadOnlySessionState
        {
            public ReadOnlySessionHandler(Type pageType, string controlId, string contextKey)
                : base(pageType, controlId, contextKey)
            {
            }
        }

        /// <summary>Answers a verified call in place of the page.</summary>
        private class Handler : IHttpHandler
        {
            private readonly Type _pageType;
            private readonly string _controlId;
            private readonly string _contextKey;

            public Handler(Type pageType, string controlId, string contextKey)
            {
                _pageType = pageType;
                _controlId = controlId;
                _contextKey = contextKey;
            }

            public bool IsReusable => false;

            public void ProcessRequest(HttpContext context) => Answer(context, _pageType, _controlId, _contextKey);
        }

        private static void Answer(HttpContext context, Type pageType, string controlId, string contextKey)
        {
            var request = context.Request;
            var method = CallHeaders.Of(request).Method;
            // The envelope is the whole body: no form to parse, nothing URL-encoded.
            var reply = ReplyText.Acquire();
            if (!TryReadEnvelope(request, out var parameter))
            {
                reply.Append(CallbackEnvelope.WriteError(CallbackEnvelope.BadRequestErrorCode, parameter));
            }
            else
            {
                Run(context, pageType, method, controlId, contextKey, parameter, reply);
            }

            // Framed as the framework frames a callback result, so the client reads both paths alike.
            CallbackErrors.WriteReply(context.Response, 200, reply);
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
                // The method's parameter type says what answers it (a control's own event args name their answer).
                // The method header is the name, then (after '|') the settings the control signed with it.
                var name = PageMethods.NameOf(method);
                var settings = method.Length > name.Length ? method.Substring(name.Length + 1) : string.Empty;
                var answer = PageMethodAnswers.For(PageMethods.ArgumentTypeOf(pageType, name)).Bind(pageType, name, controlId, contextKey, settings);
                CallbackAnswer.Run(context, controlId, parameter, answer, reply);
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
