<%@ Page Language="C#" EnableSessionState="False" %>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><link rel="icon" href="favicon.svg" type="image/svg+xml" /><title>CallbackControls samples</title><link rel="stylesheet" href="Site.css" /></head>
<body>
  <h1>CallbackControls samples</h1>
  <p>ASP.NET Web Forms controls that talk to the server by callback: no postback, no plumbing. Each sample
     shows the live control beside what to notice, the properties it sets and its own markup and code.</p>
  <ul class="gallery">
    <li><a href="CallbackDemo.aspx"><img src="images/CallbackDemo.png" alt="" width="800" height="500" loading="lazy" /><strong>CallbackControl</strong><span>Send a string from script, get an answer back; errors come back as errors.</span></a></li>
    <li><a href="Cascading.aspx"><img src="images/Cascading.png" alt="" width="800" height="500" loading="lazy" /><strong>CascadingDropDown</strong><span>Country → Region → City from SQLite, saved by postback with event validation on.</span></a></li>
    <li><a href="CountryCities.aspx"><img src="images/CountryCities.png" alt="" width="800" height="500" loading="lazy" /><strong>CascadingDropDown as a list box</strong><span>A country, then several of its cities at once.</span></a></li>
    <li><a href="SqlDataSource.aspx"><img src="images/SqlDataSource.png" alt="" width="800" height="500" loading="lazy" /><strong>CascadingDropDown with SqlDataSource</strong><span>No code-behind: a ControlParameter feeds the next list.</span></a></li>
    <li><a href="UpdatePanel.aspx"><img src="images/UpdatePanel.png" alt="" width="800" height="500" loading="lazy" /><strong>ScriptManager and UpdatePanel</strong><span>The chain and a chart inside a panel a Timer refreshes, beside the same outside it.</span></a></li>
    <li><a href="LiveMetrics.aspx"><img src="images/LiveMetrics.png" alt="" width="800" height="500" loading="lazy" /><strong>RefreshingChart, live</strong><span>This server's CPU, memory and requests per second, every 2 s.</span></a></li>
    <li><a href="PushDashboard.aspx"><img src="images/PushDashboard.png" alt="" width="800" height="500" loading="lazy" /><strong>Push: charts that move when the data changes</strong><span>No timer: placing an order moves every open page's charts at once.</span></a></li>
    <li><a href="ChartRanges.aspx"><img src="images/ChartRanges.png" alt="" width="800" height="500" loading="lazy" /><strong>RefreshingChart time ranges</strong><span>Buttons set the tick argument and call Chart1.callback(&quot;1h&quot;); start, stop, frequency.</span></a></li>
    <li><a href="ChartHooks.aspx"><img src="images/ChartHooks.png" alt="" width="800" height="500" loading="lazy" /><strong>RefreshingChart hooks</strong><span>The four hooks, errors and back-off, tick by tick.</span></a></li>
  </ul>
</body>
</html>
