<%@ Page Language="C#" Inherits="TestSite.FastPathPage" %>
<script runat="server">
    // The page methods live in the code-behind (FastPathPage.cs). Calls of these controls are answered
    // by them without building this page; the postback below checks the chain through them too.
    protected void Submit_Click(object sender, EventArgs e)
    {
        Result.Text = Server.HtmlEncode(string.Format("country={0};region={1};city={2};valid={3}",
            Country.SelectedValue, Region.SelectedValue, City.SelectedValue, Page.IsValid));
    }
</script>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8" /><title>Page methods</title></head>
<body>
  <form id="Form1" runat="server">
    <label for="Country">Country</label>
    <cc:CascadingDropDown ID="Country" runat="server" PromptText="Choose a country" ServiceMethod="GetCountries" />
    <label for="Region">Region</label>
    <cc:CascadingDropDown ID="Region" runat="server" ParentControlID="Country" PromptText="Choose a region" ServiceMethod="GetRegions" />
    <label for="City">City</label>
    <cc:CascadingDropDown ID="City" runat="server" ParentControlID="Region" PromptText="Choose a city" EmptyText="No cities" ServiceMethod="GetCities" />
    <label for="Tenanted">Region of tenant A</label>
    <cc:CascadingDropDown ID="Tenanted" runat="server" ParentControlID="Country" ServiceMethod="GetTenantRegions" ContextKey="tenant-a é" />
    <asp:Button ID="Submit" runat="server" Text="Submit" OnClick="Submit_Click" />
    <p id="result"><asp:Literal ID="Result" runat="server" /></p>
    <cc:CallbackControl ID="EchoCall" runat="server" ServiceMethod="Echo" />
    <cc:CallbackControl ID="FailCall" runat="server" ServiceMethod="Fail" />
    <cc:CallbackControl ID="RefuseCall" runat="server" ServiceMethod="Refuse" />
  </form>
</body>
</html>
