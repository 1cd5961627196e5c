namespace CallbackControls
{
    /// <summary>What makes a <see cref="RefreshingChart"/> refresh by itself.</summary>
    public enum RefreshMode
    {
        /// <summary>
        /// Its timer, every <see cref="RefreshingChart.RefreshFrequency"/> milliseconds; a <see cref="CallbackControlBase.PushTopic"/>
        /// adds a refresh on each notification. The default.
        /// </summary>
        Timer = 0,

        /// <summary>
        /// Notifications of its <see cref="CallbackControlBase.PushTopic"/> (<see cref="CallbackPush.Notify(string)"/>): the chart
        /// refreshes when the data changes and sends nothing meanwhile. Its timer runs only while push is unavailable
        /// (a proxy in between that neither streams nor long-polls, the farm's bus down).
        /// </summary>
        Push = 1,
    }
}
