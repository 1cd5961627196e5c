// Over 500 lines until the list composes a real DropDownList (issue 12): it still renders, reads and validates its own <select>.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.ComponentModel;
using System.Globalization;
using System.Linq;
using System.Web.UI;
using System.Web.UI.WebControls;

namespace CallbackControls
{
    /// <summary>
    /// A list whose items depend on the value chosen in a parent list (Country → Region → City).
    /// Choosing a parent fills this list from the server by callback; a chain of any depth works and
    /// changing a level clears and refills every level below it. Items come from the
    /// <see cref="Populate"/> event or from a data source (<see cref="DataSourceID"/> with a
    /// ControlParameter naming the parent). A posted value is accepted only if the server would offer
    /// it for the posted parent, so event validation stays on.
    /// </summary>
    [DefaultEvent("Populate")]
    [DefaultProperty("ParentControlID")]
    [ValidationProperty("SelectedValue")]
    [ToolboxData("<{0}:CascadingDropDown runat=\"server\" ParentControlID=\"\" PromptText=\"Choose...\" OnPopulate=\"\" />")]
    public class CascadingDropDown : CallbackControlBase, IPostBackDataHandler, IValidator
    {
        private static readonly object EventPopulate = new object();
        private static readonly object EventSelectedIndexChanged = new object();

        private readonly Dictionary<string, ListItemCollection> _itemsByAncestors = new Dictionary<string, ListItemCollection>(StringComparer.Ordinal);
        private string[] _postedValues;
        private bool _postedValuesChecked;
        private bool _selectionChanged;
        private bool _rejected;
        private object _dataSource;

        /// <summary>Occurs when the list needs its items for the values chosen above it.</summary>
        [Category("Data")]
        [Description("Raised to fill the list for the values chosen in the levels above it.")]
        public event CascadingDropDownPopulateEventHandler Populate
        {
            add { Events.AddHandler(EventPopulate, value); }
            remove { Events.RemoveHandler(EventPopulate, value); }
        }

        /// <summary>Occurs on a postback when the selection differs from the one the page last rendered.</summary>
        [Category("Action")]
        [Description("Raised on a postback when the selection changed.")]
        public event EventHandler SelectedIndexChanged
        {
            add { Events.AddHandler(EventSelectedIndexChanged, value); }
            remove { Events.RemoveHandler(EventSelectedIndexChanged, value); }
        }

        /// <summary>
        /// Gets or sets the ID of the parent list: a DropDownList, ListBox or another CascadingDropDown.
        /// Default: empty, which makes this the top level of a chain.
        /// </summary>
        [Category("Behavior")]
        [DefaultValue("")]
        [IDReferenceProperty(typeof(ListControl))]
        [TypeConverter(typeof(ControlIDConverter))]
        [Description("ID of the list whose value this list depends on; empty for the top level.")]
        public string ParentControlID
        {
            get => (string)ViewState[nameof(ParentControlID)] ?? string.Empty;
            set => ViewState[nameof(ParentControlID)] = value;
        }

        /// <summary>Gets or sets the text of the first item that asks the user to choose. Default: empty (no prompt item).</summary>
        [Category("Appearance")]
        [DefaultValue("")]
        [Localizable(true)]
        [Description("Text of the first item that asks the user to choose; empty for none.")]
        public string PromptText
        {
            get => (string)ViewState[nameof(PromptText)] ?? string.Empty;
            set => ViewState[nameof(PromptText)] = value;
        }

        /// <summary>Gets or sets the value of the prompt item. Default: empty.</summary>
        [Category("Appearance")]
        [DefaultValue("")]
        [Description("Value of the prompt item.")]
        public string PromptValue
        {
            get => (string)ViewState[nameof(PromptValue)] ?? string.Empty;
            set => ViewState[nameof(PromptValue)] = value;
        }

