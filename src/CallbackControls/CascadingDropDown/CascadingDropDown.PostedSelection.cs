using System;
using System.Collections.Specialized;
using System.Linq;
using System.Web.UI;
using System.Web.UI.WebControls;

namespace CallbackControls
{
    // The posted selection: recorded at LoadPostData, checked against the items offered for the posted parent when first read.
    public partial class CascadingDropDown
    {
        /// <summary>Raises <see cref="SelectedIndexChanged"/>.</summary>
        /// <param name="e">Empty event data.</param>
        protected virtual void OnSelectedIndexChanged(EventArgs e)
        {
            ((EventHandler)Events[EventSelectedIndexChanged])?.Invoke(this, e);
        }

        /// <summary>Checks the posted selection against the items offered for the posted parent, once per request.</summary>
        private void CheckPostedValues()
        {
            if (_postedValues == null || _postedValuesChecked) return;
            _postedValuesChecked = true;

            var previous = StoredSelection;
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
    }
}
