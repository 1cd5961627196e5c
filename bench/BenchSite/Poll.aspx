<%@ Page Language="C#" EnableSessionState="False" %>
<%-- Push benchmark (bench/push.js): the same chart on its timer, refreshing every 1 s and every 2 s; a tick whose
     drawing did not change is answered "unchanged", so a change shows at the first tick after it. --%>
<script runat="server">
    protected void Page_Load(object sender, EventArgs e)
    {
        if (IsCallback) return;
        BenchSite.PushOrders.Fill(Every1s.Series["Orders"], BenchSite.PushOrders.Count);
        BenchSite.PushOrders.Fill(Every2s.Series["Orders"], BenchSite.PushOrders.Count);
    }

    protected void Chart_RefreshCallback(object sender, CallbackControls.CallbackEventArgs e)
    {
        var chart = (CallbackControls.RefreshingChart)sender;
        int count = BenchSite.PushOrders.Count;
        BenchSite.PushOrders.Fill(chart.Series["Orders"], count);
        e.Result = count;
    }
</script>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>Polling benchmark</title><script src="push-bench.js"></script></head>
<body>
  <form id="form1" runat="server">
    <h1>Orders, polled</h1>
    <div style="width: 640px">
      <cc:RefreshingChart ID="Every1s" runat="server" Title="Orders (1 s)" RefreshFrequency="1000"
          OnRefreshCallback="Chart_RefreshCallback" AfterCallbackResponseProcessScript="PushBench.shown">
        <Series><cc:ChartSeries Name="Orders" ChartType="Line" /></Series>
      </cc:RefreshingChart>
      <cc:RefreshingChart ID="Every2s" runat="server" Title="Orders (2 s)" RefreshFrequency="2000"
          OnRefreshCallback="Chart_RefreshCallback" AfterCallbackResponseProcessScript="PushBench.shown">
        <Series><cc:ChartSeries Name="Orders" ChartType="Line" /></Series>
      </cc:RefreshingChart>
    </div>
  </form>
  <script>PushBench.start(<%= BenchSite.PushOrders.Count %>);</script>
</body>
</html>
