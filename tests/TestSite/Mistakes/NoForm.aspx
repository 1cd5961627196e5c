<%@ Page Language="C#" %>
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8" /><title>No form</title></head>
<body><cc:CallbackControl ID="Lonely" runat="server" /></body></html>
