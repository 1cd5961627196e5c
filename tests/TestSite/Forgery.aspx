<%@ Page Language="C#" EnableSessionState="False" %>
<%-- For tests/browser/forgery.test.js: counts what a forged call could make the server do. "loads" counts
     Page_Load during a postback (a callback is one), "calls" the Echo handler, "rowcalls" the handler of
     the control in a row bound in Page_Load; keys are per page, so Template/Forgery.aspx shares the
     store. GET ?counts=1 answers every counter as JSON. --%>
<script runat="server">
    private static void Count(HttpApplicationState app, string key)
    {
        app.Lock();
        try { app[key] = (int)(app[key] ?? 0) + 1; } finally { app.UnLock(); }
    }

    protected void Page_Load(object sender, EventArgs e)
    {
        if (Request.QueryString["counts"] != null)
        {
            var counts = new System.Collections.Generic.Dictionary<string, int>();
            foreach (string key in Application.AllKeys)
                if (key.StartsWith("forgery:")) counts[key.Substring(8)] = (int)Application[key];
            Response.ContentType = "application/json";
            Response.Write(new System.Web.Script.Serialization.JavaScriptSerializer().Serialize(counts));
            Response.End();
        }
        if (IsPostBack) Count(Application, "forgery:root:loads");
        // Rows bound on every request, in Page_Load: a common shape, and one where a row's control
        // does not exist yet when the page checks calls (PreLoad) unless ViewState rebuilt it.
        Rows.DataSource = new[] { "a" };
        Rows.DataBind();
    }

    protected void RowEcho_Callback(object sender, CallbackControls.CallbackEventArgs e)
    {
        Count(Application, "forgery:root:rowcalls");
        e.Result = "row:" + e.CallbackArgument;
    }

    protected void Echo_Callback(object sender, CallbackControls.CallbackEventArgs e)
    {
        Count(Application, "forgery:root:calls");
        e.Result = "echo:" + e.CallbackArgument;
    }
</script>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8" /><title>Forgery</title></head>
<body>
  <form id="form1" runat="server">
    <cc:CallbackControl ID="Echo" runat="server" ClientInstanceName="ForgeryEcho" OnCallback="Echo_Callback" />
    <asp:Repeater ID="Rows" runat="server">
      <ItemTemplate><cc:CallbackControl ID="RowEcho" runat="server" OnCallback="RowEcho_Callback" /></ItemTemplate>
    </asp:Repeater>
  </form>
</body>
</html>
