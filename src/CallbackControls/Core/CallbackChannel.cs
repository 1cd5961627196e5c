using System;
using System.Collections.Generic;
using System.Globalization;
using System.Web.UI;
using System.Web.UI.WebControls;

namespace CallbackControls
{
    /// <summary>
    /// The callback plumbing one control owns: its settings (kept in the owner's ViewState under the
    /// owner's property names), the call token and client options, the attributes the client runtime
    /// starts from, the status region, the script registration, and the two
    /// <see cref="ICallbackEventHandler"/> steps. Every control of the library forwards to one, so a control
    /// gets callbacks without a common base class (the <see cref="CallbackControlBase"/> family composes
    /// its content, a list derives from the framework's list control).
    /// </summary>
    internal sealed class CallbackChannel
    {
        private readonly Control _control;
        private readonly ICallbackOwner _owner;
        private readonly StateBag _state;
        private string _reply;

        /// <summary>Creates the channel of <paramref name="control"/>.</summary>
        /// <param name="control">The control.</param>
        /// <param name="owner">The same control, seen through what the channel asks of it.</param>
        /// <param name="state">The control's ViewState, where the settings are kept.</param>
        internal CallbackChannel(Control control, ICallbackOwner owner, StateBag state)
        {
            _control = control ?? throw new ArgumentNullException(nameof(control));
            _owner = owner ?? throw new ArgumentNullException(nameof(owner));
            _state = state ?? throw new ArgumentNullException(nameof(state));
        }

        internal string ClientInstanceName
        {
            get => (string)_state[nameof(ClientInstanceName)] ?? string.Empty;
            set => _state[nameof(ClientInstanceName)] = value;
        }

        internal int CallbackTimeout
        {
            get => (int?)_state[nameof(CallbackTimeout)] ?? CallbackControlBase.DefaultCallbackTimeout;
            set
            {
                if (value <= 0) throw new ArgumentOutOfRangeException(nameof(value), value, "CallbackTimeout must be a positive number of milliseconds.");
                _state[nameof(CallbackTimeout)] = value;
            }
        }

        internal string[] CallbackFieldIDs
        {
            get => (string[])_state[nameof(CallbackFieldIDs)] ?? new string[0];
            set => _state[nameof(CallbackFieldIDs)] = value;
        }

        internal bool PostFullForm
        {
            get => (bool?)_state[nameof(PostFullForm)] ?? false;
            set => _state[nameof(PostFullForm)] = value;
        }

        internal string BeforeCallbackScript
        {
            get => (string)_state[nameof(BeforeCallbackScript)] ?? string.Empty;
            set => _state[nameof(BeforeCallbackScript)] = value;
        }

        internal string AfterCallbackScript
        {
            get => (string)_state[nameof(AfterCallbackScript)] ?? string.Empty;
            set => _state[nameof(AfterCallbackScript)] = value;
        }

        internal string BeforeCallbackResponseProcessScript
        {
            get => (string)_state[nameof(BeforeCallbackResponseProcessScript)] ?? string.Empty;
            set => _state[nameof(BeforeCallbackResponseProcessScript)] = value;
        }

        internal string AfterCallbackResponseProcessScript
        {
            get => (string)_state[nameof(AfterCallbackResponseProcessScript)] ?? string.Empty;
            set => _state[nameof(AfterCallbackResponseProcessScript)] = value;
        }

        internal string CallbackErrorScript
        {
            get => (string)_state[nameof(CallbackErrorScript)] ?? string.Empty;
            set => _state[nameof(CallbackErrorScript)] = value;
        }

        internal string PushTopic
        {
            get => (string)_state[nameof(PushTopic)] ?? string.Empty;
            set
            {
                var topic = value ?? string.Empty;
                var problem = topic.Length == 0 ? null : CallbackPush.TopicProblem(topic);
                if (problem != null) throw new ArgumentException(problem + " It is the name CallbackPush.Notify is called with.", nameof(value));
                _state[nameof(PushTopic)] = topic;
            }
        }

        internal string PushScript
        {
            get => (string)_state[nameof(PushScript)] ?? string.Empty;
            set => _state[nameof(PushScript)] = value;
        }

