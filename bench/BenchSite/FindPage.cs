using System;
using System.Globalization;
using System.Web.UI;
using System.Web.UI.WebControls;
using CallbackControls;

namespace BenchSite
{
    /// <summary>
    /// Code-behind of the find benchmark's page (Find.aspx, bench/find.js): a level of 1,000, 20,000 or
    /// 100,000 items, shown whole (Full: every item, no filter) or found by typing (Find: FilterMode,
    /// a page method that filters and pages as a query would).
    /// </summary>
    public class FindPage : Page
    {
        /// <summary>With <c>?only=Find</c> or <c>?only=Full</c> the page carries that list alone (the postback measurement).</summary>
        protected override void OnInit(EventArgs e)
        {
            base.OnInit(e);
            var only = Request.QueryString["only"];
            if (only == "Find" || only == "Full") FindControl(only == "Find" ? "Full" : "Find").Visible = false;
        }

        /// <summary>The sizes, as the top list offers them.</summary>
        [CallbackMethod]
        public static void Sizes(CascadingDropDownPopulateEventArgs e)
        {
            foreach (var size in new[] { 1000, 20000, 100000 })
                e.Items.Add(new ListItem(size.ToString("N0", CultureInfo.InvariantCulture) + " items", size.ToString(CultureInfo.InvariantCulture)));
        }

        /// <summary>Every item of the level (the list shows them all).</summary>
        [CallbackMethod]
        public static void AllItems(CascadingDropDownPopulateEventArgs e)
        {
            var level = LevelOf(e.ParentValue);
            if (level == null) return;
            for (int i = 0; i < level.Names.Length; i++) e.Items.Add(new ListItem(level.Names[i], level.Ids[i]));
        }

        /// <summary>
        /// The items matching what is typed, one page of them, and how many match: counted in one pass,
        /// only the page made into items, as a handler over a large table in memory would.
        /// </summary>
        [CallbackMethod]
        public static void FindItems(CascadingDropDownPopulateEventArgs e)
        {
            var level = LevelOf(e.ParentValue);
            if (level == null) return;
            int total = 0;
            long end = (long)e.Skip + e.Take;
            for (int i = 0; i < level.Names.Length; i++)
            {
                if (!e.IsMatch(level.Names[i])) continue;
                if (total >= e.Skip && total < end) e.Items.Add(new ListItem(level.Names[i], level.Ids[i]));
                total++;
            }
            e.Filtered = true;
            e.TotalCount = total;
        }

        internal static BigLevel LevelOf(string size) =>
            int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && (n == 1000 || n == 20000 || n == 100000) ? BenchData.Level(n) : null;
    }
}
