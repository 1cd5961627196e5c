using System;

namespace CallbackControls
{
    /// <summary>The bus of one server: a notification is delivered where it was published, at once.</summary>
    internal sealed class InProcessPushBus : IPushBus
    {
        private Action<PushMessage> _receive;

        public bool IsAvailable => true;

        public void Publish(PushMessage message) => _receive?.Invoke(message);

        public void Start(Action<PushMessage> receive, Action<bool> availabilityChanged) => _receive = receive;

        public void Dispose() => _receive = null;
    }
}
