<%@ Page Language="C#" EnableSessionState="False" %>
<%-- No code at all: SqlDataSource controls supply the lists, a ControlParameter passes the parent's value. --%>
<!DOCTYPE html>
<html lang="en">
<head runat="server"><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><link rel="icon" href="favicon.svg" type="image/svg+xml" /><title>CascadingDropDown with SqlDataSource</title><link rel="stylesheet" href="Site.css" /></head>
<body class="sample">
  <nav><a href="Default.aspx">All samples</a></nav>
  <h1>Declarative data binding</h1>
  <p>Two SqlDataSource controls and a ControlParameter; no code-behind.</p>
  <form id="form1" runat="server">
    <asp:SqlDataSource ID="CountriesSource" runat="server" ConnectionString="<%$ ConnectionStrings:World %>"
        ProviderName="<%$ ConnectionStrings:World.ProviderName %>" SelectCommand="SELECT code, name FROM countries ORDER BY name" />
    <asp:SqlDataSource ID="RegionsSource" runat="server" ConnectionString="<%$ ConnectionStrings:World %>"
        ProviderName="<%$ ConnectionStrings:World.ProviderName %>"
        SelectCommand="SELECT code, name FROM regions WHERE country_code = @country ORDER BY name">
      <SelectParameters>
        <asp:ControlParameter Name="country" ControlID="Country" PropertyName="SelectedValue" />
      </SelectParameters>
    </asp:SqlDataSource>
    <div class="demo">
      <p><asp:Label runat="server" AssociatedControlID="Country" Text="Country" /><br />
        <cc:CascadingDropDown ID="Country" runat="server" PromptText="Choose a country" DataSourceID="CountriesSource"
            DataTextField="name" DataValueField="code" /></p>
      <p><asp:Label runat="server" AssociatedControlID="Region" Text="Region" /><br />
        <cc:CascadingDropDown ID="Region" runat="server" ParentControlID="Country" PromptText="Choose a region"
            EmptyText="No regions" DataSourceID="RegionsSource" DataTextField="name" DataValueField="code" /></p>
    </div>
  </form>
  <sample:SampleInfo runat="server">
    <ul><li>No code-behind: the regions' <code>SqlDataSource</code> reads the country through an <code>asp:ControlParameter</code>.</li>
      <li><code>DataTextField</code> and <code>DataValueField</code> bind as on any list control; the list it composes is a real ListBox.</li></ul>
  </sample:SampleInfo>
  <script src="Sample.js"></script>
</body>
</html>
