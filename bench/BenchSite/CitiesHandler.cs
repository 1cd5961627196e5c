using System.Text;
using System.Web;

namespace BenchSite
{
    /// <summary>
    /// The floor: a bare handler (Cities.ashx?country=XX) that answers the cities of a country as JSON,
    /// in the shape a CascadingDropDown reply carries (an array of [text, value] pairs), written as fast as
    /// the framework allows: HttpUtility.JavaScriptStringEncode per string, not JavaScriptSerializer, which
    /// on Mono costs ~300 µs for 100 rows where the library's own reply writer takes ~15 µs. A floor built on
    /// the slow serializer would flatter every callback. No page, no ViewState, no session.
    /// </summary>
    public sealed class CitiesHandler : IHttpHandler
    {
        /// <inheritdoc />
        public bool IsReusable => true;

        /// <inheritdoc />
        public void ProcessRequest(HttpContext context)
        {
            var country = BenchData.Find(context.Request.QueryString["country"]);
            if (country == null)
            {
                context.Response.StatusCode = 404;
                return;
            }
            var json = new StringBuilder(32 * country.Cities.Count).Append('[');
            for (int i = 0; i < country.Cities.Count; i++)
            {
                if (i > 0) json.Append(',');
                json.Append('[').Append(HttpUtility.JavaScriptStringEncode(country.Cities[i].Name, true))
                    .Append(',').Append(HttpUtility.JavaScriptStringEncode(country.Cities[i].Id, true)).Append(']');
            }
            context.Response.ContentType = "application/json";
            context.Response.Write(json.Append(']').ToString());
        }
    }
}
