namespace CallbackControls.Sample
{
    public partial class CountryCities
    {
        /// <summary>Country list.</summary>
        protected global::CallbackControls.CascadingDropDown Country;

        /// <summary>Cities list box.</summary>
        protected global::CallbackControls.CascadingDropDown Cities;

        /// <summary>Save button.</summary>
        protected global::System.Web.UI.WebControls.Button Save;

        /// <summary>What was saved.</summary>
        protected global::System.Web.UI.WebControls.Literal Chosen;
    }
}
