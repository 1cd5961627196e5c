using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace CallbackControls
{
    /// <summary>
    /// Carries one client call to the server handler: the argument in, the result out.
    /// </summary>
    public class CallbackEventArgs : EventArgs
    {
        private static readonly IDictionary<string, object> NoState =
            new ReadOnlyDictionary<string, object>(new Dictionary<string, object>());

        /// <summary>Creates the arguments for one call.</summary>
        /// <param name="callbackArgument">The argument the client script passed; never null.</param>
        /// <param name="clientState">The state the client object sent with the call, or null.</param>
        public CallbackEventArgs(string callbackArgument, IDictionary<string, object> clientState)
        {
            CallbackArgument = callbackArgument ?? string.Empty;
            ClientState = clientState == null ? NoState : new ReadOnlyDictionary<string, object>(clientState);
        }

        /// <summary>Gets the argument the client script passed (an empty string when it passed none).</summary>
        public string CallbackArgument { get; }

        /// <summary>
        /// Gets the state the control's client object sent with the call (for example the values of a
        /// cascading list's ancestors). Empty, never null, when the control sends none.
        /// </summary>
        public IDictionary<string, object> ClientState { get; }

        /// <summary>
        /// Gets whether the control's own timer made this call (a RefreshingChart's refresh every
        /// RefreshFrequency) rather than page script (<c>Chart1.callback("args")</c>). A tick's
        /// <see cref="CallbackArgument"/> is the client's <c>tickArgument</c> (empty unless page script sets
        /// it); a script's argument reaches the handler once. False for every other call.
        /// </summary>
        public bool IsTimerTick => ClientState.TryGetValue("timer", out var timer) && timer is bool tick && tick;

        /// <summary>
        /// Gets or sets the result returned to the client: a string, a number, a boolean, null, or any
        /// object <see cref="System.Web.Script.Serialization.JavaScriptSerializer"/> can serialize
        /// (arrays, dictionaries, anonymous objects). The client receives it as the equivalent JSON value.
        /// </summary>
        public object Result { get; set; }
    }

    /// <summary>Represents the method that handles a callback control's server event.</summary>
    /// <param name="sender">The control that received the call.</param>
    /// <param name="e">The argument in and the result out.</param>
    public delegate void CallbackEventHandler(object sender, CallbackEventArgs e);
}
