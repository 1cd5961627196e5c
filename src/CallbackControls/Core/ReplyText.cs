using System;
using System.Text;
using System.Web;

namespace CallbackControls
{
    /// <summary>
    /// The buffer a reply is written into, kept per thread between calls, and the copy of it into the
    /// response. A list's reply is a few KB: building a new buffer, a string of it and the response's
    /// copy of that string for every call made the garbage collector, not our code, the largest cost of
    /// a page-method call on Mono (docs/RESULTS.md).
    /// </summary>
    internal static class ReplyText
    {
        /// <summary>A buffer this size holds a typical list's reply without growing.</summary>
        private const int InitialCapacity = 4096;

        /// <summary>Larger buffers (a big chart's reply) are let go, so one such call does not pin its memory to the thread.</summary>
        private const int MaxKeptCapacity = 64 * 1024;

        private const int CopyChunk = 2048;

        [ThreadStatic]
        private static StringBuilder _kept;

        [ThreadStatic]
        private static char[] _chunk;

        /// <summary>An empty buffer: the thread's kept one when it is free, else a new one.</summary>
        internal static StringBuilder Acquire()
        {
            var text = _kept;
            if (text == null) return new StringBuilder(InitialCapacity);
            _kept = null; // a nested call on this thread gets a buffer of its own
            return text;
        }

        /// <summary>The text of <paramref name="text"/>; the buffer goes back to the thread.</summary>
        internal static string ToStringAndRelease(StringBuilder text)
        {
            var value = text.ToString();
            Release(text);
            return value;
        }

        /// <summary>Gives the buffer back to the thread, emptied, unless it grew too large to keep.</summary>
        internal static void Release(StringBuilder text)
        {
            if (text.Capacity > MaxKeptCapacity) return;
            text.Clear();
            _kept = text;
        }

        /// <summary>Writes the buffer's text into the response, through a small chunk kept per thread, without a string of it.</summary>
        internal static void WriteTo(HttpResponse response, StringBuilder text)
        {
            var chunk = _chunk ?? (_chunk = new char[CopyChunk]);
            for (int start = 0; start < text.Length; start += CopyChunk)
            {
                int count = Math.Min(CopyChunk, text.Length - start);
                text.CopyTo(start, chunk, 0, count);
                response.Write(chunk, 0, count);
            }
        }
    }
}
