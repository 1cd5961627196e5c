// Page script of the CallbackControl sample: call the server, show the answer.
window.SampleCallbackDemo = {
  showError: function (e) {
    document.getElementById('Answer').textContent = 'Error: ' + e.error.message;
    e.handled = true;
  }
};
document.getElementById('LookUp').addEventListener('click', function () {
  LetterCount.callback('count').then(function (result) {
    document.getElementById('Answer').textContent = result.word + ' has ' + result.letters + ' letters';
  }, function () { /* reported by the error hook */ });
});
