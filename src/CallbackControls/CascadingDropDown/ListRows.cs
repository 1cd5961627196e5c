using System.Text;
using System.Web.UI.WebControls;

namespace CallbackControls
{
    /// <summary>
    /// A list's reply: its items as <c>[text, value]</c> rows, values in their posted form
    /// (<see cref="ListValueCodec"/>). Written straight from the items: a row array per item cost a
    /// reply of a hundred rows a few KB of garbage for nothing.
    /// </summary>
    internal sealed class ListRows : IJsonValue
    {
        private readonly ListItemCollection _items;

        /// <summary>Rows of <paramref name="items"/>; none for null.</summary>
        internal ListRows(ListItemCollection items)
        {
            _items = items;
        }

        /// <inheritdoc />
        public void WriteJson(StringBuilder text)
        {
            text.Append('[');
            int count = _items?.Count ?? 0;
            for (int i = 0; i < count; i++)
            {
                var item = _items[i];
                if (i > 0) text.Append(',');
                text.Append('[');
                JsonText.WriteString(text, item.Text ?? string.Empty);
                text.Append(',');
                JsonText.WriteString(text, ListValueCodec.Encode(item.Value));
                text.Append(']');
            }
            text.Append(']');
        }
    }
}
