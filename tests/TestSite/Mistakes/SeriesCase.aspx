<%@ Page Language="C#" %>
<script runat="server">
    protected void Chart1_RefreshCallback(object sender, CallbackControls.CallbackEventArgs e)
    {
        Chart1.Series["cpu"].Points.AddXY(1, 2); // the series is named "CPU"
    }
</script>
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8" /><title>Series name case</title></head>
<body><form runat="server">
  <cc:RefreshingChart ID="Chart1" runat="server" OnRefreshCallback="Chart1_RefreshCallback"><Series><cc:ChartSeries Name="CPU" /></Series></cc:RefreshingChart>
</form></body></html>
