using System;
using System.Collections.Generic;
using System.Globalization;
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
        public Func<CallbackEventArgs, object> Bind(Type pageType, string method, string controlId, string contextKey, string settings)
        {
            var populate = PageMethods.Find<CascadingDropDownPopulateEventArgs>(pageType, method, controlId);
            ReadSettings(settings, out var mode, out var take);
            return e => PopulateFromState(populate, e.ClientState, contextKey, mode, take);
        }

        /// <summary>
        /// The method header of a filtered list: its name, then its mode and page size, which the call's token
        /// signs with the name (<c>FindCities|contains|100</c>).
        /// </summary>
        internal static string SignedName(string method, ListFilterMode mode, int take) =>
            method + "|" + (mode == ListFilterMode.StartsWith ? "startsWith" : "contains") + "|" + take.ToString(CultureInfo.InvariantCulture);

        /// <summary>Reads what <see cref="SignedName"/> wrote after the name: None and no page for a list without a filter.</summary>
        internal static void ReadSettings(string settings, out ListFilterMode mode, out int take)
        {
            mode = ListFilterMode.None;
            take = int.MaxValue;
            if (string.IsNullOrEmpty(settings)) return;
            var parts = settings.Split('|');
            if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out take) || take < 1 || take > CascadingDropDown.MaxItemsPerRequest)
                throw new CallbackRequestException("The call's list settings are not ones this library writes.");
            switch (parts[0])
            {
                case "startsWith": mode = ListFilterMode.StartsWith; break;
                case "contains": mode = ListFilterMode.Contains; break;
                default: throw new CallbackRequestException("The call's filter mode is not startsWith or contains.");
            }
        }

        /// <summary>The rows the method offers for the values of the levels above named in the call's state.</summary>
        internal static object PopulateFromState(Action<CascadingDropDownPopulateEventArgs> populate, IDictionary<string, object> state, string contextKey,
            ListFilterMode mode = ListFilterMode.None, int take = int.MaxValue)
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
            if (mode == ListFilterMode.None)
            {
                if (ancestors.Any(string.IsNullOrEmpty)) return CascadingDropDown.ToRows(null);
                var items = new ListItemCollection();
                populate(new CascadingDropDownPopulateEventArgs(ancestors, items, contextKey));
                return CascadingDropDown.ToRows(items);
            }
            // No page is built: the list's FilterMode and ItemsPerRequest come signed in the call's token
            // (the method header), the typed text and how far the user scrolled in its state.
            if (ancestors.Any(string.IsNullOrEmpty)) return new ListWindow(new ListItemCollection(), 0, 0);
            var e = new CascadingDropDownPopulateEventArgs(ancestors, new ListItemCollection(), contextKey)
            {
                Filter = CascadingDropDown.ReadFilter(state),
                FilterMode = mode,
                Skip = CascadingDropDown.ReadSkip(state),
                Take = take,
            };
            populate(e);
            return ListFilter.Answer(e, null);
        }
    }
}
