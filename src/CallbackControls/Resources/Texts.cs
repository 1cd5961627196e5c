using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Resources;

namespace CallbackControls
{
    /// <summary>
    /// The texts users read, from Resources/Texts*.resx in the request's UI culture (English, French and
    /// German ship with the package). Developer-facing errors (a misconfigured page) stay in English.
    /// </summary>
    internal static class Texts
    {
        private static readonly ResourceManager Resources = new ResourceManager("CallbackControls.Resources.Texts", typeof(Texts).Assembly);

        /// <summary>A text in the current UI culture.</summary>
        internal static string Get(string name) => Resources.GetString(name, CultureInfo.CurrentUICulture) ?? name;

        /// <summary>
        /// The client runtime's own failure messages in the current UI culture, by error kind, or null
        /// when they read as the runtime's built-in English ones (so English pages send nothing).
        /// </summary>
        internal static IDictionary<string, string> ForClient() =>
            ClientTextsByCulture.GetOrAdd(CultureInfo.CurrentUICulture, _ => ClientTexts());

        // Worked out once per UI culture: every control of every page asks for them as it renders.
        private static readonly ConcurrentDictionary<CultureInfo, IDictionary<string, string>> ClientTextsByCulture =
            new ConcurrentDictionary<CultureInfo, IDictionary<string, string>>();

        private static IDictionary<string, string> ClientTexts()
        {
            Dictionary<string, string> texts = null;
            foreach (var (kind, name) in ClientKinds)
            {
                var text = Get(name);
                if (text == Resources.GetString(name, CultureInfo.InvariantCulture)) continue;
                texts = texts ?? new Dictionary<string, string>();
                texts[kind] = text;
            }
            return texts;
        }

        private static readonly (string Kind, string Name)[] ClientKinds =
        {
            ("network", nameof(ClientNetwork)), ("timeout", nameof(ClientTimeout)), ("http", nameof(ClientHttp)),
            ("redirect", nameof(ClientRedirect)), ("server", nameof(ClientServer)), ("malformed", nameof(ClientMalformed)),
            ("retry", nameof(ClientRetry)),
        };

        /// <summary>A text in the current UI culture with its placeholders filled.</summary>
        internal static string Format(string name, params object[] args) => string.Format(CultureInfo.CurrentCulture, Get(name), args);

        /// <summary>Try again (the button a list shows when it could not be filled)</summary>
        internal static string ClientRetry => Get(nameof(ClientRetry));

        /// <summary>Loading...</summary>
        internal static string Loading => Get(nameof(Loading));

        /// <summary>{0} item</summary>
        internal static string CountOne => Get(nameof(CountOne));

        /// <summary>{0} items</summary>
        internal static string CountMany => Get(nameof(CountMany));

        /// <summary>No items</summary>
        internal static string NoItems => Get(nameof(NoItems));

        /// <summary>The text typed to find an item is longer than {0} characters.</summary>
        internal static string FilterTooLong => Get(nameof(FilterTooLong));

        /// <summary>Type to find</summary>
        internal static string FilterLabel => Get(nameof(FilterLabel));

        /// <summary>{0} matches</summary>
        internal static string CountMatches => Get(nameof(CountMatches));

        /// <summary>{0} match</summary>
        internal static string CountMatchOne => Get(nameof(CountMatchOne));

        /// <summary>{0} of {1} matches shown; type more to narrow them</summary>
        internal static string CountPartial => Get(nameof(CountPartial));

        /// <summary>No matches</summary>
        internal static string NoMatches => Get(nameof(NoMatches));

        /// <summary>Update</summary>
        internal static string NoScriptUpdate => Get(nameof(NoScriptUpdate));

        /// <summary>The selected item is not available for the chosen parent. Please choose again.</summary>
        internal static string RejectedSelection => Get(nameof(RejectedSelection));

        /// <summary>The value chosen in '{0}' is not one the server offers, so '{1}' cannot be filled. Choose it again.</summary>
        internal static string ParentRefused => Get(nameof(ParentRefused));

        /// <summary>The server could not complete the request.</summary>
        internal static string HandlerFailed => Get(nameof(HandlerFailed));

        /// <summary>The server's answer could not be sent.</summary>
        internal static string ResultNotSent => Get(nameof(ResultNotSent));

        /// <summary>The server's request validation refused a value sent with the call.</summary>
        internal static string RequestValidationRefused => Get(nameof(RequestValidationRefused));

        /// <summary>The page failed before '{0}' could answer</summary>
        internal static string PageFailed => Get(nameof(PageFailed));

        /// <summary>The call's token does not belong to this page, control and user. Reload the page.</summary>
        internal static string TokenMismatchPage => Get(nameof(TokenMismatchPage));

        /// <summary>This page has been open longer than its calls may be trusted, and its token has expired. Reload the page.</summary>
        internal static string TokenExpired => Get(nameof(TokenExpired));

        /// <summary>Pause updates (the name of a refreshing chart's pause button; aria-pressed says whether it is paused).</summary>
        internal static string PauseUpdates => Get(nameof(PauseUpdates));

        /// <summary>chart (what a chart's tab stop is called, in place of "application")</summary>
        internal static string ChartRoleDescription => Get(nameof(ChartRoleDescription));

        /// <summary>Left and Right arrows move along a series, ... (the hint of a chart's tab stop)</summary>
        internal static string KeysHint => Get(nameof(KeysHint));

        /// <summary>Latest value of {0} is {1}. (what a chart announces when its data changes, AnnounceUpdates)</summary>
        internal static string LatestValue => Get(nameof(LatestValue));

        /// <summary>The call's token does not match this page, control and method. Reload the page.</summary>
        internal static string TokenMismatchMethod => Get(nameof(TokenMismatchMethod));

        /// <summary>This server holds as many push streams as it may; the page refreshes on its timers and tries again later.</summary>
        internal static string PushBusy => Get(nameof(PushBusy));

        /// <summary>The push subscription names no topic, more than 32, or one that is not a valid topic name.</summary>
        internal static string PushTopics => Get(nameof(PushTopics));

        /// <summary>The push subscription's token does not match this page, topic and user. Reload the page.</summary>
        internal static string PushTokenMismatch => Get(nameof(PushTokenMismatch));

        /// <summary>The call carried no token. Calls must come from the page's own CallbackControls script.</summary>
        internal static string NoToken => Get(nameof(NoToken));

        /// <summary>The call came from another site.</summary>
        internal static string FromAnotherSite => Get(nameof(FromAnotherSite));

        /// <summary>Callbacks are accepted by POST only.</summary>
        internal static string PostOnly => Get(nameof(PostOnly));

        /// <summary>The server could not be reached.</summary>
        internal static string ClientNetwork => Get(nameof(ClientNetwork));

        /// <summary>The server did not answer within {0} ms.</summary>
        internal static string ClientTimeout => Get(nameof(ClientTimeout));

        /// <summary>The server answered with HTTP {0}.</summary>
        internal static string ClientHttp => Get(nameof(ClientHttp));

        /// <summary>The server redirected the call (has the session expired?).</summary>
        internal static string ClientRedirect => Get(nameof(ClientRedirect));

        /// <summary>The server could not process the call.</summary>
        internal static string ClientServer => Get(nameof(ClientServer));

        /// <summary>The server did not answer with a callback reply.</summary>
        internal static string ClientMalformed => Get(nameof(ClientMalformed));
    }
}
