<%@ Page Language="C#" %>
<%@ Import Namespace="CallbackControls" %>
<script runat="server">
    // A chart and a plain control that move when server code calls CallbackPush.Notify (Notify.ashx here),
    // with no timer: the chart shows the order count, one point per refresh; the plain control's push hook
    // logs what arrives for the signed-in user's "mine" topic.
    int Orders => (int?)Application["orders"] ?? 0;

    protected void Page_Load(object sender, EventArgs e)
    {
        User1.Text = User.Identity.IsAuthenticated ? User.Identity.Name : "(anonymous)";
        if (IsPostBack || IsCallback) return;
        Chart1.Series["Orders"].Points.AddXY(0, Orders);
    }

    protected void Chart1_RefreshCallback(object sender, CallbackEventArgs e)
    {
        var points = Chart1.Series["Orders"].Points;
        points.AddXY(points.Count, Orders);
        e.Result = Orders;
    }
</script>
<!DOCTYPE html>
<html lang="en">
<head runat="server"><link rel="icon" href="data:," /><title>Push</title></head>
<body>
  <form id="form1" runat="server">
    <main>
      <h1>Orders, live</h1>
      <p>Signed in as <asp:Label ID="User1" runat="server" />.</p>
      <p>Orders: <output id="orders"><%= Orders %></output>; refreshes: <output id="refreshes">0</output>.</p>
      <cc:RefreshingChart ID="Chart1" runat="server" Title="Orders" RefreshMode="Push" PushTopic="orders" RefreshFrequency="60000"
          MaxPoints="50" OnRefreshCallback="Chart1_RefreshCallback" AfterCallbackResponseProcessScript="onChart">
        <Series><cc:ChartSeries Name="Orders" ChartType="Line" /></Series>
      </cc:RefreshingChart>
      <cc:CallbackControl ID="Mine" runat="server" PushTopic="mine" PushScript="onMine" />
      <ul id="mine-log" aria-live="polite"></ul>
    </main>
  </form>
  <script>
    window.pushLog = [];
    function onChart(e) {
      var out = document.getElementById('refreshes');
      out.textContent = String(Number(out.textContent) + 1);
      if (e.result && typeof e.result.data === 'number') { document.getElementById('orders').textContent = String(e.result.data); }
      window.pushLog.push({ at: performance.now(), push: !!(e.context && e.context.push) });
    }
    function onMine(e) {
      var li = document.createElement('li');
      li.textContent = e.data === null ? '(catch up)' : e.data;
      document.getElementById('mine-log').appendChild(li);
    }
  </script>
</body>
</html>
