// Page script of the UpdatePanel sample. Every partial update (each Timer tick, each Save) replaces the
// panel's HTML, result line included, so a live region inside it would be read again on every tick.
// The announcer sits outside the panel and is written only when the result says something new.
(function () {
  var announced = '';
  function announce() {
    var saved = document.getElementById('Saved');
    var text = saved ? saved.textContent.trim() : '';
    if (!text || text === announced) { return; }
    announced = text;
    document.getElementById('Announcer').textContent = text;
  }
  if (window.Sys && Sys.WebForms && Sys.WebForms.PageRequestManager) {
    Sys.WebForms.PageRequestManager.getInstance().add_endRequest(announce);
  }
  // A choice that changes clears the result (Sample.js); the same result saved again is news again.
  document.addEventListener('change', function () { announced = ''; });
}());
