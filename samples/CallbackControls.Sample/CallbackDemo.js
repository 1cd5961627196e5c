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
document.getElementById('LookUp').addEventListener('click', function () {
  LetterCount.callback('count').then(function (result) {
    var answer = document.getElementById('Answer');
    answer.removeAttribute('data-kind');
    answer.removeAttribute('role');
    answer.textContent = result.word + ' has ' + result.letters + ' letters';
  }, function () { /* reported by the error hook */ });
});
