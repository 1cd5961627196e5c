using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Web.UI;
using System.Web.UI.WebControls;

namespace CallbackControls
{
    // The parent chain and the items it offers: one cycle-checked walk up the chain, items per set of parent values, the answer to a callback.
    public partial class CascadingDropDown
    {
        /// <summary>Gets the parent control, or null for the top level.</summary>
        /// <returns>The parent list.</returns>
        /// <exception cref="InvalidOperationException">ParentControlID names no list control.</exception>
        public Control FindParentControl()
        {
            var id = ParentControlID;
            if (string.IsNullOrEmpty(id)) return null;
            var parent = FindReferencedControl(id);
            if (parent == null)
                throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                    "ParentControlID of CascadingDropDown '{0}' names '{1}', but no control with that ID was found.", ID, id));
            if (parent == this)
                throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture, "CascadingDropDown '{0}' cannot be its own parent.", ID));
            if (parent is CascadingDropDown cascading)
            {
                if (cascading.SelectionMode == ListSelectionMode.Multiple)
                    throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                        "CascadingDropDown '{0}' allows multiple selection and so cannot be the parent of '{1}'.", parent.ID, ID));
                return parent;
            }
            if (parent is ListControl) return parent;
            throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                "ParentControlID of CascadingDropDown '{0}' names '{1}', which is a {2}, not a list control.", ID, id, parent.GetType().Name));
        }

        /// <summary>
        /// Gets the selected values of every level above this one, from the top down to the parent;
        /// empty for a top-level list. A level with nothing selected gives an empty string.
        /// </summary>
        /// <returns>The values, top level first.</returns>
        public IList<string> GetAncestorValues()
        {
            var values = new List<string>();
            foreach (var parent in Ancestors())
            {
                values.Insert(0, parent is CascadingDropDown cascading ? cascading.SelectedValue : ReadListValue((ListControl)parent, out _));
            }
            return values;
        }

        /// <summary>
        /// The levels above, nearest first: every CascadingDropDown up the ParentControlID chain and,
        /// at its top, a plain list if there is one. The one walk of the chain, so the one place a
        /// chain that loops back on itself is caught (before any level is read).
        /// </summary>
        private IEnumerable<Control> Ancestors()
        {
            var chain = new List<Control>();
            var visited = new HashSet<Control> { this };
            for (var parent = FindParentControl(); parent != null; parent = (parent as CascadingDropDown)?.FindParentControl())
            {
                if (!visited.Add(parent))
                    throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                        "The ParentControlID chain of CascadingDropDown '{0}' loops back on itself at '{1}'.", ID, parent.ID));
                chain.Add(parent);
            }
            return chain;
        }

        /// <summary>The level above whose posted value the server does not offer, or null when every level is one it offers.</summary>
        private Control FindRefusedAncestor()
        {
            // From the top: a refused level also leaves every level below it without a valid value.
            foreach (var parent in Ancestors().Reverse())
            {
                if (parent is CascadingDropDown cascading)
                {
                    if (cascading.SelectedValue.Length == 0 && cascading._rejected) return cascading;
                }
                else
                {
                    ReadListValue((ListControl)parent, out var refused);
                    if (refused) return parent;
                }
            }
            return null;
        }

        /// <summary>Gets whether the list has a source of items: a <see cref="Populate"/> handler, <see cref="DataSourceID"/> or <see cref="DataSource"/>.</summary>
        protected virtual bool HasItemSource => Events[EventPopulate] != null || ServiceMethod.Length > 0 || !string.IsNullOrEmpty(DataSourceID) || _dataSource != null;

        private void EnsureItemSource()
        {
            // Without a source the list would stay disabled and empty with no word why.
            if (!HasItemSource)
                throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                    "CascadingDropDown '{0}' has nothing to fill it: handle its Populate event (OnPopulate=\"{0}_Populate\" in markup) " +
                    "set ServiceMethod to a [CallbackMethod] static method of the page, or set DataSourceID (or DataSource, with DataTextField and DataValueField).", ID));
        }

        /// <summary>
        /// The current value of a plain parent list. In a callback a list bound only on the first
        /// request has no items (no ViewState travels), so its posted value is taken instead, after
        /// ASP.NET's own event validation has confirmed the page offered it.
        /// </summary>
        private string ReadListValue(ListControl list, out bool refused)
        {
            refused = false;
            if (list.Items.Count > 0 || Page == null || !Page.IsCallback) return list.SelectedValue ?? string.Empty;
            var posted = Page.Request.Form[list.UniqueID];
            if (string.IsNullOrEmpty(posted)) return string.Empty;
            try
            {
                Page.ClientScript.ValidateEvent(list.UniqueID, posted);
                return posted;
            }
            catch (ArgumentException)
            {
                refused = true;
                return string.Empty;
            }
        }

        /// <summary>
        /// Gets the items offered for the current values of the levels above, or null when a level
        /// above has nothing selected (the list then waits for its parent).
        /// </summary>
        /// <returns>The items, or null.</returns>
        public ListItemCollection GetItems() => GetItems(GetAncestorValues());

        /// <summary>Gets the items offered for the given values of the levels above; computed once per request.</summary>
        /// <param name="ancestorValues">Values of the levels above, top level first.</param>
        /// <returns>The items, or null when a level above has nothing selected.</returns>
        protected virtual ListItemCollection GetItems(IList<string> ancestorValues)
        {
            if (ancestorValues.Any(string.IsNullOrEmpty)) return null;
            var key = string.Join("\u001f", ancestorValues);
            if (_itemsByAncestors.TryGetValue(key, out var cached)) return cached;

            var items = new ListItemCollection();
            var e = new CascadingDropDownPopulateEventArgs(ancestorValues, items, ContextKey);
            if (Events[EventPopulate] != null)
            {
                OnPopulate(e);
            }
            else if (ServiceMethod.Length > 0)
            {
                FindServiceMethod()(e);
            }
            else
            {
                AddDataSourceItems(items);
            }
            _itemsByAncestors[key] = items;
            return items;
        }

        /// <summary>Raises <see cref="Populate"/>.</summary>
        /// <param name="e">The values chosen above and the items to fill.</param>
        protected virtual void OnPopulate(CascadingDropDownPopulateEventArgs e)
        {
            ((CascadingDropDownPopulateEventHandler)Events[EventPopulate])?.Invoke(this, e);
        }

        private void AddDataSourceItems(ListItemCollection items)
        {
            object data = _dataSource;
            if (!string.IsNullOrEmpty(DataSourceID))
            {
                var source = FindReferencedControl(DataSourceID) as IDataSource
                    ?? throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                        "DataSourceID of CascadingDropDown '{0}' names '{1}', which is not a data source control.", ID, DataSourceID));
                // Data source controls answer synchronously; parameters (a ControlParameter on the
                // parent) are read now, so they see the parent's current value.
                source.GetView(string.Empty).Select(DataSourceSelectArguments.Empty, result => data = result);
            }
            if (data == null) return;

            // The composed list binds the data as any ListControl does (DataTextField,
            // DataValueField, DataTextFormatString, DataTable and DataSet through IListSource). It is
            // bound with DataSource rather than DataSourceID so that binding it here, in a callback or
            // at render, never sets off its own automatic binding, which would query the source again.
            EnsureChildControls();
            var list = _list;
            list.DataTextField = DataTextField;
            list.DataValueField = DataValueField;
            list.DataTextFormatString = DataTextFormatString;
            list.DataSource = data;
            try
            {
                list.DataBind();
                foreach (ListItem item in list.Items) items.Add(new ListItem(item.Text, item.Value));
            }
            finally
            {
                list.DataSource = null;
                list.Items.Clear();
            }
        }

        /// <inheritdoc />
        protected override bool CallbackNeedsEventValidation
        {
            get
            {
                // Only a plain list above (checked with ASP.NET's own event validation) or fields the
                // page author named need it; CascadingDropDown levels check themselves.
                return base.CallbackNeedsEventValidation || Ancestors().Any(parent => !(parent is CascadingDropDown));
            }
        }

        /// <inheritdoc />
        protected override IList<string> GetCallbackFieldNames()
        {
            // The handler reads every level above as it stands now, so their fields travel with the call.
            var names = new List<string>(base.GetCallbackFieldNames());
            names.AddRange(Ancestors().Select(parent => parent.UniqueID));
            return names;
        }

        private protected override ClientOptions CreateClientOptions()
        {
            var options = new CascadingDropDownOptions
            {
                ListId = ClientID,
                ParentId = FindParentControl()?.ClientID,
                Ancestors = GetAncestorValues().Select(ListValueCodec.Encode).ToArray(),
                PromptText = PromptText.Length == 0 ? null : PromptText,
                PromptValue = ListValueCodec.Encode(PromptValue),
                LoadingText = LoadingText,
                EmptyText = EmptyText,
                EmptyValue = EmptyValue.Length == 0 ? null : ListValueCodec.Encode(EmptyValue),
                CountText = CountText.Length > 0 ? CountText : Texts.CountMany,
                CountOneText = CountText.Length > 0 ? CountText : Texts.CountOne,
                NoItemsText = Texts.NoItems,
                Cache = EnableClientCache,
                Multiple = SelectionMode == ListSelectionMode.Multiple,
            };
            options.AddHook("populating", OnClientPopulating);
            options.AddHook("populated", OnClientPopulated);
            options.AddHook("selectionChanged", OnClientSelectionChanged);
            return options;
        }

        /// <inheritdoc />
        protected override object ProcessCallback(CallbackEventArgs e)
        {
            // The levels above are read from their posted fields, each checked the same way as on a
            // postback, so a tampered parent value yields no items rather than someone else's.
            EnsureItemSource();
            var ancestors = GetAncestorValues();
            var refused = FindRefusedAncestor();
            if (refused != null)
            {
                // An empty list with no word would look like "no data"; say which choice the server did not accept.
                throw new CallbackException(Texts.Format(nameof(Texts.ParentRefused), refused.ID, ID));
            }
            return ToRows(GetItems(ancestors));
        }

        /// <summary>The reply to a call: just the [text, value] pairs (the client knows which chain it asked for).</summary>
        internal static ListRows ToRows(ListItemCollection items) => new ListRows(items);

        private Action<CascadingDropDownPopulateEventArgs> FindServiceMethod() =>
            PageMethods.Find<CascadingDropDownPopulateEventArgs>(Page.GetType(), ServiceMethod, ID);
    }
}
