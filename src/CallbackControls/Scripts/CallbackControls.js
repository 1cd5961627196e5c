/*
 * CallbackControls client runtime.
 * Finds every element the server rendered with data-cc-control, creates its client object, and
 * carries its calls to the server: current values, latest reply wins, HTTP status checked,
 * timeouts, and every failure reported. No inline script is needed on the page.
 */
(function (root, factory) {
  'use strict';
  var api = factory(root);
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.CallbackControls = api;
  }
}(typeof window !== 'undefined' ? window : globalThis, function (root) {
  'use strict';

  var CONTROL_ATTRIBUTE = 'data-cc-control';
  /** The header that carries the control's token: it proves the call came from this page. */
  var TOKEN_HEADER = 'X-CallbackControls-Token';
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

  /** A rejected promise the page need not handle: every failure is already reported by fail(). */
  function rejected(error) {
    var promise = Promise.reject(error);
    promise.catch(function () {});
    return promise;
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
  var ERROR_KINDS = { forbidden: 'forbidden', page: 'server', 'needs-page-state': 'server' };

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
      pairs = pairs.concat(elementPairs(el));
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
        compiled = new Function('e', spec); // eslint-disable-line no-new-func
      }
      return compiled.call(this, e);
    };
  }

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
    this._sequence = 0;
    this._pending = null;
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
    get: function () { return this._pending !== null; }
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

  /** The request headers of every call: the body's type and the control's token. */
  CallbackClient.prototype.getHeaders = function () {
    var headers = { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' };
    // Always sent, even empty: a custom header is itself something no cross-site form can send.
    headers[TOKEN_HEADER] = this.options.token || '';
    return headers;
  };

  CallbackClient.prototype.getUrl = function () {
    if (this.options.url) { return this.options.url; }
    var form = this.getForm();
    var action = form && form.getAttribute && form.getAttribute('action');
    if (action) { return form.action || action; }
    return root.location ? root.location.href.split('#')[0] : '';
  };

  /** Runs a hook; a hook that throws fails the call (except the error hook, which is only logged). */
  CallbackClient.prototype.runHook = function (name, e) {
    var hook = this.hooks[name];
    if (!hook) { return; }
    try {
      hook.call(this, e);
    } catch (ex) {
      if (name === 'error') {
        logError('CallbackControls: the error hook of "' + this.name + '" threw', ex);
        return;
      }
      throw ex instanceof CallbackError ? ex : new CallbackError('hook', 'The ' + name + ' hook failed: ' + (ex && ex.message), { cause: ex });
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
    var self = this;
    var e = {
      control: this,
      argument: argument == null ? '' : (typeof argument === 'string' ? argument : JSON.stringify(argument)),
      context: context,
      cancel: false,
      handled: false
    };
    if (this.disposed) {
      return rejected(new CallbackError('disposed', 'The control has been removed from the page.'));
    }
    try {
      this.runHook('beforeCallback', e);
    } catch (ex) {
      return rejected(this.fail(e, ex));
    }
    if (e.cancel) {
      return rejected(new CallbackError('cancelled', 'The beforeCallback hook cancelled the call.'));
    }
    if (this._pending) {
      this._pending.supersede();
    }
    var sequence = ++this._sequence;
    var controller = typeof root.AbortController === 'function' ? new root.AbortController() : null;
    var settled = false;
    var timer = null;
    var timeout = this.options.timeout || 30000;
    var rejectCall;
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
      if (self._pending && self._pending.sequence === sequence) {
        self._pending = null;
        self.setBusy(false);
      }
    }

    // A call that failed before it was sent (buildBody or getState threw) is not pending.
    if (!settled) {
      this._pending = {
        sequence: sequence,
        promise: promise,
        supersede: function () {
          if (settled) { return; }
          if (controller) { controller.abort(); }
          finish();
          rejectCall(new CallbackError('superseded', 'A newer call of the same control replaced this one.'));
        },
        dispose: function () {
          if (settled) { return; }
          if (controller) { controller.abort(); }
          finish();
          rejectCall(new CallbackError('disposed', 'The control was removed from the page.'));
        }
      };
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
    if (QUIET_KINDS[error.kind]) { return error; }
    if (e.sent) {
      // A request that ended without a reply (network, timeout) still pairs afterCallback with beforeCallback.
      try { this.runAfterCallback(e); } catch (hookError) { logError('CallbackControls: the afterCallback hook failed', hookError); }
    }
    this.runHook('error', e);
    if (!e.handled) {
      this.showStatus(error.message, 'error');
      logError('CallbackControls: call of "' + this.name + '" failed (' + error.kind + '): ' + error.message);
    }
    return error;
  };

  /** Runs the afterCallback hook once per call, whether the call succeeded or failed. */
  CallbackClient.prototype.runAfterCallback = function (e) {
    if (e.afterCallbackRan) { return; }
    e.afterCallbackRan = true;
    this.runHook('afterCallback', e);
  };

  /** Writes plain text (never markup) into the control's status region. */
  CallbackClient.prototype.showStatus = function (text, kind) {
    var region = this.element && this.element.querySelector ? this.element.querySelector('.cc-status') : null;
    if (!region) { return; }
    region.textContent = text;
    region.setAttribute('data-kind', kind || 'info');
  };

  CallbackClient.prototype.clearStatus = function () {
    var region = this.element && this.element.querySelector ? this.element.querySelector('.cc-status') : null;
    if (region && region.getAttribute('data-kind') === 'error') {
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
   * Aborts the call in flight, if any: its promise rejects with kind 'superseded' and its reply is
   * never applied. For controls that drop a pending call without starting a new one.
   */
  CallbackClient.prototype.abortPending = function () {
    if (this._pending) { this._pending.supersede(); }
  };

  /** Stops everything the object started: pending calls are aborted, the global name released. */
  CallbackClient.prototype.dispose = function () {
    if (this.disposed) { return; }
    this.disposed = true;
    if (this._pending) { this._pending.dispose(); }
    this._pending = null;
  };

  /** Client object of the non-visual CallbackControl: the result goes to the promise and the hooks. */
  function PlainCallbackClient(element, options) {
    CallbackClient.call(this, element, options);
  }
  PlainCallbackClient.prototype = Object.create(CallbackClient.prototype);
  PlainCallbackClient.prototype.constructor = PlainCallbackClient;

  /* ------------------------------------------------------------------------------------------
   * Registry: finds controls in the page, starts and disposes their client objects
   * ---------------------------------------------------------------------------------------- */

  var types = { callback: PlainCallbackClient };
  var instances = [];

  function logError(message, ex) {
    if (root.console && root.console.error) { root.console.error(message, ex || ''); }
  }

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
      if (root[options.name] && root[options.name] instanceof CallbackClient && root[options.name] !== instance &&
          !root[options.name].disposed) {
        logError('CallbackControls: two controls use the client name "' + options.name + '"; set distinct ClientInstanceName values.');
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

  /** Disposes the objects of controls no longer in the document (after an UpdatePanel update, say). */
  function sweep() {
    var doc = root.document;
    var kept = [];
    for (var i = 0; i < instances.length; i++) {
      var instance = instances[i];
      if (!instance.disposed && doc && doc.documentElement.contains(instance.element)) {
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

  function watchDocument() {
    var doc = root.document;
    if (!doc) { return; }
    var begin = function () {
      start(doc);
      if (typeof root.MutationObserver === 'function') {
        // Covers UpdatePanel partial updates and any other script that replaces markup.
        new root.MutationObserver(function (mutations) {
          var removed = false;
          for (var i = 0; i < mutations.length; i++) {
            var added = mutations[i].addedNodes;
            for (var j = 0; j < added.length; j++) { start(added[j]); }
            if (mutations[i].removedNodes.length) { removed = true; }
          }
          if (removed) { sweep(); }
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
    registerType: registerType,
    start: start,
    get: get,
    sweep: sweep,
    disposeAll: disposeAll,
    // Exposed for tests and for controls built on the runtime.
    internals: {
      parseReply: parseReply,
      readReply: readReply,
      encodeEnvelope: encodeEnvelope,
      formPairs: formPairs,
      fieldMatcher: fieldMatcher,
      resolveHook: resolveHook,
      createInstance: createInstance,
      instances: function () { return instances.slice(); }
    }
  };

  watchDocument();
  return CallbackControls;
}));
