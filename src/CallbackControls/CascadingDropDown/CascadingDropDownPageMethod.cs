using System;
using System.Collections.Generic;
using System.Linq;
using System.Web.UI.WebControls;

namespace CallbackControls
{
    /// <summary>
    /// Answers a page-method call of a <see cref="CascadingDropDown"/> (the fast path, no page built):
    /// <c>[CallbackMethod] public static void Name(CascadingDropDownPopulateEventArgs e)</c>. The values of
    /// the levels above come from the call's state, as the client read them from the lists. The method sees
    /// them as the browser sent them, as a web service method would; a posted selection is still checked at
    /// the postback, against what the method offers for the posted parent. Found by the page-method path
    /// through <see cref="PageMethodAnswerAttribute"/> on the event args.
    /// </summary>
    internal sealed class CascadingDropDownPageMethod : IPageMethodAnswer
    {
        /// <inheritdoc />
        public Func<CallbackEventArgs, object> Bind(Type pageType, string method, string controlId, string contextKey)
        {
            var populate = PageMethods.Find<CascadingDropDownPopulateEventArgs>(pageType, method, controlId);
            return e => PopulateFromState(populate, e.ClientState, contextKey);
        }

        /// <summary>The rows the method offers for the values of the levels above named in the call's state.</summary>
        internal static object PopulateFromState(Action<CascadingDropDownPopulateEventArgs> populate, IDictionary<string, object> state, string contextKey)
        {
            object raw = null;
            if (state == null || !state.TryGetValue("ancestors", out raw) || !(raw is object[] encoded))
                throw new CallbackRequestException("The call did not say which values are chosen above the list.");
            var ancestors = new List<string>(encoded.Length);
            foreach (var value in encoded)
            {
                var decoded = value is string text ? ListValueCodec.Decode(text) : null;
                if (decoded == null) throw new CallbackRequestException("A value chosen above the list is not one this page wrote.");
                ancestors.Add(decoded);
            }
            var mode = ReadMode(state);
            if (mode == ListFilterMode.None)
            {
                if (ancestors.Any(string.IsNullOrEmpty)) return CascadingDropDown.ToRows(null);
                var items = new ListItemCollection();
                populate(new CascadingDropDownPopulateEventArgs(ancestors, items, contextKey));
                return CascadingDropDown.ToRows(items);
            }
            // No page is built, so the list's FilterMode and ItemsPerRequest come with the call; neither
            // reaches an item the method does not offer, and the page size is capped.
            if (ancestors.Any(string.IsNullOrEmpty)) return new ListWindow(new ListItemCollection(), 0, 0);
            var e = new CascadingDropDownPopulateEventArgs(ancestors, new ListItemCollection(), contextKey)
            {
                Filter = CascadingDropDown.ReadFilter(state),
                FilterMode = mode,
                Skip = CascadingDropDown.ReadSkip(state),
                Take = ReadTake(state),
            };
            populate(e);
            return ListFilter.Window(e);
        }

        private static ListFilterMode ReadMode(IDictionary<string, object> state)
        {
            if (!state.TryGetValue("mode", out var raw) || raw == null) return ListFilterMode.None;
            switch (raw as string)
            {
                case "startsWith": return ListFilterMode.StartsWith;
                case "contains": return ListFilterMode.Contains;
                default: throw new CallbackRequestException("The call's filter mode is not startsWith or contains.");
            }
        }

        private static int ReadTake(IDictionary<string, object> state)
        {
            if (!state.TryGetValue("take", out var raw) || !(raw is int || raw is long || raw is double || raw is decimal)) return CascadingDropDown.MaxItemsPerRequest;
            var take = System.Convert.ToDouble(raw, System.Globalization.CultureInfo.InvariantCulture);
            return take < 1 ? 1 : take > CascadingDropDown.MaxItemsPerRequest ? CascadingDropDown.MaxItemsPerRequest : (int)take;
        }
    }
}
