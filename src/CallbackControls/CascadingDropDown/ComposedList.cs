using System.Web.UI;
using System.Web.UI.WebControls;

namespace CallbackControls
{
    /// <summary>
    /// The real <see cref="ListBox"/> a <see cref="CascadingDropDown"/> composes: one row (a drop-down,
    /// as a DropDownList renders it) or <c>Rows</c> rows, single or multiple selection. It answers to
    /// its owner's ids, so the select carries the id and name a DropDownList in the owner's place
    /// would have: <c>&lt;asp:Label AssociatedControlID&gt;</c>, CSS and the posted field keep working,
    /// and the posted value reaches the owner, which checks it against the items offered for the
    /// posted parent.
    /// </summary>
    internal sealed class ComposedList : ListBox
    {
        private readonly Control _owner;

        public ComposedList(Control owner)
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
}
