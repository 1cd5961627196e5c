<%@ WebHandler Language="C#" Class="BenchSite.CitiesHandler" %>
