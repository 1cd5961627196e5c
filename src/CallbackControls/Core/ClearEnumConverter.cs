using System;
using System.ComponentModel;
using System.Globalization;
using System.Linq;

namespace CallbackControls
{
    /// <summary>
    /// Reads an enum property from markup and, for a value that is not one of its names, fails with a
    /// message that names the property's type and lists the valid values, instead of the bare
    /// "Requested value 'Lines' was not found." of <see cref="Enum.Parse(Type, string)"/>.
    /// </summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    internal sealed class ClearEnumConverter<TEnum> : EnumConverter where TEnum : struct
    {
        public ClearEnumConverter() : base(typeof(TEnum))
        {
        }

        public override object ConvertFrom(ITypeDescriptorContext context, CultureInfo culture, object value)
        {
            if (value is string text)
            {
                var trimmed = text.Trim();
                if (Enum.TryParse(trimmed, true, out TEnum parsed) && Enum.IsDefined(typeof(TEnum), parsed)) return parsed;
                throw new FormatException(string.Format(CultureInfo.InvariantCulture, "'{0}' is not a {1}. Valid values: {2}.",
                    text, typeof(TEnum).Name, string.Join(", ", Enum.GetNames(typeof(TEnum)))));
            }
            return base.ConvertFrom(context, culture, value);
        }
    }
}
