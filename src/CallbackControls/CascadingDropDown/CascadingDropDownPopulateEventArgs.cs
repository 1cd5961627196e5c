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
    }

    /// <summary>Represents the method that fills a <see cref="CascadingDropDown"/>.</summary>
    /// <param name="sender">The list being filled.</param>
    /// <param name="e">The values chosen above and the items to fill.</param>
    public delegate void CascadingDropDownPopulateEventHandler(object sender, CascadingDropDownPopulateEventArgs e);
}
