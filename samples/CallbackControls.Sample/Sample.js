// Shared by the sample pages: a result shown after Save ("Saved: France / ...") no longer describes
// the form once a choice changes (by the user, or a list below emptied by its parent), so it is
// cleared then rather than left standing.
document.addEventListener('change', function (e) {
  var form = e.target && e.target.form;
  if (!form) { return; }
  var outputs = form.querySelectorAll('output[data-stale-on-change]');
  for (var i = 0; i < outputs.length; i++) { outputs[i].textContent = ''; }
});
