using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.IO;
using System.Linq;
using System.Web.Script.Serialization;
using System.Web.UI;
using System.Web.UI.WebControls;
using AngleSharp.Html.Parser;
using Xunit;

namespace CallbackControls.Tests.CascadingDropDownTests
{
    public class CascadingDropDownTests
    {
        private sealed class Container : Panel, INamingContainer
        {
        }

        /// <summary>Country → Region, with Region filled from a fixed table.</summary>
        private static (Container root, CascadingDropDown country, CascadingDropDown region) Chain()
        {
            var root = new Container { ID = "Form" };
            var country = new CascadingDropDown { ID = "Country", PromptText = "Choose" };
            country.Populate += (s, e) => { e.Items.Add(new ListItem("France", "fr")); e.Items.Add(new ListItem("Hostile <b>", "<b>x")); };
            var region = new CascadingDropDown { ID = "Region", ParentControlID = "Country", PromptText = "Choose a region" };
            region.Populate += (s, e) =>
            {
                if (e.ParentValue == "fr") { e.Items.Add(new ListItem("Provence", "pac")); e.Items.Add(new ListItem("Bretagne", "bre")); }
                if (e.ParentValue == "<b>x") e.Items.Add(new ListItem("<script>x</script>", "s"));
            };
            root.Controls.Add(country);
            root.Controls.Add(region);
            return (root, country, region);
        }

        private static AngleSharp.Html.Dom.IHtmlDocument Render(Control control)
        {
            using (var text = new StringWriter())
            using (var writer = new HtmlTextWriter(text))
            {
                control.RenderControl(writer);
                return new HtmlParser().ParseDocument("<body>" + text + "</body>");
            }
        }

        private static bool Post(CascadingDropDown list, params string[] values)
        {
            var form = new NameValueCollection();
            foreach (var v in values) form.Add(list.UniqueID, v);
            return ((IPostBackDataHandler)list).LoadPostData(list.UniqueID, form);
        }

        [Fact]
        public void Render_TopLevel_ListsItemsAfterPromptWithSelectCarryingClientId()
        {
            var (_, country, _) = Chain();

            var document = Render(country);

            var select = document.QuerySelector("select");
            Assert.Equal("Form_Country", select.Id);
            Assert.Equal("Form$Country", select.GetAttribute("name"));
            Assert.False(select.HasAttribute("disabled"));
            Assert.Equal(new[] { "Choose", "France", "Hostile <b>" }, select.QuerySelectorAll("option").Select(o => o.TextContent).ToArray());
            Assert.Equal("cascadingdropdown", document.QuerySelector("#Form_Country_Container").GetAttribute("data-cc-control"));
            Assert.Equal("", document.QuerySelector("input[type=hidden][name='Form$Country']").GetAttribute("value"));
        }

        [Fact]
        public void Render_ValueThatTripsRequestValidation_IsEncodedAndDecodesBack()
        {
            var (_, country, _) = Chain();

            var value = Render(country).QuerySelectorAll("option").Last().GetAttribute("value");

            Assert.StartsWith("~", value);
            Assert.DoesNotContain("<", value);
            Assert.Equal("<b>x", ListValueCodec.Decode(value));
        }

        [Fact]
        public void Render_ChildWhoseParentHasNoSelection_IsDisabledWithPromptOnlyAndNoScriptButton()
        {
            var (_, _, region) = Chain();

            var document = Render(region);

            var select = document.QuerySelector("select");
            Assert.True(select.HasAttribute("disabled"));
            Assert.Equal(new[] { "Choose a region" }, select.QuerySelectorAll("option").Select(o => o.TextContent).ToArray());
            Assert.Contains("Form$Region$Refresh", document.Body.InnerHtml);
        }

        [Fact]
        public void Render_ChildWithParentSelected_ListsParentsItemsWithSelection()
        {
            var (_, country, region) = Chain();
            country.SelectedValue = "fr";
            region.SelectedValue = "bre";

            var select = Render(region).QuerySelector("select");

            Assert.False(select.HasAttribute("disabled"));
            Assert.Equal("bre", select.QuerySelector("option[selected]").GetAttribute("value"));
        }

