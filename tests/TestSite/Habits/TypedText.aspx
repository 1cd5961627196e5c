<%@ Page Language="C#" EnableSessionState="False" %>
<script runat="server">
    // Text boxes named in CallbackFieldIDs, as users write them: whatever a person types reaches the
    // handler as typed (markup-like text included), and TextChanged fires as on a postback.
    private bool _commentChanged;

    protected void Comment_TextChanged(object sender, EventArgs e) { _commentChanged = true; }

    protected void Echo_Callback(object sender, CallbackControls.CallbackEventArgs e)
    {
        e.Result = new { comment = Comment.Text, notes = Notes.Text, changed = _commentChanged };
    }
</script>
<!DOCTYPE html>
<html lang="en">
<head runat="server"><link rel="icon" href="data:," /><title>Typed text</title></head>
<body>
  <form id="form1" runat="server">
    <main>
      <h1>Typed text</h1>
      <p>
        <asp:Label runat="server" AssociatedControlID="Comment" Text="Comment" />
        <asp:TextBox ID="Comment" runat="server" OnTextChanged="Comment_TextChanged" />
      </p>
      <p>
        <asp:Label runat="server" AssociatedControlID="Notes" Text="Notes" />
        <asp:TextBox ID="Notes" runat="server" TextMode="MultiLine" />
      </p>
      <cc:CallbackControl ID="Echo" runat="server" OnCallback="Echo_Callback" CallbackFieldIDs="Comment,Notes" />
      <button type="button" id="Send">Send</button>
      <output id="Answer"></output>
    </main>
  </form>
  <script>
    document.getElementById('Send').addEventListener('click', function () {
      Echo.callback('send').then(function (r) { document.getElementById('Answer').textContent = JSON.stringify(r); }, function () {});
    });
  </script>
</body>
</html>
