<%@ Page Language="C#" Inherits="TestSite.RowsPage" %>
<%-- A chain per row in a Repeater, a ListView and a DataList, each bound once under !IsPostBack:
     only the ViewState rebuilds the rows in a call or a postback. --%>
<script runat="server">
    protected void Page_Load(object sender, EventArgs e)
    {
        if (IsPostBack) return;
        var rows = new[] { "one", "two" };
        Rep.DataSource = rows; Rep.DataBind();
        Lv.DataSource = rows; Lv.DataBind();
        Dl.DataSource = rows; Dl.DataBind();
    }

    protected void Save_Click(object sender, EventArgs e)
    {
        var lines = new System.Collections.Generic.List<string>();
        foreach (RepeaterItem item in Rep.Items) lines.Add(Describe("repeater " + item.ItemIndex, item));
        foreach (ListViewDataItem item in Lv.Items) lines.Add(Describe("listview " + item.DataItemIndex, item));
        foreach (DataListItem item in Dl.Items) lines.Add(Describe("datalist " + item.ItemIndex, item));
        Saved.Text = Server.HtmlEncode(string.Join("\n", lines));
    }
</script>
<!DOCTYPE html>
<html lang="en"><head runat="server"><meta charset="utf-8" /><link rel="icon" href="data:," /><title>Lists in rows</title></head>
<body><form runat="server">
  <asp:Repeater ID="Rep" runat="server">
    <ItemTemplate><div class="row repeater">
      <asp:Label runat="server" AssociatedControlID="Country" Text="Country" />
      <cc:CascadingDropDown ID="Country" runat="server" PromptText="Country" OnPopulate="Country_Populate" />
      <asp:Label runat="server" AssociatedControlID="City" Text="City" />
      <cc:CascadingDropDown ID="City" runat="server" ParentControlID="Country" PromptText="City" OnPopulate="City_Populate" />
    </div></ItemTemplate>
  </asp:Repeater>
  <asp:ListView ID="Lv" runat="server">
    <LayoutTemplate><div id="lvrows"><asp:PlaceHolder ID="itemPlaceholder" runat="server" /></div></LayoutTemplate>
    <ItemTemplate><div class="row listview">
      <asp:Label runat="server" AssociatedControlID="Country" Text="Country" />
      <cc:CascadingDropDown ID="Country" runat="server" PromptText="Country" OnPopulate="Country_Populate" />
      <asp:Label runat="server" AssociatedControlID="City" Text="City" />
      <cc:CascadingDropDown ID="City" runat="server" ParentControlID="Country" PromptText="City" OnPopulate="City_Populate" />
    </div></ItemTemplate>
  </asp:ListView>
  <asp:DataList ID="Dl" runat="server" RepeatLayout="Flow">
    <ItemTemplate><div class="row datalist">
      <asp:Label runat="server" AssociatedControlID="Country" Text="Country" />
      <cc:CascadingDropDown ID="Country" runat="server" PromptText="Country" OnPopulate="Country_Populate" />
      <asp:Label runat="server" AssociatedControlID="City" Text="City" />
      <cc:CascadingDropDown ID="City" runat="server" ParentControlID="Country" PromptText="City" OnPopulate="City_Populate" />
    </div></ItemTemplate>
  </asp:DataList>
  <asp:Button ID="Save" runat="server" Text="Save" OnClick="Save_Click" />
  <pre id="saved"><asp:Literal ID="Saved" runat="server" /></pre>
</form></body></html>