        internal bool EnableDefaultStyle
        {
            get => (bool?)_state[nameof(EnableDefaultStyle)] ?? true;
            set => _state[nameof(EnableDefaultStyle)] = value;
        }

        /// <summary>An error message rendered in the status region; not kept across requests.</summary>
        internal string StatusErrorText { get; set; }

        internal string EffectiveClientInstanceName =>
            string.IsNullOrEmpty(ClientInstanceName) ? _control.ClientID : ClientInstanceName;

        /// <summary>At the owner's Init: on a callback request, the page's guard checks the call before Page_Load runs.</summary>
        internal void OnInit() => CallbackPageGuard.Attach(_control);

        /// <summary>At the owner's PreRender: the owner's scripts in its order, the default look, the response charset.</summary>
        internal void OnPreRender()
        {
            foreach (var script in _owner.GetScriptResources()) ClientResources.Register(_control, script);
            if (PushTopic.Length > 0) ClientResources.Register(_control, ClientResources.PushScript);
            var page = _control.Page;
            if (EnableDefaultStyle && page != null && !page.IsCallback) ClientResources.RegisterDefaultStyle(_control);
            DeclareResponseCharset();
        }

        /// <summary>
        /// Mono sends pages as "text/html" with no charset, so a page without a meta charset is read as
        /// windows-1252 and posts "Zürich" back as "ZÃ¼rich". Declaring the encoding the response is
        /// actually written in fixes that without changing what a .NET Framework site sends.
        /// </summary>
        private void DeclareResponseCharset()
        {
            var context = System.Web.HttpContext.Current;
            var page = _control.Page;
            if (context == null || page == null || page.IsCallback) return;
            var response = context.Response;
            if (response.ContentEncoding is System.Text.UTF8Encoding && !string.Equals(response.Charset, "utf-8", StringComparison.OrdinalIgnoreCase))
                response.Charset = "utf-8";
        }

        /// <summary>Adds the attributes the client runtime starts the control from to the next begin tag.</summary>
        internal void AddClientAttributes(HtmlTextWriter writer)
        {
            if (writer == null) throw new ArgumentNullException(nameof(writer));
            writer.AddAttribute(CallbackControlBase.ControlTypeAttribute, _owner.ClientControlType);
            // The writer HTML-encodes the value; the JSON itself escapes <, > and & as \u sequences.
            writer.AddAttribute(CallbackControlBase.OptionsAttribute, CallbackEnvelope.ToJson(BuildClientOptions().ToJson()));
        }

        /// <summary>Builds the options object the client runtime starts the control with.</summary>
        internal ClientOptions BuildClientOptions()
        {
            var options = _owner.CreateClientOptions();
            var page = _control.Page;
            options.Name = EffectiveClientInstanceName;
            options.CallbackId = _control.UniqueID;
            options.Timeout = CallbackTimeout;
            options.Texts = Texts.ForClient();
            var method = _owner.ServiceMethodName;
            options.Token = page == null ? null : CallbackSecurity.IssueToken(page, _control.UniqueID, method, _owner.ServiceContextKey);
            if (string.IsNullOrEmpty(method))
            {
                options.Fields = _owner.GetCallbackFieldNames();
                options.FullForm = PostFullForm;
                options.PageState = _owner.CallbackNeedsPageState;
                options.EventValidation = _owner.CallbackNeedsEventValidation;
            }
            else
            {
                // A page method runs without the page: no field, no page state travels.
                options.Method = method;
                options.ContextKey = _owner.ServiceContextKey;
            }
            options.AddHook("beforeCallback", BeforeCallbackScript);
            options.AddHook("afterCallback", AfterCallbackScript);
            options.AddHook("beforeResponseProcess", BeforeCallbackResponseProcessScript);
            options.AddHook("afterResponseProcess", AfterCallbackResponseProcessScript);
            options.AddHook("error", CallbackErrorScript);
            options.AddHook("push", PushScript);
            if (PushTopic.Length > 0 && page != null)
            {
                var hub = PushHub.Current;
                options.Push = new PushOptions { Topic = PushTopic, Token = CallbackSecurity.IssuePushToken(page, PushTopic), Since = hub.IdOf(hub.Sequence) };
            }
            return options;
        }

