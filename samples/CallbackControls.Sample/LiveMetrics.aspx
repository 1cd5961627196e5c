<%@ Page Language="C#" AutoEventWireup="true" CodeBehind="LiveMetrics.aspx.cs" Inherits="CallbackControls.Sample.LiveMetrics" EnableSessionState="False" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server"><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><link rel="icon" href="favicon.svg" type="image/svg+xml" /><title>RefreshingChart: live server metrics</title><link rel="stylesheet" href="Site.css" /></head>
<body class="sample">
  <nav><a href="Default.aspx">All samples</a></nav>
  <h1>This server, live</h1>
  <p>Each chart asks the server for the last five minutes every 2 seconds, by callback. The drawings are SVG
     made on the server; open the page with script off and they are still there.</p>
  <form id="form1" runat="server">
    <div class="charts">
      <%-- Line: CPU of this process, as a share of all cores. --%>
      <cc:RefreshingChart ID="Cpu" runat="server" RefreshFrequency="2000" OnRefreshCallback="Cpu_RefreshCallback"
          Title="CPU" YAxisTitle="% of all cores" YAxisMinimum="0" YAxisMaximum="100" XAxisLabelFormat="HH:mm:ss"
          ShowLegend="false" ShowDataTable="true" ChartHeight="260">
        <Series><cc:ChartSeries Name="CPU" ChartType="Line" /></Series>
      </cc:RefreshingChart>
      <%-- Areas: the working set and the part of it the garbage collector manages. --%>
      <cc:RefreshingChart ID="Memory" runat="server" RefreshFrequency="2000" OnRefreshCallback="Memory_RefreshCallback"
          Title="Memory" YAxisTitle="MB" YAxisMinimum="0" XAxisLabelFormat="HH:mm:ss" ShowDataTable="true" ChartHeight="260">
        <Series>
          <cc:ChartSeries Name="Working set" ChartType="Area" />
          <cc:ChartSeries Name="Managed heap" ChartType="Area" />
        </Series>
      </cc:RefreshingChart>
      <%-- Columns: requests per second, counted in Global.asax (the charts' own callbacks included). --%>
      <cc:RefreshingChart ID="Requests" runat="server" RefreshFrequency="2000" OnRefreshCallback="Requests_RefreshCallback"
          Title="Requests per second" YAxisTitle="Requests/s" YAxisMinimum="0" XAxisLabelFormat="HH:mm:ss" ShowLegend="false" ShowDataTable="true" ChartHeight="260"
          ShowPointToolTips="true">
        <Series><cc:ChartSeries Name="Requests/s" ChartType="Column" /></Series>
      </cc:RefreshingChart>
    </div>
  </form>
  <sample:SampleInfo runat="server">
    <ul><li>The drawings are SVG made on the server: open the page with script off and they are still there.</li>
      <li>Each chart carries a data table for screen readers, headed by its axis titles: its latest 100 values,
        updated in place at each refresh (a reader keeps its place), and a footer for the earlier ones; each
        chart's description says its latest value, lowest and highest.</li>
      <li>Each chart is one tab stop: the arrow keys walk its points (Left and Right along a series, Up and Down
        between the Memory chart's two series, Home and End), the point is ringed and read out as "series, time,
        value", and it stays on the same reading while the chart refreshes.</li>
      <li>A hidden tab stops polling and refreshes once when it is shown again.</li></ul>
  </sample:SampleInfo>
  <script src="Sample.js"></script>
</body>
</html>
