using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.ComponentModel;
using System.Linq;
using System.Web.UI;
using System.Web.UI.WebControls;

namespace CallbackControls
{
    // The selection: Items holds the prompt and the items offered for the current values above, filled
    // when first needed and again when a level above changes; a posted selection is recorded at
    // LoadPostData and checked against the items offered for the posted parent when first read.
    public partial class CascadingDropDown
    {
        private const string WaitingKey = "\u0000waiting";
        private const string SelectionKey = "Selection";

        private ListItem[] _declaredItems;
        private string _itemsKey;
        private string[] _pending;
        private string[] _previous;
        private string[] _unmatched;
        private bool _keptWhileDisabled;
        private bool _filterTypedWithScript;
        private string _filterRenderedFor;
        private const string FilterForKey = "FilterFor";

        /// <summary>
        /// A posted find text is for the values above it was typed under: when a level above changed on the
        /// server (the page's code, or the no-script Update button) it is dropped, as the browser drops it on
        /// a parent change, so the new parent's list is not filtered by a text typed for another. The values
        /// above as rendered are kept in ViewState for the next postback.
        /// </summary>
        private void SettleFilterText()
        {
            if (FilterMode == ListFilterMode.None) return;
            if (!string.IsNullOrEmpty(_filterText))
            {
                var typedFor = _filterTypedWithScript ? PostedChainKey() : _filterRenderedFor;
                if (typedFor != null && typedFor != _itemsKey) _filterText = string.Empty;
            }
            _filterTypedWithScript = false;
            _filterRenderedFor = null;
            ViewState[FilterForKey] = _itemsKey;
        }

        /// <summary>
        /// The values above as the browser posted them, in the form of <c>_itemsKey</c>, read from the posted
        /// fields alone (no source is asked); null when this request posted no such chain.
        /// </summary>
        private string PostedChainKey()
        {
            var page = Page;
            if (page == null || !page.IsPostBack) return null;
            var values = new List<string>();
            foreach (var parent in Ancestors())
            {
                string value = parent is CascadingDropDown cascading
                    ? (cascading._postedValues != null && cascading._postedValues.Length > 0 ? cascading._postedValues.FirstOrDefault(v => !string.IsNullOrEmpty(v) && v != cascading.PromptValue) ?? string.Empty : string.Empty)
                    : page.Request.Form[parent.UniqueID] ?? string.Empty;
                values.Insert(0, value);
            }
            return ChainKey(values);
        }
        private ListItem _promptItem;
        private ListItem _emptyItem;

        /// <summary>
        /// Gets or sets the index of the selected item in <see cref="ListControl.Items"/>, which holds the
        /// prompt item first when <see cref="PromptText"/> is set: with the prompt chosen (or nothing), the
        /// index is 0, as in a DropDownList whose first item is a prompt; -1 when nothing is selected and
        /// there is no prompt.
        /// </summary>
        [Browsable(false)]
        [DesignerSerializationVisibility(DesignerSerializationVisibility.Hidden)]
        public override int SelectedIndex
        {
            get
            {
                Prepare();
                return base.SelectedIndex;
            }
            set
            {
                Prepare();
                if (value < -1 || value >= Items.Count) throw new ArgumentOutOfRangeException(nameof(value), value, "SelectedIndex is not the index of an item.");
                SetChoices(value < 0 || IsPlaceholder(Items[value]) ? new string[0] : new[] { Items[value].Value });
            }
        }

        /// <summary>
        /// Gets or sets the selected value. With the prompt chosen it is <see cref="PromptValue"/> (empty by
        /// default), as a DropDownList's first prompt item gives; empty when nothing is selected. On a
        /// postback it is the posted value once the server has checked it is offered for the posted parent.
        /// A value set before the items for the current parent are known is kept and chosen once they are.
        /// </summary>
        [Bindable(true, BindingDirection.TwoWay)]
        [Browsable(false)]
        [DesignerSerializationVisibility(DesignerSerializationVisibility.Hidden)]
        [Themeable(false)]
        [Category("Behavior")]
        [DefaultValue("")]
        [Description("The selected value.")]
        public override string SelectedValue
        {
            get
            {
                Prepare();
                return base.SelectedValue;
            }
            set => SetChoices(string.IsNullOrEmpty(value) ? new string[0] : new[] { value });
        }

        /// <summary>
        /// Gets the selected item among <see cref="ListControl.Items"/>: the prompt item (value
        /// <see cref="PromptValue"/>) when the prompt is chosen, as in a DropDownList whose first item is a
        /// prompt; null when nothing is selected and there is no prompt.
        /// </summary>
        [Browsable(false)]
        [DesignerSerializationVisibility(DesignerSerializationVisibility.Hidden)]
        public override ListItem SelectedItem
        {
            get
            {
                Prepare();
                return base.SelectedItem;
            }
        }

