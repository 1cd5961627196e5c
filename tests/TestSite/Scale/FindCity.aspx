<%@ Page Language="C#" %>
<%@ Import Namespace="System.Linq" %>
<script runat="server">
    // 20,000 cities under one country, 21 of them Springfields: the level a user finds by typing. Session
    // state on (the ASP.NET default). The first chain is filled by a Populate handler that adds every city
    // (the list filters them); the second by a page method that filters itself, as a SQL query would.
    private static readonly string[] States = { "Illinois", "Ohio", "Massachusetts", "Missouri", "Oregon", "Vermont", "Virginia",
        "Tennessee", "Kentucky", "Georgia", "Louisiana", "Florida", "Colorado", "Minnesota", "Michigan", "New Jersey", "Pennsylvania",
        "South Dakota", "Nebraska", "Wisconsin", "Arkansas" };
    private static readonly string[] BigCities = Enumerable.Range(0, 19979).Select(i => "Town " + i.ToString("00000"))
        .Concat(States.Select(state => "Springfield, " + state))
        .OrderBy(name => name, StringComparer.Ordinal).ToArray();

    protected void Country_Populate(object sender, CallbackControls.CascadingDropDownPopulateEventArgs e) => AddCountries(e);

    protected void City_Populate(object sender, CallbackControls.CascadingDropDownPopulateEventArgs e)
    {
        Session["seen"] = e.ParentValue;
        if (e.ParentValue == "FR") { e.Items.Add(new ListItem("Paris", "paris")); e.Items.Add(new ListItem("Lyon", "lyon")); return; }
        foreach (var name in BigCities) e.Items.Add(new ListItem(name, name));
    }

    [CallbackControls.CallbackMethod]
    public static void AddCountries(CallbackControls.CascadingDropDownPopulateEventArgs e)
    {
        e.Items.Add(new ListItem("France", "FR"));
        e.Items.Add(new ListItem("United States", "US"));
    }

    [CallbackControls.CallbackMethod]
    public static void FindCities(CallbackControls.CascadingDropDownPopulateEventArgs e)
    {
        if (e.ParentValue != "US") return;
        // Filtered and paged here, as a query with WHERE and OFFSET would: only the page is added.
        var matches = BigCities.Where(e.IsMatch).ToArray();
        foreach (var name in matches.Skip(e.Skip).Take(e.Take)) e.Items.Add(new ListItem(name, name));
        e.Filtered = true;
        e.TotalCount = matches.Length;
    }

    // The page's code changes a level above on a postback: the city list then belongs to another parent.
    protected void ToFrance_Click(object sender, EventArgs e) => Country.SelectedValue = "FR";

    protected void Save_Click(object sender, EventArgs e)
    {
        Validate();
        Chosen.Text = IsValid ? Server.HtmlEncode("Saved: " + City.SelectedValue + " / " + MethodCity.SelectedValue) : "Please choose again.";
    }
</script>
<!DOCTYPE html>
<html lang="en">
<head runat="server"><link rel="icon" href="data:," /><title>Find a city</title></head>
<body>
  <form id="form1" runat="server">
    <main>
      <h1>Find a city</h1>
      <p><asp:Label runat="server" AssociatedControlID="Country" Text="Country" />
        <cc:CascadingDropDown ID="Country" runat="server" PromptText="Choose a country" OnPopulate="Country_Populate" /></p>
      <p><asp:Label runat="server" AssociatedControlID="City" Text="City" />
        <cc:CascadingDropDown ID="City" runat="server" ParentControlID="Country" PromptText="Choose a city" FilterMode="Contains" OnPopulate="City_Populate" /></p>
      <p><asp:Label runat="server" AssociatedControlID="MethodCountry" Text="Country (page method)" />
        <cc:CascadingDropDown ID="MethodCountry" runat="server" PromptText="Choose a country" ServiceMethod="AddCountries" /></p>
      <p><asp:Label runat="server" AssociatedControlID="MethodCity" Text="City (page method)" />
        <cc:CascadingDropDown ID="MethodCity" runat="server" ParentControlID="MethodCountry" PromptText="Choose a city" FilterMode="StartsWith" Rows="8" ServiceMethod="FindCities" /></p>
      <asp:Button ID="Save" runat="server" Text="Save" OnClick="Save_Click" />
      <asp:Button ID="ToFrance" runat="server" Text="Switch to France" OnClick="ToFrance_Click" />
      <output id="Chosen"><asp:Literal ID="Chosen" runat="server" /></output>
    </main>
  </form>
</body>
</html>
