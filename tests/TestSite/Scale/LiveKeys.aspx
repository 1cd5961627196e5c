<%@ Page Language="C#" %>
<%@ Import Namespace="CallbackControls" %>
<script runat="server">
    // A live two-series line chart walked by the keyboard, refreshed by page script (no timer, so a test
    // decides when a tick comes): 10 readings per series on the first paint, one more per call, the last 12
    // kept (MaxPoints), so the oldest reading drops out of the window after a few calls. "?announce=1" turns
    // AnnounceUpdates on (every 10 s at most); the call argument "retitle" redraws with a new title and the
    // same values (a drawing that changed with nothing new to announce).
    static readonly DateTime Start = new DateTime(2026, 12, 7, 12, 0, 0);

    protected void Page_Init(object sender, EventArgs e)
    {
        Chart1.AnnounceUpdates = Request.QueryString["announce"] == "1";
    }

    protected void Page_Load(object sender, EventArgs e)
    {
        if (IsPostBack || IsCallback) return;
        for (int i = 1; i <= 10; i++) Add(i);
    }

    private void Add(int i)
    {
        Chart1.Series["Load"].Points.AddXY(Start.AddSeconds(i), i);
        Chart1.Series["Memory"].Points.AddXY(Start.AddSeconds(i), 100 + 2 * i);
    }

    protected void Chart1_RefreshCallback(object sender, CallbackEventArgs e)
    {
        var points = Chart1.Series["Load"].Points;
        int last = points.Count == 0 ? 0 : (int)points[points.Count - 1].Y;
        if (e.CallbackArgument == "retitle")
        {
            Chart1.Title = "Live load (" + last + " readings)";
            return;
        }
        Add(last + 1);
        e.Result = last + 1;
    }
</script>
<!DOCTYPE html>
<html lang="en">
<head runat="server"><link rel="icon" href="data:," /><title>A live chart walked by the keyboard</title></head>
<body>
  <form id="form1" runat="server">
    <main>
      <h1>Live load</h1>
      <p><a href="#after" id="before">Before the chart</a></p>
      <cc:RefreshingChart ID="Chart1" runat="server" Title="Live load" MaxPoints="12" ShowDataTable="true"
          XAxisType="DateTime" XAxisLabelFormat="HH:mm:ss" YAxisTitle="Load" OnRefreshCallback="Chart1_RefreshCallback">
        <Series>
          <cc:ChartSeries Name="Load" ChartType="Line" />
          <cc:ChartSeries Name="Memory" ChartType="Line" />
        </Series>
      </cc:RefreshingChart>
      <p><a href="#before" id="after">After the chart</a></p>
    </main>
  </form>
</body>
</html>
