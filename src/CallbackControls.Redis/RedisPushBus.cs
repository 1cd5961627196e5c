using System;
using System.Collections.Generic;
using System.Web.Script.Serialization;
using StackExchange.Redis;

namespace CallbackControls.Redis
{
    /// <summary>
    /// Carries push notifications between the servers of a farm through Redis pub/sub: every server publishes
    /// to one channel and hears it, so a <see cref="CallbackPush.Notify(string)"/> on any server reaches the pages
    /// on all of them. Set it once when the application starts, on every server:
    /// <code>CallbackPush.Bus = new RedisPushBus("redis1:6379,abortConnect=false");</code>
    /// </summary>
    /// <remarks>
    /// While Redis cannot be reached, <see cref="IsAvailable"/> is false: subscribed pages refresh on their timers,
    /// and once it is back each refreshes once, so nothing published meanwhile goes unseen. Redis pub/sub keeps
    /// nothing for a server that was not listening; that catch-up is what covers it.
    /// </remarks>
    public sealed class RedisPushBus : IPushBus
    {
        /// <summary>The channel used when none is given.</summary>
        public const string DefaultChannel = "callbackcontrols:push";

        private readonly ConnectionMultiplexer _owned;
        private readonly IConnectionMultiplexer _connection;
        private readonly RedisChannel _channel;
        private readonly object _sync = new object();
        private Action<PushMessage> _receive;
        private Action<bool> _availabilityChanged;
        private bool _disposed;

        /// <summary>Connects to Redis with a StackExchange.Redis configuration string (such as <c>localhost:6379</c>).</summary>
        /// <param name="configuration">Where Redis is; <c>abortConnect=false</c> is added, so the site starts while Redis is down and connects when it is up.</param>
        /// <param name="channel">The pub/sub channel; every server of the farm must use the same one, and no other application.</param>
        /// <exception cref="ArgumentException">The configuration or the channel is empty.</exception>
        public RedisPushBus(string configuration, string channel = DefaultChannel)
            : this(Connect(configuration), channel)
        {
            _owned = (ConnectionMultiplexer)_connection;
        }

        /// <summary>Uses a connection the application already has (and keeps: disposing the bus leaves it open).</summary>
        /// <param name="connection">The connection.</param>
        /// <param name="channel">The pub/sub channel; every server of the farm must use the same one.</param>
        /// <exception cref="ArgumentNullException">The connection is null.</exception>
        /// <exception cref="ArgumentException">The channel is empty.</exception>
        public RedisPushBus(IConnectionMultiplexer connection, string channel = DefaultChannel)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            if (string.IsNullOrEmpty(channel)) throw new ArgumentException("The Redis channel of CallbackControls push cannot be empty.", nameof(channel));
            _channel = RedisChannel.Literal(channel);
        }

        /// <summary>Whether Redis can be reached now.</summary>
        public bool IsAvailable => _connection.IsConnected;

        /// <summary>Publishes the notification to every server (this one included), without waiting for Redis to answer.</summary>
        /// <param name="message">The notification.</param>
        /// <exception cref="ArgumentNullException">The message is null.</exception>
        public void Publish(PushMessage message)
        {
            if (message == null) throw new ArgumentNullException(nameof(message));
            _connection.GetSubscriber().Publish(_channel, Write(message), CommandFlags.FireAndForget);
        }

        /// <summary>Subscribes to the channel; called once by <see cref="CallbackPush.Bus"/>.</summary>
        /// <param name="receive">Called for each notification.</param>
        /// <param name="availabilityChanged">Called when Redis goes away or comes back.</param>
        public void Start(Action<PushMessage> receive, Action<bool> availabilityChanged)
        {
            _receive = receive ?? throw new ArgumentNullException(nameof(receive));
            _availabilityChanged = availabilityChanged;
            // Each of the connection's sockets reports its own failure and return; the library ignores a repeat.
            _connection.ConnectionFailed += (sender, e) => _availabilityChanged?.Invoke(_connection.IsConnected);
            _connection.ConnectionRestored += (sender, e) => _availabilityChanged?.Invoke(_connection.IsConnected);
            _connection.GetSubscriber().Subscribe(_channel, (channel, value) =>
            {
                var message = Read(value);
                if (message != null) _receive?.Invoke(message);
            });
        }

        /// <summary>Stops hearing the channel; closes the connection when the bus opened it.</summary>
        public void Dispose()
        {
            lock (_sync)
            {
                if (_disposed) return;
                _disposed = true;
            }
            _receive = null;
            try
            {
                _connection.GetSubscriber().Unsubscribe(_channel);
            }
            catch (RedisException)
            {
                // Redis is gone: nothing to unsubscribe from.
            }
            _owned?.Dispose();
        }

        private static ConnectionMultiplexer Connect(string configuration)
        {
            if (string.IsNullOrWhiteSpace(configuration)) throw new ArgumentException("Say where Redis is, such as \"localhost:6379\".", nameof(configuration));
            var options = ConfigurationOptions.Parse(configuration);
            // A site starts, and serves on its timers, while Redis is down; the library connects when it is up.
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        }

        // The message as JSON: the topic, the user when it has one, the text when it has one.
        private static string Write(PushMessage message)
        {
            var json = new Dictionary<string, object> { ["t"] = message.Topic };
            if (message.UserName != null) json["u"] = message.UserName;
            if (message.Data != null) json["d"] = message.Data;
            return new JavaScriptSerializer().Serialize(json);
        }

        // Anything on the channel that is not one of ours (another application publishing there) is dropped.
        private static PushMessage Read(RedisValue value)
        {
            try
            {
                if (!(new JavaScriptSerializer().DeserializeObject(value.ToString()) is IDictionary<string, object> json)) return null;
                if (!(json.TryGetValue("t", out var topic) && topic is string name) || name.Length == 0 || name.Length > CallbackPush.MaxTopicLength) return null;
                json.TryGetValue("u", out var user);
                json.TryGetValue("d", out var data);
                return new PushMessage(name, data as string, user as string);
            }
            catch (ArgumentException)
            {
                return null;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }
    }
}
