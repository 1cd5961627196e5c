<%@ Page Language="C#" EnableSessionState="False" %>
<script runat="server">
    protected void Fail_Callback(object sender, CallbackControls.CallbackEventArgs e)
    {
        if (e.CallbackArgument == "user-error") throw new CallbackControls.CallbackException("Please choose a country first.");
        throw new InvalidOperationException("secret detail from the handler");
    }
</script>
<!DOCTYPE html>
<html><head><title>Hidden errors</title></head>
<body><form id="form1" runat="server"><cc:CallbackControl ID="Fail" runat="server" OnCallback="Fail_Callback" /></form></body>
</html>
