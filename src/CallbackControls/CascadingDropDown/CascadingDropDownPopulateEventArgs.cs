using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Web.UI.WebControls;

namespace CallbackControls
{
    /// <summary>
    /// Asks the page for the items of a <see cref="CascadingDropDown"/> given the values chosen above it.
    /// </summary>
    [PageMethodAnswer(typeof(CascadingDropDownPageMethod))]
    public class CascadingDropDownPopulateEventArgs : EventArgs
    {
        /// <summary>Creates the arguments for one fill of the list.</summary>
        /// <param name="ancestorValues">The selected values of every level above, from the top level down to the parent.</param>
        /// <param name="items">The collection the handler fills.</param>
        public CascadingDropDownPopulateEventArgs(IList<string> ancestorValues, ListItemCollection items)
            : this(ancestorValues, items, string.Empty)
        {
        }

        /// <summary>Creates the arguments for one fill of the list, with the list's context key.</summary>
        /// <param name="ancestorValues">The selected values of every level above, from the top level down to the parent.</param>
        /// <param name="items">The collection the handler fills.</param>
        /// <param name="contextKey">The list's <see cref="CascadingDropDown.ContextKey"/>.</param>
        public CascadingDropDownPopulateEventArgs(IList<string> ancestorValues, ListItemCollection items, string contextKey)
        {
            AncestorValues = new ReadOnlyCollection<string>(ancestorValues ?? new string[0]);
            Items = items ?? throw new ArgumentNullException(nameof(items));
            ContextKey = contextKey ?? string.Empty;
        }

        /// <summary>
        /// Gets the list's <see cref="CascadingDropDown.ContextKey"/>: a value the page chose when it
        /// rendered the list (a customer, a tenant), which a page method receives signed, so a caller
        /// cannot substitute another. Empty when the page set none.
        /// </summary>
        public string ContextKey { get; }

        /// <summary>
        /// Gets the parent's selected value: empty for a top-level list (one with no ParentControlID).
        /// </summary>
        public string ParentValue => AncestorValues.Count == 0 ? string.Empty : AncestorValues[AncestorValues.Count - 1];

        /// <summary>Gets the selected value of every level above, from the top level down to the parent.</summary>
        public IList<string> AncestorValues { get; }

        /// <summary>
        /// Gets the items to offer; add one <see cref="ListItem"/> per choice (text and value). An item's
        /// <see cref="ListItem.Attributes"/> (title, data-*), <see cref="ListItem.Enabled"/> and
        /// <see cref="ListItem.Selected"/> are rendered and sent with a callback's rows.
        /// </summary>
        public ListItemCollection Items { get; }

        /// <summary>
        /// Gets or sets the value of the item chosen by default when the user has chosen none for these
        /// values above (rendered selected, and selected by the browser when the rows arrive by callback).
        /// Default: empty (none; an item's own <see cref="ListItem.Selected"/> also chooses it).
        /// </summary>
        public string SelectedValue
        {
            get => _selectedValue;
            set => _selectedValue = value ?? string.Empty;
        }

        private string _selectedValue = string.Empty;

        /// <summary>
        /// The item the source chose by default (<see cref="SelectedValue"/>, else the first item it marked
        /// Selected), marked Selected; null when it chose none.
        /// </summary>
        internal ListItem MarkDefaultChoice()
        {
            ListItem chosen = null;
            if (_selectedValue.Length > 0)
            {
                chosen = Items.FindByValue(_selectedValue);
            }
            else
            {
                for (int i = 0; i < Items.Count && chosen == null; i++)
                {
                    if (Items[i].Selected) chosen = Items[i];
                }
            }
            if (chosen != null) chosen.Selected = true;
            return chosen;
        }

        /// <summary>
        /// Gets the text the user typed to find an item (<see cref="CascadingDropDown.FilterMode"/> on), or
        /// empty for every item. The list applies it to the items the handler adds unless the handler sets
        /// <see cref="Filtered"/>; a handler over a large table applies it itself (a SQL <c>LIKE</c>) and adds
        /// only matches. Empty when the list is rendered or a posted value is checked: those need every item.
        /// </summary>
        public string Filter
        {
            get => _filter;
            internal set
            {
                _filter = value ?? string.Empty;
                _matcher = new ListMatcher(_filter, _filterMode);
            }
        }

        private string _filter = string.Empty;

        /// <summary>Gets how <see cref="Filter"/> matches an item's text: <see cref="ListFilterMode.None"/> when the list does not filter.</summary>
        public ListFilterMode FilterMode
        {
            get => _filterMode;
            internal set
            {
                _filterMode = value;
                _matcher = new ListMatcher(_filter, _filterMode);
            }
        }

        private ListFilterMode _filterMode;

        /// <summary>
        /// Gets how many of the matching items to skip: the items the list already shows when the user
        /// scrolls past them and it asks for more. 0 for the first page.
        /// </summary>
        public int Skip { get; internal set; }

        /// <summary>
        /// Gets how many matching items the list shows at once (<see cref="CascadingDropDown.ItemsPerRequest"/>),
        /// or <see cref="int.MaxValue"/> when it needs every one (no filter, a rendered list, a posted value
        /// checked). Use it with <see cref="Skip"/> only together with <see cref="TotalCount"/>.
        /// </summary>
        public int Take { get; internal set; } = int.MaxValue;

        /// <summary>
        /// Gets or sets whether the handler applied <see cref="Filter"/> itself (it added only matching items,
        /// by its own rule); the list then does not filter them again. Default: false, the list keeps only
        /// the items whose text matches by <see cref="FilterMode"/>.
        /// </summary>
        public bool Filtered { get; set; }

        /// <summary>
        /// Gets or sets the number of all matching items when the handler paged them itself (added only the
        /// <see cref="Take"/> items after <see cref="Skip"/>); the list then sends its items as they are.
        /// Default: -1, the handler added every match and the list takes the page from them.
        /// </summary>
        public int TotalCount { get; set; } = -1;

        /// <summary>
        /// Gets whether an item's text matches <see cref="Filter"/> by <see cref="FilterMode"/>: at the start
        /// of the text or anywhere in it, ignoring case (ordinal, so the same on every server). Always true
        /// when there is no filter. For a handler that filters items it reads from memory.
        /// </summary>
        /// <param name="text">An item's text.</param>
        /// <returns>Whether the item is a match.</returns>
        public bool IsMatch(string text) => _matcher.IsMatch(text);

        // Worked out when Filter or FilterMode is set: a handler calls IsMatch per item.
        private ListMatcher _matcher = new ListMatcher(string.Empty, ListFilterMode.None);
    }

    /// <summary>How a <see cref="CascadingDropDown"/> finds items by the text the user types.</summary>
    public enum ListFilterMode
    {
        /// <summary>No filter: the list shows every item (the default).</summary>
        None,

        /// <summary>Items whose text starts with the typed text, ignoring case.</summary>
        StartsWith,

        /// <summary>Items whose text contains the typed text anywhere, ignoring case.</summary>
        Contains,
    }

    /// <summary>Represents the method that fills a <see cref="CascadingDropDown"/>.</summary>
    /// <param name="sender">The list being filled.</param>
    /// <param name="e">The values chosen above and the items to fill.</param>
    public delegate void CascadingDropDownPopulateEventHandler(object sender, CascadingDropDownPopulateEventArgs e);
}
