using System;
using System.Web.UI;
using System.Web.UI.WebControls;
using CallbackControls;

namespace TestSite
{
    /// <summary>The Populate handlers the template and data-bound-row pages share.</summary>
    public class RowsPage : Page
    {
        protected void Country_Populate(object sender, CascadingDropDownPopulateEventArgs e)
        {
            foreach (var country in RowsData.Countries) e.Items.Add(new ListItem(country.Value, country.Key));
        }

        protected void City_Populate(object sender, CascadingDropDownPopulateEventArgs e)
        {
            foreach (var city in RowsData.CitiesOf(e.ParentValue)) e.Items.Add(new ListItem(city, city));
        }

        /// <summary>"row: country / city" for each chain found in the given rows, for the page to show after a postback.</summary>
        protected static string Describe(string label, Control row)
        {
            var country = (CascadingDropDown)row.FindControl("Country");
            var city = (CascadingDropDown)row.FindControl("City");
            return label + ": " + country.SelectedValue + " / " + city.SelectedValue + (city.IsValid && country.IsValid ? "" : " (rejected)");
        }
    }
}
