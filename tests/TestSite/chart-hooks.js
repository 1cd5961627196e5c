// Records the RefreshingChart's hook calls (with what each saw) so browser tests can check order and timing.
window.ChartHooks = {
  log: [],
  cancelNext: false,
  before: function (e) {
    ChartHooks.log.push('before:' + (e.context && e.context.timer ? 'tick' : 'call') + ':' + e.argument);
    if (ChartHooks.cancelNext) { ChartHooks.cancelNext = false; e.cancel = true; }
  },
  after: function (e) { ChartHooks.log.push('after:' + (e.status === undefined ? 'none' : e.status)); },
  beforeResponse: function (e) {
    // The old drawing is still in place here.
    ChartHooks.log.push('beforeResponse:' + e.result.data.refresh + ':shows ' + e.control.element.querySelector('svg title').textContent);
  },
  afterResponse: function (e) {
    ChartHooks.log.push('afterResponse:' + e.result.data.refresh + ':shows ' + e.control.element.querySelector('svg title').textContent);
  },
  error: function (e) { ChartHooks.log.push('error:' + e.error.kind + ':' + e.error.message); }
};
