<%@ Page Language="C#" AutoEventWireup="true" CodeBehind="CallbackDemo.aspx.cs" Inherits="CallbackControls.Sample.CallbackDemo" EnableSessionState="False" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server"><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><link rel="icon" href="favicon.svg" type="image/svg+xml" /><title>CallbackControl demo</title><link rel="stylesheet" href="Site.css" /></head>
<body class="sample">
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
  <sample:SampleInfo runat="server">
    <ul><li><code>CallbackFieldIDs="Word"</code> sends the text box's current text with each call, not the text it had when the page loaded.</li>
      <li>An empty word makes the handler throw a <code>CallbackException</code>: its message comes back as an error, shown and announced as one.</li>
      <li>No ViewState travels with the call: look at the request in the browser's network panel.</li></ul>
  </sample:SampleInfo>
  <script src="Sample.js"></script>
</body>
</html>
