<%@ Page Language="C#" AutoEventWireup="true" CodeBehind="CountryCities.aspx.cs" Inherits="CallbackControls.Sample.CountryCities" EnableSessionState="False" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server"><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><link rel="icon" href="favicon.svg" type="image/svg+xml" /><title>CascadingDropDown: Country → Cities list box</title><link rel="stylesheet" href="Site.css" /></head>
<body class="sample">
  <nav><a href="Default.aspx">All samples</a></nav>
  <h1>Country → Cities</h1>
  <p>The classic list-box page: pick a country, then find its cities (19,821 for the United States) by
     typing; several can be chosen.</p>
  <form id="form1" runat="server">
    <div class="demo">
      <p><asp:Label runat="server" AssociatedControlID="Country" Text="Country" /><br />
        <cc:CascadingDropDown ID="Country" runat="server" PromptText="Choose a country" OnPopulate="Country_Populate" /></p>
      <p><asp:Label runat="server" AssociatedControlID="Cities" Text="Cities" /><br />
        <cc:CascadingDropDown ID="Cities" runat="server" ParentControlID="Country" Rows="12" SelectionMode="Multiple" FilterMode="Contains"
            LoadingText="Loading cities..." EmptyText="No cities" OnPopulate="Cities_Populate" Width="24em" /></p>
      <asp:Button ID="Save" runat="server" Text="Save" OnClick="Save_Click" />
      <output id="Chosen" data-stale-on-change="true"><asp:Literal ID="Chosen" runat="server" /></output>
    </div>
  </form>
  <sample:SampleInfo runat="server">
    <ul><li><code>FilterMode="Contains"</code> puts a find box before the list: typing "springfield (il" finds Springfield (Illinois)
        in the United States' 19,821 cities. The database filters and pages (<code>e.Filter</code>, <code>e.Skip</code>, <code>e.Take</code>),
        so each search reads a hundred rows, and scrolling to the end of the list brings the next hundred.</li>
      <li><code>Rows="12"</code> and <code>SelectionMode="Multiple"</code> make the list a list box where several cities can be chosen
        (Ctrl or Shift with a click, or with the arrow keys and Space); a chosen city stays listed while you search for the next.</li>
      <li>Cities that share a name carry their region, so "Abbeville" is never four identical lines.</li>
      <li>Saving renders the chosen cities and one page of the list, not all of them.</li></ul>
  </sample:SampleInfo>
  <script src="Sample.js"></script>
</body>
</html>