        /// <summary>
        /// Gets or sets every chosen value (several with <see cref="ListSelectionMode.Multiple"/>); never the
        /// prompt's or the empty item's. Empty when nothing is chosen.
        /// </summary>
        [Browsable(false)]
        [DesignerSerializationVisibility(DesignerSerializationVisibility.Hidden)]
        public string[] SelectedValues
        {
            get
            {
                Prepare();
                return Choices();
            }
            set => SetChoices((value ?? new string[0]).Where(v => !string.IsNullOrEmpty(v)).ToArray());
        }

        /// <summary>Clears the selection (the prompt, if any, is then the one shown).</summary>
        public override void ClearSelection()
        {
            base.ClearSelection();
            _unmatched = null;
            if (_itemsKey == null) _pending = new string[0];
        }

        /// <summary>The chosen value as the levels below read it: empty for the prompt or nothing.</summary>
        internal string ChosenValue
        {
            get
            {
                Prepare();
                var choices = Choices();
                return choices.Length == 0 ? string.Empty : choices[0];
            }
        }

        private bool IsPlaceholder(ListItem item) => ReferenceEquals(item, _promptItem) || ReferenceEquals(item, _emptyItem);

        /// <summary>The chosen values in the current items, or the ones kept until the items are known.</summary>
        private string[] Choices()
        {
            if (_itemsKey == null) return _pending ?? new string[0];
            var chosen = Items.Cast<ListItem>().Where(i => i.Selected && !IsPlaceholder(i)).Select(i => i.Value).ToArray();
            // A value the page's code chose that the items do not hold (yet) stays its choice, as a
            // ListControl keeps a SelectedValue set before its items; a posted one is only ever accepted when offered.
            return chosen.Length == 0 && _unmatched != null ? (string[])_unmatched.Clone() : chosen;
        }

        /// <summary>Chooses values; kept and applied when the items for the current parent are (re)filled.</summary>
        private void SetChoices(string[] values)
        {
            _pending = values;
            _itemsKey = null;
        }

        /// <summary>The key of a chain of values above: the one the items are filled for, or <see cref="WaitingKey"/> while a level has none.</summary>
        private static string ChainKey(IList<string> ancestors) =>
            ancestors.Any(string.IsNullOrEmpty) ? WaitingKey : string.Join("\u001f", ancestors);

        /// <summary>Checks a posted selection and fills the items for the current values above, both once.</summary>
        private void Prepare()
        {
            CheckPostedValues();
            EnsureItems();
        }

        /// <summary>Fills <see cref="ListControl.Items"/> for the current values above unless they already are.</summary>
        private void EnsureItems()
        {
            var ancestors = GetAncestorValues();
            var key = ChainKey(ancestors);
            if (key == _itemsKey) return;
            // Choices carry over when a level above changes and the same values are still offered.
            var previous = _pending ?? (_itemsKey != null ? Choices() : null);
            _unmatched = null;
            var offered = key == WaitingKey ? null : GetItems(ancestors);

            Items.Clear();
            _promptItem = null;
            _emptyItem = null;
            if (offered != null && offered.Count == 0 && EmptyText.Length > 0)
            {
                _emptyItem = new ListItem(EmptyText, EmptyValue);
                Items.Add(_emptyItem);
            }
            else
            {
                if (PromptText.Length > 0)
                {
                    _promptItem = new ListItem(PromptText, PromptValue);
                    Items.Add(_promptItem);
                }
                if (offered != null)
                {
                    foreach (ListItem item in offered)
                    {
                        var copy = CopyOf(item);
                        // A server default (an item's Selected, e.SelectedValue) stands only until something is chosen.
                        if (previous != null) copy.Selected = false;
                        Items.Add(copy);
                    }
                }
            }
            if (previous != null)
            {
                // A choice kept because the list was disabled is not the page's code speaking: under a parent that
                // no longer offers it, it is dropped, so no level below is filled for a value of another parent.
                if (previous.Length > 0 && !_keptWhileDisabled && !previous.Any(v => Items.FindByValue(v) != null)) _unmatched = previous;
                var single = SelectionMode == ListSelectionMode.Single;
                foreach (var value in previous)
                {
                    // First item of that value only: a drop-down refuses two selected items, and two items may share a value.
                    var item = Items.Cast<ListItem>().FirstOrDefault(i => !i.Selected && !IsPlaceholder(i) && i.Value == value);
                    if (item == null) continue;
                    item.Selected = true;
                    if (single) break;
                }
            }
            if (SelectionMode == ListSelectionMode.Single)
            {
                // Two defaults in one drop-down: the first wins.
                var selected = Items.Cast<ListItem>().Where(i => i.Selected).Skip(1);
                foreach (var extra in selected.ToArray()) extra.Selected = false;
            }
            if (_promptItem != null && !Items.Cast<ListItem>().Any(i => i.Selected)) _promptItem.Selected = true;
            _itemsKey = key;
            _pending = null;
        }

        /// <summary>Checks the posted selection against the items offered for the posted parent, once per request.</summary>
        private void CheckPostedValues()
        {
            if (_postedValues == null || _postedValuesChecked) return;
            _postedValuesChecked = true;

            // Neither the prompt nor the empty-text item is a choice.
            var posted = _postedValues.Where(v => !string.IsNullOrEmpty(v) && !(PromptText.Length > 0 && v == PromptValue) && !(EmptyValue.Length > 0 && v == EmptyValue)).ToArray();
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
            SetChoices(accepted);
            _selectionChanged = !(_previous ?? new string[0]).SequenceEqual(accepted);
        }

