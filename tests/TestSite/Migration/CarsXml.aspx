<%@ Page Language="C#" %>
<%@ Import Namespace="System.Xml" %>
<%@ Import Namespace="CallbackControls" %>
<script runat="server">
    // The shape of the AjaxControlToolkit's own CascadingDropDown sample, written in its style: the data
    // is one XML document (make, model, color), items carry a default (default="true") and a tooltip
    // (optionTitle), the Color level comes from a page method, and choosing a color posts back (AutoPostBack)
    // to a label inside an UpdatePanel. Session state stays on, as the template's pages have it.
    const string CarsXml = @"<CarsService>
      <make name='Acura'><model name='Integra'><color name='Sea Green' value='seagreen' /><color name='Silver' value='silver' default='true' /></model></make>
      <make name='Audi'><model name='A4' optionTitle='The small sedan'><color name='Azure' value='azure' /></model><model name='S4'><color name='Red' value='red' /></model></make>
      <make name='BMW' optionTitle='Sheer driving pleasure'>
        <model name='3 series' default='true'><color name='Racing Blue' value='blue' default='true' optionTitle='Bright' /><color name='Sky Blue' value='skyblue' /><color name='White' value='white' /></model>
        <model name='5 series'><color name='Black' value='black' /></model>
      </make>
    </CarsService>";

    static readonly XmlDocument Cars = Load();

    static XmlDocument Load()
    {
        var document = new XmlDocument();
        document.LoadXml(CarsXml);
        return document;
    }

    /// <summary>The toolkit's GetDropDownContents: the child nodes of the node chosen above, as items.</summary>
    static void Fill(ListItemCollection items, string xpath, string valueAttribute)
    {
        foreach (XmlElement node in Cars.SelectNodes(xpath))
        {
            var item = new ListItem(node.GetAttribute("name"), node.GetAttribute(valueAttribute));
            if (node.GetAttribute("default") == "true") item.Selected = true;
            var title = node.GetAttribute("optionTitle");
            if (title.Length > 0) item.Attributes["title"] = title;
            items.Add(item);
        }
    }

    protected void Make_Populate(object sender, CascadingDropDownPopulateEventArgs e) => Fill(e.Items, "/CarsService/make", "name");

    protected void Model_Populate(object sender, CascadingDropDownPopulateEventArgs e) =>
        Fill(e.Items, "/CarsService/make[@name=" + Literal(e.ParentValue) + "]/model", "name");

    [CallbackMethod]
    public static void GetColors(CascadingDropDownPopulateEventArgs e) =>
        Fill(e.Items, "/CarsService/make/model[@name=" + Literal(e.ParentValue) + "]/color", "value");

    // An XPath string literal for any text (the toolkit sample concatenated it raw).
    static string Literal(string text) => text.Contains("'") ? "concat('" + text.Replace("'", "', \"'\", '") + "')" : "'" + text + "'";

    protected void Color_SelectedIndexChanged(object sender, EventArgs e)
    {
        // The toolkit sample's code, unchanged: SelectedItem is never null, the prompt is an item too.
        var make = DropDownList1.SelectedItem.Text;
        var model = DropDownList2.SelectedItem.Text;
        var color = DropDownList3.SelectedItem.Text;
        Label1.Text = DropDownList3.SelectedValue.Length == 0
            ? "Please select a color."
            : string.Format("You have chosen a {0} {1} {2}. Nice car!", color, make, model);
    }
</script>
<!DOCTYPE html>
<html lang="en">
<head runat="server"><link rel="icon" href="data:," /><title>Converted from the toolkit: XML data, defaults, tooltips, AutoPostBack</title></head>
<body>
  <form id="form1" runat="server">
    <asp:ScriptManager ID="ScriptManager1" runat="server" />
    <table>
      <tr><td><label for="DropDownList1">Make</label></td>
        <td><cc:CascadingDropDown ID="DropDownList1" runat="server" PromptText="Please select a make" LoadingText="[Loading makes...]" OnPopulate="Make_Populate" /></td></tr>
      <tr><td><label for="DropDownList2">Model</label></td>
        <td><cc:CascadingDropDown ID="DropDownList2" runat="server" ParentControlID="DropDownList1" PromptText="Please select a model" LoadingText="[Loading models...]" OnPopulate="Model_Populate" /></td></tr>
      <tr><td><label for="DropDownList3">Color</label></td>
        <td><cc:CascadingDropDown ID="DropDownList3" runat="server" ParentControlID="DropDownList2" PromptText="Please select a color" LoadingText="[Loading colors...]"
              ServiceMethod="GetColors" AutoPostBack="true" OnSelectedIndexChanged="Color_SelectedIndexChanged" /></td></tr>
    </table>
    <asp:UpdatePanel ID="UpdatePanel1" runat="server" UpdateMode="Conditional">
      <ContentTemplate><asp:Label ID="Label1" runat="server" Text="[No response provided yet]" /></ContentTemplate>
      <Triggers><asp:AsyncPostBackTrigger ControlID="DropDownList3" EventName="SelectedIndexChanged" /></Triggers>
    </asp:UpdatePanel>
  </form>
</body>
</html>
