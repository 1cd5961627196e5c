using System;
using System.Text;
using System.Web.UI.WebControls;

namespace CallbackControls
{
    /// <summary>
    /// Type to find: which items match the typed text, and the page of matches a list shows. Ordinal,
    /// ignoring case, so a match is the same on .NET and Mono and costs no culture tables per item.
    /// </summary>
    internal static class ListFilter
    {
        /// <summary>The longest typed text a call may carry; a longer one is refused, not cut (a cut one would find other items).</summary>
        internal const int MaxLength = 200;

        /// <summary>Whether <paramref name="text"/> matches <paramref name="filter"/> by <paramref name="mode"/>; true when there is no filter.</summary>
        internal static bool IsMatch(string text, string filter, ListFilterMode mode)
        {
            if (string.IsNullOrEmpty(filter) || mode == ListFilterMode.None) return true;
            if (string.IsNullOrEmpty(text)) return false;
            return mode == ListFilterMode.StartsWith
                ? text.StartsWith(filter, StringComparison.OrdinalIgnoreCase)
                : text.IndexOf(filter, StringComparison.OrdinalIgnoreCase) >= 0;
        }

        /// <summary>
        /// The typed text as the server matches it: trimmed, whitespace runs made one space (a double space
        /// typed by mistake finds the same items). Refused when longer than <see cref="MaxLength"/>.
        /// </summary>
        internal static string Normalize(string typed)
        {
            if (string.IsNullOrEmpty(typed)) return string.Empty;
            if (typed.Length > MaxLength * 4) throw TooLong();
            var text = new StringBuilder(typed.Length);
            bool space = false;
            foreach (var c in typed.Trim())
            {
                if (char.IsWhiteSpace(c))
                {
                    space = true;
                    continue;
                }
                if (space) text.Append(' ');
                space = false;
                text.Append(c);
            }
            if (text.Length > MaxLength) throw TooLong();
            return text.ToString();
        }

        private static CallbackRequestException TooLong() =>
            new CallbackRequestException(Texts.Format(nameof(Texts.FilterTooLong), MaxLength));

        /// <summary>
        /// The page of matching items after <see cref="CascadingDropDownPopulateEventArgs.Skip"/>, and how
        /// many match in all: the handler's items as they are when it paged them itself, otherwise those
        /// of its items that match (unless it filtered them) from Skip on, at most Take.
        /// </summary>
        internal static ListWindow Window(CascadingDropDownPopulateEventArgs e)
        {
            var items = e.Items;
            if (e.TotalCount >= 0) return new ListWindow(items, e.Skip, Math.Max(e.TotalCount, e.Skip + items.Count));
            var page = new ListItemCollection();
            int total = 0;
            bool everyItem = e.Filtered || e.Filter.Length == 0;
            for (int i = 0; i < items.Count; i++)
            {
                var item = items[i];
                if (!everyItem && !IsMatch(item.Text, e.Filter, e.FilterMode)) continue;
                if (total >= e.Skip && total - e.Skip < e.Take) page.Add(item);
                total++;
            }
            return new ListWindow(page, e.Skip, total);
        }
    }

    /// <summary>
    /// A filtered list's reply: one page of its matching items and where it stands,
    /// <c>{"items":[rows],"skip":S,"total":N}</c>, the rows as <see cref="ListRows"/> writes them.
    /// </summary>
    internal sealed class ListWindow : IJsonValue
    {
        internal ListWindow(ListItemCollection items, int skip, int total)
        {
            Items = items;
            Skip = skip;
            Total = total;
        }

        /// <summary>The page of items.</summary>
        internal ListItemCollection Items { get; }

        /// <summary>How many matches come before this page.</summary>
        internal int Skip { get; }

        /// <summary>How many items match in all.</summary>
        internal int Total { get; }

        /// <inheritdoc />
        public void WriteJson(StringBuilder text)
        {
            text.Append("{\"items\":");
            new ListRows(Items).WriteJson(text);
            text.Append(",\"skip\":").Append(Skip.ToString(System.Globalization.CultureInfo.InvariantCulture));
            text.Append(",\"total\":").Append(Total.ToString(System.Globalization.CultureInfo.InvariantCulture));
            text.Append('}');
        }
    }
}
