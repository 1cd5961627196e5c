using System.Web.UI;
using CallbackControls;

// Every assembly-level declaration of the library lives here, with resource names taken from
// the classes that own them so a rename cannot leave a WebResource attribute and its EmbeddedResource apart.
[assembly: TagPrefix("CallbackControls", "cc")]
[assembly: WebResource(ClientResources.ProtocolScript, "text/javascript")]
[assembly: WebResource(ClientResources.RuntimeScript, "text/javascript")]
[assembly: WebResource(CascadingDropDown.ScriptResource, "text/javascript")]
[assembly: WebResource(RefreshingChart.AccessibilityScriptResource, "text/javascript")]
[assembly: WebResource(RefreshingChart.ScriptResource, "text/javascript")]
[assembly: WebResource(ClientResources.PushScript, "text/javascript")]
[assembly: WebResource(ClientResources.DefaultStyleSheet, "text/css")]
// Registers CallbackRequestModule when a site using the library starts: no web.config entry needed.
[assembly: System.Web.PreApplicationStartMethod(typeof(CallbackControlsStartup), nameof(CallbackControlsStartup.Start))]
