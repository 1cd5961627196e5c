<%@ Page Language="C#" %>
<%-- A RefreshingChart per Repeater item, bound once under !IsPostBack: each chart's refresh knows
     its row from its own (ViewState-kept) Title. --%>
<script runat="server">
    protected void Page_Load(object sender, EventArgs e)
    {
        if (IsPostBack) return;
        Rep.DataSource = new[] { "North", "South" };
        Rep.DataBind();
    }

    protected void Chart_RefreshCallback(object sender, CallbackControls.CallbackEventArgs e)
    {
        var chart = (CallbackControls.RefreshingChart)sender;
        var key = "rows-chart-ticks:" + chart.Title;
        int tick = (int)(Application[key] ?? 0) + 1;
        Application[key] = tick;
        chart.Description = chart.Title + " tick " + tick;
        for (int i = 0; i < 5; i++) chart.Series["Load"].Points.AddXY(i, (tick + i) % 5);
    }
</script>
<!DOCTYPE html>
<html lang="en"><head runat="server"><meta charset="utf-8" /><link rel="icon" href="data:," /><title>Charts in rows</title></head>
<body><form runat="server">
  <asp:Repeater ID="Rep" runat="server">
    <ItemTemplate><div class="row">
      <cc:RefreshingChart ID="Chart" runat="server" RefreshFrequency="300" Title='<%# Container.DataItem %>' Description="not refreshed"
          Width="300px" Height="150px" OnRefreshCallback="Chart_RefreshCallback">
        <Series><cc:ChartSeries Name="Load" ChartType="Line" /></Series>
      </cc:RefreshingChart>
    </div></ItemTemplate>
  </asp:Repeater>
</form></body></html>
