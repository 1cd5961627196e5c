<%@ WebHandler Language="C#" Class="BenchSite.VisitHandler" %>
