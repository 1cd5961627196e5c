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
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
    public sealed class CallbackMethodAttribute : Attribute
    {
    }
}
