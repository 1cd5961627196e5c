using System;
using System.ComponentModel;
using Xunit;

namespace CallbackControls.Tests.Core
{
    /// <summary>
    /// How a chart type written in markup is read (the page parser uses the type's converter). The
    /// converter is made directly rather than through TypeDescriptor, whose global locks deadlocked
    /// on Mono with tests running in parallel.
    /// </summary>
    public class ClearEnumConverterTests
    {
        private static readonly TypeConverter ChartTypes = new ClearEnumConverter<ChartType>();

        [Theory]
        [InlineData(typeof(ChartType), typeof(ClearEnumConverter<ChartType>))]
        [InlineData(typeof(ChartAxisType), typeof(ClearEnumConverter<ChartAxisType>))]
        public void Enum_DeclaresTheClearConverter(Type enumType, Type converter)
        {
            var attribute = (TypeConverterAttribute)Attribute.GetCustomAttribute(enumType, typeof(TypeConverterAttribute));
            Assert.Equal(converter.AssemblyQualifiedName, attribute.ConverterTypeName);
        }

        [Theory]
        [InlineData("Line", ChartType.Line)]
        [InlineData("stackedcolumn", ChartType.StackedColumn)]
        [InlineData(" Pie ", ChartType.Pie)]
        public void ConvertFromInvariantString_AName_GivesTheValue(string text, ChartType expected)
        {
            Assert.Equal(expected, ChartTypes.ConvertFromInvariantString(text));
        }

        [Theory]
        [InlineData("Lines")]
        [InlineData("42")]
        [InlineData("")]
        public void ConvertFromInvariantString_NotAName_FailsListingTheValidValues(string text)
        {
            var ex = Assert.Throws<FormatException>(() => ChartTypes.ConvertFromInvariantString(text));
            Assert.Equal("'" + text + "' is not a ChartType. Valid values: Line, Spline, Area, StackedArea, Column, StackedColumn, Bar, Scatter, Pie, Doughnut.", ex.Message);
        }

        [Fact]
        public void AxisType_UsesTheSameClearConverter()
        {
            var ex = Assert.Throws<FormatException>(() => new ClearEnumConverter<ChartAxisType>().ConvertFromInvariantString("Dates"));
            Assert.StartsWith("'Dates' is not a ChartAxisType. Valid values:", ex.Message);
        }
    }
}
