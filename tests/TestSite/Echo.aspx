<%@ Page Language="C#" EnableSessionState="False" %>
<script runat="server">
    // Answers with what the tests need to see: the argument, the current field value, failures on request.
    protected void Echo_Callback(object sender, CallbackControls.CallbackEventArgs e)
    {
        var arg = e.CallbackArgument;
        if (arg == "throw") throw new InvalidOperationException("secret detail from the handler");
        if (arg == "user-error") throw new CallbackControls.CallbackException("Please choose a country first.");
        if (arg.StartsWith("slow:")) { System.Threading.Thread.Sleep(int.Parse(arg.Substring(5))); e.Result = "slept:" + arg.Substring(5); return; }
        if (arg.StartsWith("slowecho:")) { var parts = arg.Split(':'); System.Threading.Thread.Sleep(int.Parse(parts[1])); e.Result = "echo:" + parts[2]; return; }
        if (arg == "field") { e.Result = "field:" + Field1.Text; return; }
        if (arg == "viewstate") { e.Result = "viewstate:" + (ViewState["stamp"] ?? "none"); return; }
        if (arg == "object") { e.Result = new { name = "Zoë <b>&</b>", items = new[] { 1, 2, 3 } }; return; }
        e.Result = "echo:" + arg;
    }

    protected void Other_Callback(object sender, CallbackControls.CallbackEventArgs e)
    {
        e.Result = "other:" + e.CallbackArgument;
    }

    // The same answer as Other's, from a page method (the fast path): bench/hosting.sh measures both.
    [CallbackControls.CallbackMethod]
    public static void OtherByMethod(CallbackControls.CallbackEventArgs e)
    {
        e.Result = "other:" + e.CallbackArgument;
    }

    protected void Page_Load(object sender, EventArgs e)
    {
        if (!IsPostBack) ViewState["stamp"] = "from-first-render";
    }
</script>
<!DOCTYPE html>
<html lang="en">
<head><title>Echo</title><script src="hooks.js"></script></head>
<body>
  <form id="form1" runat="server">
    <asp:Label runat="server" AssociatedControlID="Field1" Text="Field" />
    <asp:TextBox ID="Field1" runat="server" Text="initial" />
    <asp:Label runat="server" AssociatedControlID="Bulk" Text="Bulk text" />
    <asp:TextBox ID="Bulk" runat="server" TextMode="MultiLine" />
    <cc:CallbackControl ID="Echo" runat="server" OnCallback="Echo_Callback" CallbackFieldIDs="Field1"
        BeforeCallbackScript="TestHooks.before" AfterCallbackScript="TestHooks.after"
        BeforeCallbackResponseProcessScript="TestHooks.beforeResponse"
        AfterCallbackResponseProcessScript="TestHooks.afterResponse" CallbackErrorScript="TestHooks.error" />
    <cc:CallbackControl ID="Other" runat="server" OnCallback="Other_Callback" CallbackTimeout="1000" />
    <cc:CallbackControl ID="OtherFast" runat="server" ServiceMethod="OtherByMethod" />
    <cc:CallbackControl ID="Full" runat="server" ClientInstanceName="FullForm" OnCallback="Echo_Callback" PostFullForm="true" />
    <cc:CallbackControl ID="Inline" runat="server" OnCallback="Echo_Callback"
        BeforeCallbackScript="if (e.argument === 'veto') { e.cancel = true; } window.inlineHookRan = true;" />
  </form>
</body>
</html>
