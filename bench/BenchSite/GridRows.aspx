<%@ Page Language="C#" EnableSessionState="False" %>
<%@ Import Namespace="System.Linq" %>
<script runat="server">
    // Variant: the chain in the edit row of a GridView bound once under !IsPostBack (only ViewState
    // rebuilds the row, so every call carries the page state).
    protected void Page_Load(object sender, EventArgs e)
    {
        if (IsPostBack) return;
        Rows.EditIndex = 0;
        Rows.DataSource = System.Linq.Enumerable.Range(1, 20).Select(i => new { Id = i, Name = "Row " + i });
        Rows.DataBind();
    }

    protected void Country_Populate(object sender, CallbackControls.CascadingDropDownPopulateEventArgs e) { BenchSite.BenchData.AddCountries(e.Items); }
    protected void City_Populate(object sender, CallbackControls.CascadingDropDownPopulateEventArgs e) { BenchSite.BenchData.AddCities(e.ParentValue, e.Items); }
</script>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>Cascading refresh: GridView rows</title></head>
<body>
  <form id="form1" runat="server">
    <h1>Cascading refresh: GridView rows</h1>
    <bench:PageWeight ID="Weight" runat="server" />
    <asp:GridView ID="Rows" runat="server" AutoGenerateColumns="false">
      <Columns>
        <asp:BoundField DataField="Name" HeaderText="Name" ReadOnly="true" />
        <asp:TemplateField HeaderText="Place">
          <ItemTemplate>-</ItemTemplate>
          <%-- Static IDs only so the benchmark's driver finds the lists; one row is in edit mode. --%>
          <EditItemTemplate>
            <label for="Country">Country</label>
            <cc:CascadingDropDown ID="Country" runat="server" ClientIDMode="Static" PromptText="Choose a country" OnPopulate="Country_Populate" />
            <label for="City">City</label>
            <cc:CascadingDropDown ID="City" runat="server" ClientIDMode="Static" ParentControlID="Country" OnPopulate="City_Populate" />
          </EditItemTemplate>
        </asp:TemplateField>
      </Columns>
    </asp:GridView>
  </form>
</body>
</html>
