using System;
using System.Linq;
using System.Web.UI;
using CallbackControls;

namespace CallbackControls.Sample
{
    /// <summary>The plain callback: the browser sends a word, the server counts its letters.</summary>
    public partial class CallbackDemo : Page
    {
        /// <summary>Answers a call; Word.Text is the value in the box at the moment of the call.</summary>
        protected void LetterCount_Callback(object sender, CallbackEventArgs e)
        {
            var word = (Word.Text ?? string.Empty).Trim();
            if (word.Length == 0) throw new CallbackException("Type a word first.");
            e.Result = new { word, letters = word.Count(char.IsLetter) };
        }
    }
}
