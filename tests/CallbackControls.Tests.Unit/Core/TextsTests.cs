using System.Collections;
using System.Globalization;
using System.Linq;
using System.Resources;
using System.Text.RegularExpressions;
using Xunit;

namespace CallbackControls.Tests.Core
{
    /// <summary>The texts users read ship in English, French and German, each language complete.</summary>
    public class TextsTests
    {
        private static readonly ResourceManager Resources = new ResourceManager("CallbackControls.Resources.Texts", typeof(CallbackControl).Assembly);

        private static string[] Placeholders(string text) => Regex.Matches(text, @"\{\d+\}").Cast<Match>().Select(m => m.Value).OrderBy(v => v).ToArray();

        [Theory]
        [InlineData("fr")]
        [InlineData("de")]
        public void EveryText_IsTranslated_WithTheSamePlaceholders(string language)
        {
            var culture = CultureInfo.GetCultureInfo(language);
            var neutral = Resources.GetResourceSet(CultureInfo.InvariantCulture, true, false).Cast<DictionaryEntry>().ToList();
            var translated = Resources.GetResourceSet(culture, true, false);
            Assert.NotNull(translated);
            Assert.NotEmpty(neutral);
            foreach (var entry in neutral)
            {
                var text = translated.GetString((string)entry.Key);
                Assert.False(string.IsNullOrWhiteSpace(text), language + " lacks " + entry.Key);
                Assert.NotEqual((string)entry.Value, text);
                Assert.Equal(Placeholders((string)entry.Value), Placeholders(text));
            }
        }

        [Fact]
        public void ADefaultText_FollowsTheUICulture_AndAPageAuthorsTextWins()
        {
            var previous = CultureInfo.CurrentUICulture;
            try
            {
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-FR");
                Assert.Equal("Chargement...", new CascadingDropDown().LoadingText);
                Assert.Equal("Patientez", new CascadingDropDown { LoadingText = "Patientez" }.LoadingText);
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
                Assert.Equal("Wird geladen...", new CascadingDropDown().LoadingText);
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
        }
    }
}
