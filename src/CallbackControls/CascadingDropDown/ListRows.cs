using System.Text;
using System.Web.UI.WebControls;

namespace CallbackControls
{
    /// <summary>
    /// A list's reply: its items as <c>[text, value]</c> rows, with a third member only for an item that
    /// has more to say: <c>{"selected":true,"disabled":true,"attributes":{"title":"...","data-x":"..."}}</c>
    /// (each key only when present), values in their posted form
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
                WriteDetails(text, item);
                text.Append(']');
            }
            text.Append(']');
        }

        /// <summary>Writes <c>,{...}</c> for an item that is selected, disabled or has attributes; nothing otherwise.</summary>
        private static void WriteDetails(StringBuilder text, ListItem item)
        {
            bool disabled = !item.Enabled;
            int attributes = item.Attributes.Count;
            if (!item.Selected && !disabled && attributes == 0) return;
            text.Append(",{");
            bool first = true;
            if (item.Selected)
            {
                text.Append("\"selected\":true");
                first = false;
            }
            if (disabled)
            {
                if (!first) text.Append(',');
                text.Append("\"disabled\":true");
                first = false;
            }
            if (attributes > 0)
            {
                if (!first) text.Append(',');
                text.Append("\"attributes\":{");
                bool firstAttribute = true;
                foreach (string name in item.Attributes.Keys)
                {
                    if (!firstAttribute) text.Append(',');
                    JsonText.WriteString(text, name);
                    text.Append(':');
                    JsonText.WriteString(text, item.Attributes[name] ?? string.Empty);
                    firstAttribute = false;
                }
                text.Append('}');
            }
            text.Append('}');
        }
    }
}
