using System.Collections.Generic;

namespace CallbackControls
{
    /// <summary>
    /// What a control gives its <see cref="CallbackChannel"/>: its answer to a call, its client type and
    /// options, the fields its calls post and the scripts its client object needs. Implemented
    /// explicitly by each control, forwarding to its protected virtual members, so the channel serves
    /// any control (a composite one, a list control) without Core knowing which.
    /// </summary>
    internal interface ICallbackOwner
    {
        /// <summary>The control's UniqueID (the posted <c>__CALLBACKID</c>).</summary>
        string UniqueID { get; }

        /// <summary>The client type the runtime creates for the control, such as <c>callback</c>.</summary>
        string ClientControlType { get; }

        /// <summary>
        /// The control's scripts, in the order they must load (the runtime first), as
        /// <c>IScriptControl.GetScriptReferences</c> lists them: the control declares them, Core names none.
        /// </summary>
        IEnumerable<string> GetScriptResources();

        /// <summary>Answers one call; exceptions become error replies.</summary>
        object ProcessCallback(CallbackEventArgs e);

        /// <summary>The control's client options with its own settings filled in; the channel fills the runtime's.</summary>
        ClientOptions CreateClientOptions();

        /// <summary>The form field names whose current values travel with every call.</summary>
        IList<string> GetCallbackFieldNames();

        /// <summary>Whether calls must carry the page state.</summary>
        bool CallbackNeedsPageState { get; }

        /// <summary>Whether calls must post <c>__EVENTVALIDATION</c>.</summary>
        bool CallbackNeedsEventValidation { get; }

        /// <summary>The page method answering the calls, or null when the page answers them.</summary>
        string ServiceMethodName { get; }

        /// <summary>A page-chosen value bound into a page method call's token; null for none.</summary>
        string ServiceContextKey { get; }
    }
}
