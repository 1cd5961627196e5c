<%@ Page Language="C#" EnableSessionState="False" %>
<%@ Import Namespace="System.Collections.Generic" %>
<script runat="server">
    // ("<" + "/script>" is split so it does not end this server script block.)
    // In-memory data with the awkward cases the tests need: hostile text, non-Latin text, an empty
    // level, 10,000 items, and a slow level for racing changes.
    static readonly Dictionary<string, string[][]> Regions = new Dictionary<string, string[][]>
    {
        { "fr", new[] { new[] { "Île-de-France", "idf" }, new[] { "Provence", "pac" } } },
        { "jp", new[] { new[] { "関東", "kanto" } } },
        { "xx", new[] { new[] { "<script>window.pwned=1<" + "/script>", "\"'&;|<b>" } } },
        { "big", new[] { new[] { "Everything", "all" } } },
        { "slow", new[] { new[] { "Slow region", "slow-r" } } },
        { "none", new[] { new[] { "Empty region", "empty" } } },
    };

    static readonly Dictionary<string, string[][]> Cities = new Dictionary<string, string[][]>
    {
        { "idf", new[] { new[] { "Paris", "paris" }, new[] { "Versailles", "versailles" } } },
        { "pac", new[] { new[] { "Marseille", "marseille" }, new[] { "Nice", "nice" } } },
        { "kanto", new[] { new[] { "東京", "tokyo" }, new[] { "横浜", "yokohama" } } },
        { "\"'&;|<b>", new[] { new[] { "<img src=x onerror=\"window.pwned=2\">", "img" }, new[] { "🎉 party & \"quotes\"", "emoji" }, new[] { "", "blank" } } },
        { "slow-r", new[] { new[] { "Slow city", "slow-c" } } },
        { "empty", new string[0][] },
    };

    protected void Country_Populate(object sender, CallbackControls.CascadingDropDownPopulateEventArgs e)
    {
        e.Items.Add(new ListItem("France", "fr"));
        e.Items.Add(new ListItem("日本", "jp"));
        e.Items.Add(new ListItem("Hostile", "xx"));
        e.Items.Add(new ListItem("Big", "big"));
        e.Items.Add(new ListItem("Slow", "slow"));
        e.Items.Add(new ListItem("Nowhere", "none"));
    }

    protected void Region_Populate(object sender, CallbackControls.CascadingDropDownPopulateEventArgs e)
    {
        if (e.ParentValue == "slow" && IsCallback) System.Threading.Thread.Sleep(1500);
        string[][] rows;
        if (Regions.TryGetValue(e.ParentValue, out rows)) foreach (var r in rows) e.Items.Add(new ListItem(r[0], r[1]));
    }

    protected void City_Populate(object sender, CallbackControls.CascadingDropDownPopulateEventArgs e)
    {
        if (e.ParentValue == "all")
        {
            for (int i = 1; i <= 10000; i++) e.Items.Add(new ListItem("City " + i.ToString("00000"), "c" + i));
            return;
        }
        string[][] rows;
        if (Cities.TryGetValue(e.ParentValue, out rows)) foreach (var r in rows) e.Items.Add(new ListItem(r[0], r[1]));
        // The ancestors travel too: a city list may depend on the country as well as the region.
        Trace.Write("ancestors", string.Join(">", e.AncestorValues));
    }

    protected void Continent_Country_Populate(object sender, CallbackControls.CascadingDropDownPopulateEventArgs e)
    {
        if (e.ParentValue == "eu") { e.Items.Add(new ListItem("France", "fr")); e.Items.Add(new ListItem("Deutschland", "de")); }
        if (e.ParentValue == "as") { e.Items.Add(new ListItem("日本", "jp")); }
    }

    protected void Page_Load(object sender, EventArgs e)
    {
        // The plain parent is bound on the first request only, as in most Web Forms pages.
        if (!IsPostBack)
        {
            Continent.Items.Add(new ListItem("Choose a continent", ""));
            Continent.Items.Add(new ListItem("Europe", "eu"));
            Continent.Items.Add(new ListItem("Asia", "as"));
        }
    }

    private readonly List<string> changed = new List<string>();
    protected void Any_SelectedIndexChanged(object sender, EventArgs e) { changed.Add(((Control)sender).ID); }

    protected void Submit_Click(object sender, EventArgs e)
    {
        Page.Validate();
        Result.Text = Server.HtmlEncode(string.Format("country={0};region={1};city={2};continentCountry={3};changed={4};valid={5}",
            Country.SelectedValue, Region.SelectedValue, City.SelectedValue, ContinentCountry.SelectedValue,
            string.Join(",", changed), Page.IsValid));
    }
</script>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8" /><title>Cascading</title><script src="cascading-hooks.js"></script></head>
<body>
  <form id="form1" runat="server">
    <label for="Country">Country</label>
    <cc:CascadingDropDown ID="Country" runat="server" PromptText="Choose a country" OnPopulate="Country_Populate" OnSelectedIndexChanged="Any_SelectedIndexChanged" />
    <label for="Region">Region</label>
    <cc:CascadingDropDown ID="Region" runat="server" ParentControlID="Country" PromptText="Choose a region" LoadingText="Loading regions..."
        OnPopulate="Region_Populate" OnSelectedIndexChanged="Any_SelectedIndexChanged"
        OnClientPopulating="CascadingLog.populating" OnClientPopulated="CascadingLog.populated" OnClientSelectionChanged="CascadingLog.selectionChanged" />
    <label for="City">City</label>
    <cc:CascadingDropDown ID="City" runat="server" ParentControlID="Region" PromptText="Choose a city" EmptyText="No cities"
        OnPopulate="City_Populate" OnSelectedIndexChanged="Any_SelectedIndexChanged" />
    <label for="Continent">Continent</label>
    <asp:DropDownList ID="Continent" runat="server" />
    <label for="ContinentCountry">Country of the continent</label>
    <cc:CascadingDropDown ID="ContinentCountry" runat="server" ParentControlID="Continent" PromptText="Choose a country" OnPopulate="Continent_Country_Populate" />
    <asp:Button ID="Submit" runat="server" Text="Submit" OnClick="Submit_Click" />
    <p id="result"><asp:Literal ID="Result" runat="server" /></p>
  </form>
</body>
</html>
