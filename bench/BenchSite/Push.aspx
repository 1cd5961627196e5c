<%@ Page Language="C#" EnableSessionState="False" %>
<%-- Push benchmark (bench/push.js): a chart that refreshes on CallbackPush.Notify("orders") (PushNotify.ashx), with no
     timer, and a plain control on the topic "fanout" (the fan-out's streams take their token from this page). --%>
<script runat="server">
    protected void Page_Load(object sender, EventArgs e)
    {
        if (!IsCallback) BenchSite.PushOrders.Fill(Chart1.Series["Orders"], BenchSite.PushOrders.Count);
    }

    protected void Chart1_RefreshCallback(object sender, CallbackControls.CallbackEventArgs e)
    {
        int count = BenchSite.PushOrders.Count;
        BenchSite.PushOrders.Fill(Chart1.Series["Orders"], count);
        e.Result = count;
    }
</script>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>Push benchmark</title><script src="push-bench.js"></script></head>
<body>
  <form id="form1" runat="server">
    <h1>Orders, pushed</h1>
    <div style="width: 640px">
      <cc:RefreshingChart ID="Chart1" runat="server" Title="Orders" RefreshMode="Push" PushTopic="orders" RefreshFrequency="60000"
          OnRefreshCallback="Chart1_RefreshCallback" AfterCallbackResponseProcessScript="PushBench.shown">
        <Series><cc:ChartSeries Name="Orders" ChartType="Line" /></Series>
      </cc:RefreshingChart>
    </div>
    <cc:CallbackControl ID="Fanout" runat="server" PushTopic="fanout" />
  </form>
  <script>PushBench.start(<%= BenchSite.PushOrders.Count %>);</script>
</body>
</html>
