<%@ Page Language="C#" Inherits="BenchSite.BurstPage" %>
<%-- Burst benchmark (bench/burst.js): a parent list changed 100 times at 10 ms on a page with session state on (the default: an exclusive lock per request), whose child handler takes 0 to 120 ms. --%>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>Burst: session on</title></head>
<body>
  <form id="form1" runat="server">
    <p><label for="Country">Country</label>
      <cc:CascadingDropDown ID="Country" runat="server" PromptText="Choose a country" OnPopulate="Country_Populate" /></p>
    <p><label for="City">City</label>
      <cc:CascadingDropDown ID="City" runat="server" ParentControlID="Country" OnPopulate="City_Populate" /></p>
  </form>
</body>
</html>
