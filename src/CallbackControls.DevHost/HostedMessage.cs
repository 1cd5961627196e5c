using System;
using System.Collections.Generic;

namespace CallbackControls.DevHost
{
    /// <summary>
    /// What a <see cref="HostedRequest"/> and a <see cref="HostedResponse"/> both carry: headers in the
    /// order sent (a name may repeat) and a body. Plain and serializable because both are copied across
    /// the application-domain boundary.
    /// </summary>
    [Serializable]
    public abstract class HostedMessage
    {
        private List<KeyValuePair<string, string>> _headers = new List<KeyValuePair<string, string>>();
        private byte[] _body = new byte[0];

        /// <summary>The headers in the order they were sent; a name may repeat (<c>Set-Cookie</c>).</summary>
        public List<KeyValuePair<string, string>> Headers
        {
            get { return _headers; }
            set { _headers = value ?? new List<KeyValuePair<string, string>>(); }
        }

        /// <summary>The entity body, exactly as sent; empty, never null.</summary>
        public byte[] Body
        {
            get { return _body; }
            set { _body = value ?? new byte[0]; }
        }

        /// <summary>The values of a header joined with <c>", "</c>, or null when absent.</summary>
        /// <param name="name">The header name, compared without regard to case.</param>
        /// <returns>The joined values, or null.</returns>
        public string GetHeader(string name)
        {
            var values = GetHeaders(name);
            return values.Count == 0 ? null : string.Join(", ", values);
        }

        /// <summary>Every value of a header, one entry per header line (use for <c>Set-Cookie</c>).</summary>
        /// <param name="name">The header name, compared without regard to case.</param>
        /// <returns>The values; empty when absent.</returns>
        public IList<string> GetHeaders(string name)
        {
            var values = new List<string>();
            foreach (KeyValuePair<string, string> header in _headers)
            {
                if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)) values.Add(header.Value);
            }

            return values;
        }
    }
}
