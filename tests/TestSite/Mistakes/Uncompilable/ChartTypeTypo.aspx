<%@ Page Language="C#" %>
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8" /><title>Chart type typo</title></head>
<body><form runat="server">
  <cc:RefreshingChart ID="Chart1" runat="server"><Series><cc:ChartSeries Name="CPU" ChartType="Lines" /></Series></cc:RefreshingChart>
</form></body></html>
