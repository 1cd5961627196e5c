<%@ Page Language="C#" AutoEventWireup="true" CodeBehind="ChartHooks.aspx.cs" Inherits="CallbackControls.Sample.ChartHooks" EnableSessionState="False" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server"><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><link rel="icon" href="favicon.svg" type="image/svg+xml" /><title>RefreshingChart: the four hooks</title><link rel="stylesheet" href="Site.css" /></head>
<body class="sample">
  <nav><a href="Default.aspx">All samples</a></nav>
  <h1>The four hooks, tick by tick</h1>
  <p><b>BeforeCallbackScript</b> runs before a request (it may cancel it); <b>AfterCallbackScript</b> when the reply
     or the failure arrives; <b>BeforeCallbackResponseProcessScript</b> before the new chart replaces the old (it may
     skip it); <b>AfterCallbackResponseProcessScript</b> once it has. <b>CallbackErrorScript</b> reports failures;
     while the server fails the wait doubles (3 s, 6 s, 12 s, up to 24 s) and drops back after the next success.</p>
  <form id="form1" runat="server">
    <div class="demo">
      <div class="toolbar">
        <button type="button" id="Fail">Make the server fail</button>
        <button type="button" id="Recover">Recover</button>
        <label><input type="checkbox" id="Skip" /> Skip applying replies (cancel in BeforeCallbackResponseProcessScript)</label>
      </div>
      <cc:RefreshingChart ID="Chart1" runat="server" ClientInstanceName="Chart1" RefreshFrequency="3000" RefreshBackoffLimit="24000"
          OnRefreshCallback="Chart1_RefreshCallback" Title="Random walk" ChartHeight="240"
          BeforeCallbackScript="SampleChartHooks.before" AfterCallbackScript="SampleChartHooks.after"
          BeforeCallbackResponseProcessScript="SampleChartHooks.beforeResponse"
          AfterCallbackResponseProcessScript="SampleChartHooks.afterResponse" CallbackErrorScript="SampleChartHooks.error">
        <Series><cc:ChartSeries Name="Walk" ChartType="Spline" /></Series>
      </cc:RefreshingChart>
      <h2>Hook log (newest first)</h2>
      <ol id="Log" class="log" reversed="reversed"></ol>
    </div>
  </form>
  <script src="ChartHooks.js"></script>
  <sample:SampleInfo runat="server">
    <ul><li>The log shows the four hooks of each tick in order, and the error hook while the server fails.</li>
      <li>While the server fails the wait doubles (3 s, 6 s, 12 s, up to 24 s) and drops back after the next success.</li></ul>
  </sample:SampleInfo>
  <script src="Sample.js"></script>
</body>
</html>
