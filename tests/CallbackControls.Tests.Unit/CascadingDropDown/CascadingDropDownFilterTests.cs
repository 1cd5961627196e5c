using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Web.Script.Serialization;
using System.Web.UI;
using System.Web.UI.WebControls;
using AngleSharp.Html.Parser;
using Xunit;
using static CallbackControls.Tests.RefreshingChart.ChartTestKit;

namespace CallbackControls.Tests.CascadingDropDownTests
{
    /// <summary>
    /// Type to find (FilterMode): which items match the typed text, the page of matches a call or a page
    /// method answers and the rows pinned before it, the find box and the page of matches a postback
    /// renders, the find box's posted text, a disabled list, and a posted selection still checked against
    /// every item offered for the posted parent.
    /// </summary>
    public class CascadingDropDownFilterTests
    {
        private sealed class Container : Panel, INamingContainer
        {
        }

        private static readonly string[] FrenchCities = { "Paris", "Lyon", "Pau", "Marseille", "Perpignan", "Parthenay", "Nice", "Le Puy" };

        /// <summary>
        /// Country → City, City finding its items by typed text, a page of three at a time; with declared
        /// items, City's markup holds them and AppendDataBoundItems keeps them before the items offered.
        /// </summary>
        private static (Container Root, CascadingDropDown Country, CascadingDropDown City, List<CascadingDropDownPopulateEventArgs> Calls) Chain(
            ListFilterMode mode = ListFilterMode.StartsWith, params ListItem[] declared)
        {
            var root = new Container { ID = "Form" };
            var country = new CascadingDropDown { ID = "Country", PromptText = "Choose" };
            country.Populate += (s, e) => { e.Items.Add(new ListItem("France", "fr")); e.Items.Add(new ListItem("Germany", "de")); };
            var city = new CascadingDropDown { ID = "City", ParentControlID = "Country", PromptText = "Choose a city", FilterMode = mode, ItemsPerRequest = 3 };
            if (declared.Length > 0)
            {
                city.AppendDataBoundItems = true;
                foreach (var item in declared) city.Items.Add(item);
                // What the list's Init records of its markup; Init itself needs a hosted page (a data-bound control's Init joins the page's PreLoad).
                typeof(CascadingDropDown).GetField("_declaredItems", BindingFlags.Instance | BindingFlags.NonPublic).SetValue(city, city.Items.Cast<ListItem>().ToArray());
            }
            var calls = new List<CascadingDropDownPopulateEventArgs>();
            city.Populate += (s, e) =>
            {
                calls.Add(e);
                if (e.ParentValue == "fr")
                {
                    foreach (var name in FrenchCities) e.Items.Add(new ListItem(name, name.ToLowerInvariant()));
                }
                if (e.ParentValue == "de") e.Items.Add(new ListItem("Berlin", "ber"));
            };
            root.Controls.Add(country);
            root.Controls.Add(city);
            return (root, country, city, calls);
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

        private static IDictionary<string, object> Options(AngleSharp.Html.Dom.IHtmlDocument document) =>
            (IDictionary<string, object>)new JavaScriptSerializer().DeserializeObject(
                document.QuerySelector("[data-cc-options]").GetAttribute("data-cc-options"));

        private static bool Post(CascadingDropDown list, string filter, params string[] values)
        {
            var form = new NameValueCollection();
            foreach (var v in values) form.Add(list.UniqueID, v);
            if (filter != null) form.Add(list.UniqueID + "$Filter", filter);
            return ((IPostBackDataHandler)list).LoadPostData(list.UniqueID, form);
        }

        /// <summary>A call of the list as the page makes it, with the given state; the reply envelope.</summary>
        private static IDictionary<string, object> Call(CascadingDropDown list, string state)
        {
            var handler = (ICallbackEventHandler)list;
            using (Invariant())
            {
                handler.RaiseCallbackEvent("{\"v\":1,\"arg\":\"\",\"state\":" + state + "}");
                return (IDictionary<string, object>)new JavaScriptSerializer().DeserializeObject(handler.GetCallbackResult());
            }
        }

        private static IDictionary<string, object> Result(IDictionary<string, object> reply)
        {
            Assert.True(Equals(true, reply["ok"]), "the call failed: " + new JavaScriptSerializer().Serialize(reply));
            return (IDictionary<string, object>)reply["result"];
        }

        private static string[] RowTexts(object rows) => ((object[])rows).Select(row => (string)((object[])row)[0]).ToArray();

        /// <summary>The values of the rows a reply marks <c>"selected":true</c>.</summary>
        private static string[] SelectedRowValues(object rows) =>
            ((object[])rows).Cast<object[]>()
                .Where(row => row.Length > 2 && ((IDictionary<string, object>)row[2]).TryGetValue("selected", out var selected) && Equals(true, selected))
                .Select(row => (string)row[1]).ToArray();

        private static string Json(object value)
        {
            var text = new StringBuilder();
            ((IJsonValue)value).WriteJson(text);
            return text.ToString();
        }

        private static CascadingDropDownPopulateEventArgs Args(IEnumerable<string> texts, string filter, ListFilterMode mode, int skip, int take)
        {
            var items = new ListItemCollection();
            foreach (var text in texts) items.Add(new ListItem(text, text.ToLowerInvariant()));
            return new CascadingDropDownPopulateEventArgs(new[] { "fr" }, items) { Filter = filter, FilterMode = mode, Skip = skip, Take = take };
        }

        private static string[] ItemTexts(ListItemCollection items) => items.Cast<ListItem>().Select(i => i.Text).ToArray();

        // ---------------------------------------------------------------- ListFilter.IsMatch / Normalize

        [Theory]
        [InlineData("Paris", "par", ListFilterMode.StartsWith, true)]
        [InlineData("Paris", "PARIS", ListFilterMode.StartsWith, true)]
        [InlineData("Paris", "aris", ListFilterMode.StartsWith, false)]
        [InlineData("Paris", "ARI", ListFilterMode.Contains, true)]
        [InlineData("Paris", "ly", ListFilterMode.Contains, false)]
        [InlineData("Évry", "év", ListFilterMode.StartsWith, true)]
        [InlineData("Paris", "ly", ListFilterMode.None, true)]
        [InlineData("Paris", "", ListFilterMode.StartsWith, true)]
        [InlineData("Paris", null, ListFilterMode.Contains, true)]
        [InlineData("", "a", ListFilterMode.Contains, false)]
        [InlineData(null, "a", ListFilterMode.StartsWith, false)]
        public void IsMatch_ByMode_IgnoresCaseAndAnEmptyFilterMatchesAll(string text, string filter, ListFilterMode mode, bool expected)
        {
            Assert.Equal(expected, ListFilter.IsMatch(text, filter, mode));
        }

        /// <summary>
        /// The matcher is written out for speed; its rule must stay OrdinalIgnoreCase's (characters equal
        /// after ToUpperInvariant), also for characters outside ASCII that fold into it (dotless i, long s,
        /// accented letters, surrogates). Checked against that rule written the slow, obvious way.
        /// </summary>
        [Fact]
        public void IsMatch_AgreesWithOrdinalIgnoreCasesRule_ForEveryPairOfTrickyTexts()
        {
            string[] pieces = { "a", "A", "z", "Z", "@", "`", "[", "{", "i", "I", "\u0131", "\u0130", "s", "S", "\u017f", "\u00e9", "\u00c9", "\u00df", "k", "\u212a", "0", " ", "\ud83d\ude00", "-", "\u00ff", "\u0178" };
            var texts = new List<string> { string.Empty };
            foreach (var p1 in pieces)
            {
                texts.Add(p1);
                foreach (var p2 in pieces) texts.Add(p1 + p2);
            }
            var filters = texts.Where(t => t.Length > 0 && t.Length <= 2).ToArray();
            var bigTexts = texts.Select((t, i) => texts[(i * 7) % texts.Count] + t + texts[(i * 13) % texts.Count]).ToArray();
            foreach (var text in bigTexts)
            {
                foreach (var filter in filters)
                {
                    Assert.True(Reference(text, filter, contains: true) == ListFilter.IsMatch(text, filter, ListFilterMode.Contains), $"Contains '{text}' '{filter}'");
                    Assert.True(Reference(text, filter, contains: false) == ListFilter.IsMatch(text, filter, ListFilterMode.StartsWith), $"StartsWith '{text}' '{filter}'");
                }
            }
        }

        private static bool Reference(string text, string filter, bool contains)
        {
            for (int i = 0; i + filter.Length <= text.Length; i++)
            {
                int j = 0;
                while (j < filter.Length && char.ToUpperInvariant(text[i + j]) == char.ToUpperInvariant(filter[j])) j++;
                if (j == filter.Length) return true;
                if (!contains) return false;
            }
            return false;
        }

        [Fact]
        public void EventArgsIsMatch_UsesTheCallsFilterAndMode()
        {
            var e = Args(new string[0], "ris", ListFilterMode.Contains, 0, 10);

            Assert.True(e.IsMatch("PARIS"));
            Assert.False(e.IsMatch("Lyon"));
            Assert.True(new CascadingDropDownPopulateEventArgs(new string[0], new ListItemCollection()).IsMatch("anything"));
        }

        [Theory]
        [InlineData("  Saint   Étienne  ", "Saint Étienne")]
        [InlineData("\tLe\r\n Puy", "Le Puy")]
        [InlineData("Pau", "Pau")]
        [InlineData("    ", "")]
        [InlineData("", "")]
        [InlineData(null, "")]
        public void Normalize_TrimsAndCollapsesWhitespace(string typed, string expected)
        {
            Assert.Equal(expected, ListFilter.Normalize(typed));
        }

        [Fact]
        public void Normalize_TwoHundredCharactersAfterCollapsing_IsAccepted()
        {
            var longest = new string('a', 200);

            Assert.Equal(longest, ListFilter.Normalize("   " + longest + "   "));
            Assert.Equal("a b", ListFilter.Normalize("a" + new string(' ', 300) + "b"));
        }

        [Theory]
        [InlineData(201)]
        [InlineData(5000)]
        public void Normalize_OverTwoHundredCharacters_IsRefusedNamingTheLimit(int length)
        {
            CallbackException ex;
            using (Invariant()) ex = Assert.ThrowsAny<CallbackException>(() => ListFilter.Normalize(new string('a', length)));

            Assert.IsType<CallbackRequestException>(ex);
            Assert.Equal("The text typed to find an item is longer than 200 characters.", ex.Message);
        }

        // ---------------------------------------------------------------- ListFilter.Window

        [Fact]
        public void Window_LibraryFilters_ThenTakesThePageAfterSkip_WithTheTotalOfMatches()
        {
            // Matches of "pa": Paris, Pau, Parthenay (not Perpignan, not Le Puy).
            var window = ListFilter.Window(Args(FrenchCities, "pa", ListFilterMode.StartsWith, 1, 1));

            Assert.Equal(new[] { "Pau" }, ItemTexts(window.Items));
            Assert.Equal(1, window.Skip);
            Assert.Equal(3, window.Total);
        }

        [Fact]
        public void Window_Contains_MatchesAnywhereInTheText()
        {
            var window = ListFilter.Window(Args(FrenchCities, "AR", ListFilterMode.Contains, 0, 10));

            Assert.Equal(new[] { "Paris", "Marseille", "Parthenay" }, ItemTexts(window.Items));
            Assert.Equal(3, window.Total);
        }

        [Fact]
        public void Window_NoFilter_PagesEveryItem()
        {
            var window = ListFilter.Window(Args(FrenchCities, "", ListFilterMode.StartsWith, 3, 2));

            Assert.Equal(new[] { "Marseille", "Perpignan" }, ItemTexts(window.Items));
            Assert.Equal(8, window.Total);
        }

        [Fact]
        public void Window_SkipPastTheLastMatch_IsAnEmptyPageWithTheTotal()
        {
            var window = ListFilter.Window(Args(FrenchCities, "p", ListFilterMode.StartsWith, 10, 3));

            Assert.Empty(window.Items);
            Assert.Equal(10, window.Skip);
            Assert.Equal(4, window.Total);
        }

        [Fact]
        public void Window_HandlerFiltered_KeepsItsItemsButStillPages()
        {
            // The handler filtered by its own rule (accents ignored): by the list's rule none of its items
            // starts with the typed text, and the list keeps them all the same.
            var e = Args(new[] { "Écouen", "Écully", "Étampes" }, "ec", ListFilterMode.StartsWith, 1, 1);
            e.Filtered = true;

            var window = ListFilter.Window(e);

            Assert.Equal(new[] { "Écully" }, ItemTexts(window.Items));
            Assert.Equal(3, window.Total);
        }

        [Fact]
        public void Window_HandlerGaveTotalCount_SendsItsItemsAsTheyAre()
        {
            var e = Args(new[] { "Lyon", "Nice" }, "pa", ListFilterMode.StartsWith, 100, 2);
            e.TotalCount = 500;

            var window = ListFilter.Window(e);

            Assert.Equal(new[] { "Lyon", "Nice" }, ItemTexts(window.Items));
            Assert.Equal(100, window.Skip);
            Assert.Equal(500, window.Total);
        }

        [Fact]
        public void Window_TotalCountBelowWhatItSent_CountsAtLeastTheItemsSent()
        {
            var e = Args(new[] { "Lyon", "Nice" }, "", ListFilterMode.StartsWith, 10, 5);
            e.TotalCount = 0;

            Assert.Equal(12, ListFilter.Window(e).Total);
        }

        [Fact]
        public void ListWindow_Json_IsItemsSkipAndTotal()
        {
            var items = new ListItemCollection { new ListItem("Pau", "pau") };

            Assert.Equal("{\"items\":[[\"Pau\",\"pau\"]],\"skip\":2,\"total\":3}", Json(new ListWindow(items, 2, 3)));
        }

        // ---------------------------------------------------------------- Callback

        [Fact]
        public void Callback_FilteredList_AnswersThePageOfMatchesWithSkipAndTotal()
        {
            var (_, country, city, calls) = Chain();
            city.ItemsPerRequest = 2;
            country.SelectedValue = "fr";

            // The client's take is not the list's to decide: ItemsPerRequest is.
            var result = Result(Call(city, "{\"filter\":\"  p \",\"skip\":1,\"take\":999}"));

            Assert.Equal(new[] { "Pau", "Perpignan" }, RowTexts(result["items"]));
            Assert.Equal(1, result["skip"]);
            Assert.Equal(4, result["total"]);
            var e = calls.Single();
            Assert.Equal("p", e.Filter);
            Assert.Equal(ListFilterMode.StartsWith, e.FilterMode);
            Assert.Equal(1, e.Skip);
            Assert.Equal(2, e.Take);
        }

        [Fact]
        public void Callback_FilteredListWithNoFilterOrSkip_AnswersTheFirstPageOfEveryItem()
        {
            var (_, country, city, _) = Chain(ListFilterMode.Contains);
            country.SelectedValue = "fr";

            var result = Result(Call(city, "{}"));

            Assert.Equal(new[] { "Paris", "Lyon", "Pau" }, RowTexts(result["items"]));
            Assert.Equal(0, result["skip"]);
            Assert.Equal(8, result["total"]);
        }

        [Fact]
        public void Callback_FilteredListWhoseParentHasNoSelection_AnswersAnEmptyWindowWithoutAskingTheHandler()
        {
            var (_, _, city, calls) = Chain();

            var result = Result(Call(city, "{\"filter\":\"p\"}"));

            Assert.Empty((object[])result["items"]);
            Assert.Equal(0, result["total"]);
            Assert.Empty(calls);
        }

        [Fact]
        public void Callback_HandlerPagingItself_ItsItemsAndTotalAreSent()
        {
            var root = new Container { ID = "Form" };
            var city = new CascadingDropDown { ID = "City", FilterMode = ListFilterMode.StartsWith, ItemsPerRequest = 2 };
            city.Populate += (s, e) =>
            {
                // A handler over a large table: it filters and pages in its query.
                for (int i = e.Skip; i < e.Skip + e.Take; i++) e.Items.Add(new ListItem(e.Filter + " " + i, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                e.Filtered = true;
                e.TotalCount = 20000;
            };
            root.Controls.Add(city);

            var result = Result(Call(city, "{\"filter\":\"Saint\",\"skip\":400}"));

            Assert.Equal(new[] { "Saint 400", "Saint 401" }, RowTexts(result["items"]));
            Assert.Equal(400, result["skip"]);
            Assert.Equal(20000, result["total"]);
        }

        [Fact]
        public void Callback_ListWithoutFilterMode_AnswersAPlainArrayOfEveryItem()
        {
            var (_, country, city, _) = Chain(ListFilterMode.None);
            country.SelectedValue = "fr";

            var reply = Call(city, "{\"filter\":\"p\",\"skip\":1}");

            Assert.Equal(true, reply["ok"]);
            Assert.Equal(FrenchCities, RowTexts(reply["result"]));
        }

        [Theory]
        [InlineData("-1")]
        [InlineData("1.5")]
        [InlineData("1e12")]
        [InlineData("\"ten\"")]
        [InlineData("[1]")]
        [InlineData("{\"n\":1}")]
        public void Callback_MalformedSkip_IsARequestErrorAndAsksNoItems(string skip)
        {
            var (_, country, city, calls) = Chain();
            country.SelectedValue = "fr";

            var reply = Call(city, "{\"filter\":\"p\",\"skip\":" + skip + "}");

            Assert.Equal(false, reply["ok"]);
            Assert.Equal("bad-request", ((IDictionary<string, object>)reply["error"])["code"]);
            Assert.Empty(calls);
        }

        [Theory]
        [InlineData("12")]
        [InlineData("true")]
        [InlineData("[\"p\"]")]
        public void Callback_FilterThatIsNotText_IsARequestError(string filter)
        {
            var (_, country, city, calls) = Chain();
            country.SelectedValue = "fr";

            var reply = Call(city, "{\"filter\":" + filter + "}");

            Assert.Equal("bad-request", ((IDictionary<string, object>)reply["error"])["code"]);
            Assert.Empty(calls);
        }

        [Fact]
        public void Callback_FilterOverTheLimit_IsARequestErrorNamingTheLimit()
        {
            var (_, country, city, calls) = Chain();
            country.SelectedValue = "fr";

            var reply = Call(city, "{\"filter\":\"" + new string('p', 201) + "\"}");

            var error = (IDictionary<string, object>)reply["error"];
            Assert.Equal("bad-request", error["code"]);
            Assert.Equal("The text typed to find an item is longer than 200 characters.", error["message"]);
            Assert.Empty(calls);
        }

        [Fact]
        public void Callback_MarkupItemsWithAppendDataBoundItems_ComePinnedBeforeTheFirstPage_OutsideItsCount()
        {
            var (_, country, city, _) = Chain(ListFilterMode.Contains, new ListItem("Anywhere in France", "any"), new ListItem("Abroad", "abroad"));
            country.SelectedValue = "fr";

            var first = Result(Call(city, "{}"));
            var found = Result(Call(city, "{\"filter\":\"pa\"}"));
            var next = Result(Call(city, "{\"skip\":3}"));

            // Pinned, they take no place of the page: three matches still come, and the next page goes on from the fourth.
            Assert.Equal(new[] { "Anywhere in France", "Abroad" }, RowTexts(first["pinned"]));
            Assert.Equal(new[] { "Paris", "Lyon", "Pau" }, RowTexts(first["items"]));
            Assert.Equal(8, first["total"]);
            Assert.Equal(new[] { "Anywhere in France", "Abroad" }, RowTexts(found["pinned"]));
            Assert.Equal(new[] { "Paris", "Pau", "Parthenay" }, RowTexts(found["items"]));
            Assert.Equal(3, found["total"]);
            Assert.False(next.ContainsKey("pinned"), "a later page lists no markup item again");
            Assert.Equal(new[] { "Marseille", "Perpignan", "Parthenay" }, RowTexts(next["items"]));
            Assert.Equal(3, next["skip"]);
            Assert.Equal(8, next["total"]);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Callback_HandlersDefaultPastTheFirstPageOfEveryItem_ComesPinnedAndSelected(bool byItemSelected)
        {
            var (_, country, city, _) = Chain();
            city.Populate += (s, e) =>
            {
                if (e.ParentValue != "fr") return;
                if (byItemSelected) e.Items.FindByValue("le puy").Selected = true;
                else e.SelectedValue = "le puy";
            };
            country.SelectedValue = "fr";

            var result = Result(Call(city, "{}"));

            Assert.Equal(new[] { "Le Puy" }, RowTexts(result["pinned"]));
            Assert.Equal(new[] { "le puy" }, SelectedRowValues(result["pinned"]));
            Assert.Equal(new[] { "Paris", "Lyon", "Pau" }, RowTexts(result["items"]));
            Assert.Empty(SelectedRowValues(result["items"]));
            Assert.Equal(8, result["total"]);
        }

        [Fact]
        public void Callback_HandlersDefaultWithinTheFirstPage_IsSelectedWhereItIs_NotPinned()
        {
            var (_, country, city, _) = Chain();
            city.Populate += (s, e) => e.SelectedValue = "lyon";
            country.SelectedValue = "fr";

            var result = Result(Call(city, "{}"));

            Assert.False(result.ContainsKey("pinned"));
            Assert.Equal(new[] { "Paris", "Lyon", "Pau" }, RowTexts(result["items"]));
            Assert.Equal(new[] { "lyon" }, SelectedRowValues(result["items"]));
        }

        [Theory]
        [InlineData("{\"filter\":\"p\"}", new[] { "Paris", "Pau", "Perpignan" })]
        [InlineData("{\"skip\":3}", new[] { "Marseille", "Perpignan", "Parthenay" })]
        public void Callback_HandlersDefault_IsNotPinnedForASearchOrALaterPage(string state, string[] expected)
        {
            var (_, country, city, _) = Chain();
            city.Populate += (s, e) => e.SelectedValue = "le puy";
            country.SelectedValue = "fr";

            var result = Result(Call(city, state));

            // A search shows what matches the text; the default, which does not, would read as a match.
            Assert.False(result.ContainsKey("pinned"));
            Assert.Equal(expected, RowTexts(result["items"]));
        }

        // ---------------------------------------------------------------- Page method

        private static (object Result, List<CascadingDropDownPopulateEventArgs> Calls) PageMethod(IDictionary<string, object> state, string settings = "")
        {
            var calls = new List<CascadingDropDownPopulateEventArgs>();
            CascadingDropDownPageMethod.ReadSettings(settings, out var mode, out var take);
            var result = CascadingDropDownPageMethod.PopulateFromState(
                e =>
                {
                    calls.Add(e);
                    foreach (var name in FrenchCities) e.Items.Add(new ListItem(name, name.ToLowerInvariant()));
                },
                state,
                "tenant",
                mode,
                take);
            return (result, calls);
        }

        [Fact]
        public void PageMethod_WithSignedSettings_AnswersTheWindowTheStateAsksFor_IgnoringAModeAndTakeInTheState()
        {
            var (result, calls) = PageMethod(
                new Dictionary<string, object>
                {
                    ["ancestors"] = new object[] { "fr" },
                    ["mode"] = "startsWith",
                    ["filter"] = " AR ",
                    ["skip"] = 1,
                    ["take"] = 999,
                },
                "contains|1");

            Assert.Equal("{\"items\":[[\"Marseille\",\"marseille\"]],\"skip\":1,\"total\":3}", Json(result));
            var e = calls.Single();
            Assert.Equal("AR", e.Filter);
            Assert.Equal(ListFilterMode.Contains, e.FilterMode);
            Assert.Equal(1, e.Skip);
            Assert.Equal(1, e.Take);
            Assert.Equal("tenant", e.ContextKey);
        }

        [Fact]
        public void PageMethod_StartsWith_FiltersByTheStartOfTheText()
        {
            var (result, _) = PageMethod(new Dictionary<string, object> { ["ancestors"] = new object[] { "fr" }, ["filter"] = "pa" }, "startsWith|10");

            Assert.Equal(new[] { "Paris", "Pau", "Parthenay" }, ItemTexts(((ListWindow)result).Items));
        }

        [Fact]
        public void PageMethod_WithoutSignedSettings_AnswersAPlainArrayOfEveryItem_WhateverTheStateSays()
        {
            var (result, calls) = PageMethod(new Dictionary<string, object> { ["ancestors"] = new object[] { "fr" }, ["filter"] = "pa", ["mode"] = "contains", ["take"] = 1 });

            Assert.StartsWith("[[\"Paris\",\"paris\"],[\"Lyon\",\"lyon\"]", Json(result));
            Assert.Equal("", calls.Single().Filter);
            Assert.Equal(ListFilterMode.None, calls.Single().FilterMode);
        }

        [Fact]
        public void PageMethod_WithSettingsAndAParentNotChosen_AnswersAnEmptyWindowWithoutCallingTheMethod()
        {
            var (result, calls) = PageMethod(new Dictionary<string, object> { ["ancestors"] = new object[] { "" } }, "startsWith|100");

            Assert.Equal("{\"items\":[],\"skip\":0,\"total\":0}", Json(result));
            Assert.Empty(calls);
        }

        [Theory]
        [InlineData("regex|10")]
        [InlineData("StartsWith|10")]
        [InlineData("contains")]
        [InlineData("contains|0")]
        [InlineData("contains|1001")]
        [InlineData("contains|ten")]
        [InlineData("contains|10|x")]
        public void PageMethod_SettingsThisLibraryDoesNotWrite_AreRefused(string settings)
        {
            Assert.Throws<CallbackRequestException>(() => CascadingDropDownPageMethod.ReadSettings(settings, out _, out _));
        }

        [Fact]
        public void PageMethod_SignedName_CarriesTheModeAndPageSize_AndReadsBack()
        {
            var signed = CascadingDropDownPageMethod.SignedName("FindCities", ListFilterMode.StartsWith, 25);

            Assert.Equal("FindCities|startsWith|25", signed);
            Assert.Equal("FindCities", PageMethods.NameOf(signed));
            CascadingDropDownPageMethod.ReadSettings(signed.Substring("FindCities|".Length), out var mode, out var take);
            Assert.Equal(ListFilterMode.StartsWith, mode);
            Assert.Equal(25, take);
        }

        [Theory]
        [InlineData(-1)]
        [InlineData(2.5)]
        [InlineData("ten")]
        public void PageMethod_MalformedSkip_IsRefused(object skip)
        {
            var state = new Dictionary<string, object> { ["ancestors"] = new object[] { "fr" }, ["skip"] = skip };

            Assert.Throws<CallbackRequestException>(() => PageMethod(state, "contains|100"));
        }

        // ---------------------------------------------------------------- Rendering

        [Fact]
        public void Render_FilterMode_PutsANamedFindBoxBeforeTheSelect()
        {
            var (_, country, city, _) = Chain();
            country.SelectedValue = "fr";
            city.FilterText = "Pa";

            var document = Render(city);

            var select = document.QuerySelector("select");
            var box = select.PreviousElementSibling;
            Assert.Equal("input", box.LocalName);
            Assert.Equal("search", box.GetAttribute("type"));
            Assert.Equal("Form_City_Filter", box.Id);
            Assert.Equal("Form$City$Filter", box.GetAttribute("name"));
            Assert.Equal("cc-filter", box.GetAttribute("class"));
            Assert.Equal("Form_City", box.GetAttribute("aria-controls"));
            Assert.Equal(select.Id, box.GetAttribute("aria-controls"));
            Assert.Equal("Pa", box.GetAttribute("value"));
            Assert.Equal("200", box.GetAttribute("maxlength"));
            Assert.False(string.IsNullOrEmpty(box.GetAttribute("aria-label")));
            Assert.Single(document.QuerySelectorAll("input.cc-filter"));
        }

        [Fact]
        public void Render_WithoutFilterMode_HasNoFindBoxAndNoFilterOptions()
        {
            var (_, country, city, _) = Chain(ListFilterMode.None);
            country.SelectedValue = "fr";

            var document = Render(city);

            Assert.Empty(document.QuerySelectorAll("input[type=search]"));
            Assert.Null(document.QuerySelector("[name='Form$City$Filter']"));
            Assert.False(Options(document).ContainsKey("filter"));
            Assert.Equal(new[] { "Choose a city" }.Concat(FrenchCities), document.QuerySelectorAll("option").Select(o => o.TextContent));
        }

        [Fact]
        public void Render_PostedFilterText_ListsPromptChosenItemAndTheFirstPageOfMatches()
        {
            var (_, country, city, _) = Chain(ListFilterMode.Contains);
            Post(country, null, "fr");
            Post(city, "  a ", "nice"); // Nice does not contain "a"

            var document = Render(city);

            Assert.Equal("  a ", city.FilterText);
            Assert.Equal(new[] { "Choose a city", "Nice", "Paris", "Pau", "Marseille" }, document.QuerySelectorAll("select option").Select(o => o.TextContent).ToArray());
            Assert.Equal(new[] { "nice" }, document.QuerySelectorAll("option[selected]").Select(o => o.GetAttribute("value")).ToArray());
        }

        [Fact]
        public void Render_ChosenItemAmongTheFirstMatches_IsListedOnce()
        {
            var (_, country, city, _) = Chain();
            country.SelectedValue = "fr";
            city.SelectedValue = "lyon";
            city.FilterText = "";

            var options = Render(city).QuerySelectorAll("select option").Select(o => o.TextContent).ToArray();

            Assert.Equal(new[] { "Choose a city", "Paris", "Lyon", "Pau" }, options);
        }

        [Fact]
        public void Render_ChosenItemPastTheFirstPage_IsKeptAfterThePrompt()
        {
            var (_, country, city, _) = Chain();
            country.SelectedValue = "fr";
            city.SelectedValue = "le puy";

            var options = Render(city).QuerySelectorAll("select option").Select(o => o.TextContent).ToArray();

            Assert.Equal(new[] { "Choose a city", "Le Puy", "Paris", "Lyon", "Pau" }, options);
        }

        [Fact]
        public void Render_FilterOptions_CarryWhatWasShownAndTheTotal()
        {
            var (_, country, city, _) = Chain();
            country.SelectedValue = "fr";
            city.FilterText = "p";
            city.FilterDelay = 400;

            var filter = (IDictionary<string, object>)Options(Render(city))["filter"];

            Assert.Equal("startsWith", filter["mode"]);
            Assert.Equal(3, filter["take"]);
            Assert.Equal(400, filter["delay"]);
            Assert.Equal("p", filter["text"]);
            Assert.Equal(3, filter["shown"]);
            Assert.Equal(4, filter["total"]);
        }

        [Fact]
        public void Render_FilterTextOverTheLimit_ShowsNoMatchesButKeepsTheTextAndTheChoice()
        {
            var (_, country, city, _) = Chain();
            country.SelectedValue = "fr";
            city.SelectedValue = "pau";
            city.FilterText = new string('p', 201);

            var document = Render(city);

            Assert.Equal(new[] { "Choose a city", "Pau" }, document.QuerySelectorAll("select option").Select(o => o.TextContent).ToArray());
            Assert.Equal(city.FilterText, document.QuerySelector("input.cc-filter").GetAttribute("value"));
            Assert.Equal(0, ((IDictionary<string, object>)Options(document)["filter"])["total"]);
        }

        [Fact]
        public void Render_HostileFilterText_IsAnAttributeValueNotMarkup()
        {
            var (_, country, city, _) = Chain();
            country.SelectedValue = "fr";
            city.FilterText = "\"><script>x</script>";

            var document = Render(city);

            Assert.Empty(document.QuerySelectorAll("script"));
            Assert.Equal("\"><script>x</script>", document.QuerySelector("input.cc-filter").GetAttribute("value"));
        }

        /// <summary>Cities and their département numbers; a handler finds them by number, not by name.</summary>
        private static readonly string[][] Departements =
        {
            new[] { "Paris", "75" }, new[] { "Lyon", "69" }, new[] { "Pau", "64" }, new[] { "Marseille", "13" },
            new[] { "Perpignan", "66" }, new[] { "Nice", "06" }, new[] { "Le Puy", "43" },
        };

        [Fact]
        public void Render_PostbackOfAHandlerFilteringByItsOwnRule_ShowsWhatTheHandlerAnswersForThePostedText()
        {
            var root = new Container { ID = "Form" };
            var city = new CascadingDropDown { ID = "City", PromptText = "Choose a city", FilterMode = ListFilterMode.StartsWith, ItemsPerRequest = 2 };
            city.Populate += (s, e) =>
            {
                // As a query would: by number, where no city's name starts with the typed digits.
                foreach (var row in Departements.Where(d => d[1].StartsWith(e.Filter, StringComparison.Ordinal))) e.Items.Add(new ListItem(row[0], row[1]));
                e.Filtered = true;
            };
            root.Controls.Add(city);
            Post(city, "6");

            var document = Render(city);
            var next = Result(Call(city, "{\"filter\":\"6\",\"skip\":2}"));

            Assert.Equal(new[] { "Choose a city", "Lyon", "Pau" }, document.QuerySelectorAll("select option").Select(o => o.TextContent).ToArray());
            var filter = (IDictionary<string, object>)Options(document)["filter"];
            Assert.Equal(2, filter["shown"]);
            Assert.Equal(3, filter["total"]);
            // The next page a call brings goes on from the rendered one.
            Assert.Equal(new[] { "Perpignan" }, RowTexts(next["items"]));
        }

        [Theory]
        [InlineData(ListFilterMode.Contains, 100, "FindCities|contains|100")]
        [InlineData(ListFilterMode.StartsWith, 25, "FindCities|startsWith|25")]
        [InlineData(ListFilterMode.None, 25, "FindCities")]
        public void Render_ServiceMethod_TheMethodTheClientSendsCarriesAFilteredListsModeAndPageSize(ListFilterMode mode, int itemsPerRequest, string expected)
        {
            var (_, country, city, _) = Chain(mode);
            city.ItemsPerRequest = itemsPerRequest;
            city.ServiceMethod = "FindCities";
            country.SelectedValue = "fr";

            // The client sends this as the method header, and the call's token signs it: a caller cannot drop the mode or the page size.
            Assert.Equal(expected, Options(Render(city))["method"]);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Render_DisabledList_DisablesTheFindBoxAndTellsTheClientToKeepItSo(bool enabled)
        {
            var (_, country, city, _) = Chain();
            country.SelectedValue = "fr";
            city.Enabled = enabled;

            var document = Render(city);

            Assert.Equal(!enabled, document.QuerySelector("input.cc-filter").HasAttribute("disabled"));
            Assert.Equal(!enabled, document.QuerySelector("select").HasAttribute("disabled"));
            Assert.Equal(!enabled, ((IDictionary<string, object>)Options(document)["filter"])["disabled"]);
        }

        // ---------------------------------------------------------------- Posted selection

        [Fact]
        public void LoadPostData_ValueOfferedButNotRendered_IsAccepted()
        {
            var (_, country, city, _) = Chain();
            Post(country, null, "fr");
            Post(city, "pa", "le puy"); // neither a match of "pa" nor among the first three items

            Assert.Equal("le puy", city.SelectedValue);
            Assert.True(city.IsValid);
        }

        [Fact]
        public void LoadPostData_ValueNotOfferedForThePostedParent_IsRejected()
        {
            var (_, country, city, _) = Chain();
            Post(country, null, "fr");
            Post(city, "", "ber"); // a city of the other country

            Assert.Equal("", city.SelectedValue);
            Assert.False(city.IsValid);
        }

        [Fact]
        public void LoadPostData_HandlerPagingItself_IsAskedForEveryItemToCheckTheValue()
        {
            var root = new Container { ID = "Form" };
            var city = new CascadingDropDown { ID = "City", FilterMode = ListFilterMode.StartsWith, ItemsPerRequest = 2 };
            var seen = new List<CascadingDropDownPopulateEventArgs>();
            city.Populate += (s, e) =>
            {
                seen.Add(e);
                var matches = Enumerable.Range(0, 50).Select(i => "City " + i).Where(e.IsMatch).ToList();
                foreach (var name in matches.Skip(e.Skip).Take(e.Take)) e.Items.Add(new ListItem(name, name));
                e.TotalCount = matches.Count;
            };
            root.Controls.Add(city);
            Post(city, "City 1", "City 42");

            Assert.Equal("City 42", city.SelectedValue);
            Assert.True(city.IsValid);
            var check = seen.Single();
            Assert.Equal("", check.Filter);
            Assert.Equal(0, check.Skip);
            Assert.Equal(int.MaxValue, check.Take);
        }

        [Theory]
        [InlineData("~PHNjcmlwdD4", "<script>")]
        [InlineData("~w4l2cnk", "Évry")]
        [InlineData("Saint-Étienne", "Saint-Étienne")]
        [InlineData("  a ", "  a ")]
        [InlineData("~_w", "")]
        [InlineData("~%%", "")]
        [InlineData(null, "")]
        public void LoadPostData_FindBoxText_EncodedByTheClientIsDecoded_RawIsTakenAsIs_UndecodableIsDropped(string posted, string expected)
        {
            // The client posts "~" + base64url of the UTF-8 ("<script>" would fail request validation);
            // a browser without script posts what was typed; "~_w" is not UTF-8, "~%%" not base64url.
            var (_, country, city, _) = Chain();
            Post(country, null, "fr");
            Post(city, posted);

            Assert.Equal(expected, city.FilterText);
        }

        [Fact]
        public void LoadPostData_EncodedFindBoxText_IsWhatThePostbackSearchesAndShowsInTheBox()
        {
            var (_, country, city, _) = Chain(ListFilterMode.Contains);
            Post(country, null, "fr");
            Post(city, "~QVI"); // "AR"

            var document = Render(city);

            Assert.Equal("AR", document.QuerySelector("input.cc-filter").GetAttribute("value"));
            Assert.Equal(new[] { "Choose a city", "Paris", "Marseille", "Parthenay" }, document.QuerySelectorAll("select option").Select(o => o.TextContent).ToArray());
        }

        [Theory]
        [InlineData("paris")]
        [InlineData("ber")]
        public void LoadPostData_DisabledList_TakesNoPostedValue_TheRenderedSelectionStands(string posted)
        {
            var (_, country, city, _) = Chain();
            country.SelectedValue = "fr";
            city.SelectedValue = "lyon";
            city.Enabled = false;

            bool changed = Post(city, "", posted);

            Assert.False(changed);
            Assert.Equal("lyon", city.SelectedValue);
            Assert.True(city.IsValid, "nothing was chosen, so nothing was refused");
            Assert.Equal(new[] { "lyon" }, Render(city).QuerySelectorAll("option[selected]").Select(o => o.GetAttribute("value")).ToArray());
        }

        [Fact]
        public void LoadPostData_DisabledList_UnderAParentThatNoLongerOffersItsChoice_DropsIt()
        {
            var (_, country, city, _) = Chain();
            country.SelectedValue = "de";
            city.Enabled = false;
            city.SelectedValue = "lyon";

            Post(city, "", "lyon");

            // Lyon is France's: under Germany the disabled list has no choice, and no level below reads one.
            Assert.Empty(city.SelectedValues);
            Assert.Equal("", city.SelectedValue);
        }

        [Fact]
        public void Render_EmptyLevel_DisablesTheFindBoxWithItsList()
        {
            var root = new Container { ID = "Form" };
            var country = new CascadingDropDown { ID = "Country" };
            country.Populate += (s, e) => e.Items.Add(new ListItem("Nowhere", "xx"));
            var city = new CascadingDropDown { ID = "City", ParentControlID = "Country", EmptyText = "No cities", FilterMode = ListFilterMode.Contains };
            city.Populate += (s, e) => { };
            root.Controls.Add(country);
            root.Controls.Add(city);
            country.SelectedValue = "xx";

            var document = Render(city);

            Assert.True(document.QuerySelector("select").HasAttribute("disabled"));
            Assert.True(document.QuerySelector("input.cc-filter").HasAttribute("disabled"), "nothing to find in an empty level");
        }

        // ---------------------------------------------------------------- Properties

        [Fact]
        public void Properties_Defaults()
        {
            var list = new CascadingDropDown();

            Assert.Equal(ListFilterMode.None, list.FilterMode);
            Assert.Equal(100, list.ItemsPerRequest);
            Assert.Equal(250, list.FilterDelay);
            Assert.Equal("", list.FilterText);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-1)]
        [InlineData(1001)]
        public void ItemsPerRequest_OutsideOneToAThousand_IsRefused(int value)
        {
            var list = new CascadingDropDown();

            Assert.Throws<ArgumentOutOfRangeException>(() => list.ItemsPerRequest = value);
            Assert.Equal(100, list.ItemsPerRequest);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(1000)]
        public void ItemsPerRequest_WithinOneToAThousand_IsKept(int value)
        {
            var list = new CascadingDropDown { ItemsPerRequest = value };

            Assert.Equal(value, list.ItemsPerRequest);
        }

        [Fact]
        public void FilterDelay_Negative_IsRefusedAndZeroIsKept()
        {
            var list = new CascadingDropDown();

            Assert.Throws<ArgumentOutOfRangeException>(() => list.FilterDelay = -1);
            list.FilterDelay = 0;
            Assert.Equal(0, list.FilterDelay);
        }

        [Fact]
        public void FilterMode_Undefined_IsRefused()
        {
            var list = new CascadingDropDown();

            Assert.Throws<ArgumentOutOfRangeException>(() => list.FilterMode = (ListFilterMode)7);
            Assert.Equal(ListFilterMode.None, list.FilterMode);
        }
    }
}
