<%@ Page Language="C#" MasterPageFile="~/Template.master" EnableSessionState="False" %>
<script runat="server">
    // Variant: CascadingDropDown by callback on a content page of the Web Forms template's master.
    protected void Country_Populate(object sender, CallbackControls.CascadingDropDownPopulateEventArgs e) { BenchSite.BenchData.AddCountries(e.Items); }
    protected void City_Populate(object sender, CallbackControls.CascadingDropDownPopulateEventArgs e) { BenchSite.BenchData.AddCities(e.ParentValue, e.Items); }
</script>
<asp:Content ContentPlaceHolderID="MainContent" runat="server">
  <h1>Cascading refresh: template master</h1>
  <bench:PageWeight ID="Weight" runat="server" />
  <%-- Static IDs only so the benchmark's driver finds the lists as on the other pages. --%>
  <p><label for="Country">Country</label>
    <cc:CascadingDropDown ID="Country" runat="server" ClientIDMode="Static" PromptText="Choose a country" OnPopulate="Country_Populate" /></p>
  <p><label for="City">City</label>
    <cc:CascadingDropDown ID="City" runat="server" ClientIDMode="Static" ParentControlID="Country" OnPopulate="City_Populate" /></p>
</asp:Content>
