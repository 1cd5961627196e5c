// Page script of the CallbackControl sample: call the server, show the answer, or the error as one.
window.SampleCallbackDemo = {
  showError: function (e) {
    var answer = document.getElementById('Answer');
    answer.textContent = 'Error: ' + e.error.message;
    answer.setAttribute('data-kind', 'error');
    answer.setAttribute('role', 'alert');
    e.handled = true;
  }
};
(function () {
  function lookUp() {
    LetterCount.callback('count').then(function (result) {
      var answer = document.getElementById('Answer');
      answer.removeAttribute('data-kind');
      answer.removeAttribute('role');
      answer.textContent = result.word + ' has ' + result.letters + ' letters';
    }, function () { /* reported by the error hook */ });
  }
  document.getElementById('LookUp').addEventListener('click', lookUp);
  // Enter in the text box would submit the form (a full postback that loses the answer): it looks up instead.
  document.getElementById('Word').addEventListener('keydown', function (event) {
    if (event.key === 'Enter') {
      event.preventDefault();
      lookUp();
    }
  });
}());
