/*
 * CallbackControls client runtime.
 * (Over 500 lines on purpose: the one file every page loads; one concern per banner section.)
 * Finds every element the server rendered with data-cc-control, creates its client object, and
 * carries its calls to the server: current values, latest reply wins, HTTP status checked,
 * timeouts, and every failure reported. No inline script is needed on the page.
 */
(function (root, factory) {
  'use strict';
  var runtime = factory(root);
  if (typeof module === 'object' && module.exports) {
    // Under node (the client tests) the module also hands out the internals; a page never sees them.
    runtime.api.internals = runtime.internals;
    module.exports = runtime.api;
  } else {
    root.CallbackControls = runtime.api;
  }
}(typeof window !== 'undefined' ? window : globalThis, function (root) {
  'use strict';

  var CONTROL_ATTRIBUTE = 'data-cc-control';
  /** The header that carries the control's token: it proves the call came from this page. */
  var TOKEN_HEADER = 'X-CallbackControls-Token';
  // Names the page method (a [CallbackMethod] static method) that answers without building the page.
  var METHOD_HEADER = 'X-CallbackControls-Method';
  var CONTEXT_HEADER = 'X-CallbackControls-Context';
  // A page-method call names its control here and posts the bare envelope: the server reads no form.
  var TARGET_HEADER = 'X-CallbackControls-Target';
  var OPTIONS_ATTRIBUTE = 'data-cc-options';
  var ENVELOPE_VERSION = 1;

  /* ------------------------------------------------------------------------------------------
   * Errors
   * ---------------------------------------------------------------------------------------- */

  /**
   * A failed call. kind is one of: 'network', 'timeout', 'http', 'redirect', 'malformed',
   * 'server' (the page failed before the control could answer), 'handler' (the control's
   * handler reported an error), 'forbidden' (the server refused the call: it could not prove it
   * came from this page, say after the user signed out elsewhere), 'hook', and, for calls that end without failing,
   * 'superseded', 'cancelled', 'disposed'.
   * @constructor
   * @param {string} kind
   * @param {string} message
   * @param {object} [details]
   */
  function CallbackError(kind, message, details) {
    this.name = 'CallbackError';
    this.kind = kind;
    this.message = message;
    if (details) {
      for (var key in details) {
        if (Object.prototype.hasOwnProperty.call(details, key)) { this[key] = details[key]; }
      }
    }
    this.stack = (new Error(message)).stack;
  }
  CallbackError.prototype = Object.create(Error.prototype);
  CallbackError.prototype.constructor = CallbackError;

  /** Kinds that end a call on purpose; they settle the promise but are not reported as errors. */
  var QUIET_KINDS = { superseded: true, cancelled: true, disposed: true };

  /**
   * True for a call that ended on purpose (superseded, cancelled, disposed): no error report, no
   * failure counted. Anything else that ends a call is a failure.
   * @param {*} error
   * @returns {boolean}
   */
  function isQuiet(error) {
    return error instanceof CallbackError && QUIET_KINDS[error.kind] === true;
  }

  var SUPERSEDED_MESSAGE = 'A newer call of the same control replaced this one.';
  var DISPOSED_MESSAGE = 'The control was removed from the page.';

  /** A rejected promise the page need not handle: every failure is already reported by fail(). */
  function rejected(error) {
    var promise = Promise.reject(error);
    promise.catch(function () {});
    return promise;
  }

  /**
   * A promise settled from outside, for a call that waits its turn; like rejected(), its rejection
   * is never reported as unhandled.
   * @returns {{promise: Promise, resolve: function(*), reject: function(*)}}
   */
  function deferred() {
    var result = {};
    result.promise = new Promise(function (resolve, reject) {
      result.resolve = resolve;
      result.reject = reject;
    });
    result.promise.catch(function () {});
    return result;
  }

  /* ------------------------------------------------------------------------------------------
   * Policy every control shares: the argument as sent, the status region, logging
   * ---------------------------------------------------------------------------------------- */

  /**
   * The argument as it travels: strings as they are, nothing as '', anything else as JSON. Two calls
   * with the same normalised argument ask the same question (the request queue joins them on it).
   * @param {*} argument
   * @returns {string}
   */
  function normalizeArgument(argument) {
    if (argument == null) { return ''; }
    return typeof argument === 'string' ? argument : JSON.stringify(argument);
  }

  /**
   * The control's status region (an element with class cc-status inside it), or null. Written only
   * through textContent, so a server message can never become markup.
   * @param {Element} element
   * @returns {?Element}
   */
  function statusRegion(element) {
    return element && element.querySelector ? element.querySelector('.cc-status') : null;
  }

  /** Reports to the console; the page's own error hook is where failures are handled. */
  function logError(message, ex) {
    if (root.console && root.console.error) { root.console.error(message, ex || ''); }
  }

  /* ------------------------------------------------------------------------------------------
   * Reply parsing: the three forms ASP.NET answers a callback with
   *   s<payload>                       (.NET Framework, event validation off)
   *   e<message>                       (the page failed; Mono appends a stack trace)
   *   <n>|<n chars of validation><payload>   (event validation on; Mono always)
   * ---------------------------------------------------------------------------------------- */

  /**
   * @param {string} text the raw response body
   * @returns {{eventValidation: (string|null), envelope: object}}
   */
  function parseReply(text) {
    if (typeof text !== 'string' || text.length === 0) {
      throw new CallbackError('malformed', 'The server sent an empty reply.');
    }
    var first = text.charAt(0);
    var payload;
    var eventValidation = null;
    if (first === 's') {
      payload = text.substring(1);
    } else if (first === 'e') {
      // Only the first line: Mono follows it with the stack trace, which is no business of the page.
      var line = text.substring(1).split(/\r?\n/)[0];
      throw new CallbackError('server', 'The server could not process the call.', { detail: line.substring(0, 300) });
    } else {
      var match = /^(\d{1,9})\|/.exec(text);
      if (!match) {
        throw new CallbackError('malformed', 'The server did not answer with a callback reply.');
      }
      var length = parseInt(match[1], 10);
      var start = match[0].length;
      if (start + length > text.length) {
        throw new CallbackError('malformed', 'The callback reply is truncated.');
      }
      eventValidation = text.substr(start, length);
      payload = text.substring(start + length);
    }
    var envelope;
    try {
      envelope = JSON.parse(payload);
    } catch (ex) {
      throw new CallbackError('malformed', 'The server did not answer with a callback reply.');
    }
    if (!envelope || typeof envelope !== 'object' || envelope.cc !== ENVELOPE_VERSION || typeof envelope.ok !== 'boolean') {
      throw new CallbackError('malformed', 'The server did not answer with a callback reply.');
    }
    return { eventValidation: eventValidation, envelope: envelope };
  }

  /**
   * The reply of any status: an error reply of this library (a refused call answers 403 with one)
   * is read whatever the status; anything else but a 200 is an HTTP error.
   */
  function readReply(response) {
    if (response.status !== 200) {
      var refused = null;
      try { refused = parseReply(response.text); } catch (ignored) { refused = null; }
      if (refused && refused.envelope.ok === false) { return refused; }
      throw new CallbackError('http', 'The server answered with HTTP ' + response.status + '.', { status: response.status });
    }
    return parseReply(response.text);
  }

  /** Error codes of the reply envelope and the kinds they are reported as. */
  var ERROR_KINDS = { forbidden: 'forbidden', expired: 'forbidden', page: 'server', 'needs-page-state': 'server' };

  function errorFromEnvelope(error) {
    error = error || {};
    var kind = ERROR_KINDS[error.code] || 'handler';
    return new CallbackError(kind, String(error.message || 'The server could not complete the request.'), { code: error.code });
  }

  /* ------------------------------------------------------------------------------------------
   * Request bodies
   * ---------------------------------------------------------------------------------------- */

  /**
   * JSON for the callback parameter. <, >, & and their full-width forms (Mono's request
   * validation refuses '\uff1c' before a letter too) are escaped so no request validation
   * mistakes hostile text for markup.
   */
  function encodeEnvelope(argument, state) {
    var json = JSON.stringify({ v: ENVELOPE_VERSION, arg: argument, state: state || null });
    return json.replace(/[<>&\uff1c\uff1e\uff06]/g, function (c) {
      return '\\u' + ('000' + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  /** The current values of one form element, as [name, value] pairs, as the browser would post them. */
  function elementPairs(el) {
    var pairs = [];
    if (!el || !el.name || el.disabled) { return pairs; }
    // A field inside a disabled fieldset is not posted by the browser either.
    if (typeof el.matches === 'function' && el.matches(':disabled')) { return pairs; }
    var tagName = (el.tagName || '').toLowerCase();
    if (tagName === 'fieldset' || tagName === 'output' || tagName === 'object') { return pairs; }
    var type = (el.type || '').toLowerCase();
    var tag = (el.tagName || '').toLowerCase();
    if (type === 'file' || type === 'submit' || type === 'button' || type === 'image' || type === 'reset') { return pairs; }
    if ((type === 'checkbox' || type === 'radio') && !el.checked) { return pairs; }
    if (tag === 'select') {
      var options = el.options || [];
      for (var i = 0; i < options.length; i++) {
        if (options[i].selected && !options[i].disabled) { pairs.push([el.name, options[i].value]); }
      }
      return pairs;
    }
    pairs.push([el.name, el.value == null ? '' : String(el.value)]);
    return pairs;
  }

  /**
   * Current values of a form's fields, read now (never those captured at page load).
   * @param {HTMLFormElement} form
   * @param {function(string):boolean} [include] which field names to take; all when omitted
   */
  function formPairs(form, include) {
    var pairs = [];
    if (!form || !form.elements) { return pairs; }
    var elements = form.elements;
    for (var i = 0; i < elements.length; i++) {
      var el = elements[i];
      if (include && !include(el.name || '')) { continue; }
      // Appended in place: concat made a new array per field, quadratic on a big grid of inputs.
      Array.prototype.push.apply(pairs, elementPairs(el));
    }
    return pairs;
  }

  /** Names a call posts: a named field and, for list controls, its items (UniqueID$0, UniqueID$1...). */
  function fieldMatcher(names) {
    return function (name) {
      for (var i = 0; i < names.length; i++) {
        if (name === names[i] || name.indexOf(names[i] + '$') === 0) { return true; }
      }
      return false;
    };
  }

  /** The page state: ViewState (in one field or split over several) and event validation. */
  function isPageStateField(name) {
    return name.indexOf('__VIEWSTATE') === 0 || name === '__EVENTVALIDATION';
  }

  /** Fields the server never needs in a call: they belong to the postback that owns them. */
  var CALLBACK_FIELDS = { __CALLBACKID: true, __CALLBACKPARAM: true, __EVENTTARGET: true, __EVENTARGUMENT: true };

  function encodePairs(pairs) {
    var parts = [];
    for (var i = 0; i < pairs.length; i++) {
      parts.push(encodeURIComponent(pairs[i][0]) + '=' + encodeURIComponent(pairs[i][1]));
    }
    return parts.join('&');
  }

  /* ------------------------------------------------------------------------------------------
   * Transport: fetch with an abort signal; replaceable for tests
   * ---------------------------------------------------------------------------------------- */

  /**
   * @param {{url: string, body: string, headers: object, signal: AbortSignal}} request
   * @returns {Promise<{status: number, text: string, redirected: boolean}>}
   */
  function fetchTransport(request) {
    return root.fetch(request.url, {
      method: 'POST',
      body: request.body,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: request.headers,
      signal: request.signal
    }).then(function (response) {
      return response.text().then(function (text) {
        return { status: response.status, text: text, redirected: !!response.redirected };
      });
    });
  }

  /**
   * The page at a URL as a document, fetched as a person's reload would (GET, same origin, cookies);
   * null when it cannot be had (an error status, a redirect to a login page).
   * @param {string} url
   * @returns {Promise<?Document>}
   */
  function fetchPageDocument(url) {
    if (typeof root.fetch !== 'function' || typeof root.DOMParser !== 'function') { return Promise.resolve(null); }
    return root.fetch(url, { method: 'GET', credentials: 'same-origin', cache: 'no-store' }).then(function (response) {
      if (!response.ok || response.redirected) { return null; }
      return response.text().then(function (html) { return new root.DOMParser().parseFromString(html, 'text/html'); });
    });
  }

  /* ------------------------------------------------------------------------------------------
   * Hooks: a function, the name of a global function ("App.onBefore"), or a script body
   * ---------------------------------------------------------------------------------------- */

  var FUNCTION_PATH = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

  function lookupPath(path) {
    var parts = path.split('.');
    var value = root;
    for (var i = 0; i < parts.length && value != null; i++) { value = value[parts[i]]; }
    return value;
  }

  /**
   * @param {(function|string|undefined)} spec
   * @returns {(function|null)}
   */
  function resolveHook(spec) {
    if (!spec) { return null; }
    if (typeof spec === 'function') { return spec; }
    if (FUNCTION_PATH.test(spec)) {
      // Looked up at call time so the page may define the function after the control starts.
      return function (e) {
        var fn = lookupPath(spec);
        if (typeof fn !== 'function') {
          throw new CallbackError('hook', 'The hook "' + spec + '" names no function.');
        }
        return fn.call(this, e);
      };
    }
    var compiled = null;
    return function (e) {
      if (!compiled) {
        // A script body needs eval rights; pages with a strict Content-Security-Policy name a function instead.
        compiled = new Function('e', spec);
      }
      return compiled.call(this, e);
    };
  }

  /* ------------------------------------------------------------------------------------------
   * Request queue: what becomes of a call made while another call of the same control is in flight
   * ---------------------------------------------------------------------------------------- */

  /**
   * One request of a queue.
   * @typedef {{key: string, start: function(RequestSlot): Promise, strategy: string,
   *   promise: ?Promise, abort: ?function(CallbackError), ended: boolean,
   *   deferred: ?{promise: Promise, resolve: function(*), reject: function(*)}}} QueuedRequest
   */

  /**
   * What a started request tells its queue: enter() just before it is sent, leave() when it ends
   * (reply, failure or abort).
   * @typedef {{enter: function(function(CallbackError)), leave: function(): boolean}} RequestSlot
   */

  /**
   * The strategies, by name. The request in flight was submitted under one of them; it decides what
   * becomes of a request submitted before that one has settled, and returns the newcomer's promise.
   * @type {Object<string, function(RequestQueue, QueuedRequest): Promise>}
   */
  var STRATEGIES = {
    /**
     * Latest wins: the newcomer starts at once and, once its beforeCallback hook lets it go, aborts
     * the request in flight, which rejects 'superseded' and whose reply is never applied.
     */
    replace: function (queue, request) {
      return queue.run(request);
    },

    /**
     * For a request the control repeats by itself (the chart's timer tick): a newcomer with the same
     * key joins it (the same promise, no second request); any other waits until it has settled
     * (its reply applied) and is then sent. Only the newest waiting request is kept: one with the
     * waiting key joins it, any other displaces it and the displaced one rejects 'superseded'.
     */
    'join-or-queue-last': function (queue, request) {
      var next = queue._next;
      if (next) {
        if (next.key === request.key) { return next.deferred.promise; }
        queue._next = null;
        next.deferred.reject(new CallbackError('superseded', SUPERSEDED_MESSAGE));
      } else if (queue._current.key === request.key) {
        return queue._current.promise;
      }
      request.deferred = deferred();
      queue._next = request;
      return request.deferred.promise;
    }
  };

  /**
   * The calls of one control. Each call is submitted with a key (its argument, as sent), a function
   * that starts it, and the name of a strategy; while the call is in flight that strategy decides
   * what becomes of calls submitted after it. Keeping the rule in one object means neither the core
   * nor a control type keeps its own record of what is in flight or waiting.
   * @constructor
   */
  function RequestQueue() {
    /** @type {?QueuedRequest} the request that entered last, until its promise has settled */
    this._current = null;
    /** @type {?QueuedRequest} the request that waits for the current one to settle */
    this._next = null;
  }

  /** True from the moment a request is sent until it ends (its reply or failure, or an abort). */
  Object.defineProperty(RequestQueue.prototype, 'inFlight', {
    get: function () { return this._current !== null && !this._current.ended; }
  });

  /** True while a request waits for the one before it; it will be sent without anyone asking again. */
  Object.defineProperty(RequestQueue.prototype, 'waiting', {
    get: function () { return this._next !== null; }
  });

  /**
   * Submits a request.
   * @param {string} key what makes two requests the same question (the normalised argument)
   * @param {function(RequestSlot): Promise} start starts the request now; it calls slot.enter(abort)
   *   just before sending (a request cancelled before that never counts as in flight) and
   *   slot.leave() when it ends. The returned promise settles with the request.
   * @param {string} [strategy] what becomes of requests submitted while this one is in flight:
   *   'replace' (the default) or 'join-or-queue-last'
   * @returns {Promise}
   */
  RequestQueue.prototype.submit = function (key, start, strategy) {
    strategy = strategy || 'replace';
    if (!Object.prototype.hasOwnProperty.call(STRATEGIES, strategy)) {
      throw new Error('CallbackControls: there is no request strategy "' + strategy + '".');
    }
    var request = { key: key, start: start, strategy: strategy, promise: null, abort: null, ended: false, deferred: null };
    // A request that has ended but not yet settled (its reply is being applied) still decides:
    // a call made from its hooks joins or queues behind it as it would while it was in flight.
    return this._current ? STRATEGIES[this._current.strategy](this, request) : this.run(request);
  };

  /** Starts a request now; when it settles, the request waiting for it (if any) is started. */
  RequestQueue.prototype.run = function (request) {
    var queue = this;
    request.promise = request.start({
      enter: function (abort) {
        // The request it replaces ends first, so that one's leave() still finds itself current.
        if (queue.inFlight) { queue._current.abort(new CallbackError('superseded', SUPERSEDED_MESSAGE)); }
        request.abort = abort;
        queue._current = request;
      },
      leave: function () {
        request.ended = true;
        return queue._current === request;
      }
    });
    // Attached after start() returns, so handlers the control attached inside start() (the chart's
    // timer bookkeeping) have run when the waiting request goes.
    request.promise.then(settled, settled);
    function settled() {
      if (queue._current === request) { queue._current = null; }
      var next = queue._next;
      if (next && queue._current === null) {
        queue._next = null;
        queue.run(next).then(next.deferred.resolve, next.deferred.reject);
      }
    }
    return request.promise;
  };

  /**
   * Ends every request of the queue: the waiting one, then the one in flight, each rejects with a
   * CallbackError of the given (quiet) kind.
   * @param {string} kind 'superseded' or 'disposed'
   * @param {string} message
   */
  RequestQueue.prototype.abort = function (kind, message) {
    var next = this._next;
    this._next = null;
    if (next) { next.deferred.reject(new CallbackError(kind, message)); }
    if (this.inFlight) { this._current.abort(new CallbackError(kind, message)); }
  };

  /* ------------------------------------------------------------------------------------------
   * CallbackClient: the client object of every callback control
   * ---------------------------------------------------------------------------------------- */

  /**
   * @constructor
   * @param {Element} element the control's element
   * @param {object} options the parsed data-cc-options
   */
  function CallbackClient(element, options) {
    this.element = element;
    this.options = options || {};
    this.hooks = {};
    this.disposed = false;
    /** @type {RequestQueue} decides what becomes of a call made while another is in flight */
    this.requests = new RequestQueue();
    var hookSpecs = this.options.hooks || {};
    for (var name in hookSpecs) {
      if (Object.prototype.hasOwnProperty.call(hookSpecs, name)) { this.hooks[name] = resolveHook(hookSpecs[name]); }
    }
  }

  /** The name the page reaches this object by (ClientInstanceName or ClientID). */
  Object.defineProperty(CallbackClient.prototype, 'name', {
    get: function () { return this.options.name; }
  });

  /** True while a call of this control is waiting for its reply. */
  Object.defineProperty(CallbackClient.prototype, 'isCallbackPending', {
    get: function () { return this.requests.inFlight; }
  });

  /** Starts the object; controls override it and call the base. */
  CallbackClient.prototype.init = function () {};

  /** The control's own state sent with each call; controls override it. */
  CallbackClient.prototype.getState = function () { return null; };

  /** Applies a successful result to the page; controls override it. */
  CallbackClient.prototype.applyResult = function () {};

  /** Called when a call starts and ends; controls override it to show they are busy. */
  CallbackClient.prototype.setBusy = function () {};

  /** The form the control belongs to, or null. */
  CallbackClient.prototype.getForm = function () {
    var el = this.element;
    if (el && typeof el.closest === 'function') {
      var form = el.closest('form');
      if (form) { return form; }
    }
    return (root.document && root.document.forms && root.document.forms[0]) || null;
  };

  /** The request body for one call: the envelope plus current field values. */
  CallbackClient.prototype.buildBody = function (argument, state) {
    if (this.options.method) {
      // A page method runs without the page: it needs nothing of the form, and the envelope is the
      // whole body (its control travels in a header), so neither side URL-encodes or parses a form.
      return encodeEnvelope(argument, state);
    }
    var form = this.getForm();
    var pairs;
    if (this.options.fullForm) {
      pairs = formPairs(form, function (name) { return !CALLBACK_FIELDS[name]; });
    } else {
      var fields = this.options.fields || [];
      var named = fieldMatcher(fields);
      if (this.options.pageState || this._needsPageState) {
        // The page cannot run without its state (a master page's anti-forgery check, rows that
        // only ViewState rebuilds): ViewState and event validation travel with the named fields.
        pairs = formPairs(form, function (name) { return named(name) || isPageStateField(name); });
      } else {
        // Input controls validate their posted value against __EVENTVALIDATION (TextBox does on
        // both .NET and Mono), so it goes along when the server says the fields need it (by default
        // whenever fields are sent); the ViewState does not.
        var needsValidation = this.options.eventValidation === undefined ? fields.length > 0 : !!this.options.eventValidation;
        pairs = formPairs(form, fieldMatcher(needsValidation ? fields.concat(['__EVENTVALIDATION']) : fields));
      }
    }
    // __EVENTTARGET makes ASP.NET treat the request as a post back (and so a callback) even
    // when the ViewState is not sent.
    pairs.unshift(['__EVENTTARGET', '']);
    pairs.push(['__CALLBACKID', this.options.callbackId]);
    pairs.push(['__CALLBACKPARAM', encodeEnvelope(argument, state)]);
    return encodePairs(pairs);
  };

  /** The request headers of every call: the body's type, the control's token and, for a page method, its name. */
  CallbackClient.prototype.getHeaders = function () {
    var headers = { 'Content-Type': this.options.method ? 'text/plain; charset=UTF-8' : 'application/x-www-form-urlencoded; charset=UTF-8' };
    // Always sent, even empty: a custom header is itself something no cross-site form can send.
    headers[TOKEN_HEADER] = this.options.token || '';
    if (this.options.method) {
      headers[METHOD_HEADER] = this.options.method;
      headers[TARGET_HEADER] = this.options.callbackId;
    }
    // The page's context key for a page method; its token is bound to it, so it cannot be swapped.
    if (this.options.contextKey) { headers[CONTEXT_HEADER] = encodeURIComponent(this.options.contextKey); }
    return headers;
  };

  CallbackClient.prototype.getUrl = function () {
    if (this.options.url) { return this.options.url; }
    var form = this.getForm();
    var action = form && form.getAttribute && form.getAttribute('action');
    if (action) { return form.action || action; }
    return root.location ? root.location.href.split('#')[0] : '';
  };

  /**
   * Runs a hook inside a call; a hook that throws fails the call. The error hook runs through
   * runHookSafely instead: a failure is already being reported, so its own failure is only logged.
   */
  CallbackClient.prototype.runHook = function (name, e) {
    if (name === 'error') {
      this.runHookSafely(name, e);
      return;
    }
    var hook = this.hooks[name];
    if (!hook) { return; }
    try {
      hook.call(this, e);
    } catch (ex) {
      throw ex instanceof CallbackError ? ex : new CallbackError('hook', 'The ' + name + ' hook failed: ' + (ex && ex.message), { cause: ex });
    }
  };

  /**
   * Runs a hook that no call depends on (the error hook, a control's own events such as
   * 'populated'): a hook that throws is logged and must not break the control.
   * @returns {boolean} false when the hook threw
   */
  CallbackClient.prototype.runHookSafely = function (name, e) {
    var hook = this.hooks[name];
    if (!hook) { return true; }
    try {
      hook.call(this, e);
      return true;
    } catch (ex) {
      logError('CallbackControls: the ' + name + ' hook of "' + this.name + '" failed', ex);
      return false;
    }
  };

  /**
   * Calls the server. The newest call of a control wins: starting one aborts the one in flight,
   * whose promise is rejected with kind 'superseded' and whose reply is never applied.
   * @param {*} [argument] sent as a string (non-strings as JSON)
   * @param {*} [context] handed back to the hooks untouched
   * @returns {Promise<*>} the handler's result
   */
  CallbackClient.prototype.callback = function (argument, context) {
    return this.submitCall(argument, context, 'replace');
  };

  /**
   * Hands a call to the control's request queue. Control types call it to submit a call under
   * another strategy of the queue (the chart's ticks use 'join-or-queue-last').
   * @param {*} argument
   * @param {*} context
   * @param {string} strategy a strategy of the request queue: what becomes of calls made while this one is in flight
   * @returns {Promise<*>}
   */
  CallbackClient.prototype.submitCall = function (argument, context, strategy) {
    if (this.disposed) {
      return rejected(new CallbackError('disposed', 'The control has been removed from the page.'));
    }
    var self = this;
    return this.requests.submit(normalizeArgument(argument), function (slot) {
      return self.startCall(argument, context, slot);
    }, strategy);
  };

  /**
   * Runs one call from its beforeCallback hook to its result, when the request queue lets it start.
   * Control types may override it to see every call start and settle (and call the base).
   * @param {*} argument
   * @param {*} context
   * @param {RequestSlot} slot entered just before sending, left when the call ends
   * @returns {Promise<*>}
   */
  CallbackClient.prototype.startCall = function (argument, context, slot) {
    var self = this;
    var e = {
      control: this,
      argument: normalizeArgument(argument),
      context: context,
      cancel: false,
      handled: false
    };
    try {
      this.runHook('beforeCallback', e);
    } catch (ex) {
      return rejected(this.fail(e, ex));
    }
    if (e.cancel) {
      return rejected(new CallbackError('cancelled', 'The beforeCallback hook cancelled the call.'));
    }
    var controller = typeof root.AbortController === 'function' ? new root.AbortController() : null;
    var settled = false;
    var timer = null;
    var timeout = this.options.timeout || 30000;
    var rejectCall;
    // Replaces the call in flight (under 'replace') before this one reads its state.
    slot.enter(function abort(error) {
      if (settled) { return; }
      if (controller) { controller.abort(); }
      finish();
      rejectCall(error);
    });
    var promise = new Promise(function (resolve, reject) {
      rejectCall = reject;
      var state, body;
      try {
        state = self.getState(e);
        body = self.buildBody(e.argument, state);
      } catch (ex) {
        finish();
        reject(self.fail(e, ex));
        return;
      }
      self.setBusy(true);
      timer = setTimeout(function () {
        if (settled) { return; }
        if (controller) { controller.abort(); }
        finish();
        reject(self.fail(e, new CallbackError('timeout', 'The server did not answer within ' + timeout + ' ms.')));
      }, timeout);
      e.sent = true;

      function send() {
        var transport = CallbackControls.transport;
        return Promise.resolve().then(function () {
          if (settled) { return null; } // superseded in the same tick: send nothing
          return transport({ url: self.getUrl(), body: body, headers: self.getHeaders(), signal: controller ? controller.signal : undefined });
        }).then(receive, function (ex) {
          if (settled) { return; }
          finish();
          reject(self.fail(e, new CallbackError('network', 'The server could not be reached.', { cause: ex })));
        });
      }

      function receive(response) {
        if (settled) { return undefined; }
        var result;
        try {
          if (!response || typeof response.status !== 'number') {
            throw new CallbackError('network', 'The transport returned no response.');
          }
          if (response.redirected) {
            throw new CallbackError('redirect', 'The server redirected the call (has the session expired?).', { status: response.status });
          }
          var reply = readReply(response);
          // A reply to a call whose token is past half its lifetime brings the next one.
          if (typeof reply.envelope.token === 'string' && reply.envelope.token) { self.options.token = reply.envelope.token; }
          if (!reply.envelope.ok && reply.envelope.error && reply.envelope.error.code === 'expired' && !e.tokenRefreshed) {
            // The page stayed open longer than a token lives: nothing ran. The page's current token is
            // fetched as the page itself would be, and the same call is sent again, once.
            e.tokenRefreshed = true;
            return self.refreshToken().then(function (fresh) {
              if (settled) { return undefined; }
              return fresh ? send() : receive(response);
            }, function () {
              return settled ? undefined : receive(response);
            });
          }
          if (!reply.envelope.ok && reply.envelope.error && reply.envelope.error.code === 'needs-page-state' &&
              !self._needsPageState && !self.options.fullForm) {
            // Nothing of the control ran: the page needs its state, so every call of this control
            // carries it from now on, starting with this one.
            self._needsPageState = true;
            body = self.buildBody(e.argument, state);
            return send();
          }
          finish();
          e.status = response.status;
          self.runAfterCallback(e);
          e.reply = reply.envelope;
          if (reply.eventValidation) { self.updateEventValidation(reply.eventValidation); }
          if (!reply.envelope.ok) { throw errorFromEnvelope(reply.envelope.error); }
          result = reply.envelope.result;
          e.result = result;
          self.runHook('beforeResponseProcess', e);
          if (!e.cancel) {
            self.clearStatus();
            self.applyResult(result, e);
            self.runHook('afterResponseProcess', e);
          }
        } catch (ex) {
          if (!settled) { finish(); }
          if (e.status === undefined && response && typeof response.status === 'number') {
            e.status = response.status;
          }
          reject(self.fail(e, ex));
          return undefined;
        }
        resolve(result);
        return undefined;
      }

      send();
    });

    function finish() {
      settled = true;
      if (timer !== null) { clearTimeout(timer); timer = null; }
      // Busy is cleared only by the call that set it and is still the one in flight: a replaced
      // call ends before its replacement is sent, and one that failed before sending set nothing.
      if (slot.leave() && e.sent) { self.setBusy(false); }
    }

    // A superseded or cancelled call is not an error the page must handle.
    promise.catch(function () {});
    return promise;
  };

  /**
   * Records a failure: the afterCallback hook (if the reply never got that far), the error hook,
   * then the status region unless the error hook handled it. Returns the error to reject with.
   */
  CallbackClient.prototype.fail = function (e, ex) {
    var error = ex instanceof CallbackError ? ex : new CallbackError('hook', String(ex && ex.message || ex), { cause: ex });
    e.error = error;
    if (isQuiet(error)) { return error; }
    if (e.sent) {
      // A request that ended without a reply (network, timeout) still pairs afterCallback with beforeCallback.
      try { this.runAfterCallback(e); } catch (hookError) { logError('CallbackControls: the afterCallback hook failed', hookError); }
    }
    this.runHook('error', e);
    if (!e.handled) {
      this.showStatus(this.userMessage(error), 'error');
      logError('CallbackControls: call of "' + this.name + '" failed (' + error.kind + '): ' + error.message);
    }
    return error;
  };

  /**
   * What the user reads for a failure: for the runtime's own failures (network, timeout, HTTP status...)
   * the page's language when the server sent its texts (options.texts, from the library's resources);
   * otherwise the error's message (the server's own message for a handler error). The error object
   * keeps the English message for developers.
   */
  CallbackClient.prototype.userMessage = function (error) {
    var texts = this.options.texts;
    var text = texts && Object.prototype.hasOwnProperty.call(texts, error.kind) ? texts[error.kind] : null;
    if (typeof text !== 'string') { return error.message; }
    return text.replace('{0}', error.kind === 'timeout' ? String(this.options.timeout) : String(error.status || ''));
  };

  /**
   * Takes this control's current token from a fresh copy of the page (same origin, the user's own
   * cookies: nothing another site can read). Resolves true when a new token was found.
   * @returns {Promise<boolean>}
   */
  CallbackClient.prototype.refreshToken = function () {
    var self = this;
    return Promise.resolve(CallbackControls.fetchPage(this.getUrl())).then(function (doc) {
      var elements = doc && typeof doc.querySelectorAll === 'function' ? doc.querySelectorAll('[' + OPTIONS_ATTRIBUTE + ']') : [];
      for (var i = 0; i < elements.length; i++) {
        var options;
        try { options = JSON.parse(elements[i].getAttribute(OPTIONS_ATTRIBUTE) || '{}'); } catch (ignored) { continue; }
        if (options && options.callbackId === self.options.callbackId && typeof options.token === 'string' &&
            options.token && options.token !== self.options.token) {
          self.options.token = options.token;
          return true;
        }
      }
      return false;
    });
  };

  /** Runs the afterCallback hook once per call, whether the call succeeded or failed. */
  CallbackClient.prototype.runAfterCallback = function (e) {
    if (e.afterCallbackRan) { return; }
    e.afterCallbackRan = true;
    this.runHook('afterCallback', e);
  };

  /**
   * Writes plain text (never markup) into the control's status region. The region is a polite live
   * region: every write of its text is read out again, so the same message is not written twice (a
   * chart failing on every tick of its back-off says so once, not every few seconds).
   */
  CallbackClient.prototype.showStatus = function (text, kind) {
    var region = this.statusRegion();
    if (!region) { return; }
    kind = kind || 'info';
    if (region.textContent === text && region.getAttribute('data-kind') === kind) { return; }
    region.textContent = text;
    region.setAttribute('data-kind', kind);
  };

  /**
   * The control's status region, found once and found again only if it leaves the document: a
   * change writes the region four times, and each search of the control's markup showed in profiles.
   * @returns {?Element}
   */
  CallbackClient.prototype.statusRegion = function () {
    var region = this._statusRegion;
    if (!region || !inDocument(region)) { region = this._statusRegion = statusRegion(this.element); }
    return region;
  };

  /**
   * Empties the status region if it shows text of the given kind ('error' by default), so a
   * success clears an old error but never a message of another kind.
   * @param {string} [kind]
   */
  CallbackClient.prototype.clearStatus = function (kind) {
    var region = this.statusRegion();
    if (region && region.getAttribute('data-kind') === (kind || 'error')) {
      region.textContent = '';
      region.removeAttribute('data-kind');
    }
  };

  /** Writes back the event validation value a reply carries, so later postbacks validate. */
  CallbackClient.prototype.updateEventValidation = function (value) {
    var form = this.getForm();
    var field = form && form.elements ? form.elements.__EVENTVALIDATION : null;
    if (field) { field.value = value; }
  };

  /**
   * Aborts the call in flight and the one waiting, if any: their promises reject with kind
   * 'superseded' and no reply is applied. For controls that drop their calls without starting a new one.
   * @param {string} [message] why, for the rejection (a newer call, by default)
   */
  CallbackClient.prototype.abortPending = function (message) {
    this.requests.abort('superseded', message || SUPERSEDED_MESSAGE);
  };

  /** Stops everything the object started: pending calls are aborted, the global name released. */
  CallbackClient.prototype.dispose = function () {
    if (this.disposed) { return; }
    this.disposed = true;
    this.requests.abort('disposed', DISPOSED_MESSAGE);
  };

  /* ------------------------------------------------------------------------------------------
   * Control types: the one shape of every control script (CascadingDropDown.js, RefreshingChart.js)
   *
   *   (function (root, define) {
   *     var runtime = root.CallbackControls || require('../Scripts/CallbackControls.js'); // node: require
   *     var type = runtime.define('name', define);
   *     if (typeof module === 'object' && module.exports) { module.exports = type; }
   *   }(typeof window !== 'undefined' ? window : globalThis, function (CallbackControls, internals, root) {
   *     function NameClient(element, options) { CallbackControls.CallbackClient.call(this, element, options); }
   *     internals.extendClient(NameClient);
   *     NameClient.prototype.init = function () { ... };  // applyResult, getState, dispose ...
   *     return NameClient;
   *   }));
   * ---------------------------------------------------------------------------------------- */

  /**
   * Makes a constructor a CallbackClient subtype; the constructor calls CallbackClient first.
   * @param {function} constructor
   * @returns {function} the constructor
   */
  function extendClient(constructor) {
    constructor.prototype = Object.create(CallbackClient.prototype);
    constructor.prototype.constructor = constructor;
    return constructor;
  }

  /**
   * Builds a control type and registers it: the one way a control script reaches the runtime's
   * internals, which are handed to its factory and never published on the page. The type is
   * registered only once the factory has returned, so controls already in the page start with every
   * method of their type in place.
   * @param {string} name the data-cc-control value its server control renders
   * @param {function(object, object, object): function} factory (CallbackControls, internals, root) => the constructor
   * @returns {function} the constructor
   */
  function define(name, factory) {
    var type = factory(CallbackControls, internals, root);
    registerType(name, type);
    return type;
  }

  /** Client object of the non-visual CallbackControl: the result goes to the promise and the hooks. */
  function PlainCallbackClient(element, options) {
    CallbackClient.call(this, element, options);
  }
  extendClient(PlainCallbackClient);

  /* ------------------------------------------------------------------------------------------
   * Registry: finds controls in the page, starts and disposes their client objects
   * ---------------------------------------------------------------------------------------- */

  var types = { callback: PlainCallbackClient };
  var instances = [];

  /**
   * Makes a client type available to server controls that render data-cc-control="name".
   * @param {string} name
   * @param {function} constructor a CallbackClient subtype
   */
  function registerType(name, constructor) {
    types[name] = constructor;
    if (root.document) { start(root.document); }
  }

  function createInstance(element) {
    if (element.__callbackControl) { return element.__callbackControl; }
    var type = types[element.getAttribute(CONTROL_ATTRIBUTE)];
    if (!type) { return null; } // its script has not loaded yet; registerType starts it
    var options;
    try {
      options = JSON.parse(element.getAttribute(OPTIONS_ATTRIBUTE) || '{}');
    } catch (ex) {
      logError('CallbackControls: the options of #' + element.id + ' are not valid JSON', ex);
      return null;
    }
    var instance = new type(element, options);
    element.__callbackControl = instance;
    instances.push(instance);
    if (options.name) {
      var holder = root[options.name];
      if (holder instanceof CallbackClient && holder !== instance && !holder.disposed) {
        if (inDocument(holder.element)) {
          logError('CallbackControls: two controls use the client name "' + options.name + '"; set distinct ClientInstanceName values.');
        } else {
          // An UpdatePanel (or any script) replaced the old element: its object is done, and the new one
          // takes the name now rather than at the next sweep.
          disposeInstance(holder);
          instances = instances.filter(function (other) { return other !== holder; });
        }
      }
      root[options.name] = instance;
    }
    try {
      instance.init();
    } catch (ex) {
      logError('CallbackControls: starting "' + options.name + '" failed', ex);
    }
    return instance;
  }

  function disposeInstance(instance) {
    instance.dispose();
    var name = instance.options.name;
    if (name && root[name] === instance) {
      try { delete root[name]; } catch (ex) { root[name] = undefined; }
    }
    if (instance.element && instance.element.__callbackControl === instance) {
      instance.element.__callbackControl = null;
    }
  }

  /** Starts every control found in (and including) the node. */
  function start(node) {
    if (!node || !node.querySelectorAll) { return; }
    if (node.getAttribute && node.getAttribute(CONTROL_ATTRIBUTE)) { createInstance(node); }
    var found = node.querySelectorAll('[' + CONTROL_ATTRIBUTE + ']');
    for (var i = 0; i < found.length; i++) { createInstance(found[i]); }
  }

  /** Whether an element is (still) in the document. */
  function inDocument(element) {
    var doc = root.document;
    return !!(doc && doc.documentElement && element && doc.documentElement.contains(element));
  }

  /** Disposes the objects of controls no longer in the document (after an UpdatePanel update, say). */
  function sweep() {
    var kept = [];
    for (var i = 0; i < instances.length; i++) {
      var instance = instances[i];
      if (!instance.disposed && inDocument(instance.element)) {
        kept.push(instance);
      } else {
        disposeInstance(instance);
      }
    }
    instances = kept;
  }

  /**
   * The client object of a control, by client name or element id.
   * @param {string} nameOrId
   */
  function get(nameOrId) {
    for (var i = 0; i < instances.length; i++) {
      var instance = instances[i];
      if (!instance.disposed && (instance.name === nameOrId || (instance.element && instance.element.id === nameOrId))) {
        return instance;
      }
    }
    return null;
  }

  function disposeAll() {
    for (var i = 0; i < instances.length; i++) { disposeInstance(instances[i]); }
    instances = [];
  }

  /**
   * Gives the focus back after markup that held it is replaced (an UpdatePanel's async postback, a
   * Timer tick): when the focused element has left the page and nothing else took the focus, the new
   * element with the same id gets it, without scrolling. A keyboard user stays where they were.
   * @param {Document} doc
   * @param {?Element} lost the element that had the focus before the change
   */
  function restoreFocus(doc, lost) {
    if (!lost || !lost.id || inDocument(lost)) { return; }
    var active = doc.activeElement;
    if (active && active !== doc.body && active !== doc.documentElement) { return; }
    var again = doc.getElementById(lost.id);
    if (!again || again.disabled || typeof again.focus !== 'function') { return; }
    try {
      again.focus({ preventScroll: true });
    } catch (ignored) {
      again.focus();
    }
  }

  function watchDocument() {
    var doc = root.document;
    if (!doc) { return; }
    var begin = function () {
      start(doc);
      // The element that has the focus now, kept so it can be found again after it is replaced.
      var focused = null;
      doc.addEventListener('focusin', function (event) { focused = event.target; });
      if (typeof root.MutationObserver === 'function') {
        // Covers UpdatePanel partial updates and any other script that replaces markup.
        new root.MutationObserver(function (mutations) {
          var removed = false;
          for (var i = 0; i < mutations.length; i++) {
            var added = mutations[i].addedNodes;
            for (var j = 0; j < added.length; j++) { start(added[j]); }
            if (mutations[i].removedNodes.length) { removed = true; }
          }
          if (removed) {
            sweep();
            restoreFocus(doc, focused);
          }
        }).observe(doc.documentElement, { childList: true, subtree: true });
      }
      root.addEventListener('pagehide', function (event) {
        if (!event.persisted) { disposeAll(); }
      });
    };
    if (doc.readyState === 'loading') {
      doc.addEventListener('DOMContentLoaded', begin);
    } else {
      begin();
    }
  }

  var CallbackControls = {
    version: '0.1.0',
    CallbackError: CallbackError,
    CallbackClient: CallbackClient,
    transport: fetchTransport,
    fetchPage: fetchPageDocument,
    registerType: registerType,
    start: start,
    get: get,
    sweep: sweep,
    disposeAll: disposeAll,
    define: define
  };

  // The runtime's own helpers, for control scripts (through define) and the client tests (through
  // node's module only): isQuiet, normalizeArgument, logError, inDocument, RequestQueue, and the
  // shape of a control type (extendClient).
  var internals = {
    parseReply: parseReply,
    readReply: readReply,
    encodeEnvelope: encodeEnvelope,
    formPairs: formPairs,
    fieldMatcher: fieldMatcher,
    resolveHook: resolveHook,
    isQuiet: isQuiet,
    normalizeArgument: normalizeArgument,
    logError: logError,
    RequestQueue: RequestQueue,
    extendClient: extendClient,
    createInstance: createInstance,
    inDocument: inDocument,
    instances: function () { return instances.slice(); }
  };

  watchDocument();
  return { api: CallbackControls, internals: internals };
}));
