using System.Collections.Generic;

namespace CallbackControls
{
    /// <summary>The client options of a <see cref="CascadingDropDown"/>, read by CascadingDropDown.js.</summary>
    internal sealed class CascadingDropDownOptions : ClientOptions
    {
        /// <summary>The select's id.</summary>
        public string ListId { get; set; }

        /// <summary>The parent list's id, or null for the top level.</summary>
        public string ParentId { get; set; }

        /// <summary>The values of the levels above as rendered (encoded), top first.</summary>
        public string[] Ancestors { get; set; }

        /// <summary>The prompt item's text, or null for no prompt.</summary>
        public string PromptText { get; set; }

        /// <summary>The prompt item's value (encoded).</summary>
        public string PromptValue { get; set; }

        /// <summary>Shown while the list is filled.</summary>
        public string LoadingText { get; set; }

        /// <summary>Shown when the server offers no items.</summary>
        public string EmptyText { get; set; }

        /// <summary>The value of the empty-text item (encoded), or null for "".</summary>
        public string EmptyValue { get; set; }

        /// <summary>Announced once filled; {0} is the number of items.</summary>
        public string CountText { get; set; }

        /// <summary>Announced once filled with one item.</summary>
        public string CountOneText { get; set; }

        /// <summary>Announced when the list has no items and no EmptyText.</summary>
        public string NoItemsText { get; set; }

        /// <summary>Keep the items of each parent value for the page's lifetime.</summary>
        public bool Cache { get; set; }

        /// <summary>A list box allowing several choices.</summary>
        public bool Multiple { get; set; }

        /// <summary>The control is disabled (Enabled="false"): a refill keeps the list disabled.</summary>
        public bool Disabled { get; set; }

        /// <summary>Type to find, or null when the list shows every item.</summary>
        public FilterOptions Filter { get; set; }

        /// <inheritdoc />
        protected override void Write(IDictionary<string, object> json)
        {
            base.Write(json);
            json["listId"] = ListId;
            json["parentId"] = ParentId;
            json["ancestors"] = Ancestors;
            json["prompt"] = PromptText == null ? null : new Dictionary<string, object> { ["text"] = PromptText, ["value"] = PromptValue };
            json["loadingText"] = LoadingText;
            json["emptyText"] = EmptyText;
            if (EmptyValue != null) json["emptyValue"] = EmptyValue;
            json["countText"] = CountText;
            json["countOneText"] = CountOneText;
            json["noItemsText"] = NoItemsText;
            json["cache"] = Cache;
            json["multiple"] = Multiple;
            if (Disabled) json["disabled"] = true;
            if (Filter != null) json["filter"] = Filter.ToJson();
        }

        /// <summary>A filtered list's settings and what the server rendered of it.</summary>
        internal sealed class FilterOptions
        {
            /// <summary>The control is disabled: the find box and the list stay so.</summary>
            public bool Disabled { get; set; }

            /// <summary>How typed text matches.</summary>
            public ListFilterMode Mode { get; set; }

            /// <summary>Milliseconds after the last key before a call.</summary>
            public int Delay { get; set; }

            /// <summary>Matches per call.</summary>
            public int Take { get; set; }

            /// <summary>The typed text the rendered matches are for.</summary>
            public string Text { get; set; }

            /// <summary>How many matches were rendered.</summary>
            public int Shown { get; set; }

            /// <summary>How many items match in all.</summary>
            public int Total { get; set; }

            /// <summary>Announced after a search; {0} is the number of matches.</summary>
            public string CountText { get; set; }

            /// <summary>Announced after a search with one match.</summary>
            public string CountOneText { get; set; }

            /// <summary>Announced when only the first matches are shown; {0} shown, {1} in all.</summary>
            public string PartialText { get; set; }

            /// <summary>Announced when nothing matches.</summary>
            public string NoMatchesText { get; set; }

            internal IDictionary<string, object> ToJson() => new Dictionary<string, object>
            {
                ["mode"] = Mode == ListFilterMode.StartsWith ? "startsWith" : "contains",
                ["delay"] = Delay,
                ["take"] = Take,
                ["text"] = Text ?? string.Empty,
                ["shown"] = Shown,
                ["total"] = Total,
                ["countText"] = CountText,
                ["countOneText"] = CountOneText,
                ["partialText"] = PartialText,
                ["noMatchesText"] = NoMatchesText,
                ["disabled"] = Disabled,
            };
        }
    }
}
