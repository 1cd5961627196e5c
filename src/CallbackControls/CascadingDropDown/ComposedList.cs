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

        private bool _writingOptions;

        // No UniqueID while the options are written: ListControl would register every option for
        // ASP.NET's event validation, which the owner does not use (it checks a posted value against
        // what it offers for the posted parent), so they would only grow __EVENTVALIDATION on every page.
        public override string UniqueID => _writingOptions ? null : _owner.UniqueID;

        public override string ClientID => _owner.ClientID;

        /// <summary>
        /// Skips ListBox's own PreRender: it registers the list as needing post data, which Mono keeps in the
        /// ViewState with the binary formatter (1.3 KB more ViewState for three lists, measured on the Web
        /// Forms template page), and the owner already reads the posted value itself.
        /// </summary>
        protected override void OnPreRender(System.EventArgs e)
        {
        }

        protected override void RenderContents(HtmlTextWriter writer)
        {
            _writingOptions = true;
            try
            {
                base.RenderContents(writer);
            }
            finally
            {
                _writingOptions = false;
            }
        }
    }
}
