using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace CallbackControls
{
    /// <summary>One notification as this server numbered it on arrival.</summary>
    internal sealed class PushRecord
    {
        internal PushRecord(long sequence, PushMessage message)
        {
            Sequence = sequence;
            Message = message;
        }

        internal long Sequence { get; }

        internal PushMessage Message { get; }
    }

    /// <summary>
    /// This server's side of push: the streams open here, by topic, and the latest notifications it received,
    /// numbered, so a page that reconnects (a dropped stream, a hidden tab back in view) is told once of each
    /// topic that changed while it was away, or told to refresh everything when that cannot be known.
    /// </summary>
    internal sealed class PushHub
    {
        /// <summary>How many notifications are remembered for pages that reconnect.</summary>
        internal const int RememberedCount = 4096;

        internal static readonly PushHub Current = new PushHub();

        private readonly object _sync = new object();
        private readonly Dictionary<string, HashSet<PushListener>> _byTopic = new Dictionary<string, HashSet<PushListener>>(StringComparer.Ordinal);
        private readonly PushRecord[] _remembered = new PushRecord[RememberedCount];
        private long _sequence;
        private int _listeners;
        private volatile bool _busAvailable = true;

        internal PushHub()
        {
            // Numbers restart with each process or application domain: an id from another run (or another server
            // of a farm) never matches, so its page refreshes everything once rather than miss a change.
            var bytes = new byte[6];
            using (var random = System.Security.Cryptography.RandomNumberGenerator.Create()) random.GetBytes(bytes);
            Epoch = Base64Url.Encode(bytes);
        }

        /// <summary>What names this run's numbering in event ids.</summary>
        internal string Epoch { get; }

        /// <summary>Whether the bus can deliver now.</summary>
        internal bool BusAvailable => _busAvailable;

        /// <summary>The newest notification's number (0 before the first).</summary>
        internal long Sequence
        {
            get
            {
                lock (_sync)
                {
                    return _sequence;
                }
            }
        }

        /// <summary>How many streams are open here.</summary>
        internal int ListenerCount => Volatile.Read(ref _listeners);

        /// <summary>The id of the newest notification (the event id a stream sends), such as <c>Ab3x_9Qk.42</c>.</summary>
        internal string IdOf(long sequence) => Epoch + "." + sequence.ToString(CultureInfo.InvariantCulture);

        /// <summary>A notification arrived from the bus: numbered, remembered, handed to the streams of its topic (its user's only, when it has one).</summary>
        internal void Deliver(PushMessage message)
        {
            if (message == null) return;
            PushListener[] listeners;
            PushRecord record;
            lock (_sync)
            {
                record = new PushRecord(++_sequence, message);
                _remembered[record.Sequence % RememberedCount] = record;
                if (!_byTopic.TryGetValue(message.Topic, out var set)) return;
                listeners = new PushListener[set.Count];
                set.CopyTo(listeners);
            }
            foreach (var listener in listeners)
            {
                if (message.UserName == null || string.Equals(message.UserName, listener.UserName, StringComparison.Ordinal))
                    listener.Post(record);
            }
        }

        /// <summary>The bus went down or came back: every stream says so to its page.</summary>
        internal void BusAvailabilityChanged(bool available)
        {
            if (_busAvailable == available) return;
            _busAvailable = available;
            PushListener[] all;
            lock (_sync)
            {
                var seen = new HashSet<PushListener>();
                foreach (var set in _byTopic.Values) seen.UnionWith(set);
                all = new PushListener[seen.Count];
                seen.CopyTo(all);
            }
            foreach (var listener in all) listener.Wake();
        }

        /// <summary>Opens a listener for a stream; from the returned sequence on, every notification of its topics reaches it.</summary>
        internal PushListener Listen(IList<string> topics, string userName)
        {
            var listener = new PushListener(topics, userName);
            lock (_sync)
            {
                foreach (var topic in topics)
                {
                    if (!_byTopic.TryGetValue(topic, out var set)) _byTopic[topic] = set = new HashSet<PushListener>();
                    set.Add(listener);
                }
                listener.StartSequence = _sequence;
            }
            Interlocked.Increment(ref _listeners);
            return listener;
        }

        /// <summary>Closes a listener.</summary>
        internal void Unlisten(PushListener listener)
        {
            lock (_sync)
            {
                foreach (var topic in listener.Topics)
                {
                    if (!_byTopic.TryGetValue(topic, out var set)) continue;
                    set.Remove(listener);
                    if (set.Count == 0) _byTopic.Remove(topic);
                }
            }
            Interlocked.Decrement(ref _listeners);
        }

        /// <summary>
        /// What a page that last saw <paramref name="lastId"/> missed before <paramref name="listener"/> opened: the
        /// newest notification of each of its topics (its user's or everyone's), oldest first; an empty list when
        /// nothing changed; null when it cannot be told (an id of another run or server, or older than what is
        /// remembered): the page must refresh everything.
        /// </summary>
        internal IList<PushRecord> Missed(string lastId, PushListener listener)
        {
            if (!TryParseId(lastId, out var since)) return null;
            var upTo = listener.StartSequence;
            if (since > upTo) return null;
            var newest = new Dictionary<string, PushRecord>(StringComparer.Ordinal);
            lock (_sync)
            {
                for (var sequence = since + 1; sequence <= upTo; sequence++)
                {
                    var record = _remembered[sequence % RememberedCount];
                    // Overwritten by a newer one: older than what is remembered.
                    if (record == null || record.Sequence != sequence) return null;
                    var message = record.Message;
                    if (listener.Hears(message)) newest[message.Topic] = record;
                }
            }
            var missed = new List<PushRecord>(newest.Values);
            missed.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
            return missed;
        }

        private bool TryParseId(string id, out long sequence)
        {
            sequence = 0;
            if (string.IsNullOrEmpty(id) || id.Length > 40) return false;
            var dot = id.IndexOf('.');
            return dot == Epoch.Length && string.CompareOrdinal(id, 0, Epoch, 0, dot) == 0
                && long.TryParse(id.Substring(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
        }
    }

    /// <summary>One open stream's mailbox: the notifications for it, and a wait that ends when one comes.</summary>
    internal sealed class PushListener
    {
        private readonly object _sync = new object();
        private List<PushRecord> _pending = new List<PushRecord>();
        private TaskCompletionSource<bool> _signal;

        internal PushListener(IList<string> topics, string userName)
        {
            Topics = topics;
            UserName = userName;
        }

        internal IList<string> Topics { get; }

        /// <summary>The signed-in user of the stream, or null.</summary>
        internal string UserName { get; }

        /// <summary>The hub's newest sequence when the listener opened.</summary>
        internal long StartSequence { get; set; }

        /// <summary>Whether a notification is for this stream: one of its topics, for everyone or for its user.</summary>
        internal bool Hears(PushMessage message)
        {
            if (message.UserName != null && !string.Equals(message.UserName, UserName, StringComparison.Ordinal)) return false;
            foreach (var topic in Topics)
            {
                if (string.Equals(topic, message.Topic, StringComparison.Ordinal)) return true;
            }
            return false;
        }

        internal void Post(PushRecord record)
        {
            TaskCompletionSource<bool> signal;
            lock (_sync)
            {
                _pending.Add(record);
                signal = _signal;
                _signal = null;
            }
            signal?.TrySetResult(true);
        }

        /// <summary>Ends a wait with nothing in it (the bus's state changed).</summary>
        internal void Wake()
        {
            TaskCompletionSource<bool> signal;
            lock (_sync)
            {
                signal = _signal;
                _signal = null;
            }
            signal?.TrySetResult(true);
        }

        /// <summary>The notifications that arrived since the last call, waiting up to <paramref name="timeout"/> for one; empty when none came.</summary>
        internal async Task<List<PushRecord>> TakeAsync(TimeSpan timeout)
        {
            TaskCompletionSource<bool> signal;
            lock (_sync)
            {
                if (_pending.Count > 0) return Take();
                _signal = signal = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            // The delay is cancelled when a notification ends the wait, so no timer outlives it.
            using (var cancel = new CancellationTokenSource())
            {
                var delay = Task.Delay(timeout, cancel.Token);
                await Task.WhenAny(signal.Task, delay);
                cancel.Cancel();
            }
            lock (_sync)
            {
                if (ReferenceEquals(_signal, signal)) _signal = null;
                return Take();
            }
        }

        private List<PushRecord> Take()
        {
            var taken = _pending;
            _pending = new List<PushRecord>();
            return taken;
        }
    }
}
