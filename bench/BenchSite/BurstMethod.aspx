<%@ Page Language="C#" Inherits="BenchSite.BurstPage" %>
<%-- Burst benchmark (bench/burst.js): the same burst where the child list is filled by a page method, which takes no session (no lock). --%>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>Burst: page method</title></head>
<body>
  <form id="form1" runat="server">
    <p><label for="Country">Country</label>
      <cc:CascadingDropDown ID="Country" runat="server" PromptText="Choose a country" OnPopulate="Country_Populate" /></p>
    <p><label for="City">City</label>
      <cc:CascadingDropDown ID="City" runat="server" ParentControlID="Country" ServiceMethod="GetCitiesSlowly" /></p>
  </form>
</body>
</html>
