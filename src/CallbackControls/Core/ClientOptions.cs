using System.Collections.Generic;

namespace CallbackControls
{
    /// <summary>
    /// The options a control's client object starts with (its <c>data-cc-options</c> attribute): the
    /// runtime's own, typed, with their JSON names written in one place. Each control with options of its
    /// own derives from it (<see cref="CascadingDropDownOptions"/>, <see cref="RefreshingChartOptions"/>).
    /// </summary>
    internal class ClientOptions
    {
        /// <summary>The global name the client object is published under.</summary>
        public string Name { get; set; }

        /// <summary>The control's UniqueID, posted as <c>__CALLBACKID</c>.</summary>
        public string CallbackId { get; set; }

        /// <summary>Milliseconds before a call is aborted.</summary>
        public int Timeout { get; set; }

        /// <summary>Form field names whose current values every call posts.</summary>
        public IList<string> Fields { get; set; } = new string[0];

        /// <summary>Post the whole form (PostFullForm).</summary>
        public bool FullForm { get; set; }

        /// <summary>Post the page state (ViewState and event validation) with the named fields.</summary>
        public bool PageState { get; set; }

        /// <summary>The token proving a call comes from this page, sent in a request header.</summary>
        public string Token { get; set; }

        /// <summary>Post <c>__EVENTVALIDATION</c> with the named fields.</summary>
        public bool EventValidation { get; set; }

        /// <summary>The runtime's failure messages in the page's language, by error kind; null for English.</summary>
        public IDictionary<string, string> Texts { get; set; }

        /// <summary>The context key sent with page-method calls (X-CallbackControls-Context), or null.</summary>
        public string ContextKey { get; set; }

        /// <summary>The page method answering the calls (sent in X-CallbackControls-Method), or null.</summary>
        public string Method { get; set; }

        /// <summary>The control's push subscription (PushTopic), or null.</summary>
        public PushOptions Push { get; set; }

        /// <summary>Client hooks by event name: a function name or a script body.</summary>
        public IDictionary<string, string> Hooks { get; } = new Dictionary<string, string>();

        /// <summary>Adds a hook when the page author set one.</summary>
        public void AddHook(string name, string script)
        {
            if (!string.IsNullOrWhiteSpace(script)) Hooks[name] = script;
        }

        /// <summary>The JSON object, with the names the client runtime reads.</summary>
        public IDictionary<string, object> ToJson()
        {
            var json = new Dictionary<string, object>();
            Write(json);
            return json;
        }

        /// <summary>Writes the options under their JSON names; derived options add theirs after the base's.</summary>
        protected virtual void Write(IDictionary<string, object> json)
        {
            json["name"] = Name;
            json["callbackId"] = CallbackId;
            json["timeout"] = Timeout;
            json["fields"] = Fields;
            json["fullForm"] = FullForm;
            json["pageState"] = PageState;
            json["token"] = Token;
            json["eventValidation"] = EventValidation;
            json["hooks"] = Hooks;
            if (Method != null) json["method"] = Method;
            if (ContextKey != null) json["contextKey"] = ContextKey;
            if (Texts != null) json["texts"] = Texts;
            if (Push != null) json["push"] = new Dictionary<string, object> { ["topic"] = Push.Topic, ["token"] = Push.Token, ["since"] = Push.Since };
        }
    }

    /// <summary>A control's push subscription as its client object reads it.</summary>
    internal sealed class PushOptions
    {
        /// <summary>The topic (PushTopic).</summary>
        public string Topic { get; set; }

        /// <summary>The token the page's stream carries for the topic.</summary>
        public string Token { get; set; }

        /// <summary>The id of the newest notification when the page was drawn: the stream catches up from there.</summary>
        public string Since { get; set; }
    }
}
