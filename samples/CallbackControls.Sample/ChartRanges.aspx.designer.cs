namespace CallbackControls.Sample
{
    public partial class ChartRanges
    {
        /// <summary>The chart.</summary>
        protected global::CallbackControls.RefreshingChart Chart1;
    }
}
