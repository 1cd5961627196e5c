using System;
using System.Collections.Concurrent;
using System.Reflection;

namespace CallbackControls
{
    /// <summary>
    /// Turns a page method's call into the method's answer. A control whose page methods take event
    /// args of their own marks that type with <see cref="PageMethodAnswerAttribute"/>, naming the class (in
    /// the control's folder) that reads the call's state into those args and the args into a result;
    /// the page-method path finds it from the method's parameter type, so Core names no control and a
    /// new control needs no change here.
    /// </summary>
    internal interface IPageMethodAnswer
    {
        /// <summary>
        /// Binds the page's method to what answers one call.
        /// </summary>
        /// <param name="pageType">The page class holding the method.</param>
        /// <param name="method">The method's name.</param>
        /// <param name="controlId">The calling control's UniqueID (for messages).</param>
        /// <param name="contextKey">The verified context key of the call ("" for none).</param>
        /// <returns>What answers the call from its envelope.</returns>
        /// <exception cref="InvalidOperationException">The method is gone or has another shape.</exception>
        /// <param name="settings">What the control signed with the method's name in the call's token (after a '|'), or empty.</param>
        Func<CallbackEventArgs, object> Bind(Type pageType, string method, string controlId, string contextKey, string settings);
    }

    /// <summary>Names the <see cref="IPageMethodAnswer"/> of the page methods taking the marked event args.</summary>
    [AttributeUsage(AttributeTargets.Class, Inherited = false)]
    internal sealed class PageMethodAnswerAttribute : Attribute
    {
        /// <summary>Names the answer's class; it needs a public parameterless constructor.</summary>
        /// <param name="answerType">A class implementing <see cref="IPageMethodAnswer"/>.</param>
        internal PageMethodAnswerAttribute(Type answerType)
        {
            AnswerType = answerType;
        }

        /// <summary>The class implementing <see cref="IPageMethodAnswer"/>.</summary>
        internal Type AnswerType { get; }
    }

    /// <summary>Finds the answer for a page method's argument type, once per type.</summary>
    internal static class PageMethodAnswers
    {
        private static readonly ConcurrentDictionary<Type, IPageMethodAnswer> ByArgumentType = new ConcurrentDictionary<Type, IPageMethodAnswer>();

        private static readonly IPageMethodAnswer Plain = new PlainAnswer();

        /// <summary>The answer for methods taking <paramref name="argumentType"/>: the type's own, or the plain <see cref="CallbackEventArgs"/> one.</summary>
        /// <param name="argumentType">The method's parameter type; null when the page has no such method.</param>
        internal static IPageMethodAnswer For(Type argumentType)
        {
            if (argumentType == null) return Plain;
            return ByArgumentType.GetOrAdd(argumentType, type =>
            {
                var marked = type.GetCustomAttribute<PageMethodAnswerAttribute>(false);
                return marked == null ? Plain : (IPageMethodAnswer)Activator.CreateInstance(marked.AnswerType, nonPublic: true);
            });
        }

        /// <summary><c>Name(CallbackEventArgs e)</c>: the method sets <see cref="CallbackEventArgs.Result"/>.</summary>
        private sealed class PlainAnswer : IPageMethodAnswer
        {
            public Func<CallbackEventArgs, object> Bind(Type pageType, string method, string controlId, string contextKey, string settings)
            {
                var answer = PageMethods.Find<CallbackEventArgs>(pageType, method, controlId);
                return e =>
                {
                    answer(e);
                    return e.Result;
                };
            }
        }
    }
}