        [Fact]
        public void Render_HostileItemText_IsTextNotMarkup()
        {
            var (_, country, region) = Chain();
            country.SelectedValue = "<b>x";

            var document = Render(region);

            Assert.Empty(document.QuerySelectorAll("script"));
            Assert.Equal("<script>x</script>", document.QuerySelectorAll("option").Last().TextContent);
        }

        [Fact]
        public void Render_Options_CarryParentAncestorsPromptAndFieldsOfEveryLevelAbove()
        {
            var (_, country, region) = Chain();
            country.SelectedValue = "fr";

            var options = (IDictionary<string, object>)new JavaScriptSerializer().DeserializeObject(
                Render(region).QuerySelector("[data-cc-options]").GetAttribute("data-cc-options"));

            Assert.Equal("Form_Country", options["parentId"]);
            Assert.Equal(new object[] { "fr" }, (object[])options["ancestors"]);
            Assert.Equal(new object[] { "Form$Country" }, (object[])options["fields"]);
            Assert.Equal(false, options["eventValidation"]); // levels check themselves: no __EVENTVALIDATION on the wire
            Assert.Equal("Choose a region", ((IDictionary<string, object>)options["prompt"])["text"]);
        }

        [Fact]
        public void Render_PlainListParent_AsksForEventValidation()
        {
            var root = new Container { ID = "Form" };
            root.Controls.Add(new DropDownList { ID = "Continent" });
            var country = new CascadingDropDown { ID = "Country", ParentControlID = "Continent" };
            root.Controls.Add(country);

            var options = (IDictionary<string, object>)new JavaScriptSerializer().DeserializeObject(
                Render(country).QuerySelector("[data-cc-options]").GetAttribute("data-cc-options"));

            Assert.Equal(true, options["eventValidation"]);
            Assert.Equal(new object[] { "Form$Continent" }, (object[])options["fields"]);
        }

        [Fact]
        public void LoadPostData_ValueOfferedForPostedParent_IsAccepted()
        {
            var (_, country, region) = Chain();
            Post(country, "", "fr");
            Post(region, "", "pac");

            Assert.Equal("pac", region.SelectedValue);
            Assert.True(region.IsValid);
            Assert.Equal("Provence", region.SelectedItem.Text);
        }

        [Fact]
        public void LoadPostData_ValueNotOfferedForPostedParent_IsRejected()
        {
            var (_, country, region) = Chain();
            Post(country, "fr");
            Post(region, "s"); // a region of the other country

            Assert.Equal("", region.SelectedValue);
            Assert.False(region.IsValid);
        }

        [Fact]
        public void LoadPostData_ValueWhileParentHasNoSelection_IsRejected()
        {
            var (_, country, region) = Chain();
            Post(country, "");
            Post(region, "pac");

            Assert.Equal("", region.SelectedValue);
            Assert.False(region.IsValid);
        }

        [Fact]
        public void LoadPostData_PromptOrNothing_IsAnEmptyValidSelection()
        {
            var (_, country, region) = Chain();
            Post(country, "fr");
            Post(region, "");

            Assert.Equal("", region.SelectedValue);
            Assert.True(region.IsValid);
        }

        [Fact]
        public void RaisePostDataChangedEvent_SelectionChanged_RaisesSelectedIndexChangedOnce()
        {
            var (_, country, region) = Chain();
            int raised = 0;
            region.SelectedIndexChanged += (s, e) => raised++;
            Post(country, "fr");
            Post(region, "pac");

            ((IPostBackDataHandler)region).RaisePostDataChangedEvent();

            Assert.Equal(1, raised);
        }

        [Fact]
        public void RaisePostDataChangedEvent_SameSelectionAsBefore_RaisesNothing()
        {
            var (_, country, region) = Chain();
            region.SelectedValue = "pac";
            int raised = 0;
            region.SelectedIndexChanged += (s, e) => raised++;
            Post(country, "fr");
            Post(region, "pac");

            ((IPostBackDataHandler)region).RaisePostDataChangedEvent();

            Assert.Equal(0, raised);
        }

