<%@ Page Language="C#" AutoEventWireup="true" CodeBehind="UpdatePanel.aspx.cs" Inherits="CallbackControls.Sample.UpdatePanelDemo" EnableSessionState="False" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server"><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><link rel="icon" href="favicon.svg" type="image/svg+xml" /><title>CallbackControls with ScriptManager and UpdatePanel</title><link rel="stylesheet" href="Site.css" /></head>
<body class="sample">
  <nav><a href="Default.aspx">All samples</a></nav>
  <h1>Inside and outside an UpdatePanel</h1>
  <p>The left box is an UpdatePanel: an <code>asp:Timer</code> refreshes it every 5 seconds and Save posts it
     back asynchronously. Each partial update replaces its HTML; the callback controls in it start again on the
     new HTML with the choices kept. The right box sits outside the panel and is never replaced.
     The scripts come through the ScriptManager, as the page has one.</p>
  <form id="form1" runat="server">
    <asp:ScriptManager ID="Scripts" runat="server" />
    <div class="charts">
      <div class="demo">
        <h2>In the UpdatePanel</h2>
        <asp:UpdatePanel ID="Panel" runat="server">
          <ContentTemplate>
            <asp:Timer ID="Ticker" runat="server" Interval="5000" OnTick="Ticker_Tick" />
            <p><asp:Label runat="server" AssociatedControlID="PanelCountry" Text="Country" /><br />
              <cc:CascadingDropDown ID="PanelCountry" runat="server" PromptText="Choose a country" OnPopulate="Country_Populate" /></p>
            <p><asp:Label runat="server" AssociatedControlID="PanelRegion" Text="Region" /><br />
              <cc:CascadingDropDown ID="PanelRegion" runat="server" ParentControlID="PanelCountry" PromptText="Choose a region"
                  LoadingText="Loading regions..." EmptyText="No regions" OnPopulate="Region_Populate" /></p>
            <cc:RefreshingChart ID="PanelChart" runat="server" RefreshFrequency="2000" OnRefreshCallback="PanelChart_RefreshCallback"
                YAxisTitle="Value" XAxisLabelFormat="HH:mm:ss" ShowLegend="false" ChartHeight="220">
              <Series><cc:ChartSeries Name="Sensor" ChartType="Line" /></Series>
            </cc:RefreshingChart>
            <asp:Button ID="Save" runat="server" Text="Save" OnClick="Save_Click" />
            <%-- Not live regions: every partial update re-inserts them, and the stamp's time changes each tick.
                 UpdatePanel.js announces the result through #Announcer, outside the panel, when it changes. --%>
            <output id="Saved" aria-live="off" data-stale-on-change="true"><asp:Literal ID="Saved" runat="server" /></output>
            <p id="Stamp" class="stamp"><asp:Literal ID="Stamp" runat="server" EnableViewState="false" /></p>
          </ContentTemplate>
        </asp:UpdatePanel>
      </div>
      <div class="demo">
        <h2>Outside it</h2>
        <p><asp:Label runat="server" AssociatedControlID="Country" Text="Country" /><br />
          <cc:CascadingDropDown ID="Country" runat="server" PromptText="Choose a country" OnPopulate="Country_Populate" /></p>
        <p><asp:Label runat="server" AssociatedControlID="Region" Text="Region" /><br />
          <cc:CascadingDropDown ID="Region" runat="server" ParentControlID="Country" PromptText="Choose a region"
              LoadingText="Loading regions..." EmptyText="No regions" OnPopulate="Region_Populate" /></p>
      </div>
    </div>
    <p id="Announcer" class="visually-hidden" role="status"></p>
  </form>
  <sample:SampleInfo runat="server">
    <ul><li>The Timer replaces the panel's HTML every 5 seconds: the controls in it start again on the new HTML, with the choices kept and no warning.</li>
      <li>The scripts come through the page's ScriptManager.</li>
      <li>The box outside the panel is never replaced.</li></ul>
  </sample:SampleInfo>
  <script src="Sample.js"></script>
  <script src="UpdatePanel.js"></script>
</body>
</html>
