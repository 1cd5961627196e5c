<%@ Page Language="C#" %>
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8" /><title>No source</title></head>
<body><form runat="server"><cc:CascadingDropDown ID="Region" runat="server" PromptText="Region" /></form></body></html>
