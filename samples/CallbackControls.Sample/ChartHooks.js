// Page script of the hooks sample: each hook adds a line (as text, never markup) to the log.
(function () {
  'use strict';
  var started = Date.now();
  var log = document.getElementById('Log');

  function write(text, kind) {
    var item = document.createElement('li');
    item.textContent = ((Date.now() - started) / 1000).toFixed(1) + ' s  ' + text;
    if (kind) { item.className = kind; }
    log.insertBefore(item, log.firstChild);
    while (log.children.length > 40) { log.removeChild(log.lastChild); }
  }

  window.SampleChartHooks = {
    before: function (e) { write('BeforeCallback: ' + (e.context && e.context.timer ? 'timer tick' : 'callback("' + e.argument + '")')); },
    after: function (e) { write('AfterCallback: ' + (e.status ? 'HTTP ' + e.status : 'no reply')); },
    beforeResponse: function (e) {
      var skip = document.getElementById('Skip').checked;
      write('BeforeCallbackResponseProcess: ' + (skip ? 'cancelled, the old chart stays' : 'the old chart is still shown'));
      if (skip) { e.cancel = true; }
    },
    afterResponse: function () { write('AfterCallbackResponseProcess: the new chart is in place', 'done'); },
    error: function (e) {
      write('CallbackError: ' + e.error.message + ' (failure ' + Chart1.failureCount + ' in a row)', 'error');
    }
  };

  // The failure lasts: every tick sends the tick argument "fail" until Recover sets it back.
  document.getElementById('Fail').addEventListener('click', function () { Chart1.tickArgument = 'fail'; Chart1.callback('fail').catch(function () {}); });
  document.getElementById('Recover').addEventListener('click', function () { Chart1.tickArgument = ''; Chart1.callback('').catch(function () {}); });
}());
