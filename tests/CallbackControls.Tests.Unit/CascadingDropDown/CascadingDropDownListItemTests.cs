using System.IO;
using System.Linq;
using System.Web.UI;
using System.Web.UI.WebControls;
using AngleSharp.Html.Parser;
using Xunit;

namespace CallbackControls.Tests.CascadingDropDownTests
{
    /// <summary>
    /// What Populate says of an item beyond its text and value: the server's default (an item's Selected,
    /// or e.SelectedValue), a disabled item and item attributes reach the rendered list, and the prompt
    /// is a real item, as a DropDownList with a prompt item has one.
    /// </summary>
    public class CascadingDropDownListItemTests
    {
        private sealed class Container : Panel, INamingContainer
        {
        }

        private static (Container Root, CascadingDropDown List) Level(CascadingDropDownPopulateEventHandler populate, string prompt = "Choose")
        {
            var root = new Container { ID = "Form" };
            var list = new CascadingDropDown { ID = "Color", PromptText = prompt };
            list.Populate += populate;
            root.Controls.Add(list);
            return (root, list);
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

        [Fact]
        public void Render_DefaultByEventArgs_IsTheSelectedOption_InPlaceOfThePrompt()
        {
            var (_, list) = Level((s, e) =>
            {
                e.Items.Add(new ListItem("Racing Blue", "blue"));
                e.Items.Add(new ListItem("White", "white"));
                e.SelectedValue = "white";
            });

            var options = Render(list).QuerySelectorAll("select option");

            Assert.Equal(new[] { "white" }, options.Where(o => o.HasAttribute("selected")).Select(o => o.GetAttribute("value")).ToArray());
            Assert.Equal("white", list.SelectedValue);
        }

        [Fact]
        public void Render_DefaultByItemSelected_AttributesAndDisabledItems_ReachTheOptions()
        {
            var (_, list) = Level((s, e) =>
            {
                var blue = new ListItem("Racing Blue", "blue") { Selected = true };
                blue.Attributes["title"] = "Bright \"blue\" <b>";
                blue.Attributes["data-code"] = "RB";
                e.Items.Add(blue);
                e.Items.Add(new ListItem("Gold", "gold") { Enabled = false });
            });

            var document = Render(list);

            var blueOption = document.QuerySelector("option[value=blue]");
            Assert.True(blueOption.HasAttribute("selected"));
            Assert.Equal("Bright \"blue\" <b>", blueOption.GetAttribute("title"));
            Assert.Equal("RB", blueOption.GetAttribute("data-code"));
            Assert.True(document.QuerySelector("option[value=gold]").HasAttribute("disabled"));
            Assert.Empty(document.QuerySelectorAll("b"));
        }

        [Fact]
        public void SelectedItem_WhileThePromptIsChosen_IsThePromptItem_NotNull()
        {
            var (_, list) = Level((s, e) => e.Items.Add(new ListItem("Racing Blue", "blue")), prompt: "Please select a color");

            Render(list);

            Assert.NotNull(list.SelectedItem);
            Assert.Equal("Please select a color", list.SelectedItem.Text);
            Assert.Equal(0, list.SelectedIndex);
            Assert.Equal(string.Empty, list.SelectedValue);
        }
    }
}
