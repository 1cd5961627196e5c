/*
 * CallbackControls push: one connection per page for every control with a PushTopic.
 *
 * The page's stream is a GET of the page's own URL (__ccpush=stream) read by an EventSource; each event
 * names the topic that changed, and every control subscribed to it runs onPush (a chart refreshes).
 * Where something between the browser and the server holds the stream back (a buffering proxy, IIS
 * compression) the first event does not come in time: the page long-polls instead (__ccpush=poll), and
 * when that fails too, controls refresh on their timers until push is back. Each step is said once in
 * the console. A hidden page closes its connection and, back in view, reconnects with the last event id
 * it saw: the server sends once each topic that changed meanwhile, or a reset when it cannot tell.
 */
(function (root, factory) {
  var node = typeof module === 'object' && module.exports;
  var runtime = node ? require('../Scripts/CallbackControls.js') : root.CallbackControls;
  var part = runtime.extend(factory);
  if (node) { module.exports = part; }
}(typeof window !== 'undefined' ? window : globalThis, function (CallbackControls, internals, root) {
  'use strict';

  var logError = internals.logError;

  // How long the stream's first event may take before the stream counts as held back by something between.
  var PROBE_TIMEOUT = 5000;
  // Silence after which a stream counts as dead (the server's heartbeat comes every 15 s).
  var WATCHDOG_TIMEOUT = 40000;
  // Long polls that fail in a row before controls fall back to their timers.
  var POLL_FAILURES_BEFORE_TIMER = 3;
  // The longest wait between attempts while push is unavailable.
  var RETRY_LIMIT = 30000;

  /** The page's push connection. */
  function PushConnection() {
    this.topics = {};          // topic -> { token, clients: [] }
    this.lastId = null;        // the last event id seen: where a reconnect catches up from
    this.mode = 'stream';      // 'stream', or 'poll' once the stream proved held back
    this.available = true;     // false while controls must use their timers
    this.source = null;
    this.pollAbort = null;
    this.timers = {};
    this.failures = 0;
    this.said = {};
    this.refused = false;
    this.url = null;
    this._onVisibility = this.visibilityChanged.bind(this);
    var doc = root.document;
    if (doc && typeof doc.addEventListener === 'function') { doc.addEventListener('visibilitychange', this._onVisibility); }
  }

  PushConnection.prototype.started = function (client) {
    var push = client.options && client.options.push;
    if (!push || !push.topic) { return; }
    var entry = this.topics[push.topic];
    var added = !entry;
    if (added) { entry = this.topics[push.topic] = { token: push.token, clients: [] }; }
    entry.token = push.token;
    entry.clients.push(client);
    // The page's rendering is the first point the page has seen: what changes after it is caught up.
    if (this.lastId === null && push.since) { this.lastId = push.since; }
    if (!this.url) { this.url = client.getUrl(); }
    if (!this.available) { client.pushAvailabilityChanged(false); }
    // A control joining a topic the stream carries already changes nothing of the stream.
    if (added) { this.reconnectSoon(); }
  };

  PushConnection.prototype.disposed = function (client) {
    var push = client.options && client.options.push;
    var entry = push && this.topics[push.topic];
    if (!entry) { return; }
    entry.clients = entry.clients.filter(function (other) { return other !== client; });
    if (entry.clients.length === 0) {
      delete this.topics[push.topic];
      this.reconnectSoon();
    }
  };

  /** Controls start one after another: the connection is opened (again) once they all have. */
  PushConnection.prototype.reconnectSoon = function () {
    this.later('reconnect', 0, this.connect);
  };

  /** Runs action (a method of the connection) after ms, in place of what waited under the same name. */
  PushConnection.prototype.later = function (name, ms, action) {
    var self = this;
    this.clearTimer(name);
    this.timers[name] = setTimeout(function () {
      delete self.timers[name];
      action.call(self);
    }, ms);
  };

  PushConnection.prototype.clearTimer = function (name) {
    if (this.timers[name] !== undefined) {
      clearTimeout(this.timers[name]);
      delete this.timers[name];
    }
  };

  PushConnection.prototype.hasTopics = function () {
    for (var topic in this.topics) {
      if (Object.prototype.hasOwnProperty.call(this.topics, topic)) { return true; }
    }
    return false;
  };

  PushConnection.prototype.isHidden = function () {
    var doc = root.document;
    return !!doc && doc.visibilityState === 'hidden';
  };

  /** The page's URL with the push fields: the mode, each topic with its token, the last event id. */
  PushConnection.prototype.address = function (mode) {
    var base = (this.url || '').split('#')[0];
    var parts = ['__ccpush=' + mode];
    for (var topic in this.topics) {
      if (Object.prototype.hasOwnProperty.call(this.topics, topic)) {
        parts.push('__cctopic=' + encodeURIComponent(topic + '~' + (this.topics[topic].token || '')));
      }
    }
    if (this.lastId) { parts.push('__ccsince=' + encodeURIComponent(this.lastId)); }
    return base + (base.indexOf('?') < 0 ? '?' : '&') + parts.join('&');
  };

  /** Closes what is open and opens the connection the page needs now (none while hidden or without topics). */
  PushConnection.prototype.connect = function () {
    this.close();
    if (this.refused || !this.hasTopics() || this.isHidden()) { return; }
    if (this.mode === 'stream' && typeof root.EventSource === 'function') {
      this.openStream();
    } else {
      this.poll();
    }
  };

  PushConnection.prototype.close = function () {
    this.clearTimer('probe');
    this.clearTimer('watchdog');
    this.clearTimer('retry');
    if (this.source) {
      this.source.close();
      this.source = null;
    }
    if (this.pollAbort) {
      this.pollAbort.abort();
      this.pollAbort = null;
    }
  };

  PushConnection.prototype.openStream = function () {
    var self = this;
    var source = this.source = new root.EventSource(this.address('stream'));
    var current = function () { return self.source === source; };
    this.later('probe', PROBE_TIMEOUT, function () {
      if (!current()) { return; }
      self.say('buffered', 'CallbackControls: the push stream did not arrive within ' + PROBE_TIMEOUT / 1000 + ' s; something between the browser and the server ' +
        'holds it back (a proxy that buffers, compression of text/event-stream). Using long polling instead.');
      self.mode = 'poll';
      self.connect();
    });
    var seen = function (e) {
      if (!current()) { return false; }
      if (e.lastEventId) { self.lastId = e.lastEventId; }
      self.watch();
      return true;
    };
    source.addEventListener('ready', function (e) {
      if (!seen(e)) { return; }
      self.clearTimer('probe');
      self.failures = 0;
      self.setAvailable(readBus(e.data));
    });
    source.addEventListener('cc', function (e) {
      if (seen(e)) { self.deliver(parse(e.data)); }
    });
    source.addEventListener('reset', function (e) {
      if (seen(e)) { self.deliverAll(); }
    });
    source.addEventListener('hb', seen);
    source.addEventListener('bus', function (e) {
      if (seen(e)) { self.setAvailable(readBus(e.data)); }
    });
    source.onerror = function () {
      if (!current()) { return; }
      // CONNECTING: the browser reconnects by itself, naming the last event id. CLOSED: the server refused
      // the stream or answered something else; a long poll finds out what, and goes on if it can.
      if (source.readyState === 2) {
        self.source = null;
        source.close();
        self.mode = 'poll';
        self.connect();
      }
    };
  };

  /** Restarts the wait for the next sign of life; a stream silent for longer is opened again. */
  PushConnection.prototype.watch = function () {
    this.later('watchdog', WATCHDOG_TIMEOUT, this.connect);
  };

  PushConnection.prototype.poll = function () {
    var self = this;
    if (typeof root.fetch !== 'function') {
      this.unavailable('CallbackControls: this browser has neither EventSource nor fetch; controls refresh on their timers.');
      return;
    }
    var abort = typeof root.AbortController === 'function' ? new root.AbortController() : null;
    this.pollAbort = abort;
    var current = function () { return self.pollAbort === abort; };
    root.fetch(this.address('poll'), { method: 'GET', credentials: 'same-origin', cache: 'no-store', signal: abort && abort.signal }).then(function (response) {
      return response.text().then(function (text) { return { status: response.status, text: text }; });
    }).then(function (reply) {
      if (!current()) { return; }
      self.pollAbort = null;
      if (reply.status === 403) {
        var envelope = parse(reply.text.charAt(0) === 's' ? reply.text.substring(1) : reply.text);
        self.refused = true;
        self.unavailable('CallbackControls: the server refused the push subscription (' +
          ((envelope && envelope.error && envelope.error.message) || 'status 403') + '); controls refresh on their timers.');
        return;
      }
      if (reply.status === 503 && /"code":"busy"/.test(reply.text)) {
        // The server holds as many streams as it may: timers now, a new try after the longest wait.
        self.say('busy', 'CallbackControls: the server holds as many push streams as it may (CallbackControls:PushMaxStreams); ' +
          'controls refresh on their timers and push is tried again in ' + RETRY_LIMIT / 1000 + ' s.');
        self.setAvailable(false);
        self.retryIn(RETRY_LIMIT);
        return;
      }
      var result = reply.status === 200 ? parse(reply.text) : null;
      if (!result || typeof result.id !== 'string') { throw new Error('status ' + reply.status); }
      var wasUnavailable = !self.available;
      self.failures = 0;
      self.lastId = result.id;
      self.setAvailable(result.bus !== false);
      if (result.reset || wasUnavailable) {
        self.deliverAll();
      } else {
        for (var i = 0; i < result.events.length; i++) { self.deliver(result.events[i]); }
      }
      self.connect();
    }).catch(function (error) {
      if (!current() || (error && error.name === 'AbortError')) { return; }
      self.pollAbort = null;
      self.failures++;
      if (self.failures >= POLL_FAILURES_BEFORE_TIMER) {
        self.unavailable('CallbackControls: push is unavailable (' + (error && error.message) + '); controls refresh on their timers until it is back.');
      }
      self.retryIn(Math.min(1000 * Math.pow(2, Math.min(self.failures, 5)), RETRY_LIMIT));
    });
  };

  /** Tries again after a wait, from the stream: what failed may have been a server restart, not a proxy. */
  PushConnection.prototype.retryIn = function (wait) {
    this.later('retry', wait, function () {
      this.mode = 'stream';
      this.connect();
    });
  };

  PushConnection.prototype.unavailable = function (message) {
    this.say(this.refused ? 'refused' : 'unavailable', message);
    this.setAvailable(false);
  };

  /** Tells every control when push becomes unavailable or comes back; once back, each refreshes once. */
  PushConnection.prototype.setAvailable = function (available) {
    if (available === this.available) { return; }
    this.available = available;
    this.eachClient(function (client) { client.pushAvailabilityChanged(available); });
    if (available) { this.deliverAll(); }
  };

  PushConnection.prototype.eachClient = function (action) {
    var seen = [];
    for (var topic in this.topics) {
      if (!Object.prototype.hasOwnProperty.call(this.topics, topic)) { continue; }
      var clients = this.topics[topic].clients.slice();
      for (var i = 0; i < clients.length; i++) {
        if (seen.indexOf(clients[i]) < 0) {
          seen.push(clients[i]);
          action(clients[i], topic);
        }
      }
    }
  };

  PushConnection.prototype.deliver = function (message) {
    var entry = message && this.topics[message.t];
    if (!entry) { return; }
    var clients = entry.clients.slice();
    for (var i = 0; i < clients.length; i++) {
      clients[i].onPush({ topic: message.t, data: message.d === undefined ? null : message.d, catchUp: false });
    }
  };

  /** The page cannot tell what changed (a reconnect to another run or server): every control refreshes once. */
  PushConnection.prototype.deliverAll = function () {
    this.eachClient(function (client, topic) { client.onPush({ topic: topic, data: null, catchUp: true }); });
  };

  PushConnection.prototype.visibilityChanged = function () {
    if (this.isHidden()) {
      // Nothing is shown, so nothing is taken; the reconnect in view catches up once.
      this.close();
    } else if (!this.source && !this.pollAbort) {
      this.connect();
    }
  };

  /** Says a thing in the console once per page. */
  PushConnection.prototype.say = function (kind, message) {
    if (this.said[kind]) { return; }
    this.said[kind] = true;
    if (root.console && typeof root.console.warn === 'function') { root.console.warn(message); } else { logError(message); }
  };

  function parse(text) {
    try {
      return JSON.parse(text);
    } catch (ex) {
      return null;
    }
  }

  function readBus(text) {
    var value = parse(text);
    return !value || value.bus !== false;
  }

  var connection = new PushConnection();
  CallbackControls.push = connection;
  return connection;
}));
