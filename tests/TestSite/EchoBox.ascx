<%@ Control Language="C#" ClassName="EchoBox" %>
<script runat="server">
    /// <summary>The text this box answers with, so tests can tell repeated boxes apart.</summary>
    public string Label { get { return (string)ViewState["Label"] ?? ""; } set { ViewState["Label"] = value; } }

    protected void Echo_Callback(object sender, CallbackControls.CallbackEventArgs e)
    {
        // Label comes from the item's markup on the callback page too, because the repeater binds on every request.
        e.Result = Label + ":" + e.CallbackArgument;
    }
</script>
<span class="box"><cc:CallbackControl ID="Echo" runat="server" OnCallback="Echo_Callback" /></span>
