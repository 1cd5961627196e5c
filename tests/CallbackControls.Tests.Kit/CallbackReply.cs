using System;
using System.Collections.Generic;
using System.Web.Script.Serialization;
using Xunit;

namespace CallbackControls.Tests.Kit
{
    /// <summary>
    /// Reads a callback reply in each form ASP.NET frames it, as the client runtime does:
    /// <c>s&lt;envelope&gt;</c>, <c>&lt;n&gt;|&lt;n chars of __EVENTVALIDATION&gt;&lt;envelope&gt;</c>, and
    /// <c>e&lt;message&gt;</c> (the page failed before the control answered).
    /// </summary>
    public static class CallbackReply
    {
        /// <summary>The envelope of a reply; an <c>e</c> reply fails the test with its message.</summary>
        public static IDictionary<string, object> Parse(string text)
        {
            var frame = Read(text);
            Assert.True(frame.Error == null, "the page failed before the control answered: " + frame.Error);
            return (IDictionary<string, object>)new JavaScriptSerializer().DeserializeObject(frame.Payload);
        }

        /// <summary>The frame of a reply: its payload, or the message of an <c>e</c> reply.</summary>
        public static (string Payload, string Error) Read(string text)
        {
            Assert.False(string.IsNullOrEmpty(text), "empty reply");
            if (text[0] == 's') return (text.Substring(1), null);
            if (text[0] == 'e') return (null, text.Substring(1));
            var bar = text.IndexOf('|');
            Assert.True(bar > 0 && int.TryParse(text.Substring(0, bar), out _), "not a callback reply: " + text.Substring(0, Math.Min(200, text.Length)));
            var length = int.Parse(text.Substring(0, bar));
            return (text.Substring(bar + 1 + length), null);
        }
    }
}
