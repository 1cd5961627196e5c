<%@ Page Language="C#" EnableSessionState="False" %>
<script runat="server">
    // The controls' texts in the request's UI language: French by default here, ?lang=de for German.
    protected override void InitializeCulture()
    {
        UICulture = Culture = Request.QueryString["lang"] == "de" ? "de-DE" : "fr-FR";
        base.InitializeCulture();
    }

    protected void Country_Populate(object sender, CallbackControls.CascadingDropDownPopulateEventArgs e)
    {
        e.Items.Add(new ListItem("France", "fr"));
        e.Items.Add(new ListItem("Deutschland", "de"));
    }

    protected void Region_Populate(object sender, CallbackControls.CascadingDropDownPopulateEventArgs e)
    {
        if (e.ParentValue == "fr") { e.Items.Add(new ListItem("Bretagne", "bre")); e.Items.Add(new ListItem("Provence", "pac")); }
        if (e.ParentValue == "de") e.Items.Add(new ListItem("Bayern", "by"));
    }

    protected void Echo_Callback(object sender, CallbackControls.CallbackEventArgs e)
    {
        e.Result = e.CallbackArgument;
    }
</script>
<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8" /><title>Textes localisés</title></head>
<body>
  <form id="Form1" runat="server">
    <label for="Country">Pays</label>
    <cc:CascadingDropDown ID="Country" runat="server" PromptText="Choisissez un pays" OnPopulate="Country_Populate" />
    <label for="Region">Région</label>
    <cc:CascadingDropDown ID="Region" runat="server" ParentControlID="Country" PromptText="Choisissez une région" OnPopulate="Region_Populate" />
    <cc:CallbackControl ID="Echo" runat="server" OnCallback="Echo_Callback" />
    <asp:Button ID="Submit" runat="server" Text="Envoyer" />
  </form>
</body>
</html>
