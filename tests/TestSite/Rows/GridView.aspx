<%@ Page Language="C#" Inherits="TestSite.RowsPage" %>
<%-- The classic cascading-list shape: a GridView bound once under !IsPostBack, the chain in the
     EditItemTemplate, in-place edit then Update. Nothing on the page is set for CallbackControls. --%>
<script runat="server">
    protected void Page_Load(object sender, EventArgs e)
    {
        if (!IsPostBack)
        {
            if (Request.QueryString["reset"] == "1") TestSite.RowsData.Reset();
            Bind();
        }
    }

    void Bind()
    {
        People.DataSource = TestSite.RowsData.People();
        People.DataBind();
    }

    protected void People_RowEditing(object sender, GridViewEditEventArgs e) { People.EditIndex = e.NewEditIndex; Bind(); }

    protected void People_RowCancelingEdit(object sender, GridViewCancelEditEventArgs e) { People.EditIndex = -1; Bind(); }

    protected void People_RowUpdating(object sender, GridViewUpdateEventArgs e)
    {
        var row = People.Rows[e.RowIndex];
        Status.Text = Describe("Row " + e.RowIndex, row);
        if (!Page.IsValid) { e.Cancel = true; return; }
        var country = (CallbackControls.CascadingDropDown)row.FindControl("Country");
        var city = (CallbackControls.CascadingDropDown)row.FindControl("City");
        TestSite.RowsData.Save((int)People.DataKeys[e.RowIndex].Value, country.SelectedValue, city.SelectedValue);
        People.EditIndex = -1;
        Bind();
    }
</script>
<!DOCTYPE html>
<html lang="en"><head runat="server"><meta charset="utf-8" /><link rel="icon" href="data:," /><title>GridView rows</title></head>
<body><form runat="server">
  <asp:GridView ID="People" runat="server" AutoGenerateColumns="false" DataKeyNames="Id"
      OnRowEditing="People_RowEditing" OnRowCancelingEdit="People_RowCancelingEdit" OnRowUpdating="People_RowUpdating">
    <Columns>
      <asp:BoundField DataField="Name" HeaderText="Name" ReadOnly="true" />
      <asp:TemplateField HeaderText="Place">
        <ItemTemplate><span class="place"><%# Server.HtmlEncode(Eval("Country") + " / " + Eval("City")) %></span></ItemTemplate>
        <EditItemTemplate>
          <asp:Label runat="server" AssociatedControlID="Country" Text="Country" />
          <cc:CascadingDropDown ID="Country" runat="server" PromptText="Country" SelectedValue='<%# Eval("Country") %>' OnPopulate="Country_Populate" />
          <asp:Label runat="server" AssociatedControlID="City" Text="City" />
          <cc:CascadingDropDown ID="City" runat="server" ParentControlID="Country" PromptText="City" SelectedValue='<%# Eval("City") %>' OnPopulate="City_Populate" />
        </EditItemTemplate>
      </asp:TemplateField>
      <asp:CommandField ShowEditButton="true" ButtonType="Button" />
    </Columns>
  </asp:GridView>
  <p><asp:Label ID="Status" runat="server" /></p>
</form></body></html>