        [Fact]
        public void LoadPostData_MultipleSelection_AcceptsEveryOfferedValue()
        {
            var (_, country, region) = Chain();
            region.SelectionMode = ListSelectionMode.Multiple;
            region.Rows = 5;
            Post(country, "fr");
            Post(region, "", "pac", "bre");

            Assert.Equal(new[] { "pac", "bre" }, region.SelectedValues);
        }

        [Fact]
        public void GetItems_SameParentTwice_PopulatesOnce()
        {
            var (_, country, region) = Chain();
            int calls = 0;
            region.Populate += (s, e) => calls++;
            country.SelectedValue = "fr";

            region.GetItems();
            region.GetItems();

            Assert.Equal(1, calls);
        }

        [Fact]
        public void GetAncestorValues_ThreeLevels_ListsTopLevelFirst()
        {
            var (root, country, region) = Chain();
            var city = new CascadingDropDown { ID = "City", ParentControlID = "Region" };
            root.Controls.Add(city);
            country.SelectedValue = "fr";
            region.SelectedValue = "pac";

            Assert.Equal(new[] { "fr", "pac" }, city.GetAncestorValues());
        }

        [Fact]
        public void FindParentControl_MissingParent_ThrowsNamingBothControls()
        {
            var root = new Container { ID = "Form" };
            var region = new CascadingDropDown { ID = "Region", ParentControlID = "Nope" };
            root.Controls.Add(region);

            var ex = Assert.Throws<InvalidOperationException>(() => region.FindParentControl());

            Assert.Contains("'Region'", ex.Message);
            Assert.Contains("'Nope'", ex.Message);
        }

        [Fact]
        public void GetAncestorValues_ParentLoop_ThrowsClearError()
        {
            var root = new Container { ID = "Form" };
            root.Controls.Add(new CascadingDropDown { ID = "A", ParentControlID = "B" });
            root.Controls.Add(new CascadingDropDown { ID = "B", ParentControlID = "A" });

            var ex = Assert.Throws<InvalidOperationException>(() => ((CascadingDropDown)root.FindControl("A")).GetAncestorValues());

            Assert.Contains("loops", ex.Message);
        }

        [Fact]
        public void DataSource_TableWithFields_FillsItems()
        {
            var table = new System.Data.DataTable();
            table.Columns.Add("code");
            table.Columns.Add("name");
            table.Rows.Add("fr", "France");
            table.Rows.Add("jp", "日本");
            var list = new CascadingDropDown { ID = "Country", DataSource = table, DataTextField = "name", DataValueField = "code" };

            var items = list.GetItems();

            Assert.Equal(new[] { "France=fr", "日本=jp" }, items.Cast<ListItem>().Select(i => i.Text + "=" + i.Value).ToArray());
        }

        [Fact]
        public void DataSource_WithTextFormatString_FormatsThroughTheComposedList()
        {
            var list = new CascadingDropDown { ID = "Price", DataSource = new[] { 1.5m, 20m }, DataTextFormatString = "[{0:0.00}]" };

            // Formatted as ASP.NET's list controls format, in the page's (the thread's) culture.
            ListItemCollection items;
            using (CallbackControls.Tests.RefreshingChart.ChartTestKit.Invariant()) items = list.GetItems();
            Assert.Equal(new[] { "[1.50]", "[20.00]" }, items.Cast<ListItem>().Select(i => i.Text).ToArray());

            var german = new CascadingDropDown { ID = "Price", DataSource = new[] { 1.5m }, DataTextFormatString = "[{0:0.00}]" };
            using (CallbackControls.Tests.RefreshingChart.ChartTestKit.Culture("de-DE")) items = german.GetItems();
            Assert.Equal(new[] { "[1,50]" }, items.Cast<ListItem>().Select(i => i.Text).ToArray());
        }

