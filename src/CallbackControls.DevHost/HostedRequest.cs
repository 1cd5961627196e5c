using System;
using System.Collections.Generic;

namespace CallbackControls.DevHost
{
    /// <summary>
    /// One HTTP request as handed to the ASP.NET application domain. Plain and serializable because
    /// it is copied across the application-domain boundary.
    /// </summary>
    [Serializable]
    public sealed class HostedRequest : HostedMessage
    {
        private string _verb = "GET";
        private string _pathAndQuery = "/";

        /// <summary>Creates a GET request for the application root.</summary>
        public HostedRequest()
        {
        }

        /// <summary>Creates a request with the given verb and path.</summary>
        /// <param name="verb">The HTTP method, such as <c>GET</c> or <c>POST</c>.</param>
        /// <param name="pathAndQuery">The raw URL as sent on the request line, such as <c>/Default.aspx?x=1</c>.</param>
        public HostedRequest(string verb, string pathAndQuery)
        {
            Verb = verb;
            PathAndQuery = pathAndQuery;
        }

        /// <summary>The HTTP method, such as <c>GET</c> or <c>POST</c>.</summary>
        public string Verb
        {
            get { return _verb; }
            set { _verb = string.IsNullOrEmpty(value) ? "GET" : value; }
        }

        /// <summary>The raw URL as sent on the request line, still percent-encoded, such as <c>/a.aspx?x=1</c>.</summary>
        public string PathAndQuery
        {
            get { return _pathAndQuery; }
            set { _pathAndQuery = string.IsNullOrEmpty(value) ? "/" : value; }
        }

        /// <summary>The protocol on the request line; <c>HTTP/1.1</c> unless set.</summary>
        public string HttpVersion { get; set; } = "HTTP/1.1";

        /// <summary>The client's IP address.</summary>
        public string RemoteAddress { get; set; } = "127.0.0.1";

        /// <summary>The client's TCP port.</summary>
        public int RemotePort { get; set; }

        /// <summary>The server's IP address the request arrived on.</summary>
        public string LocalAddress { get; set; } = "127.0.0.1";

        /// <summary>The server's TCP port the request arrived on.</summary>
        public int LocalPort { get; set; } = 80;

        /// <summary>Appends a header; an existing header of the same name is kept.</summary>
        /// <param name="name">The header name.</param>
        /// <param name="value">The header value.</param>
        /// <returns>This request, so calls can be chained.</returns>
        public HostedRequest AddHeader(string name, string value)
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException("A header needs a name.", nameof(name));

            Headers.Add(new KeyValuePair<string, string>(name, value ?? string.Empty));
            return this;
        }
    }
}
