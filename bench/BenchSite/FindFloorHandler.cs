using System;
using System.Globalization;
using System.Text;
using System.Web;

namespace BenchSite
{
    /// <summary>
    /// The find benchmark's floor: FindFloor.ashx?size=100000&amp;q=text&amp;take=100 answers what a
    /// filtered list's call answers (<c>{"items":[[name,id],...],"skip":0,"total":N}</c>), filtering the same
    /// names the same way (ignoring case, anywhere in the name) in one pass. The names and the texts searched
    /// are ASCII letters and spaces, so the floor does only what that data needs: it folds ASCII case alone
    /// (skipping positions by their first letter) and writes the names as they are, with no escaping. A floor
    /// doing work the data does not need would flatter the library. No page, no token, no session.
    /// </summary>
    public sealed class FindFloorHandler : IHttpHandler
    {
        /// <inheritdoc />
        public bool IsReusable => true;

        /// <inheritdoc />
        public void ProcessRequest(HttpContext context)
        {
            var query = context.Request.QueryString;
            var level = FindPage.LevelOf(query["size"]);
            var filter = query["q"] ?? string.Empty;
            if (level == null || !int.TryParse(query["take"], NumberStyles.None, CultureInfo.InvariantCulture, out var take))
            {
                context.Response.StatusCode = 400;
                return;
            }
            var json = new StringBuilder(take * 32).Append("{\"items\":[");
            int total = 0;
            var names = level.Names;
            for (int i = 0; i < names.Length; i++)
            {
                if (filter.Length > 0 && !ContainsAscii(names[i], filter)) continue;
                if (total < take)
                {
                    if (total > 0) json.Append(',');
                    json.Append("[\"").Append(names[i]).Append("\",\"").Append(level.Ids[i]).Append("\"]");
                }
                total++;
            }
            json.Append("],\"skip\":0,\"total\":").Append(total.ToString(CultureInfo.InvariantCulture)).Append('}');
            context.Response.ContentType = "application/json";
            context.Response.Write(json.ToString());
        }

        /// <summary>Whether the ASCII text holds the ASCII filter, ignoring case.</summary>
        private static bool ContainsAscii(string text, string filter)
        {
            char lower = (char)(filter[0] | 0x20);
            for (int i = 0, last = text.Length - filter.Length; i <= last; i++)
            {
                if ((text[i] | 0x20) != lower) continue;
                int j = 1;
                while (j < filter.Length && (text[i + j] | 0x20) == (filter[j] | 0x20)) j++;
                if (j == filter.Length) return true;
            }
            return false;
        }
    }
}
