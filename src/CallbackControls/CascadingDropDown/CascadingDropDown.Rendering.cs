using System;
using System.Collections.Generic;
using System.Web.UI;
using System.Web.UI.WebControls;

namespace CallbackControls
{
    // The markup: a wrapper the client runtime starts from around the composed, real ListBox (a drop-down at one row).
    public partial class CascadingDropDown
    {
        /// <summary>
        /// Writes the wrapper the client runtime starts from. The composed select itself carries the
        /// ClientID, so <c>&lt;asp:Label AssociatedControlID="..."&gt;</c> and CSS written for a DropDownList keep working.
        /// </summary>
        /// <param name="writer">The output.</param>
        public override void RenderBeginTag(HtmlTextWriter writer)
        {
            writer.AddAttribute(HtmlTextWriterAttribute.Id, ClientID + "_Container");
            writer.AddAttribute(HtmlTextWriterAttribute.Class, "cc-cascading");
            AddClientAttributes(writer);
            writer.RenderBeginTag(HtmlTextWriterTag.Span);
        }

        /// <inheritdoc />
        protected override void CreateVisibleContent(ControlCollection controls)
        {
            // A disabled select posts nothing, which would leave the last selection standing; this
            // empty field under the same name always posts, so LoadPostData always runs. (Cheaper than
            // RegisterRequiresPostBack, which Mono keeps in the ViewState with the binary formatter.)
            controls.Add(new MarkupWriter(writer =>
            {
                writer.AddAttribute(HtmlTextWriterAttribute.Type, "hidden");
                writer.AddAttribute(HtmlTextWriterAttribute.Name, UniqueID);
                writer.AddAttribute(HtmlTextWriterAttribute.Value, string.Empty);
                writer.RenderBeginTag(HtmlTextWriterTag.Input);
                writer.RenderEndTag();
            }));
            _list = new ComposedList(this);
            controls.Add(_list);
            controls.Add(new MarkupWriter(RenderNoScriptRefresh));
        }

        /// <inheritdoc />
        protected override void RenderContents(HtmlTextWriter writer)
        {
            EnsureChildControls();
            FillComposedList();
            base.RenderContents(writer);
        }

        /// <summary>Gives the composed list this request's items, selection and the owner's attributes and style.</summary>
        private void FillComposedList()
        {
            var list = _list;
            var items = GetItems();
            bool waiting = items == null;
            bool empty = items != null && items.Count == 0;

            list.Items.Clear();
            if (empty && EmptyText.Length > 0)
            {
                list.Items.Add(new ListItem(EmptyText, ListValueCodec.Encode(EmptyValue)) { Selected = true });
            }
            else
            {
                var selected = new HashSet<string>(SelectedValues, StringComparer.Ordinal);
                if (PromptText.Length > 0) list.Items.Add(new ListItem(PromptText, ListValueCodec.Encode(PromptValue)) { Selected = selected.Count == 0 });
                if (items != null)
                {
                    foreach (ListItem item in items)
                    {
                        // Remove: a DropDownList refuses two selected items, and two items may share a value.
                        var isSelected = SelectionMode == ListSelectionMode.Multiple ? selected.Contains(item.Value) : selected.Remove(item.Value);
                        list.Items.Add(new ListItem(item.Text, ListValueCodec.Encode(item.Value)) { Selected = isSelected });
                    }
                }
            }

            // The owner's markup attributes and style belong on the select, where a DropDownList has them.
            list.CopyBaseAttributes(this);
            if (ControlStyleCreated) list.ApplyStyle(ControlStyle);
            // One row is a drop-down, exactly as a DropDownList renders.
            list.Rows = Rows > 0 ? Rows : 1;
            list.SelectionMode = SelectionMode;
            // Disabled when the control (or a container) is, and while there is nothing to choose from.
            // Written here rather than through the list's Enabled: Mono renders a disabled list as
            // class="aspNetDisabled" without the disabled attribute, which would leave it usable.
            list.Enabled = true;
            if (!IsEnabled || waiting || empty) list.Attributes["disabled"] = "disabled";
            if (_rejected) list.Attributes["aria-invalid"] = "true";
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

        /// <summary>A child that writes a fixed bit of markup: keeps the hidden field and the no-script button in the child order.</summary>
        private sealed class MarkupWriter : Control
        {
            private readonly Action<HtmlTextWriter> _render;

            public MarkupWriter(Action<HtmlTextWriter> render)
            {
                _render = render;
                EnableViewState = false;
            }

            protected override void Render(HtmlTextWriter writer) => _render(writer);
        }
    }
}
