using System;
using System.Collections;
using System.Collections.Generic;
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
    /// <see cref="Populate"/> event or from a data source (<see cref="DataBoundControl.DataSourceID"/> with a
    /// ControlParameter naming the parent). A posted value is accepted only if the server would offer
    /// it for the posted parent, so event validation stays on.
    /// </summary>
    /// <remarks>
    /// A <see cref="ListControl"/>, so AutoPostBack, SelectedIndexChanged, data binding and item attributes
    /// are the framework's; the callback plumbing is a <c>CallbackChannel</c> it owns, as every callback
    /// control does. It writes its own <c>select</c> (one row, a drop-down, unless <see cref="Rows"/> is
    /// above 0) the same way on .NET and Mono. The selection is checked by this control against the items
    /// offered for the posted parent, not by ASP.NET's event validation: the items filled by callback were
    /// never rendered, and event validation only knows rendered values. The prompt is a real first item.
    /// The class is split by concern: the chain and its items (<c>.Items.cs</c>), the posted selection
    /// (<c>.PostedSelection.cs</c>), the markup (<c>.Rendering.cs</c>) and the callback (<c>.Callback.cs</c>).
    /// </remarks>
    [DefaultEvent("Populate")]
    [DefaultProperty("ParentControlID")]
    [ValidationProperty("SelectedValue")]
    [ToolboxData("<{0}:CascadingDropDown runat=\"server\" ParentControlID=\"\" PromptText=\"Choose...\" OnPopulate=\"\" />")]
    public partial class CascadingDropDown : ListControl, IPostBackDataHandler, IValidator, ICallbackEventHandler, ICallbackOwner
    {
        private static readonly object EventPopulate = new object();

        private readonly Dictionary<string, ListItemCollection> _itemsByAncestors = new Dictionary<string, ListItemCollection>(StringComparer.Ordinal);
        private string[] _postedValues;
        private bool _postedValuesChecked;
        private bool _selectionChanged;
        private bool _rejected;
        private CallbackChannel _channel;

        /// <summary>Occurs when the list needs its items for the values chosen above it.</summary>
        [Category("Data")]
        [Description("Raised to fill the list for the values chosen in the levels above it.")]
        public event CascadingDropDownPopulateEventHandler Populate
        {
            add { Events.AddHandler(EventPopulate, value); }
            remove { Events.RemoveHandler(EventPopulate, value); }
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

        /// <summary>Gets or sets the text shown while the items are being fetched. Default: "Loading..." in the request's UI language.</summary>
        [Category("Appearance")]
        [DefaultValue("Loading...")]
        [Localizable(true)]
        [Description("Text shown in the list while its items are fetched.")]
        public string LoadingText
        {
            get => (string)ViewState[nameof(LoadingText)] ?? Texts.Loading;
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
        /// Gets or sets the value of the <see cref="EmptyText"/> item, shown when the chosen parent has no
        /// items (the toolkit's EmptyValue). It never counts as a choice. Default: empty.
        /// </summary>
        [Category("Appearance")]
        [DefaultValue("")]
        [Description("Value of the EmptyText item; never counts as a choice.")]
        public string EmptyValue
        {
            get => (string)ViewState[nameof(EmptyValue)] ?? string.Empty;
            set => ViewState[nameof(EmptyValue)] = value;
        }

        /// <summary>
        /// Gets or sets a value the page chooses for the list (a customer, a tenant), handed to the
        /// <see cref="Populate"/> handler or page method as <see cref="CascadingDropDownPopulateEventArgs.ContextKey"/>.
        /// A page method receives it from the call, bound into the call's signed token, so a caller cannot
        /// substitute another; set it on every request (markup, Page_Init or Page_Load), not only the first.
        /// Default: empty.
        /// </summary>
        [Category("Behavior")]
        [DefaultValue("")]
        [Description("A value handed to the Populate handler or page method as e.ContextKey; signed for page methods.")]
        public string ContextKey
        {
            get => (string)ViewState[nameof(ContextKey)] ?? string.Empty;
            set => ViewState[nameof(ContextKey)] = value;
        }

        /// <summary>
        /// Gets or sets what the list's status region announces once it is filled, <c>{0}</c> standing
        /// for the number of items (after the list's label: "Region: 12 items"). Default: "{0} items"
        /// ("{0} item" for one) in the request's UI language.
        /// </summary>
        [Category("Appearance")]
        [DefaultValue("")]
        [Localizable(true)]
        [Description("What is announced once the list is filled; {0} is the number of items. Empty for the default.")]
        public string CountText
        {
            get => (string)ViewState[nameof(CountText)] ?? string.Empty;
            set => ViewState[nameof(CountText)] = value;
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

        /// <summary>Gets or sets the text of the button shown to browsers without script to refresh the list after choosing a parent. Default: "Update" in the request's UI language.</summary>
        [Category("Appearance")]
        [DefaultValue("Update")]
        [Localizable(true)]
        [Description("Text of the refresh button shown only when script is off.")]
        public string NoScriptButtonText
        {
            get => (string)ViewState[nameof(NoScriptButtonText)] ?? Texts.NoScriptUpdate;
            set => ViewState[nameof(NoScriptButtonText)] = value;
        }

        /// <summary>
        /// Gets or sets the name of a <c>[CallbackMethod] public static void Name(CascadingDropDownPopulateEventArgs e)</c>
        /// method of the page that supplies the items. Calls are then answered by it without building the
        /// page (the fast path), and a posted value is still checked against what it offers for the posted
        /// parent. Default: empty.
        /// </summary>
        [Category("Data")]
        [DefaultValue("")]
        [Description("A [CallbackMethod] static method of the page supplying the items; calls then skip building the page.")]
        public string ServiceMethod
        {
            get => (string)ViewState[nameof(ServiceMethod)] ?? string.Empty;
            set => ViewState[nameof(ServiceMethod)] = value;
        }


        /// <summary>
        /// Gets or sets whether the user finds items by typing, and how typed text matches an item's text:
        /// a text box before the list sends what is typed to the server (<see cref="CascadingDropDownPopulateEventArgs.Filter"/>),
        /// and the list shows the first <see cref="ItemsPerRequest"/> matches, more as the user scrolls. The
        /// list stays a real select; a postback renders only the chosen items and the first page, so a level
        /// of tens of thousands of items costs the page nothing until it is searched. Default: None (every item).
        /// </summary>
        [Category("Behavior")]
        [DefaultValue(ListFilterMode.None)]
        [Description("None, StartsWith or Contains: the user finds items by typing, the server filters them.")]
        public ListFilterMode FilterMode
        {
            get => (ListFilterMode?)ViewState[nameof(FilterMode)] ?? ListFilterMode.None;
            set
            {
                if (!Enum.IsDefined(typeof(ListFilterMode), value)) throw new ArgumentOutOfRangeException(nameof(value), value, "FilterMode is None, StartsWith or Contains.");
                ViewState[nameof(FilterMode)] = value;
            }
        }

        /// <summary>
        /// Gets or sets how many matching items one call brings when <see cref="FilterMode"/> is on (the
        /// handler's <see cref="CascadingDropDownPopulateEventArgs.Take"/>); scrolling past them asks for the next
        /// ones. Default: 100.
        /// </summary>
        [Category("Behavior")]
        [DefaultValue(DefaultItemsPerRequest)]
        [Description("Matching items shown at once when FilterMode is on; more load as the user scrolls.")]
        public int ItemsPerRequest
        {
            get => (int?)ViewState[nameof(ItemsPerRequest)] ?? DefaultItemsPerRequest;
            set
            {
                if (value < 1 || value > MaxItemsPerRequest)
                    throw new ArgumentOutOfRangeException(nameof(value), value, "ItemsPerRequest is from 1 to " + MaxItemsPerRequest.ToString(CultureInfo.InvariantCulture) + ".");
                ViewState[nameof(ItemsPerRequest)] = value;
            }
        }

        /// <summary>
        /// Gets or sets how long, in milliseconds, the list waits after the last key typed in its text box
        /// before it asks the server, so a word typed quickly costs one call. Default: 250.
        /// </summary>
        [Category("Behavior")]
        [DefaultValue(DefaultFilterDelay)]
        [Description("Milliseconds after the last key typed before the list asks the server.")]
        public int FilterDelay
        {
            get => (int?)ViewState[nameof(FilterDelay)] ?? DefaultFilterDelay;
            set
            {
                if (value < 0) throw new ArgumentOutOfRangeException(nameof(value), value, "FilterDelay cannot be negative.");
                ViewState[nameof(FilterDelay)] = value;
            }
        }

        /// <summary>
        /// Gets or sets the text in the list's find box: on a postback what the user had typed, so the list
        /// renders the same matches. Empty when <see cref="FilterMode"/> is None.
        /// </summary>
        [Browsable(false)]
        [DesignerSerializationVisibility(DesignerSerializationVisibility.Hidden)]
        public string FilterText
        {
            get => _filterText ?? string.Empty;
            set => _filterText = value;
        }

        private const int DefaultItemsPerRequest = 100;
        private const int DefaultFilterDelay = 250;

        /// <summary>The most items one call may ask for, so a call cannot make the server write a whole large level at once.</summary>
        internal const int MaxItemsPerRequest = 1000;

        private string _filterText;

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

        /// <summary>Gets or sets the message used when a posted value is rejected. Default: a sentence naming no value, in the request's UI language.</summary>
        [Category("Behavior")]
        [DefaultValue("The selected item is not available for the chosen parent. Please choose again.")]
        [Localizable(true)]
        [Description("Message shown when a posted value is not one the server offers for the posted parent.")]
        public string ErrorMessage
        {
            get => (string)ViewState[nameof(ErrorMessage)] ?? Texts.RejectedSelection;
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

        /// <summary>Gets the client type the runtime creates for the list.</summary>
        protected virtual string ClientControlType => "cascadingdropdown";

        /// <summary>The logical name of the list's client type; it needs the runtime loaded first.</summary>
        internal const string ScriptResource = "CallbackControls.CascadingDropDown.CascadingDropDown.js";

        private static IEnumerable<string> GetScriptResources() => ClientResources.WithRuntime(ScriptResource);

        /// <inheritdoc />
        protected override void OnInit(EventArgs e)
        {
            base.OnInit(e);
            Channel.OnInit();
            Page?.Validators.Add(this);
            // Items written in markup stay, before the items offered, with AppendDataBoundItems (as in a DropDownList).
            _declaredItems = Items.Cast<ListItem>().ToArray();
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
            Channel.OnPreRender();
            if (SelectionMode == ListSelectionMode.Multiple && Rows == 0)
                throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                    "CascadingDropDown '{0}' allows multiple selection, which needs a list box: set Rows to 1 or more.", ID));
            EnsureItemSource();
            // A missing or misshapen method fails here, naming what to write, not at the first call.
            if (ServiceMethod.Length > 0 && Events[EventPopulate] == null && Page != null) FindServiceMethod();
            CheckPostedValues();
            EnsureItems();
            SettleFilterText();
            if (_rejected) Channel.StatusErrorText = ErrorMessage;
        }
    }
}
