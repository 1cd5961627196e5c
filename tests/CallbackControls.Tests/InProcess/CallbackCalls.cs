using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Web.Script.Serialization;
using AngleSharp.Html.Parser;
using CallbackControls.DevHost;

namespace CallbackControls.Tests.InProcess
{
    /// <summary>
    /// Sends requests the way the client runtime does: a callback carries the token the page rendered
    /// for its control in the X-CallbackControls-Token header.
    /// </summary>
    internal static class CallbackCalls
    {
        internal const string TokenHeader = "X-CallbackControls-Token";

        private static readonly ConcurrentDictionary<string, string> Tokens = new ConcurrentDictionary<string, string>();

        /// <summary>The token a page renders for one control (read from its data-cc-options); cached per page and control.</summary>
        internal static string TokenFor(SiteHost site, string page, string callbackId)
        {
            var path = page.Split('?')[0];
            return Tokens.GetOrAdd(path + "|" + callbackId, _ => ReadToken(site.Get(page).GetBodyText(), callbackId));
        }

        /// <summary>The token of a control in a rendered page.</summary>
        internal static string ReadToken(string html, string callbackId)
        {
            var document = new HtmlParser().ParseDocument(html);
            var serializer = new JavaScriptSerializer();
            foreach (var element in document.QuerySelectorAll("[data-cc-options]"))
            {
                var options = (IDictionary<string, object>)serializer.DeserializeObject(element.GetAttribute("data-cc-options"));
                if ((string)options["callbackId"] == callbackId) return (string)options["token"];
            }
            throw new InvalidOperationException("No control with callbackId '" + callbackId + "' on the page.");
        }

        /// <summary>
        /// Posts a form body; when it is a callback (it names __CALLBACKID) it carries that control's
        /// token, unless <paramref name="token"/> says otherwise (empty: no header at all).
        /// </summary>
        internal static HostedResponse Post(SiteHost site, string page, string contentType, string body, string token = null, params KeyValuePair<string, string>[] headers)
        {
            var request = new HostedRequest("POST", page) { Body = Encoding.UTF8.GetBytes(body ?? string.Empty) };
            request.AddHeader("Host", "localhost");
            request.AddHeader("Content-Type", contentType);
            var callbackId = CallbackIdOf(body);
            if (token == null && callbackId != null) token = TokenFor(site, page, callbackId);
            if (!string.IsNullOrEmpty(token)) request.AddHeader(TokenHeader, token);
            foreach (var header in headers) request.AddHeader(header.Key, header.Value);
            return site.Process(request);
        }

        private static string CallbackIdOf(string body)
        {
            foreach (var pair in (body ?? string.Empty).Split('&'))
            {
                var parts = pair.Split(new[] { '=' }, 2);
                if (parts.Length == 2 && WebUtility.UrlDecode(parts[0]) == "__CALLBACKID") return WebUtility.UrlDecode(parts[1]);
            }
            return null;
        }
    }
}
