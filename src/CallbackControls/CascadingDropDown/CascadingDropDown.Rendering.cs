using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Web.UI;
using System.Web.UI.WebControls;

namespace CallbackControls
{
    // The markup: a wrapper the client runtime starts from, around the list's own select, the status region after it.
    public partial class CascadingDropDown
    {
        private const string FilterSuffix = "_Filter";
        private List<ListItem> _renderedItems;
        private int _renderedMatches;
        private int _totalMatches;

        /// <summary>
        /// Writes the wrapper the client runtime starts from, holding the select (which carries the ClientID,
        /// so <c>&lt;asp:Label AssociatedControlID="..."&gt;</c> and CSS written for a DropDownList keep working),
        /// the no-script refresh button and the status region.
        /// </summary>
        /// <param name="writer">The output.</param>
        protected override void Render(HtmlTextWriter writer)
        {
            if (writer == null) throw new ArgumentNullException(nameof(writer));
            // Without <form runat="server"> the page has no callback plumbing: say so, as ASP.NET's input controls do.
            Page?.VerifyRenderingInServerForm(this);
            Prepare();
            PrepareRenderedItems();
            writer.AddAttribute(HtmlTextWriterAttribute.Id, ClientID + "_Container");
            writer.AddAttribute(HtmlTextWriterAttribute.Class, "cc-cascading");
            Channel.AddClientAttributes(writer);
            writer.RenderBeginTag(HtmlTextWriterTag.Span);

            // A disabled select posts nothing, which would leave the last selection standing; this empty
            // field under the same name always posts, so LoadPostData always runs. (Cheaper than
            // RegisterRequiresPostBack, which Mono keeps in the ViewState with the binary formatter.)
            writer.AddAttribute(HtmlTextWriterAttribute.Type, "hidden");
            writer.AddAttribute(HtmlTextWriterAttribute.Name, UniqueID);
            writer.AddAttribute(HtmlTextWriterAttribute.Value, string.Empty);
            writer.RenderBeginTag(HtmlTextWriterTag.Input);
            writer.RenderEndTag();

            RenderFilterBox(writer);
            RenderBeginTag(writer);
            RenderContents(writer);
            RenderEndTag(writer);

            RenderNoScriptRefresh(writer);
            Channel.RenderStatusRegion(writer);
            writer.RenderEndTag();
        }

        /// <summary>
        /// Writes the select's attributes: those a DropDownList (one row) or ListBox writes, and the
        /// <see cref="ListControl.AutoPostBack"/> script. Written here for both runtimes alike: Mono's
        /// ListControl writes neither name nor postback script, .NET's writes them its own way.
        /// </summary>
        /// <param name="writer">The output.</param>
        protected override void AddAttributesToRender(HtmlTextWriter writer)
        {
            if (writer == null) throw new ArgumentNullException(nameof(writer));
            var items = GetItems();
            bool waiting = items == null;
            bool empty = items != null && items.Count == 0;

            writer.AddAttribute(HtmlTextWriterAttribute.Id, ClientID);
            writer.AddAttribute(HtmlTextWriterAttribute.Name, UniqueID);
            // One row is a drop-down, exactly as a DropDownList renders.
            writer.AddAttribute(HtmlTextWriterAttribute.Size, (Rows > 0 ? Rows : 1).ToString(CultureInfo.InvariantCulture));
            if (SelectionMode == ListSelectionMode.Multiple) writer.AddAttribute(HtmlTextWriterAttribute.Multiple, "multiple");
            // Disabled when the control (or a container) is, and while there is nothing to choose from.
            if (!IsEnabled || waiting || empty) writer.AddAttribute(HtmlTextWriterAttribute.Disabled, "disabled");
            if (_rejected) writer.AddAttribute("aria-invalid", "true");
            if (AccessKey.Length > 0) writer.AddAttribute(HtmlTextWriterAttribute.Accesskey, AccessKey);
            if (TabIndex != 0) writer.AddAttribute(HtmlTextWriterAttribute.Tabindex, TabIndex.ToString(NumberFormatInfo.InvariantInfo));
            if (ToolTip.Length > 0) writer.AddAttribute(HtmlTextWriterAttribute.Title, ToolTip);
            if (ControlStyleCreated) ControlStyle.AddAttributesToRender(writer, this);

            string onChange = Attributes["onchange"];
            if (AutoPostBack && Page != null)
            {
                var options = new PostBackOptions(this, string.Empty)
                {
                    AutoPostBack = true,
                    PerformValidation = CausesValidation && Page.GetValidators(ValidationGroup).Count > 0,
                    ValidationGroup = ValidationGroup,
                };
                // The same __doPostBack a DropDownList writes; the posted value, whether rendered or filled
                // by callback, is checked by LoadPostData against the items offered for the posted parent.
                var postBack = Page.ClientScript.GetPostBackEventReference(options, true);
                onChange = string.IsNullOrEmpty(onChange) ? postBack : onChange.TrimEnd().TrimEnd(';') + ";" + postBack;
            }
            if (!string.IsNullOrEmpty(onChange)) writer.AddAttribute(HtmlTextWriterAttribute.Onchange, onChange);
            foreach (string name in Attributes.Keys)
            {
                if (!string.Equals(name, "onchange", StringComparison.OrdinalIgnoreCase)) writer.AddAttribute(name, Attributes[name]);
            }
        }

