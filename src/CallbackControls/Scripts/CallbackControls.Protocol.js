/*
 * CallbackControls client runtime, part 1 of 2: how a call travels.
 * The wire format (envelope, reply, errors), the form fields a call posts, the transport, hook
 * resolution and the per-control request queue. Stateless but for the queue objects it makes.
 * The page loads it just before CallbackControls.js, which takes it over; nothing of it stays on
 * the page's globals.
 */
(function (root, factory) {
  'use strict';
  var protocol = factory(root);
  if (typeof module === 'object' && module.exports) {
    module.exports = protocol;
  } else {
    // Held only until CallbackControls.js (registered right after this script) takes it and deletes it.
    Object.defineProperty(root, '__callbackControlsProtocol', { value: protocol, configurable: true });
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
  function encodeEnvelope(argument, state, fields) {
    var envelope = { v: ENVELOPE_VERSION, arg: argument, state: state || null };
    if (fields && fields.length) { envelope.fields = fields; }
    var json = JSON.stringify(envelope);
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
    var tag = (el.tagName || '').toLowerCase();
    if (tag === 'fieldset' || tag === 'output' || tag === 'object') { return pairs; }
    var type = (el.type || '').toLowerCase();
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
    return callPairs(form, include, null).pairs;
  }

  /** Input types whose value is not text a person types (their values come from the page). */
  var NOT_TEXT = { checkbox: true, radio: true, file: true, submit: true, button: true, image: true, reset: true };

  /** Whether a field holds text a person types or a script sets (a text box, a text area, a hidden field). */
  function isTextEntry(el) {
    var tag = (el.tagName || '').toLowerCase();
    return tag === 'textarea' || (tag === 'input' && !NOT_TEXT[(el.type || 'text').toLowerCase()]);
  }

  /**
   * Which of the names are text boxes: every element of that name is a text entry. A name shared with a
   * list (a list control's hidden companion field, say) stays a form field, as the control reads it.
   */
  function typedFieldNames(elements, names) {
    var typed = {};
    if (!names || !names.length) { return typed; }
    var other = {};
    for (var i = 0; i < elements.length; i++) {
      var name = elements[i].name || '';
      if (!name || names.indexOf(name) < 0) { continue; }
      if (isTextEntry(elements[i])) { typed[name] = true; } else { other[name] = true; }
    }
    for (var key in other) {
      if (Object.prototype.hasOwnProperty.call(other, key)) { delete typed[key]; }
    }
    return typed;
  }

  /**
   * A call's fields, read now. The text entries whose name is one of typedNames go apart, as typed:
   * they travel inside the envelope, which is escaped so that request validation cannot mistake
   * "<b>" or "a&#b" for markup, and the server hands them to their controls as the form would.
   * Every other field is a form pair, as the browser would post it.
   * @param {HTMLFormElement} form
   * @param {function(string):boolean} [include] which field names to take; all when omitted
   * @param {string[]} [typedNames] the field names (UniqueIDs) whose text travels in the envelope
   * @returns {{pairs: Array, typed: Array}}
   */
  function callPairs(form, include, typedNames) {
    var result = { pairs: [], typed: [] };
    if (!form || !form.elements) { return result; }
    var elements = form.elements;
    var typed = typedFieldNames(elements, typedNames);
    for (var i = 0; i < elements.length; i++) {
      var el = elements[i];
      var name = el.name || '';
      if (include && !include(name)) { continue; }
      var into = typed[name] ? result.typed : result.pairs;
      // Appended in place: concat made a new array per field, quadratic on a big grid of inputs.
      Array.prototype.push.apply(into, elementPairs(el));
    }
    return result;
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
      if (queue._next && queue._next.key === request.key) { return queue._next.deferred.promise; }
      if (!queue._next && queue._current.key === request.key) { return queue._current.promise; }
      return STRATEGIES['queue-last'](queue, request);
    },

    /**
     * One call in flight, the newest waiting, none in between (a list whose parent changes faster than
     * the server answers): the request in flight goes on, since a server that has started it will
     * finish it anyway (and, under the session lock, make every later one wait for it); a newcomer
     * waits until it has settled and is then sent; a newer one displaces it, and the displaced one
     * rejects 'superseded' without ever being sent.
     */
    'queue-last': function (queue, request) {
      var next = queue._next;
      if (next) {
        queue._next = null;
        next.deferred.reject(new CallbackError('superseded', SUPERSEDED_MESSAGE));
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
   *   'replace' (the default), 'queue-last' or 'join-or-queue-last'
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
  /** Rejects the waiting request, if any, with kind; the one in flight goes on. */
  RequestQueue.prototype.dropWaiting = function (kind, message) {
    var next = this._next;
    this._next = null;
    if (next) { next.deferred.reject(new CallbackError(kind, message)); }
  };

  RequestQueue.prototype.abort = function (kind, message) {
    var next = this._next;
    this._next = null;
    if (next) { next.deferred.reject(new CallbackError(kind, message)); }
    if (this.inFlight) { this._current.abort(new CallbackError(kind, message)); }
  };

  return {
    CONTROL_ATTRIBUTE: CONTROL_ATTRIBUTE,
    TOKEN_HEADER: TOKEN_HEADER,
    METHOD_HEADER: METHOD_HEADER,
    CONTEXT_HEADER: CONTEXT_HEADER,
    TARGET_HEADER: TARGET_HEADER,
    OPTIONS_ATTRIBUTE: OPTIONS_ATTRIBUTE,
    CallbackError: CallbackError,
    isQuiet: isQuiet,
    SUPERSEDED_MESSAGE: SUPERSEDED_MESSAGE,
    DISPOSED_MESSAGE: DISPOSED_MESSAGE,
    rejected: rejected,
    normalizeArgument: normalizeArgument,
    statusRegion: statusRegion,
    logError: logError,
    parseReply: parseReply,
    readReply: readReply,
    errorFromEnvelope: errorFromEnvelope,
    encodeEnvelope: encodeEnvelope,
    formPairs: formPairs,
    callPairs: callPairs,
    fieldMatcher: fieldMatcher,
    isPageStateField: isPageStateField,
    CALLBACK_FIELDS: CALLBACK_FIELDS,
    encodePairs: encodePairs,
    fetchTransport: fetchTransport,
    fetchPageDocument: fetchPageDocument,
    resolveHook: resolveHook,
    RequestQueue: RequestQueue
  };
}));
