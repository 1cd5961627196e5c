using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using System.Reflection;

namespace CallbackControls
{
    /// <summary>
    /// Finds the <c>[CallbackMethod] public static void Name(TArgs e)</c> a control's ServiceMethod names
    /// on its page class (or a base class, such as the code-behind of a compiled page), once per type.
    /// </summary>
    internal static class PageMethods
    {
        // What a call needs to know of a marked method, found once per page type and name (reflection
        // allocates on every use).
        private static readonly ConcurrentDictionary<(Type, string), Marked> Methods = new ConcurrentDictionary<(Type, string), Marked>();

        // The delegates found, so a call (and every render that checks its method) costs one look-up.
        private static readonly ConcurrentDictionary<(Type, string, Type), Delegate> Delegates = new ConcurrentDictionary<(Type, string, Type), Delegate>();

        /// <summary>Finds the method; the error says what is missing and what to write.</summary>
        /// <exception cref="InvalidOperationException">No such method, or it has another shape.</exception>
        internal static Action<TArgs> Find<TArgs>(Type pageType, string name, string controlId) where TArgs : EventArgs
        {
            var key = (pageType, name, typeof(TArgs));
            if (Delegates.TryGetValue(key, out var found)) return (Action<TArgs>)found;
            var method = MethodOf(pageType, name)?.Method;
            var expected = string.Format(CultureInfo.InvariantCulture,
                "[CallbackMethod] public static void {0}({1} e)", name, typeof(TArgs).Name);
            if (method == null)
                throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                    "ServiceMethod of '{0}' names '{1}', but the page class {2} has no such method. Add {3} to the page's code.",
                    controlId, name, PageTypeName(pageType), expected));
            var parameters = method.GetParameters();
            if (method.ReturnType != typeof(void) || parameters.Length != 1 || parameters[0].ParameterType != typeof(TArgs))
                throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                    "ServiceMethod '{0}' of '{1}' must be written {2}.", name, controlId, expected));
            var action = (Action<TArgs>)Delegate.CreateDelegate(typeof(Action<TArgs>), method);
            Delegates[key] = action;
            return action;
        }

        /// <summary>
        /// The method's name in a call's method header, which may carry after a '|' settings the control
        /// signed with it in the call's token (a filtered list's mode and page size); a C# name holds no '|'.
        /// </summary>
        internal static string NameOf(string header)
        {
            if (header == null) return null;
            int bar = header.IndexOf('|');
            return bar < 0 ? header : header.Substring(0, bar);
        }

        /// <summary>The parameter type of a marked method, or null when there is no marked method of that name.</summary>
        internal static Type ArgumentTypeOf(Type pageType, string name) => MethodOf(pageType, name)?.ArgumentType;

        /// <summary>Whether the marked method of that name asks for session state (<see cref="CallbackMethodAttribute.EnableSession"/>).</summary>
        internal static bool EnablesSession(Type pageType, string name) => MethodOf(pageType, name)?.EnablesSession == true;

        private static Marked MethodOf(Type pageType, string name)
        {
            var key = (pageType, name);
            if (Methods.TryGetValue(key, out var marked)) return marked;
            marked = Lookup(pageType, name);
            // Only methods the page has are kept: a name it does not have is never remembered, so the
            // cache is bounded by the marked methods of the site's pages whatever requests arrive.
            if (marked != null) Methods[key] = marked;
            return marked;
        }

        private static Marked Lookup(Type type, string name)
        {
            // Public static methods of the page class and its bases; unmarked ones are never reachable.
            var method = type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy)
                .FirstOrDefault(m => m.Name == name && m.IsDefined(typeof(CallbackMethodAttribute), true));
            return method == null ? null : new Marked(method);
        }

        /// <summary>A marked method and what is read of it on every call.</summary>
        private sealed class Marked
        {
            internal Marked(MethodInfo method)
            {
                Method = method;
                var parameters = method.GetParameters();
                ArgumentType = parameters.Length == 1 ? parameters[0].ParameterType : null;
                EnablesSession = method.GetCustomAttribute<CallbackMethodAttribute>(true).EnableSession;
            }

            internal MethodInfo Method { get; }

            internal Type ArgumentType { get; }

            internal bool EnablesSession { get; }
        }

        // A compiled page is "ASP.default_aspx", deriving from the code-behind class the author knows.
        private static string PageTypeName(Type type) =>
            type.Namespace == "ASP" && type.BaseType != null ? type.BaseType.FullName : type.FullName;
    }
}
