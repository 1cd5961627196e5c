<%@ Page Language="C#" EnableSessionState="False" %>
<script runat="server">
    // For tests/perf/refreshingchart-http.js: the argument "points=N;decimate=0|1;tips=0|1" sets what one refresh draws.
    protected void Chart1_RefreshCallback(object sender, CallbackControls.CallbackEventArgs e)
    {
        var options = new System.Collections.Generic.Dictionary<string, string>();
        foreach (var part in e.CallbackArgument.Split(';'))
        {
            var pair = part.Split('=');
            if (pair.Length == 2) options[pair[0]] = pair[1];
        }
        int n = int.Parse(options["points"]);
        Chart1.EnableDecimation = options["decimate"] == "1";
        Chart1.ShowPointToolTips = options["tips"] == "1";
        var x = new DateTime[n];
        var y = new double[n];
        var random = new Random(1);
        var start = new DateTime(2024, 1, 1);
        double value = 50;
        for (int i = 0; i < n; i++)
        {
            value += random.NextDouble() - 0.5;
            x[i] = start.AddSeconds(i);
            y[i] = value;
        }
        Chart1.Series["CPU"].Points.AddRange(x, y);
    }
</script>
<!DOCTYPE html>
<html><head><title>RefreshingChart payload</title></head>
<body><form id="form1" runat="server">
  <cc:RefreshingChart ID="Chart1" runat="server" Title="CPU" OnRefreshCallback="Chart1_RefreshCallback">
    <Series><cc:ChartSeries Name="CPU" ChartType="Line" /></Series>
  </cc:RefreshingChart>
</form></body>
</html>
