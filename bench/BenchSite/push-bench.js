/* Hooks of the push benchmark's pages (Push.aspx, Poll.aspx; driven by bench/push.js): when each chart first
 * drew each count (a requestAnimationFrame after the AfterCallbackResponseProcess hook: the frame that paints
 * the new drawing), and one sample: from just before the POST that calls CallbackPush.Notify to that frame. */
window.PushBench = {
  initial: null,
  drawn: {},
  start: function (count) {
    PushBench.initial = count;
  },
  shown: function (e) {
    if (!e.result || typeof e.result.chart !== 'string' || typeof e.result.data !== 'number') { return; }
    var id = e.control.options.callbackId;
    var count = e.result.data;
    requestAnimationFrame(function () {
      var at = performance.now();
      (PushBench.drawn[id] = PushBench.drawn[id] || []).push({ count: count, at: at });
    });
  },
  /** Resolves with the time from the POST to the frame each chart (by callbackId) drew the new count in, or null after timeoutMs. */
  sample: function (ids, timeoutMs) {
    var started = performance.now();
    return fetch('PushNotify.ashx', { method: 'POST', body: new URLSearchParams({ topic: 'orders' }) })
      .then(function (r) { return r.text(); })
      .then(function (text) {
        var expected = Number(text);
        var posted = performance.now() - started;
        return new Promise(function (resolve) {
          function drawnAt(id) {
            var list = PushBench.drawn[id] || [];
            for (var i = 0; i < list.length; i++) {
              if (list[i].count >= expected && list[i].at >= started) { return list[i].at - started; }
            }
            return null;
          }
          (function check() {
            var times = ids.map(drawnAt);
            if (times.every(function (t) { return t !== null; })) {
              resolve({ expected: expected, postMs: posted, ms: times });
            } else if (performance.now() - started > timeoutMs) {
              resolve({ expected: expected, postMs: posted, ms: times, timedOut: true });
            } else {
              setTimeout(check, 5);
            }
          })();
        });
      });
  }
};
