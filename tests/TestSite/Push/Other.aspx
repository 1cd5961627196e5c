<%@ Page Language="C#" %>
<%@ Import Namespace="CallbackControls" %>
<script runat="server">
    // Another page subscribed to the same topic: its push token must not open Live.aspx's stream.
    protected void Chart2_RefreshCallback(object sender, CallbackEventArgs e) => Chart2.Series["S"].Points.AddXY(0, 1);

    protected void Page_Load(object sender, EventArgs e) => Chart2.Series["S"].Points.AddXY(0, 1);
</script>
<!DOCTYPE html>
<html lang="en">
<head runat="server"><link rel="icon" href="data:," /><title>Another push page</title></head>
<body>
  <form id="form1" runat="server">
    <main>
      <cc:RefreshingChart ID="Chart2" runat="server" Title="Orders" RefreshMode="Push" PushTopic="orders" OnRefreshCallback="Chart2_RefreshCallback">
        <Series><cc:ChartSeries Name="S" ChartType="Line" /></Series>
      </cc:RefreshingChart>
    </main>
  </form>
</body>
</html>
