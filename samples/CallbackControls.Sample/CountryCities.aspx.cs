using System;
using System.Linq;
using System.Web.UI;

namespace CallbackControls.Sample
{
    /// <summary>A country list feeding a multiple-selection list box of its cities.</summary>
    public partial class CountryCities : Page
    {
        /// <summary>Every country.</summary>
        protected void Country_Populate(object sender, CascadingDropDownPopulateEventArgs e) => WorldData.AddCountries(e.Items);

        /// <summary>The cities of the chosen country that match what is typed, a page at a time.</summary>
        protected void Cities_Populate(object sender, CascadingDropDownPopulateEventArgs e) => WorldData.FindCitiesOfCountry(e.ParentValue, e);

        /// <summary>Shows the chosen cities.</summary>
        protected void Save_Click(object sender, EventArgs e)
        {
            Validate();
            if (!IsValid) { Chosen.Text = "Please choose again."; return; }
            var items = Cities.GetItems();
            var names = Cities.SelectedValues.Select(v => items?.FindByValue(v)?.Text ?? v);
            Chosen.Text = Server.HtmlEncode(Cities.SelectedValues.Length + " chosen: " + string.Join(", ", names));
        }
    }
}
