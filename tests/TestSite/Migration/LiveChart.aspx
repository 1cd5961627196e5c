<%@ Page Language="C#" %>
<%@ Import Namespace="CallbackControls" %>
<script runat="server">
    // The shape of Syncfusion's ChartWebControl callback sample, ported as docs/MIGRATION.md says: the
    // first paint draws one reading; every tick's RefreshCallback appends this tick's reading (MaxPoints
    // keeps the last ones, so the chart moves on); a button sends "MyCustomArgs" once; the four hooks
    // keep Syncfusion's casing. Session state stays on, as in most sites.
    static int _reading;

    // A reading that only grows, so the tests can tell the points apart and see the window move.
    static double NextReading() => System.Threading.Interlocked.Increment(ref _reading);

    protected void Page_Load(object sender, EventArgs e)
    {
        if (!IsPostBack) Chart1.Series["Load"].Points.AddXY(DateTime.Now, NextReading());
    }

    protected void Chart1_RefreshCallback(object sender, CallbackEventArgs e)
    {
        if (e.CallbackArgument == "MyCustomArgs")
        {
            Chart1.Title = "Custom refresh";
        }
        Chart1.Series["Load"].Points.AddXY(DateTime.Now, NextReading());
        e.Result = new { argument = e.CallbackArgument, tick = e.IsTimerTick, points = Chart1.Series["Load"].Points.Count };
    }
</script>
<!DOCTYPE html>
<html lang="en">
<head runat="server"><link rel="icon" href="data:," /><title>Converted from Syncfusion: a chart that grows by one reading a tick</title>
<script>
  // The four hooks, as the Syncfusion sample writes them: each logs that it ran.
  window.ChartLog = [];
  window.OnBeforeCallback = function () { ChartLog.push('before'); };
  window.OnBeforeResponse = function () { ChartLog.push('before-response'); };
  window.OnAfterResponse = function (e) { ChartLog.push('after-response'); window.LastData = e.result.data; };
  window.OnAfterCallback = function () { ChartLog.push('after'); };
</script>
</head>
<body>
  <form id="form1" runat="server">
    <main>
      <h1>Live load</h1>
      <cc:RefreshingChart ID="Chart1" runat="server" Title="Load" RefreshFrequency="400" MaxPoints="5"
          OnRefreshCallback="Chart1_RefreshCallback" XAxisType="DateTime"
          BeforeCallBackScript="OnBeforeCallback" BeforeCallBackResponseProcessScript="OnBeforeResponse"
          AfterCallBackResponseProcessScript="OnAfterResponse" AfterCallBackScript="OnAfterCallback">
        <Series><cc:ChartSeries Name="Load" ChartType="Line" /></Series>
      </cc:RefreshingChart>
      <input type="button" id="Custom" value="Custom refresh" onclick="Chart1.Callback('MyCustomArgs');" />
    </main>
  </form>
</body>
</html>
