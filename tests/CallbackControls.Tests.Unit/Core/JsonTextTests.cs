using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Web.Script.Serialization;
using Xunit;

namespace CallbackControls.Tests.Core
{
    /// <summary>
    /// The reply writer: what it writes must read back, with the framework's serializer (as the client's
    /// JSON.parse would), as exactly the value written, and values it does not write itself must come out as
    /// the serializer writes them.
    /// </summary>
    public class JsonTextTests
    {
        private static readonly JavaScriptSerializer Serializer = new JavaScriptSerializer();

        private static object RoundTrip(object value) => Serializer.DeserializeObject(JsonText.Serialize(value));

        [Theory]
        [InlineData("plain")]
        [InlineData("")]
        [InlineData("<script>alert('x')</script> & \"q\" \\ / ;|; Zoë 東京 🎉")]
        [InlineData("line\nbreak\r\ttab \u0001 \u001f \u007f \u2028 \u2029 end")]
        public void String_ReadsBackExactly(string text)
        {
            Assert.Equal(text, RoundTrip(text));
        }

        [Fact]
        public void String_HoldsNoMarkupCharacterOrRawLineSeparator()
        {
            var json = JsonText.Serialize("</script><b a='1'>&amp;\u2028\u2029");

            Assert.DoesNotContain("<", json);
            Assert.DoesNotContain(">", json);
            Assert.DoesNotContain("&", json);
            Assert.DoesNotContain("'", json);
            Assert.DoesNotContain("\u2028", json);
            Assert.DoesNotContain("\u2029", json);
            Assert.Equal("\"\\u003c/script\\u003e\\u003cb a=\\u00271\\u0027\\u003e\\u0026amp;\\u2028\\u2029\"", json);
        }

        [Fact]
        public void ListRows_AreWrittenAsArraysOfPairs()
        {
            var rows = new List<string[]> { new[] { "Paris", "75" }, new[] { "Île \"x\"", "<1>" } };

            Assert.Equal("[[\"Paris\",\"75\"],[\"Île \\\"x\\\"\",\"\\u003c1\\u003e\"]]", JsonText.Serialize(rows));
        }

        [Fact]
        public void ListRowsOfItems_AreWrittenAsPairsWithValuesInTheirPostedForm()
        {
            // A list's reply is written straight from its ListItems: text as given, value encoded as the
            // list renders it, so a value request validation would refuse travels as ~base64.
            var items = new System.Web.UI.WebControls.ListItemCollection
            {
                new System.Web.UI.WebControls.ListItem("Paris", "75"),
                new System.Web.UI.WebControls.ListItem("Île \"x\"", "<1>"),
                new System.Web.UI.WebControls.ListItem("Only text"),
            };

            var rows = (object[])RoundTrip(new ListRows(items));

            Assert.Equal(new object[] { "Paris", "75" }, (object[])rows[0]);
            Assert.Equal(new object[] { "Île \"x\"", ListValueCodec.Encode("<1>") }, (object[])rows[1]);
            Assert.StartsWith("~", ListValueCodec.Encode("<1>"));
            Assert.Equal(new object[] { "Only text", "Only text" }, (object[])rows[2]);
            Assert.Equal("[]", JsonText.Serialize(new ListRows(null)));
        }

        [Fact]
        public void StringArray_WithANull_ComesOutAsTheSerializerWritesIt()
        {
            var row = new[] { "a", null, "<b>" };

            Assert.Equal(Serializer.Serialize(row), JsonText.Serialize(row));
            Assert.Equal(new object[] { "a", null, "<b>" }, (object[])RoundTrip(row));
        }

        [Fact]
        public void Scalars_AreWrittenInvariantly_WhateverTheCulture()
        {
            var culture = Thread.CurrentThread.CurrentCulture;
            Thread.CurrentThread.CurrentCulture = new CultureInfo("fr-FR");
            try
            {
                Assert.Equal("[null,true,false,-12,10000000000,1.5,0.1,-2.5E-07]", JsonText.Serialize(new object[] { null, true, false, -12, 10000000000L, 1.5, 0.1, -2.5e-7 }));
            }
            finally
            {
                Thread.CurrentThread.CurrentCulture = culture;
            }
        }

        [Fact]
        public void Dictionary_KeepsItsOrder_AndNestedValuesReadBack()
        {
            var value = new Dictionary<string, object>
            {
                ["z"] = 1,
                ["a<"] = new object[] { "x", new Dictionary<string, object> { ["deep"] = new List<object> { true, null } } },
            };

            var json = JsonText.Serialize(value);
            var back = (IDictionary<string, object>)Serializer.DeserializeObject(json);

            Assert.StartsWith("{\"z\":1,", json);
            Assert.Equal(1, back["z"]);
            var inner = (object[])back["a<"];
            Assert.Equal("x", inner[0]);
            Assert.Equal(new object[] { true, null }, (object[])((IDictionary<string, object>)inner[1])["deep"]);
        }

        public static IEnumerable<object[]> SerializerValues()
        {
            yield return new object[] { new { name = "x", count = 3, when = new DateTime(2026, 11, 28, 0, 0, 0, DateTimeKind.Utc) } };
            yield return new object[] { new DateTime(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc) };
            yield return new object[] { 12.5m };
            yield return new object[] { 1.25f };
            yield return new object[] { DayOfWeek.Friday };
            yield return new object[] { Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e") };
            yield return new object[] { 'c' };
            yield return new object[] { new Dictionary<string, int> { ["a"] = 1 } };
            yield return new object[] { new Hashtable { ["k"] = "v" } };
        }

        [Theory]
        [MemberData(nameof(SerializerValues))]
        public void OtherValues_ComeOutAsTheFrameworkSerializerWritesThem(object value)
        {
            Assert.Equal(Serializer.Serialize(value), JsonText.Serialize(value));
            Assert.Equal(Serializer.Serialize(new object[] { value }), JsonText.Serialize(new List<object> { value }));
        }

        [Fact]
        public void ValueThatContainsItself_FailsClearly_InsteadOfOverflowingTheStack()
        {
            var loop = new List<object>();
            loop.Add(loop);

            var ex = Assert.Throws<InvalidOperationException>(() => JsonText.Serialize(loop));

            Assert.Contains("nested more than", ex.Message);
        }

        [Fact]
        public void NotFiniteDouble_IsLeftToTheSerializer()
        {
            Assert.Equal(Serializer.Serialize(double.NaN), JsonText.Serialize(double.NaN));
        }
    }
}
