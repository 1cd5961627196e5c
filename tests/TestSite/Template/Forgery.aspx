<%@ Page Title="Forgery" Language="C#" MasterPageFile="~/Template/Site.Master" %>
<%-- For tests/browser/forgery.test.js: Template/Default.aspx's Echo and Country under the same
     UniqueIDs, master and login, with counters (read through ~/Forgery.aspx?counts=1): "loads" counts
     Page_Load during a postback, "calls" the Echo handler. --%>
<script runat="server">
    private void Count(string key)
    {
        Application.Lock();
        try { Application[key] = (int)(Application[key] ?? 0) + 1; } finally { Application.UnLock(); }
    }

    protected void Page_Load(object sender, EventArgs e)
    {
        if (IsPostBack) Count("forgery:template:loads");
    }

    protected void Country_Populate(object sender, CallbackControls.CascadingDropDownPopulateEventArgs e)
    {
        foreach (var c in TestSite.RowsData.Countries) e.Items.Add(new ListItem(c.Value, c.Key));
    }

    protected void Echo_Callback(object sender, CallbackControls.CallbackEventArgs e)
    {
        Count("forgery:template:calls");
        e.Result = "echo:" + e.CallbackArgument + " as " + Context.User.Identity.Name;
    }
</script>
<asp:Content ContentPlaceHolderID="MainContent" runat="server">
  <cc:CascadingDropDown ID="Country" runat="server" PromptText="Choose a country" OnPopulate="Country_Populate" />
  <cc:CallbackControl ID="Echo" runat="server" ClientInstanceName="TemplateEcho" OnCallback="Echo_Callback" />
</asp:Content>
