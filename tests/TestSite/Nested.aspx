<%@ Page Language="C#" MasterPageFile="~/Site.master" EnableSessionState="False" %>
<%@ Register Src="~/EchoBox.ascx" TagPrefix="t" TagName="EchoBox" %>
<script runat="server">
    protected void Page_Init(object sender, EventArgs e)
    {
        // Bound on every request (callbacks included) so each repeated box exists to answer its call.
        Boxes.DataSource = new[] { "first", "second", "third" };
        Boxes.DataBind();
    }

    protected void Named_Callback(object sender, CallbackControls.CallbackEventArgs e) { e.Result = "named:" + e.CallbackArgument; }
</script>
<asp:Content ContentPlaceHolderID="Main" runat="server">
  <asp:Repeater ID="Boxes" runat="server">
    <ItemTemplate><t:EchoBox runat="server" ID="Box" Label="<%# Container.DataItem %>" /></ItemTemplate>
  </asp:Repeater>
  <cc:CallbackControl ID="Named" runat="server" ClientInstanceName="NamedEcho" OnCallback="Named_Callback" />
</asp:Content>
