<%@ Page Language="C#" EnableSessionState="False" %>
<script runat="server">
    // A chart whose drawing changes only when the argument does ("level:N"): its timer ticks have nothing
    // new to bring, which is what tests/browser/chart-unchanged.test.js looks at.
    protected void Page_Init(object sender, EventArgs e)
    {
        int frequency;
        if (int.TryParse(Request.QueryString["frequency"], out frequency)) Chart1.RefreshFrequency = frequency;
    }

    protected void Page_Load(object sender, EventArgs e)
    {
        if (!IsCallback) Fill("");
    }

    protected void Chart1_RefreshCallback(object sender, CallbackControls.CallbackEventArgs e)
    {
        Fill(e.CallbackArgument);
    }

    void Fill(string argument)
    {
        int level = argument.StartsWith("level:") ? int.Parse(argument.Substring(6)) : 1;
        var y = new double[200];
        for (int i = 0; i < y.Length; i++) y[i] = level * 10 + 5 * Math.Sin(i / 10.0);
        Chart1.Series["Level"].Points.AddRange(y);
    }
</script>
<!DOCTYPE html>
<html>
<head><title>RefreshingChart, steady data</title></head>
<body>
  <form id="form1" runat="server">
    <cc:RefreshingChart ID="Chart1" runat="server" RefreshFrequency="200" Title="Steady" OnRefreshCallback="Chart1_RefreshCallback">
      <Series><cc:ChartSeries Name="Level" ChartType="Line" /></Series>
    </cc:RefreshingChart>
  </form>
</body>
</html>
