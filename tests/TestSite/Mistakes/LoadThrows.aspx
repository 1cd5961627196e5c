<%@ Page Language="C#" %>
<script runat="server">
    protected void Page_Load(object sender, EventArgs e)
    {
        if (IsCallback) throw new InvalidOperationException("The orders database is offline.");
    }

    protected void Echo_Callback(object sender, CallbackControls.CallbackEventArgs e) { e.Result = "never"; }
</script>
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8" /><title>Page_Load throws</title></head>
<body><form runat="server"><cc:CallbackControl ID="Echo" runat="server" ClientInstanceName="Echo" OnCallback="Echo_Callback" /></form></body></html>
