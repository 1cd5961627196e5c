using System;
using System.Collections.Generic;
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
        internal static bool IsMatch(string text, string filter, ListFilterMode mode) => new ListMatcher(filter, mode).IsMatch(text);

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
        /// A filtered list's answer: the page of matches (<see cref="Window"/>), and before it, outside its
        /// count, the items the markup declares (AppendDataBoundItems) and, for the first page of every item,
        /// the handler's default choice (<see cref="CascadingDropDownPopulateEventArgs.SelectedValue"/> or an
        /// item's Selected) when it is not among them.
        /// </summary>
        internal static ListWindow Answer(CascadingDropDownPopulateEventArgs e, IEnumerable<ListItem> declared)
        {
            var window = Window(e);
            if (e.Skip > 0) return window;
            if (declared != null)
            {
                foreach (var item in declared) window.Pinned.Add(item);
            }
            if (e.Filter.Length > 0) return window;
            var chosen = e.MarkDefaultChoice();
            if (chosen != null && window.Items.IndexOf(chosen) < 0) window.Pinned.Add(chosen);
            return window;
        }

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
            var matcher = new ListMatcher(e.Filtered ? string.Empty : e.Filter, e.FilterMode);
            for (int i = 0; i < items.Count; i++)
            {
                var item = items[i];
                if (!matcher.IsMatch(item.Text)) continue;
                if (total >= e.Skip && total - e.Skip < e.Take) page.Add(item);
                total++;
            }
            return new ListWindow(page, e.Skip, total);
        }
    }

    /// <summary>
    /// One typed text ready to test item after item: whether an item's text matches it, by the rule of
    /// <see cref="StringComparison.OrdinalIgnoreCase"/> (two characters match when they are equal after
    /// <see cref="char.ToUpperInvariant"/>), written out because a filtered call spends its time here: Mono's
    /// IndexOf with that comparison takes 2.5 times as long over a level of 100,000 names (RESULTS). What
    /// does not change from item to item is worked out once, here, rather than per item.
    /// </summary>
    internal sealed class ListMatcher
    {
        private readonly string _filter;
        private readonly ListFilterMode _mode;
        private readonly int _firstKey;
        private readonly bool _quick;

        internal ListMatcher(string filter, ListFilterMode mode)
        {
            _filter = filter ?? string.Empty;
            _mode = _filter.Length == 0 ? ListFilterMode.None : mode;
            if (_mode == ListFilterMode.None) return;
            char first = _filter[0];
            _firstKey = first | 0x20;
            // Outside ASCII, or an ASCII first character that some other character upper-cases into on this
            // runtime (U+0131 into 'I' on .NET): every position is compared in full.
            _quick = _mode == ListFilterMode.Contains && first < 0x80 && Array.IndexOf(NonAsciiFoldingIntoAscii, char.ToUpperInvariant(first)) < 0;
        }

        /// <summary>Whether the text matches; always true with no filter or mode None.</summary>
        /// <remarks>
        /// The common case (Contains, an ASCII first character) is one method with the loop in it: on Mono a
        /// call per item or per candidate position was a tenth of a 100,000-item search (RESULTS).
        /// </remarks>
        internal bool IsMatch(string text)
        {
            if (_quick)
            {
                if (text == null) return false;
                var filter = _filter;
                int key = _firstKey;
                for (int i = 0, last = text.Length - filter.Length; i <= last; i++)
                {
                    // Only a position holding the first character in either case can start a match.
                    if ((text[i] | 0x20) != key) continue;
                    if (MatchesAt(text, i, filter)) return true;
                }
                return false;
            }
            if (_mode == ListFilterMode.None) return true;
            if (text == null || text.Length < _filter.Length) return false;
            if (_mode == ListFilterMode.StartsWith) return MatchesAt(text, 0, _filter);
            for (int i = 0, last = text.Length - _filter.Length; i <= last; i++)
            {
                if (MatchesAt(text, i, _filter)) return true;
            }
            return false;
        }

        /// <summary>
        /// The upper-case forms (ASCII) that some character outside ASCII upper-cases into on this runtime, as
        /// U+0131 (dotless i) into 'I' on .NET; none on Mono. Found once per process.
        /// </summary>
        private static readonly char[] NonAsciiFoldingIntoAscii = FindNonAsciiFolds();

        private static char[] FindNonAsciiFolds()
        {
            var folds = new List<char>();
            for (int c = 0x80; c <= char.MaxValue; c++)
            {
                char upper = char.ToUpperInvariant((char)c);
                if (upper < 0x80 && !folds.Contains(upper)) folds.Add(upper);
            }
            return folds.ToArray();
        }

        /// <summary>Whether <paramref name="filter"/> is at <paramref name="at"/> in <paramref name="text"/>, ignoring case (ordinal).</summary>
        private static bool MatchesAt(string text, int at, string filter)
        {
            for (int j = 0; j < filter.Length; j++)
            {
                char a = text[at + j];
                char b = filter[j];
                if (a == b) continue;
                if ((a | b) < 0x80)
                {
                    int folded = a | 0x20;
                    if (folded == (b | 0x20) && (uint)(folded - 'a') <= 'z' - 'a') continue;
                    return false;
                }
                if (char.ToUpperInvariant(a) != char.ToUpperInvariant(b)) return false;
            }
            return true;
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

        /// <summary>Items listed before the page and outside its count (the markup's items, the default choice).</summary>
        internal ListItemCollection Pinned { get; } = new ListItemCollection();

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
            if (Pinned.Count > 0)
            {
                text.Append(",\"pinned\":");
                new ListRows(Pinned).WriteJson(text);
            }
            text.Append(",\"skip\":").Append(Skip.ToString(System.Globalization.CultureInfo.InvariantCulture));
            text.Append(",\"total\":").Append(Total.ToString(System.Globalization.CultureInfo.InvariantCulture));
            text.Append('}');
        }
    }
}
