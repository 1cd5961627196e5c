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
  </ul>
</body>
</html>
