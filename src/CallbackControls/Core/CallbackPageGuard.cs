using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Diagnostics;
using System.Globalization;
using System.Web;
using System.Web.UI;

namespace CallbackControls
{
    /// <summary>
    /// One per page and callback request: refuses a call that cannot prove it came from the page
    /// before any page code runs (at PreLoad: after Init, when the master page has set its
    /// <see cref="Page.ViewStateUserKey"/> and rows rebuilt from ViewState exist, before Page_Load),
    /// and turns any failure of the page during one of our calls into a readable error reply instead
    /// of a bare HTTP 500 with a stack trace.
    /// </summary>
    internal sealed class CallbackPageGuard
    {
        private static readonly object ItemKey = new object();

        private readonly Page _page;
        private ICallbackOwner _target;
        private ICallbackOwner _verified;
        private bool _handlerStarted;

        private CallbackPageGuard(Page page)
        {
            _page = page;
            page.PreLoad += OnPreLoad;
            page.Error += OnError;
        }

        /// <summary>Attaches the page's guard when the request is a callback; once per page.</summary>
        internal static void Attach(Control control)
        {
            var page = control.Page;
            if (page == null || page.Items[ItemKey] != null) return;
            var request = page.Request;
            // Read from the query string for GET (a forged top-level navigation) and from the form for POST.
            if (CallbackSecurity.TargetId(request).Length == 0) return;
            page.Items[ItemKey] = new CallbackPageGuard(page);
        }

        /// <summary>Records that a control's handler has started: a failure after this is the handler's, not the page's.</summary>
        internal static void HandlerStarting(Control control)
        {
            if (control.Page?.Items[ItemKey] is CallbackPageGuard guard) guard._handlerStarted = true;
        }

        private HttpRequest Request => _page.Request;

        private bool IsLeanCall
        {
            get
            {
                try
                {
                    return Request.Form["__VIEWSTATE"] == null && Request.Form["__VIEWSTATEFIELDCOUNT"] == null;
                }
                catch (HttpRequestValidationException)
                {
                    return false;
                }
            }
        }

        private void OnPreLoad(object sender, EventArgs e)
        {
            var targetId = CallbackSecurity.TargetId(Request);
            var target = string.IsNullOrEmpty(targetId) ? null : _page.FindControl(targetId);
            _target = target as ICallbackOwner;
            if (target != null && _target == null) return; // another control's callback (a GridView's, say): not ours to judge

            var libraryCall = CallbackSecurity.IsLibraryCall(Request);
            if (_target == null)
            {
                if (!libraryCall) return;
                if (IsLeanCall)
                {
                    // Typically a control in a row that only ViewState rebuilds: the client resends with page state.
                    throw new CallbackRefusedException(200, CallbackEnvelope.NeedsPageStateErrorCode, string.Format(CultureInfo.InvariantCulture,
                        "The control '{0}' was not on the page when the call arrived without page state.", targetId));
                }
                throw new CallbackRefusedException(200, CallbackEnvelope.PageErrorCode, string.Format(CultureInfo.InvariantCulture,
                    "The control '{0}' that made this call was not found on the page when the call arrived, even with the page state. " +
                    "Create it on every request (for example bind its row container in Page_Init, or on every request rather than only when !IsPostBack).",
                    targetId));
            }

            var refusal = Refusal(_page, _target);
            if (refusal != null) throw refusal;
            _verified = _target;
            LoadTypedFields(_target);
        }

        /// <summary>
        /// Hands the text a verified call carried in its envelope (the text boxes named in CallbackFieldIDs)
        /// to those controls as the framework hands them posted fields, through
        /// <see cref="IPostBackDataHandler.LoadPostData"/>, before Page_Load; their change events follow Load,
        /// where the framework raises its own. The text arrives as typed: it never passed through the form,
        /// so request validation had nothing to mistake for markup.
        /// </summary>
        private void LoadTypedFields(ICallbackOwner target)
        {
            var parameter = Request.Form[CallbackSecurity.CallbackParamField];
            if (parameter == null || parameter.IndexOf("\"fields\"", StringComparison.Ordinal) < 0) return;
            NameValueCollection fields;
            try
            {
                fields = CallbackEnvelope.ReadFields(parameter);
            }
            catch (CallbackException)
            {
                return; // a malformed envelope: the control's own reading of it answers with the reason
            }
            if (fields == null) return;

            var named = target.GetCallbackFieldNames();
            var changed = new List<IPostBackDataHandler>();
            foreach (string name in fields)
            {
                if (!named.Contains(name))
                {
                    throw new CallbackRefusedException(400, CallbackEnvelope.BadRequestErrorCode, string.Format(CultureInfo.InvariantCulture,
                        "The call carried the field '{0}', which '{1}' does not send (CallbackFieldIDs).",
                        ShownName(name), target.UniqueID));
                }
                if (_page.FindControl(name) is IPostBackDataHandler field && field.LoadPostData(name, fields)) changed.Add(field);
            }
            if (changed.Count > 0)
                _page.LoadComplete += (sender, e) => changed.ForEach(field => field.RaisePostDataChangedEvent());
        }

