using System;
using System.Threading;
using System.Web;
using System.Web.UI;
using System.Web.UI.WebControls;
using CallbackControls;

namespace TestSite
{
    /// <summary>
    /// Code-behind of FastPath.aspx: the page methods its controls name in ServiceMethod. The compiled
    /// page derives from this class, as a Visual Studio page does from its code-behind.
    /// </summary>
    public class FastPathPage : Page
    {
        private static int built;

        /// <summary>How often any FastPath page was built (Init ran): a page-method call must not build one.</summary>
        public static int Built => Volatile.Read(ref built);

        protected override void OnInit(EventArgs e)
        {
            Interlocked.Increment(ref built);
            base.OnInit(e);
        }

        [CallbackMethod]
        public static void GetCountries(CascadingDropDownPopulateEventArgs e)
        {
            e.Items.Add(new ListItem("France", "fr"));
            e.Items.Add(new ListItem("日本", "jp"));
            e.Items.Add(new ListItem("<b>Hostile</b>", "<b>x"));
        }

        [CallbackMethod]
        public static void GetRegions(CascadingDropDownPopulateEventArgs e)
        {
            if (e.ParentValue == "fr") { e.Items.Add(new ListItem("Île-de-France", "idf")); e.Items.Add(new ListItem("Provence", "pac")); }
            if (e.ParentValue == "jp") e.Items.Add(new ListItem("関東", "kanto"));
            if (e.ParentValue == "<b>x") e.Items.Add(new ListItem("<img src=x onerror=\"window.pwned=1\">", "img"));
        }

        [CallbackMethod]
        public static void GetCities(CascadingDropDownPopulateEventArgs e)
        {
            if (e.ParentValue == "idf") { e.Items.Add(new ListItem("Paris", "paris")); e.Items.Add(new ListItem("Versailles", "versailles")); }
            if (e.ParentValue == "pac") e.Items.Add(new ListItem("Nice", "nice"));
            if (e.ParentValue == "kanto") e.Items.Add(new ListItem("東京", "tokyo"));
        }

        /// <summary>Items that depend on the list's context key (a tenant), which the call carries signed.</summary>
        [CallbackMethod]
        public static void GetTenantRegions(CascadingDropDownPopulateEventArgs e)
        {
            e.Items.Add(new ListItem(e.ContextKey + " / " + e.ParentValue, e.ContextKey + ":" + e.ParentValue));
        }

        /// <summary>Answers from the argument, and says what the method could see of the request.</summary>
        [CallbackMethod(EnableSession = true)]
        public static void Echo(CallbackEventArgs e)
        {
            var context = HttpContext.Current;
            e.Result = new
            {
                echo = e.CallbackArgument,
                built = Built,
                user = context.User != null && context.User.Identity.IsAuthenticated ? context.User.Identity.Name : "",
                sessionReadOnly = context.Session != null && context.Session.IsReadOnly,
            };
        }

        [CallbackMethod]
        public static void Fail(CallbackEventArgs e)
        {
            throw new InvalidOperationException("secret detail of a page method");
        }

        [CallbackMethod]
        public static void Refuse(CallbackEventArgs e)
        {
            throw new CallbackException("No such order.");
        }

        /// <summary>Not marked [CallbackMethod]: no call can reach it.</summary>
        public static void NotMarked(CallbackEventArgs e)
        {
            e.Result = "reached";
        }
    }
}
