<%@ Page Language="C#" EnableSessionState="False" %>
<%-- Variant 5, the floor: plain selects and a few lines of script (floor.js) fetching Cities.ashx. --%>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>Cascading refresh: the floor (.ashx + fetch)</title></head>
<body>
  <form id="form1" runat="server">
    <h1>Cascading refresh: the floor (.ashx + fetch)</h1>
    <bench:PageWeight ID="Weight" runat="server" />
    <p><label for="Country">Country</label>
      <select id="Country"><option value="">Choose a country</option><% foreach (var country in BenchSite.BenchData.Countries) { %><option value="<%: country.Code %>"><%: country.Name %></option><% } %></select></p>
    <p><label for="City">City</label>
      <select id="City" disabled="disabled"></select></p>
  </form>
  <script src="floor.js"></script>
</body>
</html>
