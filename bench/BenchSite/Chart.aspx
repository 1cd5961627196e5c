<%@ Page Language="C#" EnableSessionState="False" %>
<script runat="server">
    // The chart benchmark and the soak. Each refresh's argument says how many points and whether to
    // decimate: "points=N;decimate=0|1;tooltips=0|1;steady=1". ?frequency=ms turns the timer on (the browser soak).
    static int refreshes;

    protected void Page_Init(object sender, EventArgs e)
    {
        int frequency;
        if (int.TryParse(Request.QueryString["frequency"], out frequency)) Chart1.RefreshFrequency = frequency;
    }

    protected void Page_Load(object sender, EventArgs e)
    {
        if (!IsCallback) BenchSite.ChartData.Fill(Chart1.Series["Sensor"], 1000, 0);
    }

    protected void Chart1_RefreshCallback(object sender, CallbackControls.CallbackEventArgs e)
    {
        int points;
        bool decimate, tooltips;
        BenchSite.ChartData.Parse(e.CallbackArgument, out points, out decimate, out tooltips);
        Chart1.EnableDecimation = decimate;
        Chart1.ShowPointToolTips = tooltips;
        // "steady=1": the same readings every time and no result data, so the drawing repeats (the
        // benchmark's unchanged ticks).
        bool steady = e.CallbackArgument.Contains("steady=1");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        int refresh = steady ? 0 : System.Threading.Interlocked.Increment(ref refreshes);
        BenchSite.ChartData.Fill(Chart1.Series["Sensor"], points, refresh);
        if (!steady) e.Result = new { refresh = refresh, points = points, decimate = decimate, fillMs = watch.Elapsed.TotalMilliseconds };
    }
</script>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>Chart benchmark</title><script src="chart-bench.js"></script></head>
<body>
  <form id="form1" runat="server">
    <h1>Chart benchmark</h1>
    <div style="width: 640px">
      <cc:RefreshingChart ID="Chart1" runat="server" Title="Sensor readings" XAxisTitle="Sample" YAxisTitle="Value"
          CallbackTimeout="120000" OnRefreshCallback="Chart1_RefreshCallback"
          BeforeCallbackResponseProcessScript="BenchChart.beforeResponse"
          AfterCallbackResponseProcessScript="BenchChart.afterResponse" CallbackErrorScript="BenchChart.error">
        <Series>
          <cc:ChartSeries Name="Sensor" ChartType="Line" />
        </Series>
      </cc:RefreshingChart>
    </div>
  </form>
</body>
</html>
