<%@ Page Language="C#" %>
<%@ Import Namespace="CallbackControls" %>
<script runat="server">
    // A live line chart with its data table, refreshed by page script (no timer, so a test decides when
    // a tick comes): 120 readings on the first paint, one more each call, the last 150 kept (MaxPoints).
    // Readings only grow, so each row is told apart by its value.
    static readonly DateTime Start = new DateTime(2026, 12, 7, 12, 0, 0);

    protected void Page_Load(object sender, EventArgs e)
    {
        if (IsPostBack || IsCallback) return;
        for (int i = 1; i <= 120; i++) Chart1.Series["Load"].Points.AddXY(Start.AddSeconds(i), i);
    }

    protected void Chart1_RefreshCallback(object sender, CallbackEventArgs e)
    {
        var points = Chart1.Series["Load"].Points;
        int next = points.Count == 0 ? 1 : (int)points[points.Count - 1].Y + 1;
        points.AddXY(Start.AddSeconds(next), next);
        e.Result = next;
    }
</script>
<!DOCTYPE html>
<html lang="en">
<head runat="server"><link rel="icon" href="data:," /><title>A live chart's data table</title></head>
<body>
  <form id="form1" runat="server">
    <main>
      <h1>Live load</h1>
      <cc:RefreshingChart ID="Chart1" runat="server" Title="Load" MaxPoints="150" ShowDataTable="true" ShowPointToolTips="false"
          XAxisType="DateTime" YAxisTitle="Load" OnRefreshCallback="Chart1_RefreshCallback">
        <Series><cc:ChartSeries Name="Load" ChartType="Line" /></Series>
      </cc:RefreshingChart>
    </main>
  </form>
</body>
</html>
