namespace CallbackControls.Sample
{
    public partial class Cascading
    {
        /// <summary>Country list.</summary>
        protected global::CallbackControls.CascadingDropDown Country;

        /// <summary>Region list.</summary>
        protected global::CallbackControls.CascadingDropDown Region;

        /// <summary>City list.</summary>
        protected global::CallbackControls.CascadingDropDown City;

        /// <summary>Save button.</summary>
        protected global::System.Web.UI.WebControls.Button Save;

        /// <summary>What was saved.</summary>
        protected global::System.Web.UI.WebControls.Literal Chosen;
    }
}
