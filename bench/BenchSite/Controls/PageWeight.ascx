<%@ Control Language="C#" %>
<script runat="server">
    // The ordinary weight every variant of the page carries besides the two lists: a customer form
    // and a 20-row grid, bound on the first request and kept in ViewState, as most Web Forms pages do.
    protected void Page_Load(object sender, EventArgs e)
    {
        if (Page.IsPostBack) return;
        var first = BenchSite.BenchData.Orders[0];
        Customer.Text = first.Customer;
        Email.Text = first.Email;
        Reference.Text = "PO-" + first.OrderId;
        Notes.Text = "Deliver to the loading bay at the back; call ahead.";
        Updated.Text = "Orders as of " + first.OrderDate.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        Owner.Text = "Account owner: " + BenchSite.BenchData.Orders[1].Customer;
        Orders.DataSource = BenchSite.BenchData.Orders;
        Orders.DataBind();
    }
</script>
<fieldset class="customer">
  <legend>Customer</legend>
  <p><asp:Label runat="server" AssociatedControlID="Customer" Text="Name" /> <asp:TextBox ID="Customer" runat="server" /></p>
  <p><asp:Label runat="server" AssociatedControlID="Email" Text="E-mail" /> <asp:TextBox ID="Email" runat="server" TextMode="Email" /></p>
  <p><asp:Label runat="server" AssociatedControlID="Reference" Text="Reference" /> <asp:TextBox ID="Reference" runat="server" /></p>
  <p><asp:Label runat="server" AssociatedControlID="Notes" Text="Notes" /> <asp:TextBox ID="Notes" runat="server" TextMode="MultiLine" Rows="2" /></p>
  <p><asp:Label ID="Owner" runat="server" /></p>
</fieldset>
<h2><asp:Label ID="Updated" runat="server" /></h2>
<asp:GridView ID="Orders" runat="server" AutoGenerateColumns="false" DataKeyNames="OrderId" CssClass="orders">
  <Columns>
    <asp:BoundField DataField="OrderId" HeaderText="Order" />
    <asp:BoundField DataField="OrderDate" HeaderText="Date" DataFormatString="{0:yyyy-MM-dd}" />
    <asp:BoundField DataField="Customer" HeaderText="Customer" />
    <asp:BoundField DataField="Email" HeaderText="E-mail" />
    <asp:BoundField DataField="ShipTo" HeaderText="Ship to" />
    <asp:BoundField DataField="Product" HeaderText="Product" />
    <asp:BoundField DataField="Quantity" HeaderText="Qty" />
    <asp:BoundField DataField="UnitPrice" HeaderText="Unit price" DataFormatString="{0:0.00}" />
    <asp:BoundField DataField="Total" HeaderText="Total" DataFormatString="{0:0.00}" />
    <asp:BoundField DataField="Status" HeaderText="Status" />
  </Columns>
</asp:GridView>