        /// <summary>
        /// Whether calls must carry the page state because the page cannot run without it: the page
        /// checks a ViewStateUserKey, or the control lives in a data-bound row, which only ViewState
        /// rebuilds when the rows are bound under <c>!IsPostBack</c>.
        /// </summary>
        internal bool DefaultNeedsPageState
        {
            get
            {
                if (PostFullForm) return false; // the whole form travels anyway
                var page = _control.Page;
                if (page != null && !string.IsNullOrEmpty(page.ViewStateUserKey)) return true;
                for (Control c = _control.Parent; c != null && !(c is Page); c = c.Parent)
                {
                    if (c is IDataItemContainer) return true;
                }
                return false;
            }
        }

        /// <summary>Whether calls must post __EVENTVALIDATION by default: when CallbackFieldIDs names fields.</summary>
        internal bool DefaultNeedsEventValidation => CallbackFieldIDs.Length > 0;

        /// <summary>The UniqueIDs of the controls CallbackFieldIDs names.</summary>
        internal IList<string> ResolveFieldNames()
        {
            var ids = CallbackFieldIDs;
            var names = new string[ids.Length];
            for (int i = 0; i < ids.Length; i++)
            {
                var id = ids[i].Trim();
                var target = FindReferencedControl(_control, id)
                    ?? throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                        "CallbackFieldIDs of '{0}' names '{1}', but no control with that ID was found.", _control.ID, id));
                names[i] = target.UniqueID;
            }
            return names;
        }

        /// <summary>
        /// Finds a control named by ID the way ControlParameter does: in the control's naming container
        /// first, then in each outer one up to the page.
        /// </summary>
        internal static Control FindReferencedControl(Control from, string id)
        {
            if (string.IsNullOrEmpty(id)) return null;
            for (Control container = from.NamingContainer; container != null; container = container.NamingContainer)
            {
                var found = container.FindControl(id);
                if (found != null) return found;
                if (container is Page) break;
            }
            return null;
        }

        /// <summary>Reads the call's envelope and runs the owner's answer, keeping any error as data.</summary>
        internal void RaiseCallbackEvent(string eventArgument)
        {
            var refusal = CallbackPageGuard.CheckBeforeHandler(_control, _owner);
            if (refusal != null)
            {
                // Reached only by a control created after PreLoad; every other call was checked before Page_Load.
                System.Web.HttpContext.Current.Response.StatusCode = refusal.StatusCode;
                _reply = CallbackEnvelope.WriteError(refusal.Code, refusal.Message);
                return;
            }
            CallbackPageGuard.HandlerStarting(_control);
            _reply = CallbackAnswer.Run(System.Web.HttpContext.Current, _control.UniqueID, eventArgument, _owner.ProcessCallback);
        }

        /// <summary>The reply prepared by <see cref="RaiseCallbackEvent"/>.</summary>
        internal string GetCallbackResult() =>
            _reply ?? CallbackEnvelope.WriteError(CallbackEnvelope.BadRequestErrorCode, "The call was not processed.");

        /// <summary>The framework writes the reply as soon as GetCallbackResult returns: the last moment to choose its encoding.</summary>
        internal void BeforeReplyWritten(string reply) => ReplyCompression.Apply(System.Web.HttpContext.Current, reply?.Length ?? 0);

        /// <summary>
        /// Writes the live region where the client runtime writes loading and error messages. No id:
        /// the client finds it by class inside its control, which keeps repeated controls free of id clashes.
        /// </summary>
        internal void RenderStatusRegion(HtmlTextWriter writer)
        {
            writer.AddAttribute(HtmlTextWriterAttribute.Class, CallbackControlBase.StatusCssClass);
            writer.AddAttribute("role", "status");
            writer.AddAttribute("aria-live", "polite");
            var error = StatusErrorText;
            if (!string.IsNullOrEmpty(error)) writer.AddAttribute("data-kind", "error");
            writer.RenderBeginTag(HtmlTextWriterTag.Span);
            if (!string.IsNullOrEmpty(error)) writer.WriteEncodedText(error);
            writer.RenderEndTag();
        }
    }
}
