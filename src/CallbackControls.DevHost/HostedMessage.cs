using System;
using System.Collections.Generic;
using System.Linq;

namespace CallbackControls.DevHost
{
    /// <summary>What a <see cref="HostedRequest"/> and a <see cref="HostedResponse"/> both carry: headers and a body.</summary>
    public abstract class HostedMessage
    {
        /// <summary>The headers in the order they were sent; a name may repeat (<c>Set-Cookie</c>).</summary>
        public List<KeyValuePair<string, string>> Headers { get; } = new List<KeyValuePair<string, string>>();

        /// <summary>The entity body, exactly as sent.</summary>
        public byte[] Body { get; set; } = new byte[0];

        /// <summary>The values of a header (its name compared without regard to case) joined with <c>", "</c>, or null when absent.</summary>
        public string GetHeader(string name)
        {
            IList<string> values = GetHeaders(name);
            return values.Count == 0 ? null : string.Join(", ", values);
        }

        /// <summary>Every value of a header (its name compared without regard to case), one entry per header line (use for <c>Set-Cookie</c>).</summary>
        public IList<string> GetHeaders(string name) =>
            Headers.Where(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Select(header => header.Value).ToList();
    }
}
