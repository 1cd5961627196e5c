using System;
using System.Web.UI;

namespace CallbackControls.Sample
{
    /// <summary>Three levels from SQLite, each filled by its Populate event.</summary>
    public partial class Cascading : Page
    {
        /// <summary>The top level: every country.</summary>
        protected void Country_Populate(object sender, CascadingDropDownPopulateEventArgs e) => WorldData.AddCountries(e.Items);

        /// <summary>The regions of the chosen country.</summary>
        protected void Region_Populate(object sender, CascadingDropDownPopulateEventArgs e) => WorldData.AddRegions(e.ParentValue, e.Items);

        /// <summary>The cities of the chosen region.</summary>
        protected void City_Populate(object sender, CascadingDropDownPopulateEventArgs e) => WorldData.AddCitiesOfRegion(e.ParentValue, e.Items);

        /// <summary>Shows what the server received: checked values only.</summary>
        protected void Save_Click(object sender, EventArgs e)
        {
            Validate();
            Chosen.Text = !IsValid
                ? "Please choose again."
                : Server.HtmlEncode(string.Format("Saved: {0} / {1} / {2}",
                    Country.SelectedItem?.Text ?? "-", Region.SelectedItem?.Text ?? "-", City.SelectedItem?.Text ?? "-"));
        }
    }
}
