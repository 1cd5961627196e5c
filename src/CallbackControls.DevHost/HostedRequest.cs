using System.Collections.Generic;

namespace CallbackControls.DevHost
{
    /// <summary>One HTTP request as handed to the ASP.NET application domain.</summary>
    public sealed class HostedRequest : HostedMessage
    {
        /// <summary>Creates a request from its method and its raw URL as sent on the request line, such as <c>("POST", "/a.aspx?x=%20")</c>.</summary>
        public HostedRequest(string verb, string pathAndQuery)
        {
            Verb = verb;
            PathAndQuery = pathAndQuery;
        }

        /// <summary>The HTTP method.</summary>
        public string Verb { get; }

        /// <summary>The raw URL as sent on the request line, still percent-encoded.</summary>
        public string PathAndQuery { get; }

        /// <summary>The protocol on the request line.</summary>
        public string HttpVersion { get; set; } = "HTTP/1.1";

        /// <summary>The client's IP address: ASP.NET's <c>REMOTE_ADDR</c>, which <c>Request.IsLocal</c> and RemoteOnly errors go by.</summary>
        public string RemoteAddress { get; set; } = "127.0.0.1";

        /// <summary>The client's TCP port.</summary>
        public int RemotePort { get; set; }

        /// <summary>The server's IP address the request arrived on.</summary>
        public string LocalAddress { get; set; } = "127.0.0.1";

        /// <summary>The server's TCP port the request arrived on.</summary>
        public int LocalPort { get; set; } = 80;

        /// <summary>Appends a header (an existing header of the same name is kept) and returns this request, so calls can be chained.</summary>
        public HostedRequest AddHeader(string name, string value)
        {
            Headers.Add(new KeyValuePair<string, string>(name, value ?? string.Empty));
            return this;
        }
    }
}
