<%@ Page Language="C#" EnableSessionState="ReadOnly" Inherits="BenchSite.SessionPage" %>
<%-- Session benchmark (bench/session.js): CascadingDropDown by callback (default path) on a page with EnableSessionState="ReadOnly". --%>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>Session: ReadOnly</title></head>
<body>
  <form id="form1" runat="server">
    <p><label for="Country">Country</label>
      <cc:CascadingDropDown ID="Country" runat="server" PromptText="Choose a country" OnPopulate="Country_Populate" /></p>
    <p><label for="City">City</label>
      <cc:CascadingDropDown ID="City" runat="server" ParentControlID="Country" OnPopulate="City_Populate" /></p>
  </form>
</body>
</html>
