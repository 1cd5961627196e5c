// Records every hook call so browser tests can check the documented order.
window.TestHooks = {
  log: [],
  cancelNext: false,
  before: function (e) {
    TestHooks.log.push('before:' + e.argument);
    if (TestHooks.cancelNext) { TestHooks.cancelNext = false; e.cancel = true; }
  },
  after: function (e) { TestHooks.log.push('after:' + e.argument + ':' + (e.status === undefined ? 'none' : e.status)); },
  beforeResponse: function (e) { TestHooks.log.push('beforeResponse:' + JSON.stringify(e.result)); },
  afterResponse: function (e) { TestHooks.log.push('afterResponse:' + JSON.stringify(e.result)); },
  error: function (e) { TestHooks.log.push('error:' + e.error.kind + ':' + e.error.message); }
};
