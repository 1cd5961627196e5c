using System;
using System.Diagnostics;
using System.Web;

namespace CallbackControls
{
    /// <summary>
    /// Guards callback requests before any page is built: a callback sent by GET (a cross-site link or
    /// top-level navigation) or a call of the client runtime from another origin is refused at once,
    /// and a failure the page did not answer (request validation, say) during one of our calls becomes
    /// an error reply without a stack trace. Calls of a control with a <c>ServiceMethod</c> are answered
    /// by that page method in place of the page, which is never built. Registered automatically when the application starts
    /// (<see cref="CallbackControlsStartup"/>); nothing to add to web.config.
    /// </summary>
    public sealed class CallbackRequestModule : IHttpModule
    {
        /// <summary>Subscribes to the application's request events.</summary>
        /// <param name="context">The application.</param>
        public void Init(HttpApplication context)
        {
            if (context == null) throw new ArgumentNullException(nameof(context));
            context.BeginRequest += OnBeginRequest;
            context.PostMapRequestHandler += OnPostMapRequestHandler;
            context.Error += OnError;
        }

        /// <summary>Nothing to release.</summary>
        public void Dispose()
        {
        }

        private static void OnBeginRequest(object sender, EventArgs e)
        {
            var application = (HttpApplication)sender;
            var request = application.Context.Request;
            bool isPost = string.Equals(request.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase);
            // A callback is a POST; the framework would also run one from a query string, which any
            // link on another site could then trigger with the user's cookies. A cross-site HTML form
            // cannot send our header, so a POST from another site is refused here when it is a callback;
            // the headers are checked first, so the form of an ordinary same-site POST is not read early.
            if (IsGetCallback(request))
            {
                RefuseGetCallback(application.Context);
                application.CompleteRequest();
                return;
            }
            bool libraryCall = CallbackSecurity.IsLibraryCall(request);
            string refusal = libraryCall || (isPost && CallbackSecurity.IsFromAnotherSite(request) && CallbackSecurity.TargetId(request).Length > 0)
                ? CallbackSecurity.CheckTransport(request)
                : null;
            // A token that cannot be one of ours by its shape is refused before the form or body is read
            // and before anything the request names is looked up.
            if (refusal == null && libraryCall && !CallbackSecurity.HasTokenShape(request))
                refusal = PageMethodCall.IsPageMethodCall(request) ? Texts.TokenMismatchMethod : Texts.TokenMismatchPage;
            if (refusal == null) return;

            CallbackErrors.WriteErrorReply(application.Context.Response, 403, CallbackEnvelope.ForbiddenErrorCode, refusal);
            application.CompleteRequest();
        }

        /// <summary>
        /// A callback sent by GET, read from the raw URL: parsing the query string throws for one over
        /// maxQueryStringLength, and a GET callback must be refused however long its query is.
        /// </summary>
        private static bool IsGetCallback(HttpRequest request) =>
            !string.Equals(request.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase) && CallbackSecurity.QueryNamesCallback(request.RawUrl);

        private static void RefuseGetCallback(HttpContext context)
        {
            CallbackErrors.WriteErrorReply(context.Response, 405, CallbackEnvelope.ForbiddenErrorCode, Texts.PostOnly);
            context.Response.AppendHeader("Allow", "POST");
        }

        private static void OnPostMapRequestHandler(object sender, EventArgs e)
        {
            var context = ((HttpApplication)sender).Context;
            PageMethodCall.TakeOver(context);
            PushStream.TakeOver(context);
        }

        private static void OnError(object sender, EventArgs e)
        {
            var application = (HttpApplication)sender;
            var context = application.Context;
            if (!CallbackSecurity.IsLibraryCall(context.Request)) return;
            var error = context.Server.GetLastError();
            if (error == null) return;
            error = CallbackErrors.Unwrap(error);
            if (IsGetCallback(context.Request))
            {
                // A GET callback whose query ASP.NET refused before BeginRequest (longer than
                // maxQueryStringLength, say) is still a GET callback: refused as one.
                context.Server.ClearError();
                RefuseGetCallback(context);
                return;
            }
            Trace.TraceError("CallbackControls: a call failed outside its page: {0}", error);
            context.Server.ClearError();
            var controlId = PageMethodCall.IsPageMethodCall(context.Request)
                ? CallHeaders.Of(context.Request).Target ?? string.Empty
                : CallbackSecurity.TargetId(context.Request);
            CallbackErrors.WriteErrorReply(context.Response, 200, CallbackEnvelope.PageErrorCode,
                CallbackErrors.PageFailureMessage(context, error, controlId));
        }
    }

    /// <summary>
    /// Runs when the web application starts (through <see cref="System.Web.PreApplicationStartMethodAttribute"/>)
    /// and registers <see cref="CallbackRequestModule"/>.
    /// </summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static class CallbackControlsStartup
    {
        private static bool _started;

        /// <summary>
        /// Registers the request module once, and on Mono starts the timer that keeps finished requests
        /// from being held (<c>MonoTimerSweep</c>); called by ASP.NET before the application starts.
        /// </summary>
        public static void Start()
        {
            if (_started) return;
            _started = true;
            HttpApplication.RegisterModule(typeof(CallbackRequestModule));
            MonoTimerSweep.StartOnMono();
        }
    }
}
