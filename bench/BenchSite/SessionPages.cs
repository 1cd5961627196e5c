using System.Web;
using System.Web.SessionState;
using System.Web.UI;
using CallbackControls;

namespace BenchSite
{
    /// <summary>
    /// Visit.ashx: starts a session for the caller (stores the visitor's name in it) and answers "ok", so
    /// the session benchmark has a real, stored session whose cookie its connections then share.
    /// </summary>
    public sealed class VisitHandler : IHttpHandler, IRequiresSessionState
    {
        /// <inheritdoc />
        public bool IsReusable => true;

        /// <inheritdoc />
        public void ProcessRequest(HttpContext context)
        {
            context.Session["visitor"] = "bench";
            context.Response.ContentType = "text/plain";
            context.Response.Write("ok");
        }
    }

    /// <summary>
    /// Code-behind of the session benchmark's pages (SessionOn.aspx, SessionReadOnly.aspx, SessionMethod.aspx):
    /// the lists read the visitor from the session as a real page would, by callback or by page method.
    /// </summary>
    public class SessionPage : Page
    {
        /// <summary>The countries (no session needed).</summary>
        protected void Country_Populate(object sender, CascadingDropDownPopulateEventArgs e) => BenchData.AddCountries(e.Items);

        /// <summary>The cities, after reading the session (default path).</summary>
        protected void City_Populate(object sender, CascadingDropDownPopulateEventArgs e)
        {
            ReadVisitor(Context);
            BenchData.AddCities(e.ParentValue, e.Items);
        }

        /// <summary>The countries, as a page method.</summary>
        [CallbackMethod]
        public static void GetCountries(CascadingDropDownPopulateEventArgs e) => BenchData.AddCountries(e.Items);

        /// <summary>The cities, as a page method that reads the session (read-only).</summary>
        [CallbackMethod(EnableSession = true)]
        public static void GetCitiesForVisitor(CascadingDropDownPopulateEventArgs e)
        {
            ReadVisitor(HttpContext.Current);
            BenchData.AddCities(e.ParentValue, e.Items);
        }

        private static string ReadVisitor(HttpContext context) => context.Session?["visitor"] as string;
    }

    /// <summary>
    /// Code-behind of the burst benchmark's pages (Burst.aspx, BurstMethod.aspx): the cities after a wait of
    /// 0 to 120 ms, as a handler that queries a database does, by callback (session on) or by page method.
    /// </summary>
    public class BurstPage : Page
    {
        private static readonly System.Random Delays = new System.Random(7);

        /// <summary>The countries (no wait).</summary>
        protected void Country_Populate(object sender, CascadingDropDownPopulateEventArgs e) => BenchData.AddCountries(e.Items);

        /// <summary>The cities after the handler's wait (default path, under the session lock).</summary>
        protected void City_Populate(object sender, CascadingDropDownPopulateEventArgs e)
        {
            Wait();
            BenchData.AddCities(e.ParentValue, e.Items);
        }

        /// <summary>The cities after the same wait, as a page method (no session).</summary>
        [CallbackMethod]
        public static void GetCitiesSlowly(CascadingDropDownPopulateEventArgs e)
        {
            Wait();
            BenchData.AddCities(e.ParentValue, e.Items);
        }

        private static void Wait()
        {
            int delay;
            lock (Delays) delay = Delays.Next(0, 121);
            System.Threading.Thread.Sleep(delay);
        }
    }
}
