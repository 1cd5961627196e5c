<%@ Page Language="C#" %>
<%@ Import Namespace="CallbackControls" %>
<script runat="server">
    // A level whose items change on the server: Notify.ashx with topic "regions" adds Normandie to France's
    // regions (application state), then notifies; the Region list has PushTopic="regions".
    protected void Country_Populate(object sender, CascadingDropDownPopulateEventArgs e)
    {
        e.Items.Add(new ListItem("France", "FR"));
    }

    protected void Region_Populate(object sender, CascadingDropDownPopulateEventArgs e)
    {
        if (e.ParentValue != "FR") return;
        e.Items.Add(new ListItem("Île-de-France", "IDF"));
        e.Items.Add(new ListItem("Bretagne", "BRE"));
        if (Application["normandie"] != null) e.Items.Add(new ListItem("Normandie", "NOR"));
    }

    protected void City_Populate(object sender, CascadingDropDownPopulateEventArgs e)
    {
        e.Items.Add(new ListItem("A city of " + e.ParentValue, e.ParentValue + "-1"));
    }
</script>
<!DOCTYPE html>
<html lang="en">
<head runat="server"><link rel="icon" href="data:," /><title>A list refilled on push</title></head>
<body>
  <form id="form1" runat="server">
    <main>
      <label for="Country">Country</label>
      <cc:CascadingDropDown ID="Country" runat="server" PromptText="Choose a country" OnPopulate="Country_Populate" />
      <label for="Region">Region</label>
      <cc:CascadingDropDown ID="Region" runat="server" ParentControlID="Country" PromptText="Choose a region" OnPopulate="Region_Populate"
          PushTopic="regions" AfterCallbackResponseProcessScript="window.regionFills = (window.regionFills || 0) + 1" />
      <label for="City">City</label>
      <cc:CascadingDropDown ID="City" runat="server" ParentControlID="Region" PromptText="Choose a city" OnPopulate="City_Populate"
          AfterCallbackResponseProcessScript="window.cityFills = (window.cityFills || 0) + 1" />
    </main>
  </form>
</body>
</html>
