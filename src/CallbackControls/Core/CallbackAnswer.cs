using System;
using System.Diagnostics;
using System.Text;
using System.Web;

namespace CallbackControls
{
    /// <summary>A call whose content the server cannot read (the client's or an attacker's fault): a bad-request reply.</summary>
    [Serializable]
    internal sealed class CallbackRequestException : CallbackException
    {
        internal CallbackRequestException(string message) : base(message) { }
    }

    /// <summary>
    /// Answers one call, the same way whether a control on a built page answers it or a page's
    /// <see cref="CallbackMethodAttribute"/> method answers it without the page: the envelope is read,
    /// the handler runs, its result is written; every failure becomes an error envelope.
    /// </summary>
    internal static class CallbackAnswer
    {
        /// <summary>Runs <paramref name="process"/> on the call's envelope and returns the reply envelope.</summary>
        internal static string Run(HttpContext context, string controlId, string parameter, Func<CallbackEventArgs, object> process)
        {
            var reply = ReplyText.Acquire();
            Run(context, controlId, parameter, process, reply);
            return ReplyText.ToStringAndRelease(reply);
        }

        /// <summary>Runs <paramref name="process"/> on the call's envelope and appends the reply envelope to <paramref name="reply"/>.</summary>
        internal static void Run(HttpContext context, string controlId, string parameter, Func<CallbackEventArgs, object> process, StringBuilder reply)
        {
            CallbackEventArgs args;
            try
            {
                args = CallbackEnvelope.ParseRequest(parameter);
            }
            catch (CallbackException ex)
            {
                reply.Append(CallbackEnvelope.WriteError(CallbackEnvelope.BadRequestErrorCode, ex.Message));
                return;
            }

            object result;
            try
            {
                result = process(args);
            }
            catch (CallbackRequestException ex)
            {
                reply.Append(CallbackEnvelope.WriteError(CallbackEnvelope.BadRequestErrorCode, ex.Message));
                return;
            }
            catch (Exception ex)
            {
                Trace.TraceError("CallbackControls: the callback handler of '{0}' failed: {1}", controlId, ex);
                reply.Append(CallbackEnvelope.WriteError(CallbackEnvelope.HandlerErrorCode, MessageFor(context, ex, Texts.HandlerFailed)));
                return;
            }

            int start = reply.Length;
            try
            {
                CallbackEnvelope.WriteResult(reply, result, CallbackSecurity.RenewedToken(context));
            }
            catch (Exception ex)
            {
                // A circular graph, or a type the serializer cannot write: the handler's bug, reported as data
                // in place of what was written of the result.
                reply.Length = start;
                Trace.TraceError("CallbackControls: the result of '{0}' could not be written as JSON: {1}", controlId, ex);
                reply.Append(CallbackEnvelope.WriteError(CallbackEnvelope.BadResultErrorCode, MessageFor(context, ex, Texts.ResultNotSent)));
            }
        }

        /// <summary>
        /// The message sent to the client for a failure: a <see cref="CallbackException"/>'s own message
        /// always; any other exception's message only where the site shows detailed errors.
        /// </summary>
        internal static string MessageFor(HttpContext context, Exception ex, string genericMessage)
        {
            if (ex is System.Reflection.TargetInvocationException && ex.InnerException != null) ex = ex.InnerException;
            if (ex is CallbackException) return ex.Message;
            return CallbackErrors.ShowsDetails(context) ? CallbackErrors.Sanitize(ex.Message) : genericMessage;
        }
    }
}
