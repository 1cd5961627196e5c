<%@ Page Language="C#" %>
<%-- No <meta charset>: the browser takes the encoding from the Content-Type header alone. --%>
<script runat="server">
    protected void Country_Populate(object sender, CallbackControls.CascadingDropDownPopulateEventArgs e)
    {
        e.Items.Add(new ListItem("Zürich", "Zürich"));
        e.Items.Add(new ListItem("Genève", "Genève"));
    }

    protected void Street_Populate(object sender, CallbackControls.CascadingDropDownPopulateEventArgs e)
    {
        e.Items.Add(new ListItem("Bahnhofstraße in " + e.ParentValue, "b"));
    }
</script>
<html><head><title>No charset</title></head>
<body><form runat="server">
  <cc:CascadingDropDown ID="Country" runat="server" PromptText="City" OnPopulate="Country_Populate" />
  <cc:CascadingDropDown ID="Street" runat="server" ParentControlID="Country" PromptText="Street" OnPopulate="Street_Populate" />
</form></body></html>
