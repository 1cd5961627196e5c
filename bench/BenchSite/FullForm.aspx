<%@ Page Language="C#" EnableSessionState="False" %>
<script runat="server">
    // Variant 2: CascadingDropDown posting the whole form (ViewState and every field) with each call.
    protected void Country_Populate(object sender, CallbackControls.CascadingDropDownPopulateEventArgs e) { BenchSite.BenchData.AddCountries(e.Items); }
    protected void City_Populate(object sender, CallbackControls.CascadingDropDownPopulateEventArgs e) { BenchSite.BenchData.AddCities(e.ParentValue, e.Items); }
</script>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>Cascading refresh: CascadingDropDown, PostFullForm="true"</title></head>
<body>
  <form id="form1" runat="server">
    <h1>Cascading refresh: CascadingDropDown, PostFullForm="true"</h1>
    <bench:PageWeight ID="Weight" runat="server" />
    <p><label for="Country">Country</label>
      <cc:CascadingDropDown ID="Country" runat="server" PromptText="Choose a country" PostFullForm="true" OnPopulate="Country_Populate" /></p>
    <p><label for="City">City</label>
      <cc:CascadingDropDown ID="City" runat="server" ParentControlID="Country" PostFullForm="true" OnPopulate="City_Populate" /></p>
  </form>
</body>
</html>
