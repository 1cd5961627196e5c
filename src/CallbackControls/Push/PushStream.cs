using System;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using System.Web;
using System.Web.UI;

namespace CallbackControls
{
    /// <summary>
    /// A page's push stream: a GET of the page's own URL with <c>__ccpush=stream</c> (server-sent events) or
    /// <c>__ccpush=poll</c> (a long poll, for when something between buffers the stream), and one
    /// <c>__cctopic=topic~token</c> per topic. <see cref="CallbackRequestModule"/> hands such a request to
    /// <see cref="Handler"/> in place of the page, which is never built; the handler takes no session (so the
    /// user's other requests are not held behind the stream) and holds no thread while it waits.
    /// </summary>
    internal static class PushStream
    {
        internal const string ModeField = "__ccpush";
        internal const string TopicField = "__cctopic";
        internal const string SinceField = "__ccsince";

        /// <summary>The most topics one page's stream carries.</summary>
        internal const int MaxTopics = 32;

        /// <summary>How often an idle stream says it is alive (a proxy's idle timeout is longer; the client's watchdog is 2.5 of these).</summary>
        internal static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

        /// <summary>How long a stream stays open before the server ends it and the browser reconnects (with its last event id).</summary>
        internal static readonly TimeSpan StreamLife = TimeSpan.FromMinutes(5);

        /// <summary>How long a long poll waits for a notification: under the 60 s idle timeout of nginx and most proxies.</summary>
        internal static readonly TimeSpan PollWait = TimeSpan.FromSeconds(25);

        // How long the browser waits before it reconnects a stream that ended.
        private const int RetryMilliseconds = 2000;

        /// <summary>The appSettings key of the most streams and long polls one application holds open at once (0: no limit).</summary>
        internal const string MaxStreamsSetting = "CallbackControls:PushMaxStreams";

        /// <summary>
        /// The limit when the site sets none: none on .NET Framework (IIS holds idle asynchronous requests without
        /// threads); 50 on Mono, where fastcgi-mono-server4 stopped answering every request, not only push, past about
        /// 120 open streams (docs/RESULTS.md).
        /// </summary>
        internal static readonly int DefaultMaxStreams = MonoTimerSweep.IsMono ? 50 : 0;

        /// <summary>The reply's error code when the server holds as many streams as it may: the page uses its timers.</summary>
        internal const string BusyErrorCode = "busy";

