namespace CallbackControls.Sample
{
    public partial class CallbackDemo
    {
        /// <summary>The word box.</summary>
        protected global::System.Web.UI.WebControls.TextBox Word;

        /// <summary>The callback control.</summary>
        protected global::CallbackControls.CallbackControl LetterCount;
    }
}
