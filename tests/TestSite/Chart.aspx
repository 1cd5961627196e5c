<%@ Page Language="C#" EnableSessionState="False" %>
<script runat="server">
    // Counts refreshes across requests so tests can see each new drawing arrive.
    static int refreshes;

    protected void Page_Init(object sender, EventArgs e)
    {
        // ?frequency=ms lets a test choose the rhythm; the form action keeps it for the callbacks.
        int frequency;
        if (int.TryParse(Request.QueryString["frequency"], out frequency)) Chart1.RefreshFrequency = frequency;
        // ?nocolor=1: series told apart without colour as well.
        if (Request.QueryString["nocolor"] == "1") Chart1.DistinguishSeriesWithoutColor = true;
    }

    protected void Page_Load(object sender, EventArgs e)
    {
        if (!IsCallback) Fill(0, "");
    }

    protected void Chart1_RefreshCallback(object sender, CallbackControls.CallbackEventArgs e)
    {
        // A failure on demand: with Chart1.tickArgument = 'fail' every tick fails until it is set back.
        if (e.CallbackArgument == "fail") throw new InvalidOperationException("The metrics source is down.");
        int n = System.Threading.Interlocked.Increment(ref refreshes);
        Fill(n, e.CallbackArgument);
        e.Result = new { refresh = n, argument = e.CallbackArgument, timer = e.IsTimerTick };
    }

    void Fill(int n, string argument)
    {
        Chart1.Title = "Refresh " + n;
        var cpu = Chart1.Series["CPU"];
        var memory = Chart1.Series["Memory"];
        int points = argument == "range:long" ? 120 : 30;
        var start = new DateTime(2024, 1, 1, 12, 0, 0);
        for (int i = 0; i < points; i++)
        {
            var time = start.AddSeconds(i * 2);
            cpu.Points.AddXY(time, 50 + 40 * Math.Sin((n + i) / 3.0));
            memory.Points.AddXY(time, 30 + 10 * Math.Cos((n + i) / 5.0));
        }
    }
</script>
<!DOCTYPE html>
<html lang="en">
<head><title>RefreshingChart</title><script src="chart-hooks.js"></script></head>
<body>
  <form id="form1" runat="server">
    <p id="above">Above the chart</p>
    <div id="frame" style="width: 600px; max-width: 100%">
      <cc:RefreshingChart ID="Chart1" runat="server" RefreshFrequency="300" RefreshBackoffLimit="2400"
          OnRefreshCallback="Chart1_RefreshCallback" XAxisTitle="Time" YAxisTitle="Percent" ShowDataTable="true"
          BeforeCallbackScript="ChartHooks.before" AfterCallbackScript="ChartHooks.after"
          BeforeCallbackResponseProcessScript="ChartHooks.beforeResponse"
          AfterCallbackResponseProcessScript="ChartHooks.afterResponse" CallbackErrorScript="ChartHooks.error">
        <Series>
          <cc:ChartSeries Name="CPU" ChartType="Line" />
          <cc:ChartSeries Name="Memory" ChartType="Area" CssClass="memory" />
        </Series>
      </cc:RefreshingChart>
    </div>
    <p id="below">Below the chart</p>
  </form>
</body>
</html>
