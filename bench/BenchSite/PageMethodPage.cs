using System.Web.UI;
using CallbackControls;

namespace BenchSite
{
    /// <summary>Code-behind of PageMethod.aspx: the page methods its lists name (the fast path).</summary>
    public class PageMethodPage : Page
    {
        [CallbackMethod]
        public static void GetCountries(CascadingDropDownPopulateEventArgs e) => BenchData.AddCountries(e.Items);

        [CallbackMethod]
        public static void GetCities(CascadingDropDownPopulateEventArgs e) => BenchData.AddCities(e.ParentValue, e.Items);
    }
}
