<%@ Page Language="C#" Inherits="TestSite.FastPathPage" %>
<!-- A ServiceMethod that names no [CallbackMethod] method of the page: the page says what to write. -->
<html><body><form runat="server">
  <cc:CascadingDropDown ID="Lonely" runat="server" ServiceMethod="GetNothing" />
</form></body></html>
