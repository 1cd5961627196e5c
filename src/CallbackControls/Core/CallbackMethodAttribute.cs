using System;

namespace CallbackControls
{
    /// <summary>
    /// Marks a public static method of a page class that a control's calls may run without the page
    /// being built (the control's <c>ServiceMethod</c> names it). Only methods carrying this attribute
    /// can be reached that way, as only <c>[WebMethod]</c> methods are page methods.
    /// </summary>
    /// <example>
    /// <code>
    /// [CallbackMethod]
    /// public static void GetRegions(CascadingDropDownPopulateEventArgs e)
    /// {
    ///     foreach (var region in Data.RegionsOf(e.ParentValue)) e.Items.Add(new ListItem(region.Name, region.Code));
    /// }
    /// </code>
    /// </example>
    /// <remarks>
    /// A call takes no session state unless <see cref="EnableSession"/> says so, as ASP.NET's own page
    /// methods (<c>[WebMethod(EnableSession = true)]</c>): looking a session up costs every call, and for
    /// a visitor without one it makes a new session id and cookie each time.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
    public sealed class CallbackMethodAttribute : Attribute
    {
        /// <summary>
        /// Gets or sets whether the method reads session state (<c>HttpContext.Current.Session</c>). The
        /// session is then read-only, so calls of one user run side by side instead of queueing for the
        /// session lock; writes are not saved. False (no session) unless set.
        /// </summary>
        public bool EnableSession { get; set; }
    }
}
