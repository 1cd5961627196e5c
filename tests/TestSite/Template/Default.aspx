<%@ Page Title="Template" Language="C#" MasterPageFile="~/Template/Site.Master" %>
<%-- A content page of the Web Forms template's master, unchanged: every control works on it with
     nothing set for it (the master's anti-XSRF check reads ViewState on every postback). --%>
<script runat="server">
    protected void Country_Populate(object sender, CallbackControls.CascadingDropDownPopulateEventArgs e)
    {
        foreach (var c in TestSite.RowsData.Countries) e.Items.Add(new ListItem(c.Value, c.Key));
    }

    protected void City_Populate(object sender, CallbackControls.CascadingDropDownPopulateEventArgs e)
    {
        foreach (var city in TestSite.RowsData.CitiesOf(e.ParentValue)) e.Items.Add(new ListItem(city, city));
    }

    protected void Echo_Callback(object sender, CallbackControls.CallbackEventArgs e)
    {
        e.Result = "echo:" + e.CallbackArgument + " as " + Context.User.Identity.Name;
    }

    protected void Chart_RefreshCallback(object sender, CallbackControls.CallbackEventArgs e)
    {
        int tick = (int)(Application["template-ticks"] ?? 0) + 1;
        Application["template-ticks"] = tick;
        Chart.Description = "tick " + tick;
        for (int i = 0; i < 5; i++) Chart.Series["Load"].Points.AddXY(i, (tick + i) % 7);
    }

    protected void Save_Click(object sender, EventArgs e)
    {
        Saved.Text = "Saved: " + Country.SelectedValue + " / " + City.SelectedValue + " (valid: " + Page.IsValid + ")";
    }
</script>
<asp:Content ContentPlaceHolderID="MainContent" runat="server">
  <label for="<%= Country.ClientID %>">Country</label>
  <cc:CascadingDropDown ID="Country" runat="server" PromptText="Choose a country" OnPopulate="Country_Populate" />
  <label for="<%= City.ClientID %>">City</label>
  <cc:CascadingDropDown ID="City" runat="server" ParentControlID="Country" PromptText="Choose a city" OnPopulate="City_Populate" />
  <cc:CallbackControl ID="Echo" runat="server" ClientInstanceName="TemplateEcho" OnCallback="Echo_Callback" />
  <cc:RefreshingChart ID="Chart" runat="server" ClientInstanceName="TemplateChart" RefreshFrequency="400" Title="Load" Width="400px" Height="200px"
      OnRefreshCallback="Chart_RefreshCallback">
    <Series><cc:ChartSeries Name="Load" ChartType="Line" /></Series>
  </cc:RefreshingChart>
  <asp:Button ID="Save" runat="server" Text="Save" OnClick="Save_Click" />
  <asp:Label ID="Saved" runat="server" />
</asp:Content>
