using System.Collections.Generic;
using System.Web;
using System.Web.Script.Serialization;

namespace BenchSite
{
    /// <summary>
    /// The floor: a bare handler (Cities.ashx?country=XX) that answers the cities of a country as JSON,
    /// in the shape a CascadingDropDown reply carries (an array of [text, value] pairs) and with the same
    /// serializer, so bytes and work compare fairly. No page, no ViewState, no session.
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
            var rows = new List<string[]>(country.Cities.Count);
            foreach (var city in country.Cities) rows.Add(new[] { city.Name, city.Id });
            context.Response.ContentType = "application/json";
            context.Response.Write(new JavaScriptSerializer { MaxJsonLength = int.MaxValue }.Serialize(rows));
        }
    }
}
