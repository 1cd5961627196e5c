<%@ Page Language="C#" Inherits="BenchSite.SessionPage" %>
<%-- Session benchmark (bench/session.js): a page method that reads the session ([CallbackMethod(EnableSession = true)]: read-only), on a page with session state on. --%>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>Session: Method</title></head>
<body>
  <form id="form1" runat="server">
    <p><label for="Country">Country</label>
      <cc:CascadingDropDown ID="Country" runat="server" PromptText="Choose a country" ServiceMethod="GetCountries" /></p>
    <p><label for="City">City</label>
      <cc:CascadingDropDown ID="City" runat="server" ParentControlID="Country" ServiceMethod="GetCitiesForVisitor" /></p>
  </form>
</body>
</html>
