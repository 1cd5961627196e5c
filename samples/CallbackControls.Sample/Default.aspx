<%@ Page Language="C#" EnableSessionState="False" %>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8" /><title>CallbackControls samples</title><link rel="stylesheet" href="Site.css" /></head>
<body>
  <h1>CallbackControls samples</h1>
  <p>ASP.NET Web Forms controls that talk to the server by callback: no postback, no plumbing.</p>
  <ul>
    <li><a href="CallbackDemo.aspx">CallbackControl</a>: send a string from script, get an answer back.</li>
    <li><a href="Cascading.aspx">CascadingDropDown</a>: Country → Region → City from SQLite.</li>
    <li><a href="CountryCities.aspx">CascadingDropDown as a list box</a>: Country → its cities, several at once.</li>
    <li><a href="SqlDataSource.aspx">CascadingDropDown with SqlDataSource</a>: no code-behind, a ControlParameter.</li>
    <li><a href="UpdatePanel.aspx">ScriptManager and UpdatePanel</a>: the chain and a chart inside a panel a Timer refreshes, beside the same outside it.</li>
    <li><a href="LiveMetrics.aspx">RefreshingChart, live</a>: this server's CPU, memory and requests per second, every 2 s.</li>
    <li><a href="ChartRanges.aspx">RefreshingChart time ranges</a>: buttons call <code>Chart1.callback("1h")</code>; start, stop, frequency.</li>
    <li><a href="ChartHooks.aspx">RefreshingChart hooks</a>: the four hooks, errors and back-off, tick by tick.</li>
  </ul>
</body>
</html>
