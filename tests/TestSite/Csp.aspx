<%@ Page Language="C#" EnableSessionState="False" %>
<script runat="server">
    protected void Page_Load(object sender, EventArgs e)
    {
        // Only same-origin script files may run: no inline script, no eval.
        Response.AddHeader("Content-Security-Policy", "script-src 'self'");
    }
    protected void Echo_Callback(object sender, CallbackControls.CallbackEventArgs e) { e.Result = "csp:" + e.CallbackArgument; }
</script>
<!DOCTYPE html>
<html><head><title>CSP</title><script src="hooks.js"></script></head>
<body><form id="form1" runat="server">
  <cc:CallbackControl ID="Echo" runat="server" OnCallback="Echo_Callback"
      BeforeCallbackScript="TestHooks.before" AfterCallbackResponseProcessScript="TestHooks.afterResponse" />
</form></body>
</html>
