using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Web.UI;
using System.Web.UI.WebControls;

namespace CallbackControls
{
    /// <summary>
    /// The base of every callback control: it answers client calls through
    /// <see cref="ICallbackEventHandler"/>, wraps them in the JSON envelope, turns handler errors into
    /// structured error replies, and renders the element the client runtime finds and starts.
    /// A derived control composes its visible part in <see cref="CreateVisibleContent"/> and answers
    /// calls in <see cref="ProcessCallback"/>; the controls of this library also give their client
    /// objects options of their own.
    /// </summary>
    [ParseChildren(true)]
    [PersistChildren(false)]
    public abstract class CallbackControlBase : CompositeControl, ICallbackEventHandler, ICallbackOwner
    {
        private CallbackChannel _channel;

        /// <summary>The callback plumbing this control forwards to.</summary>
        private protected CallbackChannel Channel => _channel ?? (_channel = new CallbackChannel(this, this, ViewState));

        /// <summary>The attribute naming the client type the runtime creates for the element.</summary>
        public const string ControlTypeAttribute = "data-cc-control";

        /// <summary>The attribute holding the client options as JSON.</summary>
        public const string OptionsAttribute = "data-cc-options";

        /// <summary>The CSS class of the status region.</summary>
        public const string StatusCssClass = "cc-status";

        /// <summary>Default for <see cref="CallbackTimeout"/>, in milliseconds.</summary>
        public const int DefaultCallbackTimeout = 30000;

        /// <summary>
        /// Gets or sets the name of the global client object for this control. Default: empty, which
        /// uses the control's ClientID (unique inside master pages, naming containers and repeated
        /// user controls).
        /// </summary>
        [Category("Client Side")]
        [DefaultValue("")]
        [Description("Name of the global client object for this control; empty uses the ClientID.")]
        public string ClientInstanceName
        {
            get => Channel.ClientInstanceName;
            set => Channel.ClientInstanceName = value;
        }

        /// <summary>Gets or sets how long, in milliseconds, a call may take before it is aborted. Default: 30000.</summary>
        [Category("Behavior")]
        [DefaultValue(DefaultCallbackTimeout)]
        [Description("Milliseconds a call may take before it is aborted and reported as an error.")]
        public int CallbackTimeout
        {
            get => Channel.CallbackTimeout;
            set => Channel.CallbackTimeout = value;
        }

        /// <summary>
        /// Gets or sets the IDs (comma separated) of controls whose current values travel with every
        /// call, so the handler can read them as on a postback. Default: empty.
        /// </summary>
        [Category("Behavior")]
        [DefaultValue("")]
        [Description("Comma-separated IDs of controls whose current values are posted with every call.")]
        [TypeConverter(typeof(StringArrayConverter))]
        public string[] CallbackFieldIDs
        {
            get => Channel.CallbackFieldIDs;
            set => Channel.CallbackFieldIDs = value;
        }

        /// <summary>
        /// Gets or sets whether every call posts the whole current form, ViewState included, so the
        /// handler sees the full page state. Default: false (a call carries only the control's state
        /// and the fields named in <see cref="CallbackFieldIDs"/>, which is far smaller).
        /// </summary>
        [Category("Behavior")]
        [DefaultValue(false)]
        [Description("Post the whole current form (with ViewState) with every call.")]
        public bool PostFullForm
        {
            get => Channel.PostFullForm;
            set => Channel.PostFullForm = value;
        }

        /// <summary>
        /// Gets or sets the client hook run before a call is sent: a function name or a script body
        /// receiving <c>e</c>; setting <c>e.cancel = true</c> cancels the call. Default: empty.
        /// </summary>
        [Category("Client Side")]
        [DefaultValue("")]
        [Description("Script (or function name) run before a call is sent; e.cancel = true cancels it.")]
        public string BeforeCallbackScript
        {
            get => Channel.BeforeCallbackScript;
            set => Channel.BeforeCallbackScript = value;
        }

