using System;
using System.Web;
using System.Web.Security;
using System.Web.UI;

namespace TestSite
{
    /// <summary>
    /// The anti-XSRF logic of Visual Studio's "Web Forms" project template (Site.Master.cs), with the
    /// same behaviour: ViewStateUserKey from an __AntiXsrfToken cookie in Page_Init, and on every
    /// postback (a callback is one) a check in PreLoad that the ViewState holds the same token and
    /// user name, throwing otherwise.
    /// </summary>
    public class TemplateSiteMaster : MasterPage
    {
        private const string AntiXsrfTokenKey = "__AntiXsrfToken";
        private const string AntiXsrfUserNameKey = "__AntiXsrfUserName";
        private string _antiXsrfTokenValue;

        protected void Page_Init(object sender, EventArgs e)
        {
            var requestCookie = Request.Cookies[AntiXsrfTokenKey];
            Guid requestCookieGuidValue;
            if (requestCookie != null && Guid.TryParse(requestCookie.Value, out requestCookieGuidValue))
            {
                _antiXsrfTokenValue = requestCookie.Value;
                Page.ViewStateUserKey = _antiXsrfTokenValue;
            }
            else
            {
                _antiXsrfTokenValue = Guid.NewGuid().ToString("N");
                Page.ViewStateUserKey = _antiXsrfTokenValue;
                var responseCookie = new HttpCookie(AntiXsrfTokenKey) { HttpOnly = true, Value = _antiXsrfTokenValue };
                if (FormsAuthentication.RequireSSL && Request.IsSecureConnection) responseCookie.Secure = true;
                Response.Cookies.Set(responseCookie);
            }
            Page.PreLoad += master_Page_PreLoad;
        }

        protected void master_Page_PreLoad(object sender, EventArgs e)
        {
            if (!IsPostBack)
            {
                ViewState[AntiXsrfTokenKey] = Page.ViewStateUserKey;
                ViewState[AntiXsrfUserNameKey] = UserName;
            }
            else if ((string)ViewState[AntiXsrfTokenKey] != _antiXsrfTokenValue || (string)ViewState[AntiXsrfUserNameKey] != UserName)
            {
                throw new InvalidOperationException("Validation of Anti-XSRF token failed.");
            }
        }

        // The template reads Context.User.Identity.Name; the test site signs users in with forms authentication.
        private string UserName => Context.User?.Identity?.Name ?? string.Empty;
    }
}
