using System.Web.UI;
using System.Web.UI.WebControls;

namespace CallbackControls
{
    /// <summary>
    /// The real <see cref="DropDownList"/> a <see cref="CascadingDropDown"/> composes. It answers to its
    /// owner's ids, so the select carries the id and name a DropDownList in the owner's place would have:
    /// <c>&lt;asp:Label AssociatedControlID&gt;</c>, CSS and the posted field keep working, and the posted
    /// value reaches the owner, which checks it against the items offered for the posted parent.
    /// </summary>
    internal sealed class ComposedDropDownList : DropDownList
    {
        private readonly Control _owner;

        public ComposedDropDownList(Control owner)
        {
            _owner = owner;
            // WebControl writes an id only for a control with an ID; ClientID below says which.
            ID = "List";
            // Items are recomputed for the current parent on every request: nothing to remember.
            EnableViewState = false;
        }

        public override string UniqueID => _owner.UniqueID;

        public override string ClientID => _owner.ClientID;
    }

    /// <summary>The real <see cref="ListBox"/> a <see cref="CascadingDropDown"/> with <c>Rows</c> above 0 composes; see <see cref="ComposedDropDownList"/>.</summary>
    internal sealed class ComposedListBox : ListBox
    {
        private readonly Control _owner;

        public ComposedListBox(Control owner)
        {
            _owner = owner;
            ID = "List";
            EnableViewState = false;
        }

        public override string UniqueID => _owner.UniqueID;

        public override string ClientID => _owner.ClientID;
    }
}
