namespace CallbackControls.Sample
{
    public partial class ChartHooks
    {
        /// <summary>The chart.</summary>
        protected global::CallbackControls.RefreshingChart Chart1;
    }
}
