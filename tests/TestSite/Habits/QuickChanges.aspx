<%@ Page Language="C#" %>
<script runat="server">
    // Session state on (the ASP.NET default: each call takes the session's lock) and a child handler
    // that takes 60 ms, as a database query does: the page a mouse wheel or a script changes quickly.
    protected void Country_Populate(object sender, CallbackControls.CascadingDropDownPopulateEventArgs e)
    {
        for (int i = 1; i <= 40; i++) e.Items.Add(new ListItem("Country " + i, "C" + i));
    }

    protected void City_Populate(object sender, CallbackControls.CascadingDropDownPopulateEventArgs e)
    {
        Session["seen"] = e.ParentValue;
        System.Threading.Thread.Sleep(60);
        e.Items.Add(new ListItem("City of " + e.ParentValue, e.ParentValue + "-1"));
    }
</script>
<!DOCTYPE html>
<html lang="en">
<head runat="server"><link rel="icon" href="data:," /><title>Quick changes</title></head>
<body>
  <form id="form1" runat="server">
    <main>
      <h1>Quick changes</h1>
      <p><asp:Label runat="server" AssociatedControlID="Country" Text="Country" />
        <cc:CascadingDropDown ID="Country" runat="server" PromptText="Choose a country" OnPopulate="Country_Populate" /></p>
      <p><asp:Label runat="server" AssociatedControlID="City" Text="City" />
        <cc:CascadingDropDown ID="City" runat="server" ParentControlID="Country" PromptText="Choose a city" OnPopulate="City_Populate" /></p>
    </main>
  </form>
</body>
</html>
