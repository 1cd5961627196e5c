<%@ Page Language="C#" EnableSessionState="False" %>
<script runat="server">
    protected void Page_Load(object sender, EventArgs e)
    {
        Fill();
    }

    protected void Update_Click(object sender, EventArgs e)
    {
        Stamp.Text = "updated " + DateTime.Now.Ticks;
    }

    protected void PanelChart_RefreshCallback(object sender, CallbackControls.CallbackEventArgs e)
    {
        Fill();
    }

    void Fill()
    {
        var series = PanelChart.Series["Load"];
        series.Points.Clear();
        for (int i = 0; i < 10; i++) series.Points.AddXY("Item " + i, (DateTime.Now.Millisecond + i * 37) % 100);
    }
</script>
<!DOCTYPE html>
<html><head><title>RefreshingChart in an UpdatePanel</title></head>
<body><form id="form1" runat="server">
  <asp:ScriptManager ID="Scripts" runat="server" />
  <asp:UpdatePanel ID="Panel" runat="server">
    <ContentTemplate>
      <asp:Label ID="Stamp" runat="server" Text="initial" />
      <asp:Button ID="Update" runat="server" Text="Partial update" OnClick="Update_Click" />
      <cc:RefreshingChart ID="PanelChart" runat="server" RefreshFrequency="250" OnRefreshCallback="PanelChart_RefreshCallback">
        <Series><cc:ChartSeries Name="Load" ChartType="Column" /></Series>
      </cc:RefreshingChart>
    </ContentTemplate>
  </asp:UpdatePanel>
</form></body>
</html>