        /// <summary>Gets or sets the text shown while the items are being fetched. Default: "Loading...".</summary>
        [Category("Appearance")]
        [DefaultValue("Loading...")]
        [Localizable(true)]
        [Description("Text shown in the list while its items are fetched.")]
        public string LoadingText
        {
            get => (string)ViewState[nameof(LoadingText)] ?? "Loading...";
            set => ViewState[nameof(LoadingText)] = value;
        }

        /// <summary>Gets or sets the text shown when there are no items for the chosen parent. Default: empty.</summary>
        [Category("Appearance")]
        [DefaultValue("")]
        [Localizable(true)]
        [Description("Text shown when the chosen parent has no items.")]
        public string EmptyText
        {
            get => (string)ViewState[nameof(EmptyText)] ?? string.Empty;
            set => ViewState[nameof(EmptyText)] = value;
        }

        /// <summary>
        /// Gets or sets how many rows are shown: 0 renders a drop-down list, more renders a list box of
        /// that height. Default: 0.
        /// </summary>
        [Category("Appearance")]
        [DefaultValue(0)]
        [Description("0 for a drop-down list; more for a list box showing that many rows.")]
        public int Rows
        {
            get => (int?)ViewState[nameof(Rows)] ?? 0;
            set
            {
                if (value < 0) throw new ArgumentOutOfRangeException(nameof(value), value, "Rows cannot be negative.");
                ViewState[nameof(Rows)] = value;
            }
        }

        /// <summary>
        /// Gets or sets whether several items can be selected (list boxes only; a multiple-selection list
        /// cannot be the parent of another). Default: Single.
        /// </summary>
        [Category("Behavior")]
        [DefaultValue(ListSelectionMode.Single)]
        [Description("Single or Multiple selection; Multiple needs Rows > 0.")]
        public ListSelectionMode SelectionMode
        {
            get => (ListSelectionMode?)ViewState[nameof(SelectionMode)] ?? ListSelectionMode.Single;
            set => ViewState[nameof(SelectionMode)] = value;
        }

        /// <summary>Gets or sets whether the browser keeps fetched items per parent value, so going back to a parent costs no call. Default: true.</summary>
        [Category("Behavior")]
        [DefaultValue(true)]
        [Description("Keep fetched items in the browser per parent value.")]
        public bool EnableClientCache
        {
            get => (bool?)ViewState[nameof(EnableClientCache)] ?? true;
            set => ViewState[nameof(EnableClientCache)] = value;
        }

        /// <summary>Gets or sets the text of the button shown to browsers without script to refresh the list after choosing a parent. Default: "Update".</summary>
        [Category("Appearance")]
        [DefaultValue("Update")]
        [Localizable(true)]
        [Description("Text of the refresh button shown only when script is off.")]
        public string NoScriptButtonText
        {
            get => (string)ViewState[nameof(NoScriptButtonText)] ?? "Update";
            set => ViewState[nameof(NoScriptButtonText)] = value;
        }

        /// <summary>Gets or sets the ID of a data source control (SqlDataSource, ObjectDataSource...) that supplies the items. Default: empty.</summary>
        [Category("Data")]
        [DefaultValue("")]
        [IDReferenceProperty(typeof(DataSourceControl))]
        [Description("ID of the data source control supplying the items.")]
        public string DataSourceID
        {
            get => (string)ViewState[nameof(DataSourceID)] ?? string.Empty;
            set => ViewState[nameof(DataSourceID)] = value;
        }

        /// <summary>
        /// Gets or sets an object supplying the items (an IEnumerable, a DataTable or DataSet). It is not
        /// kept between requests: set it on every request, callbacks included. Default: null.
        /// </summary>
        [Browsable(false)]
        [DesignerSerializationVisibility(DesignerSerializationVisibility.Hidden)]
        [Bindable(true)]
        public object DataSource
        {
            get => _dataSource;
            set
            {
                if (value != null && !(value is IEnumerable) && !(value is IListSource))
                    throw new ArgumentException("DataSource must be an IEnumerable or an IListSource (DataTable, DataSet).", nameof(value));
                _dataSource = value;
                _itemsByAncestors.Clear();
            }
        }