        /// <summary>
        /// Writes the options: values in their posted form (<see cref="ListValueCodec"/>), each item's
        /// <see cref="ListItem.Attributes"/> and <see cref="ListItem.Enabled"/> state. No option is
        /// registered for the page's event validation: the list checks posted values itself.
        /// </summary>
        /// <param name="writer">The output.</param>
        protected override void RenderContents(HtmlTextWriter writer)
        {
            if (writer == null) throw new ArgumentNullException(nameof(writer));
            foreach (ListItem item in (System.Collections.IEnumerable)_renderedItems ?? Items)
            {
                writer.WriteBeginTag("option");
                if (item.Selected || ReferenceEquals(item, _emptyItem)) writer.WriteAttribute("selected", "selected");
                writer.WriteAttribute("value", ListValueCodec.Encode(item.Value), true);
                if (!item.Enabled) writer.WriteAttribute("disabled", "disabled");
                if (item.Attributes.Count > 0)
                {
                    foreach (string name in item.Attributes.Keys.Cast<string>().ToArray())
                    {
                        if (name == "value" || name == "selected" || (name == "disabled" && !item.Enabled)) continue;
                        writer.WriteAttribute(name, item.Attributes[name], true);
                    }
                }
                writer.Write(HtmlTextWriter.TagRightChar);
                writer.WriteEncodedText(item.Text);
                writer.WriteEndTag("option");
                writer.WriteLine();
            }
        }

