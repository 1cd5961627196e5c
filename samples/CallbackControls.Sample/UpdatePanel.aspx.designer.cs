namespace CallbackControls.Sample
{
    public partial class UpdatePanelDemo
    {
        /// <summary>The page's ScriptManager.</summary>
        protected global::System.Web.UI.ScriptManager Scripts;

        /// <summary>The panel holding the left-hand controls.</summary>
        protected global::System.Web.UI.UpdatePanel Panel;

        /// <summary>Refreshes the panel every 5 seconds.</summary>
        protected global::System.Web.UI.Timer Ticker;

        /// <summary>Country list in the panel.</summary>
        protected global::CallbackControls.CascadingDropDown PanelCountry;

        /// <summary>Region list in the panel.</summary>
        protected global::CallbackControls.CascadingDropDown PanelRegion;

        /// <summary>Chart in the panel.</summary>
        protected global::CallbackControls.RefreshingChart PanelChart;

        /// <summary>Async postback button.</summary>
        protected global::System.Web.UI.WebControls.Button Save;

        /// <summary>What was saved.</summary>
        protected global::System.Web.UI.WebControls.Literal Saved;

        /// <summary>What caused the last panel update.</summary>
        protected global::System.Web.UI.WebControls.Literal Stamp;

        /// <summary>Country list outside the panel.</summary>
        protected global::CallbackControls.CascadingDropDown Country;

        /// <summary>Region list outside the panel.</summary>
        protected global::CallbackControls.CascadingDropDown Region;
    }
}