        /// <summary>Gets or sets the field of each data item shown as its text. Default: empty (the item itself).</summary>
        [Category("Data")]
        [DefaultValue("")]
        [Description("Field of each data item shown as its text.")]
        public string DataTextField
        {
            get => (string)ViewState[nameof(DataTextField)] ?? string.Empty;
            set => ViewState[nameof(DataTextField)] = value;
        }

        /// <summary>Gets or sets the field of each data item used as its value. Default: empty (the text).</summary>
        [Category("Data")]
        [DefaultValue("")]
        [Description("Field of each data item used as its value.")]
        public string DataValueField
        {
            get => (string)ViewState[nameof(DataValueField)] ?? string.Empty;
            set => ViewState[nameof(DataValueField)] = value;
        }

        /// <summary>Gets or sets the client hook run before items are fetched; <c>e.cancel = true</c> skips the fetch. Default: empty.</summary>
        [Category("Client Side")]
        [DefaultValue("")]
        [Description("Script (or function name) run before items are fetched; e.cancel = true skips it.")]
        public string OnClientPopulating
        {
            get => (string)ViewState[nameof(OnClientPopulating)] ?? string.Empty;
            set => ViewState[nameof(OnClientPopulating)] = value;
        }

        /// <summary>Gets or sets the client hook run after the list was filled; <c>e.items</c> holds the items. Default: empty.</summary>
        [Category("Client Side")]
        [DefaultValue("")]
        [Description("Script (or function name) run after the list was filled.")]
        public string OnClientPopulated
        {
            get => (string)ViewState[nameof(OnClientPopulated)] ?? string.Empty;
            set => ViewState[nameof(OnClientPopulated)] = value;
        }

        /// <summary>Gets or sets the client hook run when the user changes the selection; <c>e.value</c> holds it. Default: empty.</summary>
        [Category("Client Side")]
        [DefaultValue("")]
        [Description("Script (or function name) run when the selection changes.")]
        public string OnClientSelectionChanged
        {
            get => (string)ViewState[nameof(OnClientSelectionChanged)] ?? string.Empty;
            set => ViewState[nameof(OnClientSelectionChanged)] = value;
        }

        /// <summary>
        /// Gets or sets the selected value; empty when nothing (or the prompt) is selected. On a postback
        /// it is the posted value once the server has checked it is offered for the posted parent.
        /// </summary>
        [Category("Behavior")]
        [DefaultValue("")]
        [Bindable(true, BindingDirection.TwoWay)]
        [Themeable(false)]
        [Description("The selected value.")]
        public string SelectedValue
        {
            get
            {
                var values = SelectedValues;
                return values.Length == 0 ? string.Empty : values[0];
            }
            set => StoredSelection = string.IsNullOrEmpty(value) ? new string[0] : new[] { value };
        }

        /// <summary>Gets or sets every selected value (several with <see cref="ListSelectionMode.Multiple"/>).</summary>
        [Browsable(false)]
        [DesignerSerializationVisibility(DesignerSerializationVisibility.Hidden)]
        public string[] SelectedValues
        {
            get
            {
                CheckPostedValues();
                return (string[])StoredSelection.Clone();
            }
            set => StoredSelection = (value ?? new string[0]).Where(v => !string.IsNullOrEmpty(v)).ToArray();
        }

        /// <summary>Gets the selected item (text and value) among the items offered for the current parent, or null.</summary>
        [Browsable(false)]
        [DesignerSerializationVisibility(DesignerSerializationVisibility.Hidden)]
        public ListItem SelectedItem
        {
            get
            {
                var value = SelectedValue;
                return value.Length == 0 ? null : GetItems()?.FindByValue(value);
            }
        }

