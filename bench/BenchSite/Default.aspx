<%@ Page Language="C#" EnableSessionState="False" %>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>CallbackControls benchmark site</title></head>
<body>
  <h1>CallbackControls benchmark site</h1>
  <p>Driven by <code>./build.sh bench</code> (bench/run.sh); results in docs/RESULTS.md.</p>
  <ul>
    <li><a href="Callback.aspx">1. CascadingDropDown by callback</a></li>
    <li><a href="FullForm.aspx">2. CascadingDropDown, PostFullForm="true"</a></li>
    <li><a href="UpdatePanel.aspx">3. UpdatePanel</a></li>
    <li><a href="Postback.aspx">4. Full postback</a></li>
    <li><a href="Floor.aspx">5. The floor: .ashx + fetch</a> (<a href="Cities.ashx?country=AB">Cities.ashx</a>)</li>
  </ul>
</body>
</html>
