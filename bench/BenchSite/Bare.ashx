<%@ WebHandler Language="C#" Class="BareHandler" %>
// The host floor: a handler that does nothing but answer, to measure what a host itself costs.
public class BareHandler : System.Web.IHttpHandler
{
    public bool IsReusable { get { return true; } }

    public void ProcessRequest(System.Web.HttpContext context)
    {
        context.Response.ContentType = "text/plain";
        context.Response.Write("ok");
    }
}
