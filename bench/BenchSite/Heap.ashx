<%@ WebHandler Language="C#" Class="BenchSite.HeapHandler" %>
