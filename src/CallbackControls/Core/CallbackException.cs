using System;

namespace CallbackControls
{
    /// <summary>
    /// An error whose message is meant for the user. Throw it from a callback handler to send the
    /// message to the client's error hook as it is, even where the site hides error details;
    /// every other exception's message is replaced by a generic one there.
    /// </summary>
    [Serializable]
    public class CallbackException : Exception
    {
        /// <summary>Creates an error with a message for the user.</summary>
        /// <param name="message">Text shown to the user; plain text, never markup.</param>
        public CallbackException(string message) : base(message) { }

        /// <summary>Creates an error with a message for the user and the error that caused it.</summary>
        /// <param name="message">Text shown to the user; plain text, never markup.</param>
        /// <param name="innerException">The cause, kept for server-side logging only.</param>
        public CallbackException(string message, Exception innerException) : base(message, innerException) { }

        /// <summary>Deserialization constructor.</summary>
        /// <param name="info">Serialized data.</param>
        /// <param name="context">Streaming context.</param>
        protected CallbackException(System.Runtime.Serialization.SerializationInfo info, System.Runtime.Serialization.StreamingContext context)
            : base(info, context) { }
    }
}
