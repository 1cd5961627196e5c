<%@ WebHandler Language="C#" Class="BenchSite.GcHandler" %>
