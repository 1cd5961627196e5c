using System.ComponentModel;
using System.Web.UI;

namespace CallbackControls
{
    /// <summary>
    /// A control with no visible part of its own for the plain case: client script sends a string,
    /// the server's <see cref="Callback"/> handler answers.
    /// From script: <c>MyCall.callback("argument").then(function (result) { ... })</c>.
    /// </summary>
    [DefaultEvent("Callback")]
    [DefaultProperty(nameof(ClientInstanceName))]
    [ToolboxData("<{0}:CallbackControl runat=\"server\" OnCallback=\"\" />")]
    public class CallbackControl : CallbackControlBase
    {
        private static readonly object EventCallback = new object();

        /// <summary>Occurs when client script calls the control; set <see cref="CallbackEventArgs.Result"/> to answer.</summary>
        [Category("Action")]
        [Description("Raised on the server when client script calls the control.")]
        public event CallbackEventHandler Callback
        {
            add { Events.AddHandler(EventCallback, value); }
            remove { Events.RemoveHandler(EventCallback, value); }
        }

        /// <summary>
        /// Gets or sets the name of a <c>[CallbackMethod] public static void Name(CallbackEventArgs e)</c>
        /// method of the page that answers the calls without building the page: the fast path for a
        /// call answered from its argument alone. Default: empty (the <see cref="Callback"/> event answers).
        /// </summary>
        [Category("Behavior")]
        [DefaultValue("")]
        [Description("A [CallbackMethod] static method of the page answering calls without building the page.")]
        public string ServiceMethod
        {
            get => (string)ViewState[nameof(ServiceMethod)] ?? string.Empty;
            set => ViewState[nameof(ServiceMethod)] = value;
        }

        private protected override string ServiceMethodName => ServiceMethod.Length == 0 ? null : ServiceMethod;

        /// <inheritdoc />
        protected override string ClientControlType => "callback";

        /// <inheritdoc />
        protected override void OnPreRender(System.EventArgs e)
        {
            base.OnPreRender(e);
            // A missing or misshapen method fails here, naming what to write, not at the first call.
            if (ServiceMethod.Length > 0 && Page != null) PageMethods.Find<CallbackEventArgs>(Page.GetType(), ServiceMethod, ID);
        }

        /// <summary>Raises <see cref="Callback"/>.</summary>
        /// <param name="e">The call's argument and result.</param>
        protected virtual void OnCallback(CallbackEventArgs e)
        {
            ((CallbackEventHandler)Events[EventCallback])?.Invoke(this, e);
        }

        /// <summary>Raises <see cref="Callback"/> and answers with its result.</summary>
        /// <param name="e">The call's argument and client state.</param>
        /// <returns>The handler's <see cref="CallbackEventArgs.Result"/>.</returns>
        protected override object ProcessCallback(CallbackEventArgs e)
        {
            if (Events[EventCallback] == null && ServiceMethod.Length > 0 && Page != null)
                PageMethods.Find<CallbackEventArgs>(Page.GetType(), ServiceMethod, ID)(e);
            else
                OnCallback(e);
            return e.Result;
        }

        /// <inheritdoc />
        protected override HtmlTextWriterTag TagKey => HtmlTextWriterTag.Span;
    }
}
