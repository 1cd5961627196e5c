<%@ WebHandler Language="C#" Class="PushNotifyHandler" %>
using System.Web;
using CallbackControls;

// What a page's own code does when its data changes, for the tests to trigger: POST topic (and data, user).
// Orders counts up in application state, so a refreshed chart shows the new count.
public class PushNotifyHandler : IHttpHandler
{
    public bool IsReusable => true;

    public void ProcessRequest(HttpContext context)
    {
        if (context.Request.HttpMethod != "POST")
        {
            context.Response.StatusCode = 405;
            return;
        }
        var topic = context.Request.Form["topic"];
        var data = context.Request.Form["data"];
        var user = context.Request.Form["user"];
        if (topic == "orders")
        {
            context.Application.Lock();
            context.Application["orders"] = ((int?)context.Application["orders"] ?? 0) + 1;
            context.Application.UnLock();
        }
        if (topic == "regions") context.Application["normandie"] = true;
        if (string.IsNullOrEmpty(user)) CallbackPush.Notify(topic, data);
        else CallbackPush.NotifyUser(user, topic, data);
        context.Response.ContentType = "text/plain";
        context.Response.Write("ok");
    }
}
