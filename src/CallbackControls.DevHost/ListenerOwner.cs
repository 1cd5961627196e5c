using System;

namespace CallbackControls.DevHost
{
    /// <summary>
    /// What an <see cref="ApplicationListener"/> asks of the domain that outlives it (the host's): where to
    /// send a request its own application can no longer run, who listens next when its domain unloads,
    /// and where the request log goes.
    /// </summary>
    internal abstract class ListenerOwner : MarshalByRefObject
    {
        /// <summary>Keeps the proxy held by the ASP.NET domain alive for as long as that domain lives.</summary>
        /// <returns>Null: an infinite lease.</returns>
        public override object InitializeLifetimeService() => null;

        /// <summary>
        /// Runs a request through the site from the host's domain: for a listener whose application is
        /// shutting down (the next application runs it, started now when nothing has yet), and for a relay.
        /// </summary>
        /// <param name="caller">The listener asking: one whose application is unloading, or a relay.</param>
        /// <param name="packedRequest">The request, packed by <see cref="HostedMessageCodec"/>.</param>
        /// <returns>The reply, packed the same way.</returns>
        public abstract byte[] ProcessElsewhere(ApplicationListener caller, byte[] packedRequest);

        /// <summary>
        /// Called from the listener's domain as it unloads, before the domain goes: a listener in the
        /// site's next application takes the port over. Returns once it listens (or could not).
        /// </summary>
        /// <param name="unloading">The listener whose domain is unloading.</param>
        public abstract void ApplicationUnloading(ApplicationListener unloading);

        /// <summary>Writes lines of the request log.</summary>
        /// <param name="lines">The lines, oldest first.</param>
        public abstract void WriteLines(string[] lines);
    }
}
