<%@ Page Language="C#" EnableSessionState="False" %>
<%@ Import Namespace="System.Collections.Generic" %>
<%@ Import Namespace="CallbackControls" %>
<script runat="server">
    // The AjaxControlToolkit's CascadingDropDown sample (Make, Model, Color from one web method that
    // takes a category) converted as docs/MIGRATION.md says: one Populate handler for every level,
    // the level's ID standing for the toolkit's Category. The hooks use the Syncfusion-style casing
    // (BeforeCallBackScript...) that pages carried over from other libraries write.
    static readonly Dictionary<string, string[]> Models = new Dictionary<string, string[]>
    {
        { "Audi", new[] { "A4", "S4" } },
        { "BMW", new[] { "3 series", "5 series" } },
    };

    static readonly Dictionary<string, string[]> Colors = new Dictionary<string, string[]>
    {
        { "A4", new[] { "Blue", "Silver" } },
        { "S4", new[] { "Red" } },
        { "3 series", new[] { "Racing Blue", "White" } },
        { "5 series", new string[0] },
    };

    protected void Cars_Populate(object sender, CascadingDropDownPopulateEventArgs e)
    {
        string[] names;
        switch (((CascadingDropDown)sender).ID)
        {
            case "Make":
                names = new[] { "Audi", "BMW" };
                break;
            case "Model":
                Models.TryGetValue(e.ParentValue, out names);
                break;
            default:
                Colors.TryGetValue(e.ParentValue, out names);
                break;
        }
        foreach (var name in names ?? new string[0]) e.Items.Add(new ListItem(name, name));
    }
</script>
<!DOCTYPE html>
<html>
<head><title>Converted from the toolkit</title></head>
<body>
  <form id="form1" runat="server">
    <cc:CascadingDropDown ID="Make" runat="server" PromptText="Please select a make" OnPopulate="Cars_Populate" />
    <cc:CascadingDropDown ID="Model" runat="server" ParentControlID="Make" PromptText="Please select a model"
        LoadingText="[Loading models...]" OnPopulate="Cars_Populate"
        BeforeCallBackScript="Cars.before" AfterCallBackScript="Cars.after" CallBackErrorScript="Cars.error" />
    <cc:CascadingDropDown ID="Color" runat="server" ParentControlID="Model" PromptText="Please select a color"
        EmptyText="No colors" OnPopulate="Cars_Populate" />
  </form>
</body>
</html>
