using System;
using System.Collections.Generic;
using System.Web.UI;

namespace CallbackControls
{
    /// <summary>
    /// The runtime's own resources (its script and the default look) and the one place that registers a
    /// control's scripts with a page. Each control names its own scripts (the channel registers them in the
    /// order the control lists them).
    /// </summary>
    internal static class ClientResources
    {
        /// <summary>The logical name of the client runtime's first part (wire format, transport, request queue).</summary>
        public const string ProtocolScript = "CallbackControls.Scripts.CallbackControls.Protocol.js";

        /// <summary>The logical name of the client runtime's second part (client objects, page lifecycle).</summary>
        public const string RuntimeScript = "CallbackControls.Scripts.CallbackControls.js";

        /// <summary>The logical name of the push connection (Push/CallbackControls.Push.js), loaded after the runtime by a control with a PushTopic.</summary>
        public const string PushScript = "CallbackControls.Push.CallbackControls.Push.js";

        /// <summary>
        /// The scripts every callback control needs, in load order, followed by the control's own
        /// (the runtime takes its first part over as it loads, so the order is part of the contract).
        /// </summary>
        /// <param name="controlScripts">The control's own scripts, after the runtime.</param>
        public static IEnumerable<string> WithRuntime(params string[] controlScripts)
        {
            yield return ProtocolScript;
            yield return RuntimeScript;
            foreach (var script in controlScripts) yield return script;
        }

        /// <summary>The logical name of the default look (Styles/CallbackControls.css).</summary>
        public const string DefaultStyleSheet = "CallbackControls.Styles.CallbackControls.css";

        private const string SiteWideSwitch = "CallbackControls:DefaultStyle";
        private static readonly object StyleLinkedKey = new object();

        /// <summary>
        /// Links the default look in the page's head, once per page, unless the site turned it off
        /// (appSettings "CallbackControls:DefaultStyle" = false). A page without
        /// <c>&lt;head runat="server"&gt;</c> has no head to add it to and keeps its own look.
        /// </summary>
        public static void RegisterDefaultStyle(Control control)
        {
            var page = control.Page;
            if (page?.Header == null || page.Items.Contains(StyleLinkedKey)) return;
            if (string.Equals(System.Web.Configuration.WebConfigurationManager.AppSettings[SiteWideSwitch], "false", StringComparison.OrdinalIgnoreCase)) return;
            page.Items[StyleLinkedKey] = true;
            var link = new System.Web.UI.HtmlControls.HtmlLink { Href = page.ClientScript.GetWebResourceUrl(typeof(ClientResources), DefaultStyleSheet) };
            link.Attributes["rel"] = "stylesheet";
            try
            {
                // First in the head, so the page's own stylesheets come after it and win any tie.
                page.Header.Controls.AddAt(0, link);
            }
            catch (System.Web.HttpException)
            {
                // A head holding <% %> code blocks cannot take controls; the page keeps its own look.
            }
        }

        /// <summary>
        /// Registers an embedded script of this assembly once per page: through the page's
        /// ScriptManager when it has one (so scripts survive UpdatePanel partial updates),
        /// through <see cref="ClientScriptManager"/> otherwise.
        /// </summary>
        /// <param name="control">The control that needs the script; must be on a page.</param>
        /// <param name="resourceName">The logical name of the embedded script.</param>
        public static void Register(Control control, string resourceName)
        {
            if (control == null) throw new ArgumentNullException(nameof(control));
            if (control.Page == null) throw new InvalidOperationException("The control must be on a page to register its scripts.");
            if (System.Web.UI.ScriptManager.GetCurrent(control.Page) != null)
            {
                System.Web.UI.ScriptManager.RegisterClientScriptResource(control, typeof(ClientResources), resourceName);
            }
            else
            {
                control.Page.ClientScript.RegisterClientScriptResource(typeof(ClientResources), resourceName);
            }
        }
    }
}