        /// <summary>
        /// Gets or sets the client hook run when the server's reply (or the failure) arrives, before the
        /// response is processed. Default: empty.
        /// </summary>
        [Category("Client Side")]
        [DefaultValue("")]
        [Description("Script (or function name) run when the reply or the failure arrives.")]
        public string AfterCallbackScript
        {
            get => Channel.AfterCallbackScript;
            set => Channel.AfterCallbackScript = value;
        }

        /// <summary>
        /// Gets or sets the client hook run before a successful result is applied to the page;
        /// setting <c>e.cancel = true</c> skips applying it. Default: empty.
        /// </summary>
        [Category("Client Side")]
        [DefaultValue("")]
        [Description("Script (or function name) run before the result is applied; e.cancel = true skips it.")]
        public string BeforeCallbackResponseProcessScript
        {
            get => Channel.BeforeCallbackResponseProcessScript;
            set => Channel.BeforeCallbackResponseProcessScript = value;
        }

        /// <summary>Gets or sets the client hook run after a result has been applied. Default: empty.</summary>
        [Category("Client Side")]
        [DefaultValue("")]
        [Description("Script (or function name) run after the result has been applied.")]
        public string AfterCallbackResponseProcessScript
        {
            get => Channel.AfterCallbackResponseProcessScript;
            set => Channel.AfterCallbackResponseProcessScript = value;
        }

        /// <summary>
        /// Gets or sets the client hook run when a call fails (network, timeout, HTTP status, handler
        /// error, malformed reply); <c>e.error</c> describes it. Setting <c>e.handled = true</c> keeps the
        /// control from showing the message in its status region. Default: empty.
        /// </summary>
        [Category("Client Side")]
        [DefaultValue("")]
        [Description("Script (or function name) run when a call fails; e.error describes the failure.")]
        public string CallbackErrorScript
        {
            get => Channel.CallbackErrorScript;
            set => Channel.CallbackErrorScript = value;
        }

        /// <summary>
        /// Gets or sets the topic whose notifications reach this control: when server code calls
        /// <see cref="CallbackPush.Notify(string)"/> with it, the control hears of it at once over the page's one
        /// push connection (a chart refreshes; <see cref="PushScript"/> runs). Letters, digits, '_', '.', ':' and
        /// '-'. Default: empty (none).
        /// </summary>
        /// <exception cref="ArgumentException">The value is not a valid topic name.</exception>
        [Category("Behavior")]
        [DefaultValue("")]
        [Description("Topic whose CallbackPush.Notify calls reach this control at once.")]
        public string PushTopic
        {
            get => Channel.PushTopic;
            set => Channel.PushTopic = value;
        }

        /// <summary>
        /// Gets or sets the client hook run when a notification for <see cref="PushTopic"/> arrives: <c>e.topic</c>,
        /// <c>e.data</c> (the text given to Notify, or null) and <c>e.catchUp</c> (true when the page reconnected
        /// and cannot tell what changed meanwhile). Setting <c>e.cancel = true</c> skips the control's own response
        /// (a chart's refresh). Default: empty.
        /// </summary>
        [Category("Client Side")]
        [DefaultValue("")]
        [Description("Script (or function name) run when a notification for PushTopic arrives; e.topic, e.data.")]
        public string PushScript
        {
            get => Channel.PushScript;
            set => Channel.PushScript = value;
        }

        /// <summary>
        /// Gets or sets whether the page links the library's default look (status, loading, error and
        /// refused states, focus, disabled) in its <c>&lt;head runat="server"&gt;</c>. Its rules weigh
        /// nothing against the page's own CSS. Default: true.
        /// </summary>
        [Category("Appearance")]
        [DefaultValue(true)]
        [Description("Link the library's default look for status, loading, error, focus and disabled states.")]
        public bool EnableDefaultStyle
        {
            get => Channel.EnableDefaultStyle;
            set => Channel.EnableDefaultStyle = value;
        }

        /// <summary>Gets the client type name the runtime creates for this control, such as <c>callback</c>.</summary>
        protected abstract string ClientControlType { get; }

