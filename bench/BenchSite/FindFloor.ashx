<%@ WebHandler Language="C#" Class="BenchSite.FindFloorHandler" %>