        /// <summary>
        /// With <see cref="FilterMode"/> on, what the select holds: the prompt (or empty text), the chosen items
        /// that are not among the first matches, then the first <see cref="ItemsPerRequest"/> items matching
        /// <see cref="FilterText"/>. The rest are fetched when searched or scrolled to, so a postback of a page
        /// holding a long level renders a page of it, not all of it. Null when every item is rendered.
        /// </summary>
        private void PrepareRenderedItems()
        {
            _renderedItems = null;
            _renderedMatches = 0;
            _totalMatches = 0;
            if (FilterMode == ListFilterMode.None) return;
            string filter;
            try
            {
                filter = ListFilter.Normalize(FilterText);
            }
            catch (CallbackRequestException)
            {
                // A posted text too long to search finds nothing; the box shows it so the user sees why.
                filter = null;
            }
            var rendered = new List<ListItem>();
            var values = new HashSet<string>(StringComparer.Ordinal);
            var chosen = new List<ListItem>();
            foreach (ListItem item in Items)
            {
                if (IsPlaceholder(item)) rendered.Add(item);
                else if (item.Selected) chosen.Add(item);
            }
            var chosenValues = new HashSet<string>(chosen.Select(i => i.Value), StringComparer.Ordinal);
            var ancestors = GetAncestorValues();
            // The page is asked of the list's source exactly as a call asks for it, so what a postback shows
            // and what the next page continues from are the same sequence (a handler filtering in SQL included).
            var window = filter == null || ancestors.Any(string.IsNullOrEmpty) ? null : GetMatches(ancestors, filter, 0);
            if (window != null)
            {
                // The markup's items; the source's default only where it is the list's choice (a postback that
                // chose another shows that one, not the default beside it).
                var declared = new HashSet<string>((_declaredItems ?? new ListItem[0]).Select(i => i.Value), StringComparer.Ordinal);
                foreach (ListItem item in window.Pinned)
                {
                    if (declared.Contains(item.Value) || chosenValues.Contains(item.Value)) Add(item);
                }
            }
            var page = window == null ? new HashSet<string>(StringComparer.Ordinal) : new HashSet<string>(window.Items.Cast<ListItem>().Select(i => i.Value), StringComparer.Ordinal);
            foreach (var item in chosen)
            {
                if (!page.Contains(item.Value)) Add(item);
            }
            if (window != null)
            {
                foreach (ListItem item in window.Items) Add(item);
                _renderedMatches = window.Items.Count;
                _totalMatches = window.Total;
            }
            _renderedItems = rendered;

            void Add(ListItem item)
            {
                if (!values.Add(item.Value)) return;
                // Chosen is what the list has chosen (posted, set by code, or the server's default), not what the source says.
                item.Selected = chosenValues.Contains(item.Value);
                rendered.Add(item);
            }
        }

        /// <summary>
        /// The find box of a filtered list: a real text box posted with the form (so a postback, or a browser
        /// without script pressing Update, renders the same matches), named for assistive technology; the
        /// client runtime makes it search as the user types and announces the matches.
        /// </summary>
        private void RenderFilterBox(HtmlTextWriter writer)
        {
            if (FilterMode == ListFilterMode.None) return;
            writer.AddAttribute(HtmlTextWriterAttribute.Type, "search");
            writer.AddAttribute(HtmlTextWriterAttribute.Id, ClientID + FilterSuffix);
            writer.AddAttribute(HtmlTextWriterAttribute.Name, UniqueID + "$" + FilterSuffix.TrimStart('_'));
            writer.AddAttribute(HtmlTextWriterAttribute.Value, FilterText);
            writer.AddAttribute(HtmlTextWriterAttribute.Class, "cc-filter");
            writer.AddAttribute(HtmlTextWriterAttribute.AutoComplete, "off");
            writer.AddAttribute("spellcheck", "false");
            writer.AddAttribute(HtmlTextWriterAttribute.Maxlength, ListFilter.MaxLength.ToString(CultureInfo.InvariantCulture));
            writer.AddAttribute("aria-label", Texts.FilterLabel);
            writer.AddAttribute("placeholder", Texts.FilterLabel);
            writer.AddAttribute("aria-controls", ClientID);
            // Disabled with its list: the control disabled, waiting for a parent, or nothing offered to find.
            var offered = GetItems();
            if (!IsEnabled || offered == null || offered.Count == 0) writer.AddAttribute(HtmlTextWriterAttribute.Disabled, "disabled");
            writer.RenderBeginTag(HtmlTextWriterTag.Input);
            writer.RenderEndTag();
        }

        private void RenderNoScriptRefresh(HtmlTextWriter writer)
        {
            // Without script nothing happens when the parent changes or text is typed; this button posts the page.
            if (NoScriptButtonText.Length == 0 || (FindParentControl() == null && FilterMode == ListFilterMode.None)) return;
            writer.RenderBeginTag(HtmlTextWriterTag.Noscript);
            writer.AddAttribute(HtmlTextWriterAttribute.Type, "submit");
            writer.AddAttribute(HtmlTextWriterAttribute.Name, UniqueID + "$Refresh");
            writer.AddAttribute(HtmlTextWriterAttribute.Value, NoScriptButtonText);
            writer.RenderBeginTag(HtmlTextWriterTag.Input);
            writer.RenderEndTag();
            writer.RenderEndTag();
        }
    }
}