        /// <summary>Gets the name the client object is published under: <see cref="ClientInstanceName"/> or the ClientID.</summary>
        [Browsable(false)]
        [DesignerSerializationVisibility(DesignerSerializationVisibility.Hidden)]
        public string EffectiveClientInstanceName => Channel.EffectiveClientInstanceName;

        /// <summary>
        /// Answers one call with the control's own data (each control raises its own event here).
        /// Exceptions become error replies.
        /// </summary>
        /// <param name="e">The call's argument and client state.</param>
        /// <returns>The value sent to the client as the envelope's result.</returns>
        protected abstract object ProcessCallback(CallbackEventArgs e);

        /// <summary>Adds the visible part of the control; the default adds nothing.</summary>
        /// <param name="controls">The collection the visible part goes into, before the status region.</param>
        protected virtual void CreateVisibleContent(ControlCollection controls)
        {
        }

        /// <summary>
        /// The <see cref="CallbackMethodAttribute"/> method of the page that answers this control's calls
        /// without building the page, or null when the page answers them (the default).
        /// </summary>
        private protected virtual string ServiceMethodName => null;

        /// <summary>A page-chosen value a page method receives with each call, bound into the call's token; null for none.</summary>
        private protected virtual string ServiceContextKey => null;

        /// <summary>Creates the control's client options with its own settings filled in; the base fills the runtime's.</summary>
        private protected virtual ClientOptions CreateClientOptions() => new ClientOptions();

        /// <summary>The control's scripts in load order: the runtime, then a control's own client type.</summary>
        private protected virtual IEnumerable<string> GetScriptResources() => ClientResources.WithRuntime();

        /// <inheritdoc />
        protected override void CreateChildControls()
        {
            Controls.Clear();
            CreateVisibleContent(Controls);
            Controls.Add(new StatusRegion(Channel));
        }

        /// <inheritdoc />
        protected override void OnInit(EventArgs e)
        {
            base.OnInit(e);
            Channel.OnInit();
        }

        /// <inheritdoc />
        protected override void OnPreRender(EventArgs e)
        {
            base.OnPreRender(e);
            Channel.OnPreRender();
        }

        /// <inheritdoc />
        protected override void Render(HtmlTextWriter writer)
        {
            // Without <form runat="server"> the page has no callback plumbing: say so, as ASP.NET's own
            // input controls do, instead of rendering a control that silently never calls.
            Page?.VerifyRenderingInServerForm(this);
            base.Render(writer);
        }

        /// <inheritdoc />
        protected override void AddAttributesToRender(HtmlTextWriter writer)
        {
            base.AddAttributesToRender(writer);
            AddClientAttributes(writer);
        }

        /// <summary>
        /// Adds the attributes the client runtime starts the control from. A control that renders its
        /// own outer tag calls this instead of <see cref="AddAttributesToRender"/>.
        /// </summary>
        /// <param name="writer">The writer the next begin tag is written to.</param>
        protected void AddClientAttributes(HtmlTextWriter writer)
        {
            Channel.AddClientAttributes(writer);
        }

        /// <summary>Builds the options object the client runtime starts the control with.</summary>
        /// <returns>The options, ready to be written as JSON.</returns>
        internal ClientOptions BuildClientOptions() => Channel.BuildClientOptions();

        /// <summary>
        /// Gets whether calls must carry the page state (ViewState and event validation) because the
        /// page cannot run without it: the page checks a <see cref="Page.ViewStateUserKey"/> (Visual
        /// Studio's Web Forms template does, from its master page), or the control lives in a
        /// data-bound row (GridView, Repeater, ListView, DataList), which only ViewState rebuilds when
        /// the rows are bound under <c>!IsPostBack</c>. Other pages get the lean call; a page that
        /// fails without its state still works, because the client then resends the call with it.
        /// </summary>
        protected virtual bool CallbackNeedsPageState => Channel.DefaultNeedsPageState;