        private static readonly Lazy<int> ConfiguredMaxStreams = new Lazy<int>(() =>
        {
            var text = System.Web.Configuration.WebConfigurationManager.AppSettings[MaxStreamsSetting];
            if (string.IsNullOrEmpty(text)) return DefaultMaxStreams;
            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)) return value;
            throw new System.Configuration.ConfigurationErrorsException("appSettings " + MaxStreamsSetting + " must be a whole number of streams, 0 for no limit; it is \"" + text + "\".");
        });

        /// <summary>The most streams and long polls open at once here (0: no limit).</summary>
        internal static int MaxStreams => ConfiguredMaxStreams.Value;

        /// <summary>At <c>PostMapRequestHandler</c>: a push request for a page is answered by the stream handler instead.</summary>
        internal static void TakeOver(HttpContext context)
        {
            if (!(context.Handler is Page)) return;
            var request = context.Request;
            if (!string.Equals(request.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase)) return;
            var mode = request.QueryString[ModeField];
            if (mode == null) return;
            context.Handler = new Handler(string.Equals(mode, "poll", StringComparison.Ordinal));
        }

        /// <summary>The topics a request names, each with its token checked; null with the refusal when any is not genuine.</summary>
        internal static List<string> ReadTopics(HttpContext context, out string refusalCode, out string refusal)
        {
            refusalCode = CallbackEnvelope.ForbiddenErrorCode;
            refusal = null;
            var values = context.Request.QueryString.GetValues(TopicField);
            if (values == null || values.Length == 0 || values.Length > MaxTopics)
            {
                refusal = Texts.PushTopics;
                return null;
            }
            var topics = new List<string>(values.Length);
            foreach (var value in values)
            {
                var tilde = value.IndexOf('~');
                var topic = tilde > 0 ? value.Substring(0, tilde) : null;
                if (topic == null || CallbackPush.TopicProblem(topic) != null)
                {
                    refusal = Texts.PushTopics;
                    return null;
                }
                var check = CallbackSecurity.VerifyPushToken(context, topic, value.Substring(tilde + 1));
                if (check != CallTokenCheck.Valid)
                {
                    if (check == CallTokenCheck.Expired)
                    {
                        refusalCode = CallbackEnvelope.ExpiredErrorCode;
                        refusal = Texts.TokenExpired;
                    }
                    else
                    {
                        refusal = Texts.PushTokenMismatch;
                    }
                    return null;
                }
                if (!topics.Contains(topic)) topics.Add(topic);
            }
            return topics;
        }

        /// <summary>One event of the stream, in the text/event-stream format.</summary>
        internal static void WriteEvent(StringBuilder text, string name, string id, string data)
        {
            if (id != null) text.Append("id: ").Append(id).Append('\n');
            text.Append("event: ").Append(name).Append('\n');
            // The data is JSON, whose strings escape line breaks: one data line.
            text.Append("data: ").Append(data).Append("\n\n");
        }

        /// <summary>A notification's JSON: the topic, and the text when it has one.</summary>
        internal static void WriteNotification(StringBuilder text, PushMessage message)
        {
            text.Append("{\"t\":");
            JsonText.WriteString(text, message.Topic);
            if (message.Data != null)
            {
                text.Append(",\"d\":");
                JsonText.WriteString(text, message.Data);
            }
            text.Append('}');
        }

        /// <summary>Answers a push request: a stream of events, or one long poll.</summary>
        internal sealed class Handler : HttpTaskAsyncHandler
        {
            private readonly bool _poll;

            internal Handler(bool poll)
            {
                _poll = poll;
            }

            public override bool IsReusable => false;

            public override async Task ProcessRequestAsync(HttpContext context)
            {
                var request = context.Request;
                if (CallbackSecurity.IsFromAnotherSite(request))
                {
                    CallbackErrors.WriteErrorReply(context.Response, 403, CallbackEnvelope.ForbiddenErrorCode, Texts.FromAnotherSite);
                    return;
                }
                var topics = ReadTopics(context, out var code, out var refusal);
                if (topics == null)
                {
                    CallbackErrors.WriteErrorReply(context.Response, 403, code, refusal);
                    return;
                }
                var hub = PushHub.Current;
                var limit = MaxStreams;
                if (limit > 0 && hub.ListenerCount >= limit)
                {
                    // Refused at once and cheaply: the page refreshes on its timer and tries again later, rather
                    // than a request that would wait for a slot and keep the site's other requests waiting too.
                    CallbackErrors.WriteErrorReply(context.Response, 503, BusyErrorCode, Texts.PushBusy);
                    context.Response.AppendHeader("Retry-After", "30");
                    return;
                }
                var user = CallbackSecurity.SignedInUser(context);
                var listener = hub.Listen(topics, user.Length == 0 ? null : user);
                try
                {
                    // The browser's reconnect names the last event it saw in a header; a page that opens a new
                    // stream (back from a hidden tab, or polling) in the query.
                    var lastId = request.Headers["Last-Event-ID"] ?? request.QueryString[SinceField];
                    var missed = string.IsNullOrEmpty(lastId) ? new List<PushRecord>() : hub.Missed(lastId, listener);
                    if (_poll) await PollAsync(context, hub, listener, missed);
                    else await StreamAsync(context, hub, listener, missed);
                }
                catch (Exception ex) when (ex is HttpException || ex is System.IO.IOException)
                {
                    // The client left while a write was on its way: nothing more to send.
                }
                finally
                {
                    hub.Unlisten(listener);
                }
            }

            private static void Start(HttpResponse response, string contentType)
            {
                response.ContentType = contentType;
                response.Charset = "utf-8";
                response.Cache.SetCacheability(HttpCacheability.NoCache);
                response.Cache.SetNoStore();
                // nginx passes a flushed reply on only when told; the same header is harmless elsewhere.
                response.AppendHeader("X-Accel-Buffering", "no");
            }

            private static async Task StreamAsync(HttpContext context, PushHub hub, PushListener listener, IList<PushRecord> missed)
            {
                var response = context.Response;
                Start(response, "text/event-stream");
                var text = new StringBuilder(256);
                text.Append("retry: ").Append(RetryMilliseconds).Append('\n');
                if (missed == null) WriteEvent(text, "reset", null, "1");
                else foreach (var record in missed) AppendRecord(text, null, record);
                var busAvailable = hub.BusAvailable;
                // The first event tells the page the stream works (a buffering proxy would hold it back) and, in
                // its id, from where a reconnect catches up.
                WriteEvent(text, "ready", hub.IdOf(listener.StartSequence), busAvailable ? "{\"bus\":true}" : "{\"bus\":false}");
                Send(response, text);

                var end = DateTime.UtcNow + StreamLife;
                // A client that left is found by a failed write (at the latest at the next heartbeat): Mono's
                // IsClientConnected cannot be relied on here.
                while (true)
                {
                    var left = end - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero) break;
                    var records = await listener.TakeAsync(left < Heartbeat ? left : Heartbeat);
                    text.Clear();
                    if (hub.BusAvailable != busAvailable)
                    {
                        busAvailable = !busAvailable;
                        WriteEvent(text, "bus", null, busAvailable ? "{\"bus\":true}" : "{\"bus\":false}");
                    }
                    foreach (var record in records) AppendRecord(text, hub, record);
                    if (text.Length == 0) WriteEvent(text, "hb", null, "1");
                    Send(response, text);
                }
            }

            private static async Task PollAsync(HttpContext context, PushHub hub, PushListener listener, IList<PushRecord> missed)
            {
                var records = missed == null || missed.Count > 0 ? missed : await listener.TakeAsync(PollWait);
                var last = listener.StartSequence;
                if (records != null && records.Count > 0) last = Math.Max(last, records[records.Count - 1].Sequence);
                var text = new StringBuilder(256);
                text.Append("{\"id\":");
                JsonText.WriteString(text, hub.IdOf(last));
                text.Append(",\"bus\":").Append(hub.BusAvailable ? "true" : "false");
                if (records == null) text.Append(",\"reset\":true");
                text.Append(",\"events\":[");
                for (var i = 0; records != null && i < records.Count; i++)
                {
                    if (i > 0) text.Append(',');
                    WriteNotification(text, records[i].Message);
                }
                text.Append("]}");
                var response = context.Response;
                Start(response, "application/json");
                response.Write(text.ToString());
            }

            private static void AppendRecord(StringBuilder text, PushHub hub, PushRecord record)
            {
                var data = new StringBuilder(64);
                WriteNotification(data, record.Message);
                WriteEvent(text, "cc", hub?.IdOf(record.Sequence), data.ToString());
            }

            private static void Send(HttpResponse response, StringBuilder text)
            {
                response.Write(text.ToString());
                response.Flush();
            }
        }
    }
}
