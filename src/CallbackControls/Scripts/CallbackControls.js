/*
 * CallbackControls client runtime, part 2 of 2: the client objects and their page.
 * Finds every element the server rendered with data-cc-control, creates its client object, and
 * carries its calls to the server: current values, latest reply wins, HTTP status checked,
 * timeouts, and every failure reported. No inline script is needed on the page.
 * Part 1 (CallbackControls.Protocol.js: wire format, form fields, transport, request queue) loads first.
 */
(function (root, factory) {
  'use strict';
  var node = typeof module === 'object' && module.exports;
  var protocol = node ? require('./CallbackControls.Protocol.js') : root.__callbackControlsProtocol;
  if (!protocol) {
    throw new Error('CallbackControls: CallbackControls.Protocol.js must load before CallbackControls.js.');
  }
  if (!node) { delete root.__callbackControlsProtocol; }
  var runtime = factory(root, protocol);
  if (node) {
    // Under node (the client tests) the module also hands out the internals; a page never sees them.
    runtime.api.internals = runtime.internals;
    module.exports = runtime.api;
  } else {
    root.CallbackControls = runtime.api;
  }
}(typeof window !== 'undefined' ? window : globalThis, function (root, protocol) {
  'use strict';

  var CONTROL_ATTRIBUTE = protocol.CONTROL_ATTRIBUTE;
  var TOKEN_HEADER = protocol.TOKEN_HEADER;
  var METHOD_HEADER = protocol.METHOD_HEADER;
  var CONTEXT_HEADER = protocol.CONTEXT_HEADER;
  var TARGET_HEADER = protocol.TARGET_HEADER;
  var OPTIONS_ATTRIBUTE = protocol.OPTIONS_ATTRIBUTE;
  var CallbackError = protocol.CallbackError;
  var isQuiet = protocol.isQuiet;
  var SUPERSEDED_MESSAGE = protocol.SUPERSEDED_MESSAGE;
  var DISPOSED_MESSAGE = protocol.DISPOSED_MESSAGE;
  var rejected = protocol.rejected;
  var normalizeArgument = protocol.normalizeArgument;
  var statusRegion = protocol.statusRegion;
  var logError = protocol.logError;
  var parseReply = protocol.parseReply;
  var readReply = protocol.readReply;
  var errorFromEnvelope = protocol.errorFromEnvelope;
  var encodeEnvelope = protocol.encodeEnvelope;
  var formPairs = protocol.formPairs;
  var callPairs = protocol.callPairs;
  var fieldMatcher = protocol.fieldMatcher;
  var isPageStateField = protocol.isPageStateField;
  var CALLBACK_FIELDS = protocol.CALLBACK_FIELDS;
  var encodePairs = protocol.encodePairs;
  var fetchTransport = protocol.fetchTransport;
  var fetchPageDocument = protocol.fetchPageDocument;
  var resolveHook = protocol.resolveHook;
  var RequestQueue = protocol.RequestQueue;

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
    var fields = this.options.fields || [];
    var include;
    if (this.options.fullForm) {
      include = function (name) { return !CALLBACK_FIELDS[name]; };
    } else {
      var named = fieldMatcher(fields);
      if (this.options.pageState || this._needsPageState) {
        // The page cannot run without its state (a master page's anti-forgery check, rows that
        // only ViewState rebuilds): ViewState and event validation travel with the named fields.
        include = function (name) { return named(name) || isPageStateField(name); };
      } else {
        // Input controls validate their posted value against __EVENTVALIDATION (TextBox does on
        // both .NET and Mono), so it goes along when the server says the fields need it (by default
        // whenever fields are sent); the ViewState does not.
        var needsValidation = this.options.eventValidation === undefined ? fields.length > 0 : !!this.options.eventValidation;
        include = fieldMatcher(needsValidation ? fields.concat(['__EVENTVALIDATION']) : fields);
      }
    }
    var split = callPairs(form, include, fields);
    var pairs = split.pairs;
    // __EVENTTARGET makes ASP.NET treat the request as a post back (and so a callback) even
    // when the ViewState is not sent.
    pairs.unshift(['__EVENTTARGET', '']);
    pairs.push(['__CALLBACKID', this.options.callbackId]);
    pairs.push(['__CALLBACKPARAM', encodeEnvelope(argument, state, split.typed)]);
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

  /**
   * A notification for the control's PushTopic arrived (CallbackPush.Notify on the server): runs the page's
   * push hook with e = { topic, data, catchUp }, then, unless the hook set e.cancel, the control's own
   * response (pushed: a chart refreshes). catchUp is true when the page reconnected and cannot tell what
   * changed meanwhile.
   * @param {{topic: string, data: ?string, catchUp: boolean}} e
   */
  CallbackClient.prototype.onPush = function (e) {
    if (this.disposed) { return; }
    if (!this.runHookSafely('push', e) || e.cancel) { return; }
    this.pushed(e);
  };

  /** What the control does on a notification; controls override it (the plain control has only the hook). */
  CallbackClient.prototype.pushed = function () {};

  /**
   * Push became unavailable (the stream and long polling both failed, the server's bus is down) or came
   * back; controls that refresh on their own fall back to their timers meanwhile.
   * @param {boolean} available
   */
  CallbackClient.prototype.pushAvailabilityChanged = function () {};

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
  // What extend() added (the push connection): told of every client object that starts and ends.
  var extensions = [];

  /**
   * Adds a part of the runtime that follows the client objects (CallbackControls.Push.js): its started(instance)
   * runs for every object already running and each one started later, its disposed(instance) when one ends.
   * @param {function(object, object, object): {started: function, disposed: function}} factory (CallbackControls, internals, root) => the part
   * @returns {object} the part
   */
  function extend(factory) {
    var extension = factory(CallbackControls, internals, root);
    extensions.push(extension);
    for (var i = 0; i < instances.length; i++) {
      if (!instances[i].disposed) { extension.started(instances[i]); }
    }
    return extension;
  }

  function tellExtensions(what, instance) {
    for (var i = 0; i < extensions.length; i++) {
      try {
        extensions[i][what](instance);
      } catch (ex) {
        logError('CallbackControls: an extension failed', ex);
      }
    }
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
    tellExtensions('started', instance);
    return instance;
  }

  function disposeInstance(instance) {
    // Told even when page script disposed the object itself first: the extension lets go of it either way.
    tellExtensions('disposed', instance);
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
    define: define,
    extend: extend
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
