<%@ Page Language="C#" Inherits="BenchSite.PageMethodPage" %>
<%-- The fast path: the lists name page methods (PageMethodPage.cs); a call never builds this page.
     Session state stays on (the default), as on most sites; its page methods do not ask for it (EnableSession), so a call takes none. --%>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>Cascading refresh: CascadingDropDown with a page method (fast path)</title></head>
<body>
  <form id="form1" runat="server">
    <h1>Cascading refresh: CascadingDropDown with a page method (fast path)</h1>
    <bench:PageWeight ID="Weight" runat="server" />
    <p><label for="Country">Country</label>
      <cc:CascadingDropDown ID="Country" runat="server" PromptText="Choose a country" ServiceMethod="GetCountries" /></p>
    <p><label for="City">City</label>
      <cc:CascadingDropDown ID="City" runat="server" ParentControlID="Country" ServiceMethod="GetCities" /></p>
  </form>
</body>
</html>
