<%@ Page Language="C#" AutoEventWireup="true" CodeBehind="Cascading.aspx.cs" Inherits="CallbackControls.Sample.Cascading" EnableSessionState="False" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server"><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><link rel="icon" href="favicon.svg" type="image/svg+xml" /><title>CascadingDropDown: Country, Region, City</title><link rel="stylesheet" href="Site.css" /></head>
<body class="sample">
  <nav><a href="Default.aspx">All samples</a></nav>
  <h1>Country → Region → City</h1>
  <p>250 countries, 4,963 regions and 148,038 cities in SQLite. Choosing a level fills the next by callback;
     event validation stays on.</p>
  <form id="form1" runat="server">
    <div class="demo">
      <p><asp:Label runat="server" AssociatedControlID="Country" Text="Country" /><br />
        <cc:CascadingDropDown ID="Country" runat="server" PromptText="Choose a country" OnPopulate="Country_Populate" /></p>
      <p><asp:Label runat="server" AssociatedControlID="Region" Text="Region" /><br />
        <cc:CascadingDropDown ID="Region" runat="server" ParentControlID="Country" PromptText="Choose a region"
            LoadingText="Loading regions..." EmptyText="No regions" OnPopulate="Region_Populate" /></p>
      <p><asp:Label runat="server" AssociatedControlID="City" Text="City" /><br />
        <cc:CascadingDropDown ID="City" runat="server" ParentControlID="Region" PromptText="Choose a city"
            LoadingText="Loading cities..." EmptyText="No cities" OnPopulate="City_Populate" /></p>
      <asp:Button ID="Save" runat="server" Text="Save" OnClick="Save_Click" />
      <output id="Chosen" data-stale-on-change="true"><asp:Literal ID="Chosen" runat="server" /></output>
    </div>
  </form>
  <sample:SampleInfo runat="server">
    <ul><li>Each level fills the next by callback; Save posts back and the chain comes back filled, with event validation on.</li>
      <li>Arrow keys through the countries fetch only the country you stop on.</li>
      <li>Each list announces what it offers ("Region: 13 items") to screen readers, and says "Loading regions..." while it waits.</li></ul>
  </sample:SampleInfo>
  <script src="Sample.js"></script>
</body>
</html>