        private string[] StoredSelection
        {
            get => (string[])ViewState["Selection"] ?? new string[0];
            set => ViewState["Selection"] = value;
        }

        /// <summary>Gets or sets the message used when a posted value is rejected. Default: a sentence naming no value.</summary>
        [Category("Behavior")]
        [DefaultValue("The selected item is not available for the chosen parent. Please choose again.")]
        [Localizable(true)]
        [Description("Message shown when a posted value is not one the server offers for the posted parent.")]
        public string ErrorMessage
        {
            get => (string)ViewState[nameof(ErrorMessage)] ?? "The selected item is not available for the chosen parent. Please choose again.";
            set => ViewState[nameof(ErrorMessage)] = value;
        }

        /// <summary>Gets whether the posted selection was accepted; false when it was rejected. Part of <see cref="IValidator"/>, so <c>Page.IsValid</c> reflects it.</summary>
        [Browsable(false)]
        [DesignerSerializationVisibility(DesignerSerializationVisibility.Hidden)]
        public bool IsValid
        {
            get
            {
                CheckPostedValues();
                return !_rejected;
            }
            set { /* Validity follows the posted value alone; IValidator requires a setter. */ }
        }

        /// <inheritdoc />
        protected override string ClientControlType => "cascadingdropdown";

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
        protected virtual bool HasItemSource => Events[EventPopulate] != null || !string.IsNullOrEmpty(DataSourceID) || _dataSource != null;

        private void EnsureItemSource()
        {
            // Without a source the list would stay disabled and empty with no word why.
            if (!HasItemSource)
                throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                    "CascadingDropDown '{0}' has nothing to fill it: handle its Populate event (OnPopulate=\"{0}_Populate\" in markup) " +
                    "or set DataSourceID (or DataSource, with DataTextField and DataValueField).", ID));
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
            var e = new CascadingDropDownPopulateEventArgs(ancestorValues, items);
            if (Events[EventPopulate] != null)
            {
                OnPopulate(e);
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

        /// <summary>Raises <see cref="SelectedIndexChanged"/>.</summary>
        /// <param name="e">Empty event data.</param>
        protected virtual void OnSelectedIndexChanged(EventArgs e)
        {
            ((EventHandler)Events[EventSelectedIndexChanged])?.Invoke(this, e);
        }

        private void AddDataSourceItems(ListItemCollection items)
        {
            IEnumerable data = null;
            if (!string.IsNullOrEmpty(DataSourceID))
            {
                var source = FindReferencedControl(DataSourceID) as IDataSource
                    ?? throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                        "DataSourceID of CascadingDropDown '{0}' names '{1}', which is not a data source control.", ID, DataSourceID));
                // Data source controls answer synchronously; parameters (a ControlParameter on the
                // parent) are read now, so they see the parent's current value.
                source.GetView(string.Empty).Select(DataSourceSelectArguments.Empty, result => data = result);
            }
            else if (_dataSource is IListSource listSource)
            {
                data = listSource.GetList();
            }
            else
            {
                data = _dataSource as IEnumerable;
            }
            if (data == null) return;

