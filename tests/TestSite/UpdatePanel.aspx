<%@ Page Language="C#" EnableSessionState="False" %>
<script runat="server">
    protected void Slow_Click(object sender, EventArgs e)
    {
        // Keeps the async postback running long enough for a test to call a control meanwhile.
        System.Threading.Thread.Sleep(1500);
        Stamp.Text = "updated " + DateTime.Now.Ticks;
    }
    protected void Echo_Callback(object sender, CallbackControls.CallbackEventArgs e) { e.Result = "panel:" + e.CallbackArgument; }
    protected void Outside_Callback(object sender, CallbackControls.CallbackEventArgs e) { e.Result = "outside:" + e.CallbackArgument; }
</script>
<!DOCTYPE html>
<html><head><title>UpdatePanel</title></head>
<body><form id="form1" runat="server">
  <asp:ScriptManager ID="Scripts" runat="server" />
  <asp:UpdatePanel ID="Panel" runat="server">
    <ContentTemplate>
      <asp:Label ID="Stamp" runat="server" Text="initial" />
      <asp:Button ID="Slow" runat="server" Text="Slow async postback" OnClick="Slow_Click" />
      <cc:CallbackControl ID="Echo" runat="server" OnCallback="Echo_Callback" />
    </ContentTemplate>
  </asp:UpdatePanel>
  <cc:CallbackControl ID="Outside" runat="server" OnCallback="Outside_Callback" />
</form></body>
</html>
