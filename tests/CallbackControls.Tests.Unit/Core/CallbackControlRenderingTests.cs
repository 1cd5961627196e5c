using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Web.Script.Serialization;
using System.Web.UI;
using AngleSharp.Html.Parser;
using Xunit;

namespace CallbackControls.Tests.Core
{
    public class CallbackControlRenderingTests
    {
        private static AngleSharp.Dom.IElement Render(Control control)
        {
            using (var text = new StringWriter())
            using (var writer = new HtmlTextWriter(text))
            {
                control.RenderControl(writer);
                var document = new HtmlParser().ParseDocument("<body>" + text + "</body>");
                return document.Body.FirstElementChild;
            }
        }

        private static IDictionary<string, object> Options(AngleSharp.Dom.IElement element) =>
            (IDictionary<string, object>)new JavaScriptSerializer().DeserializeObject(element.GetAttribute(CallbackControlBase.OptionsAttribute));

        [Fact]
        public void Render_DefaultControl_EmitsTypeOptionsAndStatusRegion()
        {
            var element = Render(new CallbackControl { ID = "Echo" });

            Assert.Equal("callback", element.GetAttribute("data-cc-control"));
            Assert.Equal("Echo", element.Id);
            var options = Options(element);
            Assert.Equal("Echo", options["name"]);
            Assert.Equal("Echo", options["callbackId"]);
            Assert.Equal(30000, options["timeout"]);
            Assert.Equal(false, options["fullForm"]);
            Assert.Empty((IDictionary<string, object>)options["hooks"]);
            var status = element.QuerySelector(".cc-status");
            Assert.NotNull(status);
            Assert.Equal("status", status.GetAttribute("role"));
            Assert.Equal("polite", status.GetAttribute("aria-live"));
            Assert.Null(status.GetAttribute("id"));
        }

        [Fact]
        public void Render_NoInlineScript_IsEverEmitted()
        {
            var element = Render(new CallbackControl { ID = "Echo", BeforeCallbackScript = "e.cancel = true;" });

            Assert.Empty(element.QuerySelectorAll("script"));
        }

        [Fact]
        public void Render_ClientInstanceNameAndHooks_TravelInOptions()
        {
            var control = new CallbackControl
            {
                ID = "Echo",
                ClientInstanceName = "MyEcho",
                CallbackTimeout = 5000,
                PostFullForm = true,
                BeforeCallbackScript = "App.before",
                AfterCallbackScript = "App.after",
                BeforeCallbackResponseProcessScript = "App.beforeResponse",
                AfterCallbackResponseProcessScript = "App.afterResponse",
                CallbackErrorScript = "App.error",
            };

            var options = Options(Render(control));

            Assert.Equal("MyEcho", options["name"]);
            Assert.Equal(5000, options["timeout"]);
            Assert.Equal(true, options["fullForm"]);
            var hooks = (IDictionary<string, object>)options["hooks"];
            Assert.Equal("App.before", hooks["beforeCallback"]);
            Assert.Equal("App.after", hooks["afterCallback"]);
            Assert.Equal("App.beforeResponse", hooks["beforeResponseProcess"]);
            Assert.Equal("App.afterResponse", hooks["afterResponseProcess"]);
            Assert.Equal("App.error", hooks["error"]);
        }

        [Fact]
        public void Render_HostileHookText_StaysInsideTheAttribute()
        {
            var hostile = "\"><script>alert(1)</script><b x='";
            var element = Render(new CallbackControl { ID = "Echo", BeforeCallbackScript = hostile });

            Assert.Empty(element.Owner.QuerySelectorAll("script"));
            Assert.Empty(element.Owner.QuerySelectorAll("b"));
            Assert.Equal(hostile, ((IDictionary<string, object>)Options(element)["hooks"])["beforeCallback"]);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-1)]
        public void CallbackTimeout_NotPositive_Throws(int value)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new CallbackControl().CallbackTimeout = value);
        }

        [Fact]
        public void Render_CallbackFieldIDs_ResolvesToFormFieldNames()
        {
            var container = new NamingPanel { ID = "Outer" };
            var box = new System.Web.UI.WebControls.TextBox { ID = "Word" };
            var control = new CallbackControl { ID = "Echo", CallbackFieldIDs = new[] { "Word" } };
            container.Controls.Add(box);
            container.Controls.Add(control);

            var options = Options(Render(control));

            Assert.Equal(new object[] { "Outer$Word" }, (object[])options["fields"]);
            Assert.Equal("Outer$Echo", options["callbackId"]);
            Assert.Equal("Outer_Echo", options["name"]);
        }

        [Fact]
        public void Render_CallbackFieldIDsNamingMissingControl_ThrowsClearError()
        {
            var container = new NamingPanel { ID = "Outer" };
            var control = new CallbackControl { ID = "Echo", CallbackFieldIDs = new[] { "Nope" } };
            container.Controls.Add(control);

            var ex = Assert.Throws<InvalidOperationException>(() => Render(control));

            Assert.Contains("'Nope'", ex.Message);
            Assert.Contains("'Echo'", ex.Message);
        }

        private sealed class NamingPanel : System.Web.UI.WebControls.Panel, INamingContainer
        {
        }
    }
}
