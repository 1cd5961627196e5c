<%@ Page Language="C#" AutoEventWireup="true" CodeBehind="PushDashboard.aspx.cs" Inherits="CallbackControls.Sample.PushDashboard" EnableSessionState="False" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server"><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><link rel="icon" href="favicon.svg" type="image/svg+xml" /><title>Push: charts that move when the data changes</title><link rel="stylesheet" href="Site.css" /></head>
<body class="sample">
  <nav><a href="Default.aspx">All samples</a></nav>
  <h1>Orders, pushed</h1>
  <p>These charts have no timer. Place an order and every page showing them moves at once: open this page in a
     second tab or browser, and place orders from either.</p>
  <form id="form1" runat="server">
    <div class="demo">
      <button type="button" id="PlaceOne">Place an order</button>
      <button type="button" id="PlaceTen">Place ten orders</button>
      <%-- Placing orders is a plain callback; its handler calls CallbackPush.Notify("orders", summary). The same
           control listens to the topic: its PushScript shows the summary on every page. --%>
      <cc:CallbackControl ID="Place" runat="server" OnCallback="Place_Callback" PushTopic="orders" PushScript="SamplePush.showLatest" />
      <p>Latest: <output id="Latest">none yet</output></p>
    </div>
    <div class="charts">
      <cc:RefreshingChart ID="PerMinute" runat="server" RefreshMode="Push" PushTopic="orders" RefreshFrequency="10000"
          OnRefreshCallback="PerMinute_RefreshCallback" Title="Orders per minute" YAxisTitle="Orders" YAxisMinimum="0"
          XAxisLabelFormat="HH:mm" ShowLegend="false" ShowDataTable="true" ChartHeight="260">
        <Series><cc:ChartSeries Name="Orders" ChartType="Column" /></Series>
      </cc:RefreshingChart>
      <cc:RefreshingChart ID="ByRegion" runat="server" RefreshMode="Push" PushTopic="orders" RefreshFrequency="10000"
          OnRefreshCallback="ByRegion_RefreshCallback" Title="Revenue by region, last 10 minutes" YAxisTitle="€" YAxisMinimum="0"
          XAxisType="Category" ShowLegend="false" ShowDataTable="true" ChartHeight="260">
        <Series><cc:ChartSeries Name="Revenue" ChartType="Bar" /></Series>
      </cc:RefreshingChart>
    </div>
  </form>
  <script src="PushDashboard.js"></script>
  <sample:SampleInfo runat="server">
    <ul><li>Two attributes move a chart from polling to push: <code>RefreshMode="Push" PushTopic="orders"</code>.
        Server code says when the data changed: <code>CallbackPush.Notify("orders")</code>.</li>
      <li>All controls of a page share one stream; an idle page sends nothing but its heartbeat every 15 s. Look at
        the network panel: one <code>__ccpush=stream</code> request, then only the charts' refreshes.</li>
      <li>Where something in between holds the stream back (a buffering proxy), the page long-polls instead; where
        that fails too, the charts refresh on their <code>RefreshFrequency</code> until push is back. The console
        says which, once.</li>
      <li>A hidden tab closes its stream and, shown again, catches up once. Each chart's pause button stops it
        moving; resumed, it shows what it missed.</li></ul>
  </sample:SampleInfo>
  <script src="Sample.js"></script>
</body>
</html>
