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
                values.Insert(0, parent is CascadingDropDown cascading ? cascading.ChosenValue : ReadListValue((ListControl)parent, out _));
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
                    if (cascading.ChosenValue.Length == 0 && cascading._rejected) return cascading;
                }
                else
                {
                    ReadListValue((ListControl)parent, out var refused);
                    if (refused) return parent;
                }
            }
            return null;
        }

        /// <summary>Gets whether the list has a source of items: a <see cref="Populate"/> handler, <see cref="DataBoundControl.DataSourceID"/> or <see cref="BaseDataBoundControl.DataSource"/>.</summary>
        protected virtual bool HasItemSource => Events[EventPopulate] != null || ServiceMethod.Length > 0 || !string.IsNullOrEmpty(DataSourceID) || DataSource != null;

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

            var e = Fill(ancestorValues, string.Empty, 0, int.MaxValue);
            // A default the server chose: the item becomes selected, in the markup and in a callback's rows alike.
            e.MarkDefaultChoice();
            _itemsByAncestors[key] = e.Items;
            return e.Items;
        }

        /// <summary>
        /// Asks the list's source for its items: the markup's items first with AppendDataBoundItems, then the
        /// Populate handler, the ServiceMethod or the data source. The filter and page reach a handler as
        /// they are; the caller takes the page of matches (<see cref="ListFilter.Window"/>).
        /// </summary>
        private CascadingDropDownPopulateEventArgs Fill(IList<string> ancestorValues, string filter, int skip, int take, bool withDeclared = true)
        {
            var items = new ListItemCollection();
            if (withDeclared && AppendDataBoundItems && _declaredItems != null)
            {
                foreach (var declared in _declaredItems) items.Add(CopyOf(declared));
            }
            var e = new CascadingDropDownPopulateEventArgs(ancestorValues, items, ContextKey)
            {
                Filter = filter,
                FilterMode = FilterMode,
                Skip = skip,
                Take = take,
            };
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
            return e;
        }

        /// <summary>
        /// The page of items matching <paramref name="filter"/> from <paramref name="skip"/> on, for the given
        /// values above (<see cref="FilterMode"/> on): what a call of a filtered list answers.
        /// </summary>
        internal ListWindow GetMatches(IList<string> ancestorValues, string filter, int skip)
        {
            if (ancestorValues.Any(string.IsNullOrEmpty)) return new ListWindow(new ListItemCollection(), 0, 0);
            // The markup's items are not the handler's: they stay before the first page, outside its count.
            var declared = AppendDataBoundItems && _declaredItems != null ? _declaredItems.Select(CopyOf) : null;
            return ListFilter.Answer(Fill(ancestorValues, filter, skip, ItemsPerRequest, withDeclared: false), declared);
        }

        /// <summary>Raises <see cref="Populate"/>.</summary>
        /// <param name="e">The values chosen above and the items to fill.</param>
        protected virtual void OnPopulate(CascadingDropDownPopulateEventArgs e)
        {
            ((CascadingDropDownPopulateEventHandler)Events[EventPopulate])?.Invoke(this, e);
        }

        private void AddDataSourceItems(ListItemCollection items)
        {
            object data = DataSource;
            if (!string.IsNullOrEmpty(DataSourceID))
            {
                // Data source controls answer synchronously; parameters (a ControlParameter on the
                // parent) are read now, so they see the parent's current value.
                GetData().Select(DataSourceSelectArguments.Empty, result => data = result);
            }
            if (data == null) return;

            // Bound by a list control of the framework, as any ListControl binds (DataTextField,
            // DataValueField, DataTextFormatString, DataTable and DataSet through IListSource), into a
            // collection of its own: items are computed per set of parent values, in a callback as at render.
            var binder = new ItemBinder { DataTextField = DataTextField, DataValueField = DataValueField, DataTextFormatString = DataTextFormatString, DataMember = DataMember, DataSource = data };
            binder.DataBind();
            foreach (ListItem item in binder.Items) items.Add(item);
        }

        /// <summary>A list control used only to turn data into items the way the framework does.</summary>
        private sealed class ItemBinder : ListControl
        {
        }

        /// <summary>A copy of an item with its attributes, state and selection.</summary>
        internal static ListItem CopyOf(ListItem item)
        {
            var copy = new ListItem(item.Text, item.Value, item.Enabled) { Selected = item.Selected };
            foreach (string name in item.Attributes.Keys) copy.Attributes[name] = item.Attributes[name];
            return copy;
        }

        /// <summary>Gets whether calls must post __EVENTVALIDATION: a plain list above, or fields named in <see cref="CallbackFieldIDs"/>.</summary>
        protected virtual bool CallbackNeedsEventValidation
        {
            get
            {
                // Only a plain list above (checked with ASP.NET's own event validation) or fields the
                // page author named need it; CascadingDropDown levels check themselves.
                return Channel.DefaultNeedsEventValidation || Ancestors().Any(parent => !(parent is CascadingDropDown));
            }
        }

        /// <summary>The form fields every call posts: the levels above and those named in <see cref="CallbackFieldIDs"/>.</summary>
        /// <returns>Form field names (UniqueIDs).</returns>
        protected virtual IList<string> GetCallbackFieldNames()
        {
            // The handler reads every level above as it stands now, so their fields travel with the call.
            var names = new List<string>(Channel.ResolveFieldNames());
            names.AddRange(Ancestors().Select(parent => parent.UniqueID));
            return names;
        }

        private ClientOptions CreateClientOptions()
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
                Disabled = !IsEnabled,
            };
            if (FilterMode != ListFilterMode.None)
            {
                options.Filter = new CascadingDropDownOptions.FilterOptions
                {
                    Disabled = !IsEnabled,
                    Mode = FilterMode,
                    Delay = FilterDelay,
                    Take = ItemsPerRequest,
                    Text = FilterText,
                    Shown = _renderedMatches,
                    Total = _totalMatches,
                    CountText = Texts.CountMatches,
                    CountOneText = Texts.CountMatchOne,
                    PartialText = Texts.CountPartial,
                    NoMatchesText = Texts.NoMatches,
                };
            }
            options.AddHook("populating", OnClientPopulating);
            options.AddHook("populated", OnClientPopulated);
            options.AddHook("selectionChanged", OnClientSelectionChanged);
            return options;
        }

        /// <summary>Answers a call: the rows offered for the values of the levels above, as posted.</summary>
        /// <param name="e">The call.</param>
        /// <returns>The rows.</returns>
        protected virtual object ProcessCallback(CallbackEventArgs e)
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
            if (FilterMode == ListFilterMode.None) return ToRows(GetItems(ancestors));
            // The list's own FilterMode and ItemsPerRequest decide; the call says only what was typed and how far the user scrolled.
            return GetMatches(ancestors, ReadFilter(e.ClientState), ReadSkip(e.ClientState));
        }

        /// <summary>The typed text a call carries (its state's <c>filter</c>), normalized; empty when none.</summary>
        internal static string ReadFilter(IDictionary<string, object> state)
        {
            if (state == null || !state.TryGetValue("filter", out var raw) || raw == null) return string.Empty;
            if (!(raw is string typed)) throw new CallbackRequestException("The call's filter is not text.");
            return ListFilter.Normalize(typed);
        }

        /// <summary>How many matches a call says the list already shows (its state's <c>skip</c>); 0 when none.</summary>
        internal static int ReadSkip(IDictionary<string, object> state)
        {
            if (state == null || !state.TryGetValue("skip", out var raw) || raw == null) return 0;
            // A number as the client writes it; text or a boolean is not converted, as the page method's take is not.
            if (!(raw is int || raw is long || raw is double || raw is decimal)) throw new CallbackRequestException("The call's skip is not a number.");
            var skip = Convert.ToDouble(raw, CultureInfo.InvariantCulture);
            if (skip < 0 || skip > int.MaxValue || Math.Floor(skip) != skip) throw new CallbackRequestException("The call's skip is not a count of items.");
            return (int)skip;
        }

        /// <summary>The reply to a call: a row per item (the client knows which chain it asked for).</summary>
        internal static ListRows ToRows(ListItemCollection items) => new ListRows(items);

        private Action<CascadingDropDownPopulateEventArgs> FindServiceMethod() =>
            PageMethods.Find<CascadingDropDownPopulateEventArgs>(Page.GetType(), ServiceMethod, ID);
    }
}
