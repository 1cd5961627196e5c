<%@ Page Language="C#" AutoEventWireup="true" CodeBehind="CountryCities.aspx.cs" Inherits="CallbackControls.Sample.CountryCities" EnableSessionState="False" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server"><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><link rel="icon" href="favicon.svg" type="image/svg+xml" /><title>CascadingDropDown: Country → Cities list box</title><link rel="stylesheet" href="Site.css" /></head>
<body class="sample">
  <nav><a href="Default.aspx">All samples</a></nav>
  <h1>Country → Cities</h1>
  <p>The classic list-box page: pick a country, its cities (thousands for the larger ones) fill a list box
     where several can be chosen.</p>
  <form id="form1" runat="server">
    <div class="demo">
      <p><asp:Label runat="server" AssociatedControlID="Country" Text="Country" /><br />
        <cc:CascadingDropDown ID="Country" runat="server" PromptText="Choose a country" OnPopulate="Country_Populate" /></p>
      <p><asp:Label runat="server" AssociatedControlID="Cities" Text="Cities (Ctrl+click for several)" /><br />
        <cc:CascadingDropDown ID="Cities" runat="server" ParentControlID="Country" Rows="12" SelectionMode="Multiple"
            LoadingText="Loading cities..." EmptyText="No cities" OnPopulate="Cities_Populate" Width="24em" /></p>
      <asp:Button ID="Save" runat="server" Text="Save" OnClick="Save_Click" />
      <output id="Chosen" data-stale-on-change="true"><asp:Literal ID="Chosen" runat="server" /></output>
    </div>
  </form>
  <sample:SampleInfo runat="server">
    <ul><li><code>Rows="12"</code> and <code>SelectionMode="Multiple"</code> make the list a list box where several cities can be chosen.</li>
      <li>Cities that share a name carry their region, so "Abbeville" is never four identical lines.</li>
      <li>Thousands of cities fill in one go: the options are built off-document.</li></ul>
  </sample:SampleInfo>
  <script src="Sample.js"></script>
</body>
</html>
