<%@ Page Language="C#" AutoEventWireup="true" CodeBehind="CallbackDemo.aspx.cs" Inherits="CallbackControls.Sample.CallbackDemo" EnableSessionState="False" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server"><meta charset="utf-8" /><title>CallbackControl demo</title><link rel="stylesheet" href="Site.css" /></head>
<body>
  <nav><a href="Default.aspx">All samples</a></nav>
  <h1>CallbackControl</h1>
  <form id="form1" runat="server">
    <div class="demo">
      <label for="Word">Word to look up</label>
      <asp:TextBox ID="Word" runat="server" Text="callback" />
      <button type="button" id="LookUp">Count its letters on the server</button>
      <output id="Answer"></output>
      <%-- The handler reads Word.Text: CallbackFieldIDs posts its current value with each call. --%>
      <cc:CallbackControl ID="LetterCount" runat="server" OnCallback="LetterCount_Callback"
          CallbackFieldIDs="Word" CallbackErrorScript="SampleCallbackDemo.showError" />
    </div>
  </form>
  <script src="CallbackDemo.js"></script>
</body>
</html>
