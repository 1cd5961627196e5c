using System;
using System.Globalization;
using System.Linq;
using System.Web.UI;
using System.Web.UI.WebControls;

namespace CallbackControls
{
    // The markup: a wrapper the client runtime starts from, around the list's own select, the status region after it.
    public partial class CascadingDropDown
    {
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
            foreach (ListItem item in Items)
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

        private void RenderNoScriptRefresh(HtmlTextWriter writer)
        {
            if (NoScriptButtonText.Length == 0 || FindParentControl() == null) return;
            // Without script nothing posts when the parent changes; this button does it by hand.
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
