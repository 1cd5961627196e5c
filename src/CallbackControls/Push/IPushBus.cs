using System;

namespace CallbackControls
{
    /// <summary>
    /// Carries notifications from the server where <see cref="CallbackPush.Notify(string)"/> was called to
    /// every server of the application, where the subscribed pages are. One server needs none of its own
    /// (the library delivers in process); a farm sets one at start, such as the Redis bus of the
    /// <c>CallbackControls.Redis</c> package, through <see cref="CallbackPush.Bus"/>.
    /// </summary>
    public interface IPushBus : IDisposable
    {
        /// <summary>
        /// Whether the bus can deliver now. While it cannot (its server is down), subscribed controls refresh on
        /// their timers instead, and refresh once when it is back.
        /// </summary>
        bool IsAvailable { get; }

        /// <summary>Sends a notification to every server, this one included. Returns without waiting for delivery.</summary>
        /// <param name="message">The notification.</param>
        void Publish(PushMessage message);

        /// <summary>Starts delivering; called once, by the library, when the bus is set.</summary>
        /// <param name="receive">Called on this server for every notification published on any server.</param>
        /// <param name="availabilityChanged">Called with the value of <see cref="IsAvailable"/> when it may have changed; a repeat of the same value is ignored.</param>
        void Start(Action<PushMessage> receive, Action<bool> availabilityChanged);
    }
}