        /// <summary>Why a call to the control is refused (another site, GET, no, a foreign or an expired token), or null.</summary>
        private static CallbackRefusedException Refusal(Page page, ICallbackOwner target)
        {
            var request = page.Request;
            var refusal = CallbackSecurity.CheckTransport(request);
            if (refusal != null) return new CallbackRefusedException(403, CallbackEnvelope.ForbiddenErrorCode, refusal);
            switch (CallbackSecurity.VerifyToken(page, target.UniqueID, CallHeaders.Of(request).Token))
            {
                case CallTokenCheck.Valid:
                    return null;
                case CallTokenCheck.Expired:
                    return new CallbackRefusedException(403, CallbackEnvelope.ExpiredErrorCode, Texts.TokenExpired);
                default:
                    return new CallbackRefusedException(403, CallbackEnvelope.ForbiddenErrorCode,
                        CallbackSecurity.IsLibraryCall(request) ? Texts.TokenMismatchPage : CallbackSecurity.NoTokenMessage);
            }
        }

        /// <summary>
        /// The last check before a control's handler runs: a control created after PreLoad (in Page_Load,
        /// say) was not there to be checked then, so it is checked now. Returns why the call is refused,
        /// or null when it may run.
        /// </summary>
        internal static CallbackRefusedException CheckBeforeHandler(Control control, ICallbackOwner owner)
        {
            var page = control.Page;
            if (page == null) return null; // not in a request: a unit test calling the handler directly
            if (page.Items[ItemKey] is CallbackPageGuard guard && ReferenceEquals(guard._verified, owner)) return null;
            return Refusal(page, owner);
        }

        private void OnError(object sender, EventArgs e)
        {
            var context = HttpContext.Current;
            if (context == null) return;
            var error = context.Server.GetLastError();
            if (error == null) return;
            var cause = CallbackErrors.Unwrap(error);
            var refusal = cause as CallbackRefusedException;
            if (refusal == null && !CallbackSecurity.IsLibraryCall(Request))
            {
                // Only calls to our controls, and calls to no control at all, are ours to answer; any
                // other callback (a stock GridView or TreeView one) keeps the framework's own handling.
                var targetId = CallbackSecurity.TargetId(Request);
                var target = (object)_target ?? (targetId.Length == 0 ? null : SafeFind(targetId));
                if (target is ICallbackOwner)
                {
                    // The page failed (a tampered ViewState, say) before the token could be checked:
                    // a call without one is refused, whatever failed first.
                    refusal = new CallbackRefusedException(403, CallbackEnvelope.ForbiddenErrorCode, CallbackSecurity.NoTokenMessage);
                }
                else if (target == null && targetId.Length > 0)
                {
                    refusal = new CallbackRefusedException(404, CallbackEnvelope.PageErrorCode, string.Format(CultureInfo.InvariantCulture,
                        "There is no control '{0}' on the page to answer the call.", ShownName(targetId)));
                }
                else
                {
                    return;
                }
            }

            int status;
            string code, message;
            if (refusal != null)
            {
                status = refusal.StatusCode;
                code = refusal.Code;
                message = refusal.Message;
            }
            else
            {
                Trace.TraceError("CallbackControls: the page failed during a call of '{0}': {1}", CallbackSecurity.TargetId(Request), error);
                status = 200;
                if (!_handlerStarted && IsLeanCall && !(cause is HttpRequestValidationException))
                {
                    // The page could not run without its state (a master page's anti-forgery check
                    // reading ViewState, say): nothing of the control ran, so the client resends with it.
                    code = CallbackEnvelope.NeedsPageStateErrorCode;
                    message = "The page needs its state for this call.";
                }
                else
                {
                    code = CallbackEnvelope.PageErrorCode;
                    message = CallbackErrors.PageFailureMessage(context, cause, CallbackSecurity.TargetId(Request));
                }
            }
            context.Server.ClearError();
            CallbackErrors.WriteErrorReply(context.Response, status, code, message);
        }

        /// <summary>A name the caller sent, fit to quote in a refusal: its first 100 characters, sanitized.</summary>
        private static string ShownName(string name) => CallbackErrors.Sanitize(name.Length > 100 ? name.Substring(0, 100) : name);

        private Control SafeFind(string uniqueId)
        {
            try
            {
                return _page.FindControl(uniqueId);
            }
            catch (Exception ex) when (!(ex is System.Threading.ThreadAbortException))
            {
                // The page is already failing; a tree it could not finish building is searched no further.
                return null;
            }
        }
    }

    /// <summary>A call refused before any page code ran; answered as an error reply by the page guard.</summary>
    internal sealed class CallbackRefusedException : Exception
    {
        internal CallbackRefusedException(int statusCode, string code, string message) : base(message)
        {
            StatusCode = statusCode;
            Code = code;
        }

        internal int StatusCode { get; }

        internal string Code { get; }
    }
}
