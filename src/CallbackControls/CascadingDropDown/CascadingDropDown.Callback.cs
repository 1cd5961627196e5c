using System.Collections.Generic;
using System.ComponentModel;
using System.Web.UI;
using System.Web.UI.WebControls;

namespace CallbackControls
{
    // The callback plumbing: the settings every callback control has, forwarded to the list's CallbackChannel.
    public partial class CascadingDropDown
    {
        private CallbackChannel Channel => _channel ?? (_channel = new CallbackChannel(this, this, ViewState));

        /// <summary>
        /// Gets or sets the name of the global client object for this list. Default: empty, which uses the
        /// list's ClientID.
        /// </summary>
        [Category("Client Side")]
        [DefaultValue("")]
        [Description("Name of the global client object for this control; empty uses the ClientID.")]
        public string ClientInstanceName
        {
            get => Channel.ClientInstanceName;
            set => Channel.ClientInstanceName = value;
        }

        /// <summary>Gets the name the client object is published under: <see cref="ClientInstanceName"/> or the ClientID.</summary>
        [Browsable(false)]
        [DesignerSerializationVisibility(DesignerSerializationVisibility.Hidden)]
        public string EffectiveClientInstanceName => Channel.EffectiveClientInstanceName;

        /// <summary>Gets or sets how long, in milliseconds, a call may take before it is aborted. Default: 30000.</summary>
        [Category("Behavior")]
        [DefaultValue(CallbackControlBase.DefaultCallbackTimeout)]
        [Description("Milliseconds a call may take before it is aborted and reported as an error.")]
        public int CallbackTimeout
        {
            get => Channel.CallbackTimeout;
            set => Channel.CallbackTimeout = value;
        }

        /// <summary>
        /// Gets or sets the IDs (comma separated) of further controls whose current values travel with every
        /// call (the levels above always do). Default: empty.
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

        /// <summary>Gets or sets whether every call posts the whole current form, ViewState included. Default: false.</summary>
        [Category("Behavior")]
        [DefaultValue(false)]
        [Description("Post the whole current form (with ViewState) with every call.")]
        public bool PostFullForm
        {
            get => Channel.PostFullForm;
            set => Channel.PostFullForm = value;
        }

        /// <summary>Gets or sets the client hook run before a call is sent; <c>e.cancel = true</c> cancels it. Default: empty.</summary>
        [Category("Client Side")]
        [DefaultValue("")]
        [Description("Script (or function name) run before a call is sent; e.cancel = true cancels it.")]
        public string BeforeCallbackScript
        {
            get => Channel.BeforeCallbackScript;
            set => Channel.BeforeCallbackScript = value;
        }

        /// <summary>Gets or sets the client hook run when the reply (or the failure) arrives. Default: empty.</summary>
        [Category("Client Side")]
        [DefaultValue("")]
        [Description("Script (or function name) run when the reply or the failure arrives.")]
        public string AfterCallbackScript
        {
            get => Channel.AfterCallbackScript;
            set => Channel.AfterCallbackScript = value;
        }

        /// <summary>Gets or sets the client hook run before the items are applied; <c>e.cancel = true</c> skips applying them. Default: empty.</summary>
        [Category("Client Side")]
        [DefaultValue("")]
        [Description("Script (or function name) run before the result is applied; e.cancel = true skips it.")]
        public string BeforeCallbackResponseProcessScript
        {
            get => Channel.BeforeCallbackResponseProcessScript;
            set => Channel.BeforeCallbackResponseProcessScript = value;
        }

        /// <summary>Gets or sets the client hook run after the items have been applied. Default: empty.</summary>
        [Category("Client Side")]
        [DefaultValue("")]
        [Description("Script (or function name) run after the result has been applied.")]
        public string AfterCallbackResponseProcessScript
        {
            get => Channel.AfterCallbackResponseProcessScript;
            set => Channel.AfterCallbackResponseProcessScript = value;
        }

        /// <summary>
        /// Gets or sets the topic whose <see cref="CallbackPush.Notify(string)"/> calls mean this level's items changed
        /// on the server: the list asks for the items of its current parent again and is refilled in place, keeping
        /// the user's choice while it is still offered (and the focus), and the levels below hear of it only when the
        /// choice changed. A list with type-to-find only forgets the matches it has, so the next search asks afresh.
        /// Default: empty (none).
        /// </summary>
        /// <exception cref="System.ArgumentException">The value is not a valid topic name.</exception>
        [Category("Behavior")]
        [DefaultValue("")]
        [Description("Topic whose CallbackPush.Notify calls refill this level in place.")]
        public string PushTopic
        {
            get => Channel.PushTopic;
            set => Channel.PushTopic = value;
        }

        /// <summary>
        /// Gets or sets the client hook run when a notification for <see cref="PushTopic"/> arrives (<c>e.topic</c>,
        /// <c>e.data</c>, <c>e.catchUp</c>); <c>e.cancel = true</c> keeps the list as it is. Default: empty.
        /// </summary>
        [Category("Client Side")]
        [DefaultValue("")]
        [Description("Script (or function name) run when a notification for PushTopic arrives; e.topic, e.data.")]
        public string PushScript
        {
            get => Channel.PushScript;
            set => Channel.PushScript = value;
        }

        /// <summary>Gets or sets the client hook run when a call fails; <c>e.handled = true</c> keeps the status region quiet. Default: empty.</summary>
        [Category("Client Side")]
        [DefaultValue("")]
        [Description("Script (or function name) run when a call fails; e.error describes the failure.")]
        public string CallbackErrorScript
        {
            get => Channel.CallbackErrorScript;
            set => Channel.CallbackErrorScript = value;
        }

        /// <summary>Gets or sets whether the page links the library's default look in its <c>&lt;head runat="server"&gt;</c>. Default: true.</summary>
        [Category("Appearance")]
        [DefaultValue(true)]
        [Description("Link the library's default look for status, loading, error, focus and disabled states.")]
        public bool EnableDefaultStyle
        {
            get => Channel.EnableDefaultStyle;
            set => Channel.EnableDefaultStyle = value;
        }

        /// <summary>Gets whether calls must carry the page state (ViewStateUserKey, a data-bound row).</summary>
        protected virtual bool CallbackNeedsPageState => Channel.DefaultNeedsPageState;

        /// <summary>Finds a control named by ID the way ControlParameter does: naming container first, then outer ones.</summary>
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

        string ICallbackOwner.ClientControlType => ClientControlType;

        IEnumerable<string> ICallbackOwner.GetScriptResources() => GetScriptResources();

        object ICallbackOwner.ProcessCallback(CallbackEventArgs e) => ProcessCallback(e);

        ClientOptions ICallbackOwner.CreateClientOptions() => CreateClientOptions();

        IList<string> ICallbackOwner.GetCallbackFieldNames() => GetCallbackFieldNames();

        bool ICallbackOwner.CallbackNeedsPageState => CallbackNeedsPageState;

        bool ICallbackOwner.CallbackNeedsEventValidation => CallbackNeedsEventValidation;

        // A filtered list's mode and page size travel after the name, so the call's token binds them: a caller
        // cannot ask the method for a whole level, or for a larger page, by leaving them out of its state.
        string ICallbackOwner.ServiceMethodName => ServiceMethod.Length == 0 ? null
            : FilterMode == ListFilterMode.None ? ServiceMethod
            : CascadingDropDownPageMethod.SignedName(ServiceMethod, FilterMode, ItemsPerRequest);

        string ICallbackOwner.ServiceContextKey => ContextKey.Length == 0 ? null : ContextKey;
    }
}
