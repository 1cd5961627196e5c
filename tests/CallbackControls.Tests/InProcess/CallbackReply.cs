using System;
using System.Collections.Generic;
using System.Web.Script.Serialization;
using Xunit;

namespace CallbackControls.Tests.InProcess
{
    /// <summary>Reads a callback reply as ASP.NET frames it ("s..." or "n|validation...") into the envelope.</summary>
    internal static class CallbackReply
    {
        public static IDictionary<string, object> Parse(string text)
        {
            string payload;
            if (text.StartsWith("s", StringComparison.Ordinal)) payload = text.Substring(1);
            else
            {
                var bar = text.IndexOf('|');
                Assert.True(bar > 0, "not a callback reply: " + text.Substring(0, Math.Min(200, text.Length)));
                var length = int.Parse(text.Substring(0, bar));
                payload = text.Substring(bar + 1 + length);
            }
            return (IDictionary<string, object>)new JavaScriptSerializer().DeserializeObject(payload);
        }
    }
}
