using System;

namespace CallbackControls
{
    /// <summary>
    /// Tells the pages showing a topic that it changed: every control subscribed to it (<c>PushTopic</c>) runs
    /// its usual refresh at once, instead of waiting for its next timer tick. Call it where the data changes
    /// (after saving an order, when a reading arrives); it returns at once.
    /// </summary>
    /// <example>
    /// <code>
    /// // After the order is saved; the charts with PushTopic="orders" refresh on every page showing them.
    /// CallbackPush.Notify("orders");
    /// </code>
    /// </example>
    public static class CallbackPush
    {
        /// <summary>The longest topic name.</summary>
        public const int MaxTopicLength = 64;

        /// <summary>The longest text a notification carries for the page's script.</summary>
        public const int MaxDataLength = 4096;

        private static readonly object Sync = new object();
        private static IPushBus _bus;

        /// <summary>
        /// What carries notifications between the servers of a farm. Unset (the default), notifications reach the
        /// pages served by this server. Set it once when the application starts (<c>Application_Start</c>).
        /// </summary>
        /// <exception cref="ArgumentNullException">The value is null.</exception>
        public static IPushBus Bus
        {
            get
            {
                lock (Sync)
                {
                    if (_bus == null) Start(new InProcessPushBus());
                    return _bus;
                }
            }

            set
            {
                if (value == null) throw new ArgumentNullException(nameof(value), "CallbackPush.Bus cannot be null; leave it unset for one server.");
                lock (Sync)
                {
                    if (ReferenceEquals(_bus, value)) return;
                    Start(value);
                }
            }
        }

        /// <summary>Tells every page subscribed to <paramref name="topic"/> that it changed.</summary>
        /// <param name="topic">The topic, as controls name it in <c>PushTopic</c>: letters, digits, '_', '.', ':' and '-', at most <see cref="MaxTopicLength"/>.</param>
        /// <exception cref="ArgumentException">The topic is empty, too long or has another character.</exception>
        public static void Notify(string topic) => Notify(topic, null);

        /// <summary>Tells every page subscribed to <paramref name="topic"/> that it changed, with a short text for the page's script.</summary>
        /// <param name="topic">The topic, as controls name it in <c>PushTopic</c>.</param>
        /// <param name="data">A short text (at most <see cref="MaxDataLength"/> characters) the page's script receives as e.data, or null.</param>
        /// <exception cref="ArgumentException">The topic is not a valid topic name, or the text is too long.</exception>
        public static void Notify(string topic, string data) => Publish(topic, data, null);

        /// <summary>
        /// Tells the pages of one signed-in user subscribed to <paramref name="topic"/> that it changed; no other
        /// user's page hears of it.
        /// </summary>
        /// <param name="userName">The user, as <c>User.Identity.Name</c> gives it on their requests.</param>
        /// <param name="topic">The topic, as controls name it in <c>PushTopic</c>.</param>
        /// <exception cref="ArgumentException">The user name is empty, the topic is not a valid topic name.</exception>
        public static void NotifyUser(string userName, string topic) => NotifyUser(userName, topic, null);

        /// <summary>As <see cref="NotifyUser(string, string)"/>, with a short text for the page's script.</summary>
        /// <param name="userName">The user, as <c>User.Identity.Name</c> gives it on their requests.</param>
        /// <param name="topic">The topic, as controls name it in <c>PushTopic</c>.</param>
        /// <param name="data">A short text (at most <see cref="MaxDataLength"/> characters), or null.</param>
        /// <exception cref="ArgumentException">The user name is empty, the topic is not a valid topic name, or the text is too long.</exception>
        public static void NotifyUser(string userName, string topic, string data)
        {
            if (string.IsNullOrEmpty(userName)) throw new ArgumentException("CallbackPush.NotifyUser needs the user's name (User.Identity.Name); to reach everyone, call Notify.", nameof(userName));
            Publish(topic, data, userName);
        }

        /// <summary>Why a topic name is refused, or null when it is a valid one.</summary>
        internal static string TopicProblem(string topic)
        {
            if (string.IsNullOrEmpty(topic)) return "A push topic cannot be empty.";
            if (topic.Length > MaxTopicLength) return "The push topic \"" + topic.Substring(0, 20) + "...\" is longer than " + MaxTopicLength + " characters.";
            foreach (var c in topic)
            {
                bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == ':' || c == '-';
                if (!allowed) return "The push topic \"" + topic + "\" has a character other than letters, digits, '_', '.', ':' and '-'.";
            }
            return null;
        }

        private static void Publish(string topic, string data, string userName)
        {
            var problem = TopicProblem(topic);
            if (problem != null) throw new ArgumentException(problem, nameof(topic));
            if (data != null && data.Length > MaxDataLength)
                throw new ArgumentException("A notification's text is at most " + MaxDataLength + " characters; send a key and let the page's refresh read the data.", nameof(data));
            Bus.Publish(new PushMessage(topic, data, userName));
        }

        private static void Start(IPushBus bus)
        {
            var hub = PushHub.Current;
            bus.Start(hub.Deliver, hub.BusAvailabilityChanged);
            _bus = bus;
            hub.BusAvailabilityChanged(bus.IsAvailable);
        }
    }
}
