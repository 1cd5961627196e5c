<%@ WebHandler Language="C#" Class="RequestHeld" %>
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Web;

// For the memory test (ReleasedRequestTests): "mark" keeps a weak reference to each request's context;
// "check" collects garbage and says how many of the marked contexts something still holds (it may be asked
// again and again while the test waits for them to be let go).
public class RequestHeld : IHttpHandler
{
    private static readonly List<WeakReference> Marked = new List<WeakReference>();

    public bool IsReusable { get { return true; } }

    public void ProcessRequest(HttpContext context)
    {
        context.Response.ContentType = "text/plain";
        lock (Marked)
        {
            if (context.Request.QueryString["check"] == null)
            {
                Marked.Add(new WeakReference(context));
                context.Response.Write("marked");
                return;
            }
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            int alive = Marked.FindAll(w => w.IsAlive).Count;
            context.Response.Write(alive.ToString(CultureInfo.InvariantCulture) + " of " + Marked.Count.ToString(CultureInfo.InvariantCulture));
        }
    }
}
