namespace CallbackControls.Sample
{
    public partial class LiveMetrics
    {
        /// <summary>The CPU chart.</summary>
        protected global::CallbackControls.RefreshingChart Cpu;

        /// <summary>The memory chart.</summary>
        protected global::CallbackControls.RefreshingChart Memory;

        /// <summary>The requests-per-second chart.</summary>
        protected global::CallbackControls.RefreshingChart Requests;
    }
}