        bool IPostBackDataHandler.LoadPostData(string postDataKey, NameValueCollection postCollection) => LoadPostData(postDataKey, postCollection);

        void IPostBackDataHandler.RaisePostDataChangedEvent() => RaisePostDataChangedEvent();

        /// <summary>
        /// Records the posted selection. The list takes responsibility for validating it (it is not marked
        /// <see cref="SupportsEventValidationAttribute"/>, and registers no option for the page's event
        /// validation): items filled by callback were never rendered, so the page could not know them.
        /// It is checked later, when first read or when change events are raised, against the items the
        /// server offers for the posted parent, because a parent list may load its own posted value after
        /// this one.
        /// </summary>
        /// <param name="postDataKey">The field name (this control's UniqueID).</param>
        /// <param name="postCollection">The posted form.</param>
        /// <returns>True: whether the selection changed is known only once it has been checked.</returns>
        protected virtual bool LoadPostData(string postDataKey, NameValueCollection postCollection)
        {
            if (postCollection == null) throw new ArgumentNullException(nameof(postCollection));
            _previous = (string[])ViewState[SelectionKey] ?? Choices();
            if (!IsEnabled)
            {
                // A disabled list posts nothing a person chose (browsers send no disabled field): whatever was
                // posted under its name is not a choice, and the rendered one stands, as with a DropDownList.
                SetChoices(_previous);
                _keptWhileDisabled = true;
                return false;
            }
            // A value that does not decode was tampered with: it stays in the list (as an impossible
            // value) so the check below rejects it instead of dropping it silently.
            _postedValues = (postCollection.GetValues(postDataKey) ?? new string[0])
                .Select(v => ListValueCodec.Decode(v) ?? "\u0000invalid").ToArray();
            _postedValuesChecked = false;
            _rejected = false;
            // The find box's text posts encoded by the client ("~" + base64url, so "<b" never trips request
            // validation), or as typed from a browser without script; a text that does not decode is dropped.
            if (FilterMode != ListFilterMode.None && _filterText == null)
            {
                var typed = postCollection[postDataKey + "$Filter"];
                _filterText = ListValueCodec.Decode(typed) ?? string.Empty;
                // With script the text posts encoded and was typed under the values above as posted; without,
                // under those the page rendered (only a postback changes them then). Checked at PreRender.
                _filterTypedWithScript = typed != null && typed.Length > 0 && typed[0] == '~';
                _filterRenderedFor = (string)ViewState[FilterForKey];
            }
            return true;
        }

        /// <summary>
        /// Raises <see cref="ListControl.SelectedIndexChanged"/> when the checked selection differs from the
        /// last rendered one; when the list itself posted the page (<see cref="ListControl.AutoPostBack"/>)
        /// and <see cref="ListControl.CausesValidation"/> is on, validates <see cref="ListControl.ValidationGroup"/> first.
        /// </summary>
        protected virtual void RaisePostDataChangedEvent()
        {
            CheckPostedValues();
            if (!_selectionChanged) return;
            var page = Page;
            if (AutoPostBack && CausesValidation && page != null && page.Request.Form["__EVENTTARGET"] == UniqueID) page.Validate(ValidationGroup);
            OnSelectedIndexChanged(EventArgs.Empty);
        }

        /// <inheritdoc />
        protected override object SaveViewState()
        {
            // The selection as rendered, to tell a changed one on the next postback. The items are not kept:
            // they are computed again for the posted parent on every request, and would only grow ViewState.
            ViewState[SelectionKey] = Choices();
            var items = Items.Cast<ListItem>().ToArray();
            Items.Clear();
            try
            {
                return base.SaveViewState();
            }
            finally
            {
                foreach (var item in items) Items.Add(item);
            }
        }

        /// <inheritdoc />
        protected override void PerformSelect()
        {
            // The DataBinding event first: <%# Bind("...") %> on SelectedValue (a GridView's edit row) is
            // evaluated there. Then the items for the current values above, the one way every source
            // (Populate, ServiceMethod, data) fills them (the framework's own fill is ignored, below).
            OnDataBinding(EventArgs.Empty);
            _itemsByAncestors.Clear();
            var keep = _pending ?? (_itemsKey != null ? Choices() : null);
            _itemsKey = null;
            _pending = keep;
            EnsureItems();
            RequiresDataBinding = false;
            MarkAsDataBound();
            OnDataBound(EventArgs.Empty);
        }

        /// <summary>Ignores the framework's fill from the data source: the items depend on the values above (see <see cref="PerformSelect"/>).</summary>
        /// <param name="dataSource">The data, unused.</param>
        protected override void PerformDataBinding(System.Collections.IEnumerable dataSource)
        {
        }

        void IValidator.Validate() => CheckPostedValues();
    }
}
