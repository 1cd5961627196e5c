<%@ Page Language="C#" AutoEventWireup="true" CodeBehind="ChartRanges.aspx.cs" Inherits="CallbackControls.Sample.ChartRanges" EnableSessionState="False" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server"><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><link rel="icon" href="favicon.svg" type="image/svg+xml" /><title>RefreshingChart: time ranges from script</title><link rel="stylesheet" href="Site.css" /></head>
<body class="sample">
  <nav><a href="Default.aspx">All samples</a></nav>
  <h1>Choose a time range</h1>
  <p>Each button sets <code>Chart1.tickArgument = "1m"</code> (or 5m, 15m, 1h) and calls <code>Chart1.callback("1m")</code>.
     The server's RefreshCallback handler reads the argument and fills the chart; every later timer tick sends the tick
     argument, so the range stays (a <code>callback()</code> argument on its own is sent once). An hour holds 3,600
     samples a series: the chart draws about one per pixel of its width (largest-triangle-three-buckets).</p>
  <form id="form1" runat="server">
    <div class="demo">
      <div class="toolbar" role="group" aria-label="Time range">
        <button type="button" data-range="1m" aria-pressed="false">Last minute</button>
        <button type="button" data-range="5m" aria-pressed="true">Last 5 minutes</button>
        <button type="button" data-range="15m" aria-pressed="false">Last 15 minutes</button>
        <button type="button" data-range="1h" aria-pressed="false">Last hour</button>
      </div>
      <div class="toolbar" role="group" aria-label="Timer">
        <button type="button" id="Stop">Stop</button>
        <button type="button" id="Start">Start</button>
        <label for="Frequency">Every</label>
        <select id="Frequency">
          <option value="1000">1 s</option>
          <option value="2000" selected="selected">2 s</option>
          <option value="5000">5 s</option>
          <option value="0">never</option>
        </select>
        <output id="State" aria-live="polite"></output>
        <span id="Samples"></span>
      </div>
      <cc:RefreshingChart ID="Chart1" runat="server" ClientInstanceName="Chart1" RefreshFrequency="2000" ShowPauseButton="false"
          OnRefreshCallback="Chart1_RefreshCallback" YAxisTitle="% of all cores" YAxisMinimum="0" YAxisMaximum="100" ShowLegend="false"
          AfterCallbackResponseProcessScript="SampleChartRanges.showState">
        <Series><cc:ChartSeries Name="CPU" ChartType="Area" /></Series>
      </cc:RefreshingChart>
    </div>
  </form>
  <script src="ChartRanges.js"></script>
  <sample:SampleInfo runat="server">
    <ul><li>Each button sets <code>Chart1.tickArgument</code> and calls <code>Chart1.callback("5m")</code>; later ticks send the tick argument. The pressed button shows the range drawn.</li>
      <li>An hour holds 3,600 samples a series: the chart draws about one per pixel of its width.</li>
      <li>Stop, Start and the frequency act on the timer from script; the page has its own Stop and Start, so it sets <code>ShowPauseButton="false"</code>.</li></ul>
  </sample:SampleInfo>
  <script src="Sample.js"></script>
</body>
</html>
