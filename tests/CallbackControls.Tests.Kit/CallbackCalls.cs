using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Web.Script.Serialization;
using AngleSharp.Html.Parser;
using CallbackControls.DevHost;

namespace CallbackControls.Tests.Kit
{
    /// <summary>
    /// Sends requests the way the client runtime does: a callback carries the token the page rendered
    /// for its control in the X-CallbackControls-Token header.
    /// </summary>
    public static class CallbackCalls
    {
        public const string TokenHeader = "X-CallbackControls-Token";

        private static readonly ConcurrentDictionary<string, string> Tokens = new ConcurrentDictionary<string, string>();

        /// <summary>The token a page renders for one control (read from its data-cc-options); cached per page and control.</summary>
        public static string TokenFor(SiteHost site, string page, string callbackId)
        {
            var path = page.Split('?')[0];
            return Tokens.GetOrAdd(path + "|" + callbackId, _ => ReadToken(site.Get(page).GetBodyText(), callbackId));
        }

        /// <summary>The token of a control in a rendered page.</summary>
        public static string ReadToken(string html, string callbackId) => (string)Options(html, callbackId)["token"];

        /// <summary>The client options (data-cc-options) of a control in a rendered page.</summary>
        public static IDictionary<string, object> Options(string html, string callbackId)
        {
            var document = new HtmlParser().ParseDocument(html);
            var serializer = new JavaScriptSerializer();
            foreach (var element in document.QuerySelectorAll("[data-cc-options]"))
            {
                var options = (IDictionary<string, object>)serializer.DeserializeObject(element.GetAttribute("data-cc-options"));
                if ((string)options["callbackId"] == callbackId) return options;
            }
            throw new InvalidOperationException("No control with callbackId '" + callbackId + "' on the page.");
        }

        /// <summary>
        /// Posts a form body; when it is a callback (it names __CALLBACKID) it carries that control's
        /// token, unless <paramref name="token"/> says otherwise (empty: no header at all).
        /// </summary>
        public static HostedResponse Post(SiteHost site, string page, string contentType, string body, string token = null, params KeyValuePair<string, string>[] headers)
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

        /// <summary>
        /// The form body of one call, as the client runtime writes it: <c>__EVENTTARGET</c>, the given
        /// fields (name, value pairs), <c>__CALLBACKID</c> and the envelope <c>{"v":1,"arg":...,"state":...}</c>.
        /// </summary>
        /// <param name="callbackId">The control's UniqueID.</param>
        /// <param name="argument">The call's argument.</param>
        /// <param name="stateJson">The envelope's state as JSON (null: no state member).</param>
        /// <param name="fields">Further form fields: name, value, name, value...</param>
        public static string Body(string callbackId, string argument, string stateJson = null, params string[] fields)
        {
            var pairs = new List<string> { "__EVENTTARGET", string.Empty };
            pairs.AddRange(fields);
            pairs.AddRange(new[] { "__CALLBACKID", callbackId, "__CALLBACKPARAM", Envelope(argument, stateJson) });
            return Form(pairs.ToArray());
        }

        /// <summary>The envelope the runtime sends, with &lt;, &gt; and &amp; escaped as it escapes them.</summary>
        public static string Envelope(string argument, string stateJson = null)
        {
            var arg = new JavaScriptSerializer().Serialize(argument).Replace("<", "\\u003c").Replace(">", "\\u003e").Replace("&", "\\u0026");
            return "{\"v\":1,\"arg\":" + arg + (stateJson == null ? string.Empty : ",\"state\":" + stateJson) + "}";
        }

        /// <summary>A form-encoded body from name, value pairs.</summary>
        public static string Form(params string[] pairs)
        {
            var parts = new List<string>();
            for (int i = 0; i < pairs.Length; i += 2) parts.Add(WebUtility.UrlEncode(pairs[i]) + "=" + WebUtility.UrlEncode(pairs[i + 1]));
            return string.Join("&", parts);
        }

        /// <summary>Posts one call built by <see cref="Body"/> and reads its envelope.</summary>
        public static HostedResponse Call(SiteHost site, string page, string callbackId, string argument, string stateJson = null, params string[] fields) =>
            Post(site, page, "application/x-www-form-urlencoded", Body(callbackId, argument, stateJson, fields));

        /// <summary>
        /// A full postback as a browser makes it: the page is fetched first and its ASP.NET state fields
        /// (<c>__VIEWSTATE*</c>, <c>__EVENTVALIDATION</c>) go back with the given fields.
        /// </summary>
        public static HostedResponse Postback(SiteHost site, string page, params string[] fields)
        {
            var first = new HtmlParser().ParseDocument(site.Get(page).GetBodyText());
            var pairs = new List<string>();
            foreach (var hidden in first.QuerySelectorAll("input[type=hidden][name^='__VIEWSTATE'], input[type=hidden][name='__EVENTVALIDATION']"))
                pairs.AddRange(new[] { hidden.GetAttribute("name"), hidden.GetAttribute("value") ?? string.Empty });
            pairs.AddRange(fields);
            return Post(site, page, "application/x-www-form-urlencoded", Form(pairs.ToArray()));
        }

        /// <summary>The header naming the page method a call is for.</summary>
        public const string MethodHeader = "X-CallbackControls-Method";

        /// <summary>The header naming the control a page-method call is for.</summary>
        public const string TargetHeader = "X-CallbackControls-Target";

        /// <summary>
        /// Posts a page-method call as the runtime sends one for a control with a ServiceMethod: the bare
        /// envelope as text, the control and the method in their headers, the control's token unless given
        /// (empty: no token header).
        /// </summary>
        public static HostedResponse CallMethod(SiteHost site, string page, string callbackId, string method, string argument, string stateJson = null, string token = null, params KeyValuePair<string, string>[] headers) =>
            PostMethodBody(site, page, callbackId, method, Envelope(argument, stateJson), token, headers);

        /// <summary>Posts <paramref name="body"/> as a page-method call's body, whatever it holds (hostile bodies).</summary>
        public static HostedResponse PostMethodBody(SiteHost site, string page, string callbackId, string method, string body, string token = null, params KeyValuePair<string, string>[] headers) =>
            PostMethodBytes(site, page, callbackId, method, Encoding.UTF8.GetBytes(body ?? string.Empty), token, headers);

        /// <summary>Posts raw bytes as a page-method call's body (bodies that are not UTF-8, oversized ones).</summary>
        public static HostedResponse PostMethodBytes(SiteHost site, string page, string callbackId, string method, byte[] body, string token = null, params KeyValuePair<string, string>[] headers)
        {
            var request = new HostedRequest("POST", page) { Body = body };
            request.AddHeader("Host", "localhost");
            request.AddHeader("Content-Type", "text/plain; charset=UTF-8");
            if (token == null) token = TokenFor(site, page, callbackId);
            if (token.Length > 0) request.AddHeader(TokenHeader, token);
            request.AddHeader(MethodHeader, method);
            if (callbackId != null) request.AddHeader(TargetHeader, callbackId);
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