        [Fact]
        public void Render_OwnerStyleAndAttributes_LandOnTheSelectNotTheWrapper()
        {
            var (_, country, _) = Chain();
            country.CssClass = "wide";
            country.ToolTip = "Where you live";
            country.TabIndex = 3;
            country.Attributes["data-x"] = "1";

            var document = Render(country);

            var select = document.QuerySelector("select");
            Assert.Equal("wide", select.GetAttribute("class"));
            Assert.Equal("Where you live", select.GetAttribute("title"));
            Assert.Equal("3", select.GetAttribute("tabindex"));
            Assert.Equal("1", select.GetAttribute("data-x"));
            Assert.Equal("cc-cascading", document.QuerySelector("#Form_Country_Container").GetAttribute("class"));
        }

        [Fact]
        public void Render_DisabledOwner_DisablesTheSelectOnce()
        {
            var (_, country, _) = Chain();
            country.Enabled = false;

            var html = Render(country).Body.InnerHtml;

            Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "disabled=").Cast<System.Text.RegularExpressions.Match>());
        }

        [Fact]
        public void EmptyValue_IsTheEmptyItemsValue_AndNeverAChoice()
        {
            var (_, country, region) = Chain();
            region.EmptyText = "No regions";
            region.EmptyValue = "none";
            country.SelectedValue = "jp"; // no regions

            var option = Render(region).QuerySelector("select option");
            Post(country, "jp");
            Post(region, "none");

            Assert.Equal("No regions", option.TextContent);
            Assert.Equal("none", option.GetAttribute("value"));
            Assert.Equal(string.Empty, region.SelectedValue);
            Assert.True(region.IsValid, "the empty item is not a forged choice");
        }

        [Fact]
        public void ContextKey_ReachesThePopulateHandler()
        {
            var list = new CascadingDropDown { ID = "Tenanted", ContextKey = "tenant-a" };
            list.Populate += (s, e) => e.Items.Add(new ListItem(e.ContextKey, e.ContextKey));

            Assert.Equal("tenant-a", list.GetItems()[0].Text);
        }

        [Fact]
        public void Render_RowsAboveZero_ComposesAListBoxWithThatSize()
        {
            var (_, country, _) = Chain();
            country.Rows = 6;
            country.SelectionMode = ListSelectionMode.Multiple;
            country.SelectedValues = new[] { "fr", "<b>x" };

            var select = Render(country).QuerySelector("select");

            Assert.Equal("6", select.GetAttribute("size"));
            Assert.True(select.HasAttribute("multiple"));
            Assert.Equal(2, select.QuerySelectorAll("option[selected]").Length);
        }

        [Fact]
        public void Render_TwoItemsSharingTheSelectedValue_SelectsOnlyTheFirst()
        {
            var list = new CascadingDropDown { ID = "City" };
            list.Populate += (s, e) => { e.Items.Add(new ListItem("Abbeville (Somme)", "abb")); e.Items.Add(new ListItem("Abbeville (Orne)", "abb")); };
            list.SelectedValue = "abb";

            var selected = Render(list).QuerySelectorAll("option[selected]");

            Assert.Equal(new[] { "Abbeville (Somme)" }, selected.Select(o => o.TextContent).ToArray());
        }

        [Theory]
        [InlineData("plain")]
        [InlineData("")]
        [InlineData("<b>bold</b>")]
        [InlineData("&#60;")]
        [InlineData("~starts with marker")]
        [InlineData("Zoë 東京 🎉 <script>")]
        public void ListValueCodec_RoundTripsAndNeverEmitsRequestValidationPatterns(string value)
        {
            var encoded = ListValueCodec.Encode(value);

            Assert.Equal(value, ListValueCodec.Decode(encoded));
            Assert.DoesNotMatch("<[A-Za-z!/?]|&#", encoded);
        }

        [Fact]
        public void ListValueCodec_PlainValue_IsLeftAsItIs()
        {
            Assert.Equal("FR-IDF", ListValueCodec.Encode("FR-IDF"));
        }
    }
}
