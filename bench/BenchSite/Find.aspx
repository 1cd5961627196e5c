<%@ Page Language="C#" Inherits="BenchSite.FindPage" EnableSessionState="False" %>
<%-- Find benchmark (bench/find.js): a big level shown whole (Full) or found by typing (Find), both by page method. --%>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>Find: big levels</title></head>
<body>
  <form id="form1" runat="server">
    <p><label for="Size">Size</label>
      <cc:CascadingDropDown ID="Size" runat="server" PromptText="Choose a size" ServiceMethod="Sizes" /></p>
    <p><label for="Full">Every item</label>
      <cc:CascadingDropDown ID="Full" runat="server" ParentControlID="Size" ServiceMethod="AllItems" EnableClientCache="false"
          AfterCallbackScript="window.replyAt = performance.now()" /></p>
    <p><label for="Find">Found by typing</label>
      <cc:CascadingDropDown ID="Find" runat="server" ParentControlID="Size" FilterMode="Contains" ServiceMethod="FindItems" EnableClientCache="false"
          AfterCallbackScript="window.replyAt = performance.now()" /></p>
    <asp:Button ID="Save" runat="server" Text="Save" />
  </form>
</body>
</html>
