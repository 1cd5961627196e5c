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

        /// <inheritdoc />
        protected override string ClientControlType => "callback";

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
            OnCallback(e);
            return e.Result;
        }

        /// <inheritdoc />
        protected override HtmlTextWriterTag TagKey => HtmlTextWriterTag.Span;
    }
}
