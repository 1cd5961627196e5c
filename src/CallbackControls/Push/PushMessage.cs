using System;

namespace CallbackControls
{
    /// <summary>
    /// One notification: a topic changed, with an optional short text for the page's script, for everyone
    /// subscribed to the topic or for one signed-in user only. What <see cref="CallbackPush.Notify(string)"/>
    /// hands to the <see cref="IPushBus"/>, and what a bus hands back on every server.
    /// </summary>
    [Serializable]
    public sealed class PushMessage
    {
        /// <summary>Creates a notification; <see cref="CallbackPush"/> checks the values before it sends one.</summary>
        /// <param name="topic">The topic that changed, as controls name it in <c>PushTopic</c>.</param>
        /// <param name="data">A short text handed to the page's script with the notification, or null.</param>
        /// <param name="userName">The signed-in user (<c>User.Identity.Name</c>) the notification is for, or null for everyone.</param>
        public PushMessage(string topic, string data, string userName)
        {
            Topic = topic;
            Data = data;
            UserName = userName;
        }

        /// <summary>The topic that changed.</summary>
        public string Topic { get; }

        /// <summary>A short text for the page's script (e.data on the client), or null.</summary>
        public string Data { get; }

        /// <summary>The one signed-in user the notification reaches, or null when it reaches every subscriber of the topic.</summary>
        public string UserName { get; }
    }
}
