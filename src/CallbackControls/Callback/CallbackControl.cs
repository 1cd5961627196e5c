using System.ComponentModel;
using System.Web.UI;

namespace CallbackControls
{
    /// <summary>
    /// A control with no visible part of its own for the plain case: client script sends a string,
    /// the server's <see cref="CallbackControlBase.Callback"/> handler answers.
    /// From script: <c>MyCall.callback("argument").then(function (result) { ... })</c>.
    /// </summary>
    [DefaultEvent("Callback")]
    [DefaultProperty(nameof(ClientInstanceName))]
    [ToolboxData("<{0}:CallbackControl runat=\"server\" OnCallback=\"\" />")]
    public class CallbackControl : CallbackControlBase
    {
        /// <inheritdoc />
        protected override string ClientControlType => "callback";

        /// <inheritdoc />
        protected override HtmlTextWriterTag TagKey => HtmlTextWriterTag.Span;
    }
}
