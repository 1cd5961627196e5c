<%@ Page Language="C#" %>
<script runat="server">
    // Test sign-in: /Template/Login.aspx?user=alice&ReturnUrl=... signs the user in and goes back.
    protected void Page_Load(object sender, EventArgs e)
    {
        var user = Request.QueryString["user"];
        if (!string.IsNullOrEmpty(user))
        {
            System.Web.Security.FormsAuthentication.SetAuthCookie(user, false);
            Response.Redirect(Request.QueryString["ReturnUrl"] ?? "~/Template/Default.aspx");
        }
    }
</script>
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8" /><title>Sign in</title></head><body><p id="login">Sign in required.</p></body></html>
