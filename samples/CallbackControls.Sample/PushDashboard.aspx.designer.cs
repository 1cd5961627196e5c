namespace CallbackControls.Sample
{
    public partial class PushDashboard
    {
        /// <summary>Orders per minute.</summary>
        protected global::CallbackControls.RefreshingChart PerMinute;

        /// <summary>Revenue by region.</summary>
        protected global::CallbackControls.RefreshingChart ByRegion;

        /// <summary>The buttons' callback, which places orders and notifies.</summary>
        protected global::CallbackControls.CallbackControl Place;
    }
}