            var textField = DataTextField;
            var valueField = DataValueField;
            foreach (var item in data)
            {
                var text = string.IsNullOrEmpty(textField) ? Convert.ToString(item, CultureInfo.CurrentCulture) : DataBinder.GetPropertyValue(item, textField, null);
                var value = string.IsNullOrEmpty(valueField) ? text : DataBinder.GetPropertyValue(item, valueField, null);
                items.Add(new ListItem(text ?? string.Empty, value ?? string.Empty));
            }
        }

        /// <inheritdoc />
        protected override void OnInit(EventArgs e)
        {
            base.OnInit(e);
            Page?.Validators.Add(this);
        }

        /// <inheritdoc />
        protected override void OnUnload(EventArgs e)
        {
            Page?.Validators.Remove(this);
            base.OnUnload(e);
        }

        /// <inheritdoc />
        protected override void OnPreRender(EventArgs e)
        {
            base.OnPreRender(e);
            ClientResources.Register(this, ClientResources.CascadingDropDownScript);
            if (SelectionMode == ListSelectionMode.Multiple && Rows == 0)
                throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                    "CascadingDropDown '{0}' allows multiple selection, which needs a list box: set Rows to 1 or more.", ID));
            EnsureItemSource();
            CheckPostedValues();
            if (_rejected) StatusErrorText = ErrorMessage;
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
                throw new CallbackException(string.Format(CultureInfo.CurrentCulture,
                    "The value chosen in '{0}' is not one the server offers, so '{1}' cannot be filled. Choose it again.", refused.ID, ID));
            }
            var items = GetItems(ancestors);
            var rows = new List<string[]>(items?.Count ?? 0);
            if (items != null)
            {
                foreach (ListItem item in items) rows.Add(new[] { item.Text, ListValueCodec.Encode(item.Value) });
            }
            // Just the [text, value] pairs: the client knows which chain it asked for.
            return rows;
        }

        /// <summary>Checks the posted selection against the items offered for the posted parent, once per request.</summary>
        private void CheckPostedValues()
        {
            if (_postedValues == null || _postedValuesChecked) return;
            _postedValuesChecked = true;

            var previous = StoredSelection;
            var posted = _postedValues.Where(v => !string.IsNullOrEmpty(v) && !(PromptText.Length > 0 && v == PromptValue)).ToArray();
            if (SelectionMode == ListSelectionMode.Single && posted.Length > 1) posted = new[] { posted[0] };
            string[] accepted = new string[0];
            if (posted.Length > 0)
            {
                var items = GetItems();
                if (items != null && posted.All(v => items.FindByValue(v) != null))
                {
                    accepted = posted;
                }
                else
                {
                    _rejected = true;
                }
            }
            StoredSelection = accepted;
            _selectionChanged = !previous.SequenceEqual(accepted);
        }

        bool IPostBackDataHandler.LoadPostData(string postDataKey, NameValueCollection postCollection) => LoadPostData(postDataKey, postCollection);

        void IPostBackDataHandler.RaisePostDataChangedEvent() => RaisePostDataChangedEvent();

        /// <summary>
        /// Records the posted selection. It is checked later, when first read or when change events
        /// are raised, because a parent list may load its own posted value after this one.
        /// </summary>
        /// <param name="postDataKey">The field name (this control's UniqueID).</param>
        /// <param name="postCollection">The posted form.</param>
        /// <returns>True: whether the selection changed is known only once it has been checked.</returns>
        protected virtual bool LoadPostData(string postDataKey, NameValueCollection postCollection)
        {
            if (postCollection == null) throw new ArgumentNullException(nameof(postCollection));
            // A value that does not decode was tampered with: it stays in the list (as an impossible
            // value) so the check below rejects it instead of dropping it silently.
            _postedValues = (postCollection.GetValues(postDataKey) ?? new string[0])
                .Select(v => ListValueCodec.Decode(v) ?? "\u0000invalid").ToArray();
            _postedValuesChecked = false;
            _rejected = false;
            return true;
        }

        /// <summary>Raises <see cref="SelectedIndexChanged"/> when the checked selection differs from the last rendered one.</summary>
        protected virtual void RaisePostDataChangedEvent()
        {
            CheckPostedValues();
            if (_selectionChanged) OnSelectedIndexChanged(EventArgs.Empty);
        }

        void IValidator.Validate() => CheckPostedValues();

        /// <summary>
        /// Writes the wrapper the client runtime starts from. The select itself carries the ClientID, so
        /// <c>&lt;asp:Label AssociatedControlID="..."&gt;</c> and CSS written for a DropDownList keep working.
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
        protected override void RenderContents(HtmlTextWriter writer)
        {
            var parent = FindParentControl();
            var items = GetItems();
            var selected = new HashSet<string>(SelectedValues, StringComparer.Ordinal);
            bool waiting = items == null;
            bool empty = items != null && items.Count == 0;

            // A disabled select posts nothing, which would leave the last selection standing; this
            // empty field under the same name always posts, so LoadPostData always runs. (Cheaper than
            // RegisterRequiresPostBack, which Mono keeps in the ViewState with the binary formatter.)
            writer.AddAttribute(HtmlTextWriterAttribute.Type, "hidden");
            writer.AddAttribute(HtmlTextWriterAttribute.Name, UniqueID);
            writer.AddAttribute(HtmlTextWriterAttribute.Value, string.Empty);
            writer.RenderBeginTag(HtmlTextWriterTag.Input);
            writer.RenderEndTag();

            writer.AddAttribute(HtmlTextWriterAttribute.Id, ClientID);
            writer.AddAttribute(HtmlTextWriterAttribute.Name, UniqueID);
            if (Rows > 0) writer.AddAttribute(HtmlTextWriterAttribute.Size, Rows.ToString(CultureInfo.InvariantCulture));
            if (SelectionMode == ListSelectionMode.Multiple) writer.AddAttribute(HtmlTextWriterAttribute.Multiple, "multiple");
            if (!IsEnabled || waiting || empty) writer.AddAttribute(HtmlTextWriterAttribute.Disabled, "disabled");
            if (!string.IsNullOrEmpty(ToolTip)) writer.AddAttribute(HtmlTextWriterAttribute.Title, ToolTip);
            if (TabIndex != 0) writer.AddAttribute(HtmlTextWriterAttribute.Tabindex, TabIndex.ToString(CultureInfo.InvariantCulture));
            if (!string.IsNullOrEmpty(AccessKey)) writer.AddAttribute(HtmlTextWriterAttribute.Accesskey, AccessKey);
            if (_rejected) writer.AddAttribute("aria-invalid", "true");
            if (ControlStyleCreated) ControlStyle.AddAttributesToRender(writer, this);
            foreach (string key in Attributes.Keys) writer.AddAttribute(key, Attributes[key]);
            writer.RenderBeginTag(HtmlTextWriterTag.Select);

            if (empty && EmptyText.Length > 0)
            {
                RenderOption(writer, EmptyText, string.Empty, true);
            }
            else
            {
                if (PromptText.Length > 0) RenderOption(writer, PromptText, PromptValue, selected.Count == 0);
                if (items != null)
                {
                    foreach (ListItem item in items) RenderOption(writer, item.Text, item.Value, selected.Contains(item.Value));
                }
            }
            writer.RenderEndTag();

            if (parent != null && NoScriptButtonText.Length > 0)
            {
                // Without script nothing posts when the parent changes; this button does it by hand.
                writer.RenderBeginTag(HtmlTextWriterTag.Noscript);
                writer.AddAttribute(HtmlTextWriterAttribute.Type, "submit");
                writer.AddAttribute(HtmlTextWriterAttribute.Name, UniqueID + "$Refresh");
                writer.AddAttribute(HtmlTextWriterAttribute.Value, NoScriptButtonText);
                writer.RenderBeginTag(HtmlTextWriterTag.Input);
                writer.RenderEndTag();
                writer.RenderEndTag();
            }

            base.RenderContents(writer);
        }

        private static void RenderOption(HtmlTextWriter writer, string text, string value, bool selected)
        {
            // Written flat: the writer's indentation would become part of each option's text.
            writer.Write("<option value=\"");
            writer.Write(System.Web.HttpUtility.HtmlAttributeEncode(ListValueCodec.Encode(value)));
            writer.Write(selected ? "\" selected=\"selected\">" : "\">");
            writer.WriteEncodedText(text);
            writer.Write("</option>");
        }
    }
}
