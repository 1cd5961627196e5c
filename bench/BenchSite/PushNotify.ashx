<%@ WebHandler Language="C#" Class="BenchSite.PushNotifyHandler" %>
