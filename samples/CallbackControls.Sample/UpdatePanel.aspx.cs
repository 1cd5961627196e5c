using System;
using System.Globalization;
using System.Web.UI;

namespace CallbackControls.Sample
{
    /// <summary>
    /// The same controls inside an UpdatePanel (refreshed by a Timer and by an async Save) and outside it.
    /// Named UpdatePanelDemo so the page class does not hide System.Web.UI.UpdatePanel.
    /// </summary>
    public partial class UpdatePanelDemo : Page
    {
        /// <summary>Draws the chart's first paint and says what caused this request.</summary>
        protected void Page_Load(object sender, EventArgs e)
        {
            if (IsCallback) return;
            FillChart();
            var source = ScriptManager.GetCurrent(this)?.AsyncPostBackSourceElementID;
            Stamp.Text = string.IsNullOrEmpty(source)
                ? "Panel drawn with the page."
                : string.Format(CultureInfo.InvariantCulture, "Panel updated at {0:HH:mm:ss} by {1}.", DateTime.Now, source);
        }

        /// <summary>Both chains: every country.</summary>
        protected void Country_Populate(object sender, CascadingDropDownPopulateEventArgs e) => WorldData.AddCountries(e.Items);

        /// <summary>Both chains: the regions of the chosen country.</summary>
        protected void Region_Populate(object sender, CascadingDropDownPopulateEventArgs e) => WorldData.AddRegions(e.ParentValue, e.Items);

        /// <summary>Nothing to do: the tick exists to refresh the panel, which Page_Load stamps.</summary>
        protected void Ticker_Tick(object sender, EventArgs e)
        {
        }

        /// <summary>A tick of the chart's own timer (a callback, independent of the panel's Timer).</summary>
        protected void PanelChart_RefreshCallback(object sender, CallbackEventArgs e) => FillChart();

        /// <summary>Shows what the server accepted from the panel's chain, after an async postback.</summary>
        protected void Save_Click(object sender, EventArgs e)
        {
            Validate();
            Saved.Text = !IsValid
                ? "Please choose again."
                : Server.HtmlEncode(string.Format(CultureInfo.InvariantCulture, "Saved: {0} / {1}",
                    PanelCountry.SelectedItem?.Text ?? "-", PanelRegion.SelectedItem?.Text ?? "-"));
        }

        /// <summary>A made-up sensor: the last minute of a slow wave, sampled every 2 seconds.</summary>
        private void FillChart()
        {
            var now = DateTime.Now;
            PanelChart.Title = string.Format(CultureInfo.InvariantCulture, "Sensor at {0:HH:mm:ss}", now);
            var points = PanelChart.Series["Sensor"].Points;
            for (int i = 30; i >= 0; i--)
            {
                var time = now.AddSeconds(-2 * i);
                double t = time.TimeOfDay.TotalSeconds;
                points.AddXY(time, Math.Round(50 + 30 * Math.Sin(t / 20) + 8 * Math.Sin(t / 3), 1));
            }
        }
    }
}
