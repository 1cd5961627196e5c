<%@ Page Language="C#" %>
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8" /><title>Chart without handler</title></head>
<body><form runat="server">
  <cc:RefreshingChart ID="Chart1" runat="server" RefreshFrequency="2000"><Series><cc:ChartSeries Name="CPU" /></Series></cc:RefreshingChart>
</form></body></html>