        /// <summary>
        /// Gets whether calls must post the page's <c>__EVENTVALIDATION</c> field: true when
        /// <see cref="CallbackFieldIDs"/> names fields, because input controls check their posted
        /// values against it. It costs hundreds of bytes per call, so it is sent only when needed.
        /// </summary>
        protected virtual bool CallbackNeedsEventValidation => Channel.DefaultNeedsEventValidation;

        /// <summary>
        /// The form field names whose current values travel with every call: by default those of
        /// <see cref="CallbackFieldIDs"/>; derived controls add the fields their handler reads.
        /// </summary>
        /// <returns>Form field names (UniqueIDs).</returns>
        protected virtual IList<string> GetCallbackFieldNames() => Channel.ResolveFieldNames();

        /// <summary>
        /// Finds a control named by ID the way ControlParameter does: in this control's naming
        /// container first, then in each outer one up to the page.
        /// </summary>
        /// <param name="id">The ID as the page author wrote it.</param>
        /// <returns>The control, or null.</returns>
        protected Control FindReferencedControl(string id) => CallbackChannel.FindReferencedControl(this, id);

        void ICallbackEventHandler.RaiseCallbackEvent(string eventArgument) => RaiseCallbackEvent(eventArgument);

        string ICallbackEventHandler.GetCallbackResult()
        {
            var reply = GetCallbackResult();
            Channel.BeforeReplyWritten(reply);
            return reply;
        }

        /// <summary>Reads the call's envelope and runs <see cref="ProcessCallback"/>, keeping any error as data.</summary>
        /// <param name="eventArgument">The raw callback parameter.</param>
        protected virtual void RaiseCallbackEvent(string eventArgument) => Channel.RaiseCallbackEvent(eventArgument);

        /// <summary>Returns the reply prepared by <see cref="RaiseCallbackEvent"/>.</summary>
        /// <returns>The JSON reply envelope.</returns>
        protected virtual string GetCallbackResult() => Channel.GetCallbackResult();

        /// <summary>
        /// The message sent to the client for a failure: a <see cref="CallbackException"/>'s own message
        /// always; any other exception's message only where the site shows detailed errors.
        /// </summary>
        /// <param name="ex">The failure.</param>
        /// <param name="genericMessage">What to say where details are hidden.</param>
        /// <returns>Plain text for the client.</returns>
        protected string MessageFor(Exception ex, string genericMessage) => CallbackAnswer.MessageFor(Context, ex, genericMessage);

        /// <summary>
        /// Gets or sets an error message rendered in the status region (for example why a posted value
        /// was rejected); the client runtime replaces it with its own messages. Not kept across requests.
        /// </summary>
        [Browsable(false)]
        [DesignerSerializationVisibility(DesignerSerializationVisibility.Hidden)]
        protected string StatusErrorText
        {
            get => Channel.StatusErrorText;
            set => Channel.StatusErrorText = value;
        }

        string ICallbackOwner.ClientControlType => ClientControlType;

        IEnumerable<string> ICallbackOwner.GetScriptResources() => GetScriptResources();

        object ICallbackOwner.ProcessCallback(CallbackEventArgs e) => ProcessCallback(e);

        ClientOptions ICallbackOwner.CreateClientOptions() => CreateClientOptions();

        IList<string> ICallbackOwner.GetCallbackFieldNames() => GetCallbackFieldNames();

        bool ICallbackOwner.CallbackNeedsPageState => CallbackNeedsPageState;

        bool ICallbackOwner.CallbackNeedsEventValidation => CallbackNeedsEventValidation;

        string ICallbackOwner.ServiceMethodName => ServiceMethodName;

        string ICallbackOwner.ServiceContextKey => ServiceContextKey;

        /// <summary>The live region where the client runtime writes loading and error messages.</summary>
        private sealed class StatusRegion : Control
        {
            private readonly CallbackChannel _channel;

            public StatusRegion(CallbackChannel channel)
            {
                _channel = channel;
                // Its content is recomputed on every request: nothing to remember.
                EnableViewState = false;
            }

            protected override void Render(HtmlTextWriter writer) => _channel.RenderStatusRegion(writer);
        }
    }
}
