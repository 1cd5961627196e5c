<%@ Page Language="C#" EnableSessionState="False" %>
<script runat="server">
    // Variant 4: the same lists as DropDownLists with AutoPostBack: a full postback per change.
    protected void Page_Load(object sender, EventArgs e)
    {
        if (IsPostBack) return;
        Country.Items.Add(new ListItem("Choose a country", ""));
        BenchSite.BenchData.AddCountries(Country.Items);
    }

    protected void Country_SelectedIndexChanged(object sender, EventArgs e)
    {
        City.Items.Clear();
        BenchSite.BenchData.AddCities(Country.SelectedValue, City.Items);
        City.Enabled = City.Items.Count > 0;
    }
</script>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>Cascading refresh: full postback</title></head>
<body>
  <form id="form1" runat="server">
    <h1>Cascading refresh: full postback</h1>
    <bench:PageWeight ID="Weight" runat="server" />
    <p><label for="Country">Country</label>
      <asp:DropDownList ID="Country" runat="server" AutoPostBack="true" OnSelectedIndexChanged="Country_SelectedIndexChanged" /></p>
    <p><label for="City">City</label>
      <asp:DropDownList ID="City" runat="server" Enabled="false" /></p>
  </form>
</body>
</html>
