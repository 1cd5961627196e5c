<%@ Page Language="C#" EnableSessionState="False" %>
<%@ Implements Interface="System.Web.UI.ICallbackEventHandler" %>
<script runat="server">
    // The stock callback, as the classic tutorials write it: the page implements ICallbackEventHandler,
    // the country list's onchange calls GetCallbackEventReference's WebForm_DoCallback, and a script
    // fills the city list from the reply. No library code.
    private string _country;

    protected void Page_Load(object sender, EventArgs e)
    {
        if (!IsPostBack) BenchSite.BenchData.AddCountries(Country.Items);
        string call = ClientScript.GetCallbackEventReference(this, "document.getElementById('Country').value", "fillCities", "null", "cityError", true);
        Country.Attributes["onchange"] = call + ";";
    }

    void ICallbackEventHandler.RaiseCallbackEvent(string eventArgument) { _country = eventArgument; }

    string ICallbackEventHandler.GetCallbackResult()
    {
        var country = BenchSite.BenchData.Find(_country);
        var pairs = new System.Collections.Generic.List<string[]>();
        if (country != null) foreach (var city in country.Cities) pairs.Add(new[] { city.Name, city.Id });
        return new System.Web.Script.Serialization.JavaScriptSerializer().Serialize(pairs);
    }
</script>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>Cascading refresh: the stock callback</title></head>
<body>
  <form id="form1" runat="server">
    <h1>Cascading refresh: the stock callback (GetCallbackEventReference)</h1>
    <bench:PageWeight ID="Weight" runat="server" />
    <p><label for="Country">Country</label>
      <asp:DropDownList ID="Country" runat="server" ClientIDMode="Static" AppendDataBoundItems="true"><asp:ListItem Value="" Text="Choose a country" /></asp:DropDownList></p>
    <p><label for="City">City</label>
      <select id="City" disabled="disabled"></select></p>
  </form>
  <script>
    function fillCities(result) {
      var city = document.getElementById('City');
      var items = JSON.parse(result);
      city.textContent = '';
      var fragment = document.createDocumentFragment();
      for (var i = 0; i < items.length; i++) {
        var option = document.createElement('option');
        option.value = items[i][1];
        option.textContent = items[i][0];
        fragment.appendChild(option);
      }
      city.appendChild(fragment);
      city.disabled = items.length === 0;
    }
    function cityError(message) { document.getElementById('City').disabled = true; window.status = message; }
  </script>
</body>
</html>
