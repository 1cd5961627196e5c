/*
 * CallbackControls RefreshingChart client type.
 * Refreshes a server-drawn SVG chart by callback on a timer and swaps the new drawing in place.
 * Loaded after the runtime (CallbackControls.js); registers the 'refreshingchart' type with it.
 *
 * Timer rules:
 *   - ticks never overlap: the next tick is scheduled only after the reply (or the failure) of the
 *     last call, whichever call that was; a reply to callback() restarts the wait too;
 *   - ticks go to the runtime's request queue under its 'join-or-queue-last' strategy: callback()
 *     while a tick is in flight JOINS it when the argument is the same (no second request, the same
 *     promise) and otherwise QUEUES: it is sent as soon as the tick's reply has been applied. Only
 *     the newest queued call is kept; an older one rejects with kind 'superseded';
 *   - callback() goes under 'replace', the runtime's "newest call wins": callback() while another
 *     callback() is in flight replaces it;
 *   - a tick sends tickArgument ('' unless page script sets it); callback(argument) is one-off: its
 *     argument reaches the server once, and the server's e.IsTimerTick tells a tick from a call;
 *   - while the page is hidden (document.visibilityState) no tick is sent; on return one is sent at once;
 *   - a tick names the drawing the page shows (state.shown: the hash the server sent with it); when the
 *     server would send that drawing again it answers { unchanged: true } and the DOM is left as it is
 *     (the hooks still run; e.result is that small object). callback() never names it, so it always redraws;
 *   - after a failure the wait doubles each time, up to refreshBackoffLimit (default 4 s), and drops back
 *     to the normal frequency after the next success; while failing, the window's 'online' event retries
 *     at once (the page becoming visible again already does);
 *   - stop() stops the timer and aborts what is in flight or queued; start() schedules the next tick;
 *   - dispose() (run by the runtime when the element leaves the page or the page unloads) clears all.
 */
(function (root, define) {
  'use strict';
  // The browser has loaded the runtime before this file; node --test loads this file by itself.
  var runtime = root.CallbackControls || (typeof require === 'function' ? require('../Scripts/CallbackControls.js') : null);
  if (!runtime) { throw new Error('RefreshingChart.js needs the CallbackControls runtime loaded first.'); }
  // The keys and announcements (RefreshingChart.Accessibility.js) load just before this file.
  runtime.RefreshingChartAccessibility = runtime.RefreshingChartAccessibility ||
    (typeof require === 'function' ? require('./RefreshingChart.Accessibility.js') : null);
  var type = runtime.define('refreshingchart', define);
  if (typeof module === 'object' && module.exports) { module.exports = type; }
}(typeof window !== 'undefined' ? window : globalThis, function (CallbackControls, internals, root) {
  'use strict';

  var CallbackClient = CallbackControls.CallbackClient;
  var CallbackError = CallbackControls.CallbackError;
  var isQuiet = internals.isQuiet;
  var normalizeArgument = internals.normalizeArgument;
  // The pause toggle's class (RefreshingChart.cs renders it when ShowPauseButton is on).
  var PAUSE_CLASS = 'cc-chart-pause';
  var BODY_CLASS = 'cc-chart-body';
  // The drawing's tab stop (EnableKeyboardNavigation): kept in place by a refresh, so its focus stays.
  var KEYS_CLASS = 'cc-chart-keys';
  var BUSY_CLASS = 'cc-chart-refreshing';
  var FAILING_CLASS = 'cc-chart-failing';
  /** Low on purpose: back within seconds of the server, yet one call per 4 s per page while it is down. */
  var DEFAULT_BACKOFF_LIMIT = 4000;
  // A container narrower than 85% of the drawing's declared width gets a drawing of its own width.
  var NARROW_RATIO = 0.85;
  /** The request queue's strategy for ticks: calls made meanwhile join the tick or wait for it. */
  var TICK_STRATEGY = 'join-or-queue-last';

  function toFrequency(value) {
    var number = Number(value);
    return isFinite(number) && number > 0 ? Math.floor(number) : 0;
  }

  function toggleClass(element, name, on) {
    if (element && element.classList) { element.classList.toggle(name, !!on); }
  }

  /* ------------------------------------------------------------------------------------------
   * RefreshingChartClient
   * ---------------------------------------------------------------------------------------- */

  /**
   * @constructor
   * @param {Element} element the chart's element (div[data-cc-control=refreshingchart])
   * @param {object} options data-cc-options: refreshFrequency, refreshBackoffLimit and the runtime's own
   */
  function RefreshingChartClient(element, options) {
    CallbackClient.call(this, element, options);
    this._frequency = toFrequency(this.options.refreshFrequency);
    this._backoffLimit = toFrequency(this.options.refreshBackoffLimit) || DEFAULT_BACKOFF_LIMIT;
    this._running = true;
    this._timer = null;
    this._failures = 0;
    this._paused = false;
    // RefreshMode Push: notifications refresh the chart, and its timer runs only while push is unavailable.
    this._pushMode = this.options.refreshMode === 'push';
    this._pushAvailable = true;
    // A notification came while the chart was paused: resuming refreshes at once.
    this._missedPush = false;
    this._tickArgument = '';
    // The hash the server sent with the drawing on the page: ticks name it, and the server answers
    // { unchanged: true } when it would send the same drawing again. Null until a reply brings one.
    this._shown = null;
    // The points the chart keeps between refreshes (MaxPoints on the server), as the last reply sent
    // them: every call sends them back, so whichever server answers draws on from them.
    this._kept = this.options.kept || null;
    this._onVisibilityChange = this._visibilityChanged.bind(this);
    this._onOnline = this._cameOnline.bind(this);
    this._onResize = this._resized.bind(this);
    this._resizeTimer = null;
  }
  internals.extendClient(RefreshingChartClient);

  /** True while a refresh (a tick or a callback()) is waiting for its reply. */
  Object.defineProperty(RefreshingChartClient.prototype, 'isRefreshing', {
    get: function () { return this.isCallbackPending; }
  });

  /** The milliseconds between refreshes (0: the timer is off). */
  Object.defineProperty(RefreshingChartClient.prototype, 'refreshFrequency', {
    get: function () { return this._frequency; }
  });

  /** False after stop() until start(). */
  Object.defineProperty(RefreshingChartClient.prototype, 'isRunning', {
    get: function () { return this._running && !this.disposed; }
  });

  /**
   * What every timer tick sends as its argument ('' by default). Set it to make an argument sticky
   * (a time range the chart keeps showing); callback(argument) on its own is one-off.
   */
  Object.defineProperty(RefreshingChartClient.prototype, 'tickArgument', {
    get: function () { return this._tickArgument; },
    set: function (value) { this._tickArgument = normalizeArgument(value); }
  });

  /** Failures in a row since the last success; the wait before the next tick grows with it. */
  Object.defineProperty(RefreshingChartClient.prototype, 'failureCount', {
    get: function () { return this._failures; }
  });

  RefreshingChartClient.prototype.init = function () {
    CallbackClient.prototype.init.call(this);
    var doc = this._document();
    if (doc && typeof doc.addEventListener === 'function') {
      doc.addEventListener('visibilitychange', this._onVisibilityChange);
    }
    var win = this._window();
    if (win) {
      win.addEventListener('online', this._onOnline);
      win.addEventListener('resize', this._onResize);
    }
    // The pause toggle the server rendered (ShowPauseButton): outside the drawing, so it survives refreshes.
    this._pauseButton = typeof this.element.querySelector === 'function' ? this.element.querySelector('.' + PAUSE_CLASS) : null;
    if (this._pauseButton) {
      this._onPauseClick = this._pauseClicked.bind(this);
      this._pauseButton.addEventListener('click', this._onPauseClick);
    }
    var Accessibility = CallbackControls.RefreshingChartAccessibility;
    // Only a chart rendered with its polite region (its keys or its announcements on) has a use for it.
    this._accessibility = Accessibility && typeof this.element.querySelector === 'function' && this.element.querySelector('.cc-chart-live')
      ? new Accessibility.ChartAccessibility(this.element, this.options.announceInterval)
      : null;
    this._fitted = this.fittedWidth();
    // A running chart first drawn wider than its container is redrawn at once at the container's width
    // (_onTick does nothing for a chart that is stopped, has no timer, or is hidden).
    if (this._fitted) {
      this._onTick();
    } else {
      this._schedule(this._frequency);
    }
  };

  /**
   * Refreshes now. The argument reaches the server's RefreshCallback as e.CallbackArgument, once (with
   * e.IsTimerTick false); later ticks send tickArgument. With no argument (undefined) it sends
   * tickArgument, as a tick would.
   * @param {*} [argument]
   * @param {*} [context] handed to the hooks as e.context
   * @returns {Promise<{chart: string, data: *}>} the reply; data is what the handler put in e.Result
   */
  RefreshingChartClient.prototype.callback = function (argument, context) {
    var text = argument === undefined ? this._tickArgument : normalizeArgument(argument);
    // Whether it joins a tick, waits for one or replaces another callback() is the queue's to decide.
    return this.submitCall(text, context, 'replace');
  };

  /** Chart1.Callback("args"), as Syncfusion's documentation spells it: the same as callback(). */
  RefreshingChartClient.prototype.Callback = function (argument, context) {
    return this.callback(argument, context);
  };

  /** Starts (or restarts) the timer: the next tick comes one refreshFrequency from now. */
  RefreshingChartClient.prototype.start = function () {
    if (this.disposed) { return; }
    this._running = true;
    this._showPaused(false);
    this._failures = 0;
    toggleClass(this.element, FAILING_CLASS, false);
    if (this._missedPush) {
      this._missedPush = false;
      this._onTick();
    } else if (!this.isCallbackPending) {
      this._schedule(this._frequency);
    }
  };

  /**
   * A notification of the chart's PushTopic: it refreshes as a tick does (the same handler, where
   * e.IsTimerTick is true, the same hooks), with e.context.push set. A paused chart
   * sends nothing and refreshes once when resumed; a hidden page is caught up by the push connection.
   */
  RefreshingChartClient.prototype.pushed = function (e) {
    if (!this._running) {
      this._missedPush = true;
      return;
    }
    if (this._isHidden()) { return; }
    // Not joined to a refresh in flight: that one may have read the data before this change, so the
    // notification's refresh goes after it (only the newest waiting one).
    this.submitCall(this._tickArgument, { timer: true, push: true, topic: e.topic, data: e.data }, 'queue-last');
  };

  /** With RefreshMode Push, the timer stands in while push is unavailable, and stops when it is back. */
  RefreshingChartClient.prototype.pushAvailabilityChanged = function (available) {
    this._pushAvailable = available;
    if (!this._pushMode) { return; }
    if (available) {
      this._clearTimer();
    } else if (!this.isCallbackPending) {
      this._schedule(this._nextDelay());
    }
  };

  /** Stops everything: the timer, the call in flight and a queued call (both reject with kind 'superseded'). */
  RefreshingChartClient.prototype.stop = function () {
    this._running = false;
    this._paused = false;
    this._showPaused(true);
    this._clearTimer();
    this.abortPending('The chart was stopped.');
  };

  /** Pauses the chart (as its pause button does): nothing is sent until resume(). The same as stop(). */
  RefreshingChartClient.prototype.pause = function () { this.stop(); };

  /** Resumes a paused chart: the next refresh comes one refreshFrequency from now. The same as start(). */
  RefreshingChartClient.prototype.resume = function () { this.start(); };

  /** The pause button's state follows the timer's, whoever paused it (the button, or page script). */
  RefreshingChartClient.prototype._showPaused = function (paused) {
    if (this._pauseButton) { this._pauseButton.setAttribute('aria-pressed', paused ? 'true' : 'false'); }
  };

  RefreshingChartClient.prototype._pauseClicked = function () {
    if (this._running) { this.pause(); } else { this.resume(); }
  };

  /**
   * Changes the time between refreshes; 0 turns the timer off (start() is not needed to turn it back on,
   * unless stop() was called). The wait restarts from now.
   * @param {number} milliseconds
   */
  RefreshingChartClient.prototype.setRefreshFrequency = function (milliseconds) {
    var number = Number(milliseconds);
    if (!isFinite(number) || number < 0) {
      throw new RangeError('setRefreshFrequency needs a number of milliseconds, 0 or more.');
    }
    this._frequency = Math.floor(number);
    if (!this.isCallbackPending) { this._schedule(this._nextDelay()); }
  };

  /**
   * Marks timer ticks in the request, so the handler can tell them from calls made by page script, and
   * names the drawing on the page (state.shown) so that an unchanged one is not sent again. A call of
   * page script never names it: callback() always brings a drawing. Every call sends the points the
   * chart keeps (state.kept), when it keeps any.
   */
  RefreshingChartClient.prototype.getState = function (e) {
    var state = null;
    if (e && e.context && e.context.timer === true) {
      state = this._shown ? { timer: true, shown: this._shown } : { timer: true };
    }
    var width = this.fittedWidth();
    if (width) {
      state = state || {};
      state.width = width;
    }
    if (this._kept) {
      state = state || {};
      state.kept = this._kept;
    }
    return state;
  };

  /**
   * The width to ask the server to draw at: the container's, when it is clearly narrower than the
   * drawing (so the chart's text keeps its size on a phone or in a narrow column instead of shrinking
   * with the drawing); 0 when the drawing fits. Compared with the declared width, not the current
   * drawing's, so a narrow drawing never flips back and forth.
   */
  RefreshingChartClient.prototype.fittedWidth = function () {
    var declared = Number(this.options.chartWidth) || 0;
    var width = this.element && this.element.clientWidth;
    if (!declared || !width || width >= declared * NARROW_RATIO) { return 0; }
    return Math.round(width);
  };

  /**
   * Swaps the new drawing in, in one task, so the page never shows a half-built chart and the container
   * keeps its size (the new SVG has the same viewBox): the body whole, or around its tab stop and its data
   * table, which stay in place (keepParts).
   * The markup comes from the server's renderer, which escapes all text; it is parsed in an inert
   * template, so nothing in it runs or loads before it is in place.
   */
  RefreshingChartClient.prototype.applyResult = function (result) {
    if (result && result.kept) { this._kept = result.kept; }
    // { unchanged: true }: the server would send the drawing the page shows; the DOM is left alone.
    if (!result || result.unchanged === true || typeof result.chart !== 'string') { return; }
    this.replaceChart(result.chart);
    this._shown = typeof result.hash === 'string' ? result.hash : null;
  };

  /** Replaces the chart body with new markup (a div.cc-chart-body, as the server renders it). */
  RefreshingChartClient.prototype.replaceChart = function (markup) {
    // Whatever comes in, the page no longer shows the drawing the last hash named.
    this._shown = null;
    var doc = this._document();
    var template = doc.createElement('template');
    template.innerHTML = markup;
    var fresh = template.content ? template.content.firstElementChild : template.firstElementChild;
    if (!fresh || !fresh.classList || !fresh.classList.contains(BODY_CLASS)) {
      throw new CallbackError('malformed', 'The server did not send a chart.');
    }
    var current = this.element.querySelector('.' + BODY_CLASS);
    if (current && current.parentNode) {
      if (!keepParts(current, fresh)) { current.parentNode.replaceChild(fresh, current); }
    } else {
      this.element.insertBefore(fresh, this.element.firstChild);
    }
    if (this._accessibility) { this._accessibility.drawingChanged(); }
  };

  var TABLE_SELECTOR = 'table.cc-chart-table';

  /** The body's child with the class, or null. */
  function childWithClass(body, name) {
    for (var child = body.firstElementChild; child; child = child.nextElementSibling) {
      if (child.classList && child.classList.contains(name)) { return child; }
    }
    return null;
  }

  /**
   * Swaps the new drawing in around the parts a reader may be in, which stay the same nodes: the drawing's
   * tab stop (its drawing replaced inside it, so its focus stays) and the data table (updated in place:
   * rows added, removed or rewritten, so a screen reader keeps its place and focus in it stays). Everything
   * else of the body is replaced in the same task, so the page never shows a half-swapped chart. False when
   * neither part is in both bodies (the caller swaps the body whole).
   */
  function keepParts(current, fresh) {
    if (typeof current.querySelector !== 'function' || typeof fresh.querySelector !== 'function') { return false; }
    var kept = [];
    var stop = childWithClass(current, KEYS_CLASS);
    var incomingStop = childWithClass(fresh, KEYS_CLASS);
    if (stop && incomingStop) {
      patchTabStop(stop, incomingStop);
      kept.push([stop, incomingStop]);
    }
    var table = current.querySelector(TABLE_SELECTOR);
    var incoming = fresh.querySelector(TABLE_SELECTOR);
    var wrapper = table && table.parentNode;
    var incomingWrapper = incoming && incoming.parentNode;
    if (wrapper && incomingWrapper && wrapper.parentNode === current && incomingWrapper.parentNode === fresh) {
      patchTable(table, incoming);
      kept.push([wrapper, incomingWrapper]);
    }
    if (!kept.length) { return false; }
    copyAttributes(current, fresh, null);
    // Every other child replaced by the new ones, in the new body's order around the kept parts (which are
    // never moved: moving a node would take the focus and a screen reader's place with it).
    var keeps = function (node) { return kept.some(function (pair) { return pair[0] === node; }); };
    Array.prototype.slice.call(current.childNodes).forEach(function (child) {
      if (!keeps(child)) { current.removeChild(child); }
    });
    var after = null;
    Array.prototype.slice.call(fresh.childNodes).forEach(function (node) {
      var pair = kept.filter(function (p) { return p[1] === node; })[0];
      if (pair) {
        after = pair[0];
        return;
      }
      current.insertBefore(node, after ? after.nextSibling : current.firstChild);
      after = node;
    });
    return true;
  }

  /** The element's attributes made the incoming one's, but for `unless` (an attribute left as it is). */
  function copyAttributes(element, incoming, unless) {
    var i;
    for (i = element.attributes.length - 1; i >= 0; i--) {
      var name = element.attributes[i].name;
      if (name !== unless && !incoming.hasAttribute(name)) { element.removeAttribute(name); }
    }
    for (i = 0; i < incoming.attributes.length; i++) {
      if (incoming.attributes[i].name !== unless) { element.setAttribute(incoming.attributes[i].name, incoming.attributes[i].value); }
    }
  }

  /**
   * The tab stop holds the new drawing. Its name (the chart's title) is left as it is while it has focus:
   * a screen reader would say a focused element's new name, and a refresh is to say nothing.
   */
  function patchTabStop(stop, incoming) {
    var focused = stop.ownerDocument && stop.ownerDocument.activeElement === stop;
    copyAttributes(stop, incoming, focused ? 'aria-label' : null);
    while (stop.firstChild) { stop.removeChild(stop.firstChild); }
    while (incoming.firstChild) { stop.appendChild(incoming.firstChild); }
  }

  /** Makes the table read as the incoming one: caption and headers rewritten where they differ, each series' rows patched. */
  function patchTable(table, incoming) {
    setText(table.caption, incoming.caption);
    var heads = table.tHead ? table.tHead.rows : [];
    var incomingHeads = incoming.tHead ? incoming.tHead.rows : [];
    if (heads.length === 1 && incomingHeads.length === 1) { patchRow(heads[0], incomingHeads[0]); }
    patchFoot(table, incoming);
    var body = table.tBodies[0];
    var incomingBody = incoming.tBodies[0];
    if (!body || !incomingBody) { return; }
    var groups = groupRows(body.rows);
    var incomingGroups = groupRows(incomingBody.rows);
    // Series in the incoming order; a series gone loses its rows, a new one gets them at the end.
    var names = Object.keys(groups);
    for (var n = 0; n < names.length; n++) {
      if (!Object.prototype.hasOwnProperty.call(incomingGroups, names[n])) {
        groups[names[n]].forEach(function (row) { body.removeChild(row); });
      }
    }
    var anchor = null;
    var order = Object.keys(incomingGroups);
    for (var g = order.length - 1; g >= 0; g--) {
      var rows = Object.prototype.hasOwnProperty.call(groups, order[g]) ? groups[order[g]] : [];
      anchor = patchGroup(body, rows, incomingGroups[order[g]], anchor);
    }
  }

  /** The footer (what each series' unlisted values hold) patched row by row, added or removed. */
  function patchFoot(table, incoming) {
    var foot = table.tFoot;
    var incomingFoot = incoming.tFoot;
    if (!incomingFoot) {
      if (foot) { table.removeChild(foot); }
      return;
    }
    if (!foot) {
      table.appendChild(incomingFoot);
      return;
    }
    var rows = Array.prototype.slice.call(foot.rows);
    var incomingRows = Array.prototype.slice.call(incomingFoot.rows);
    for (var r = 0; r < incomingRows.length; r++) {
      if (r < rows.length) {
        patchRow(rows[r], incomingRows[r]);
      } else {
        foot.appendChild(incomingRows[r]);
      }
    }
    for (var x = incomingRows.length; x < rows.length; x++) { foot.removeChild(rows[x]); }
  }

  /** The rows of a table body by their row header (the series' name), in order. */
  function groupRows(rows) {
    var groups = {};
    for (var i = 0; i < rows.length; i++) {
      var name = rows[i].cells.length ? rows[i].cells[0].textContent : '';
      (groups[name] = groups[name] || []).push(rows[i]);
    }
    return groups;
  }

  /**
   * One series' rows made to read as the incoming ones, placed before `anchor` (null: at the end).
   * A series that moved on by a few points (the oldest gone, the newest added, as a live chart's does)
   * keeps the rows still shown and only loses and gains rows at its ends; otherwise rows are rewritten
   * in place. Returns the group's first row, the anchor for the series before it.
   */
  function patchGroup(body, rows, incoming, anchor) {
    var key = function (row) { return row.textContent; };
    var oldKeys = rows.map(key);
    var newKeys = incoming.map(key);
    var shift = -1;
    for (var s = 0; s < rows.length && shift < 0; s++) {
      var same = true;
      for (var k = s; k < rows.length && same; k++) {
        same = k - s < newKeys.length && oldKeys[k] === newKeys[k - s];
      }
      if (same) { shift = s; }
    }
    var kept = rows;
    if (shift > 0) {
      rows.slice(0, shift).forEach(function (row) { body.removeChild(row); });
      kept = rows.slice(shift);
    }
    if (shift < 0) {
      // Not a move along the series: the rows are rewritten where they are.
      for (var r = 0; r < kept.length && r < incoming.length; r++) { patchRow(kept[r], incoming[r]); }
    }
    // Rows beyond the incoming ones go; the incoming beyond the kept ones come after them.
    while (kept.length > incoming.length) { body.removeChild(kept.pop()); }
    var final = kept.concat(incoming.slice(kept.length));
    // Placed from the last, before the next series' first row: a row already in place is not touched
    // (moving a node would take the focus and a screen reader's place with it).
    var next = anchor;
    for (var f = final.length - 1; f >= 0; f--) {
      if (final[f].parentNode !== body || final[f].nextSibling !== next) { body.insertBefore(final[f], next); }
      next = final[f];
    }
    return final.length ? final[0] : anchor;
  }

  /** The row's cells rewritten where their text differs (the same number of cells, as the server writes them). */
  function patchRow(row, incoming) {
    if (row.cells.length !== incoming.cells.length) {
      row.parentNode.replaceChild(incoming, row);
      return;
    }
    for (var c = 0; c < row.cells.length; c++) { setText(row.cells[c], incoming.cells[c]); }
  }

  function setText(node, incoming) {
    if (node && incoming && node.textContent !== incoming.textContent) { node.textContent = incoming.textContent; }
  }

  /**
   * Counts a failure before the error hook runs, so the hook sees it in failureCount. Every failure
   * of a call passes through fail(), so this is the only place that counts one.
   */
  RefreshingChartClient.prototype.fail = function (e, ex) {
    if (!isQuiet(ex)) { this._failures += 1; }
    return CallbackClient.prototype.fail.call(this, e, ex);
  };

  RefreshingChartClient.prototype.setBusy = function (busy) {
    if (!this.element) { return; }
    // aria-busy and a class only: nothing visible changes, so a refresh never flickers.
    if (busy) {
      if (this.element.setAttribute) { this.element.setAttribute('aria-busy', 'true'); }
    } else if (this.element.removeAttribute) {
      this.element.removeAttribute('aria-busy');
    }
    toggleClass(this.element, BUSY_CLASS, busy);
  };

  RefreshingChartClient.prototype.dispose = function () {
    if (this.disposed) { return; }
    this._running = false;
    this._clearTimer();
    var doc = this._document();
    if (doc && typeof doc.removeEventListener === 'function') {
      doc.removeEventListener('visibilitychange', this._onVisibilityChange);
    }
    var win = this._window();
    if (win) {
      win.removeEventListener('online', this._onOnline);
      win.removeEventListener('resize', this._onResize);
    }
    if (this._resizeTimer !== null) { clearTimeout(this._resizeTimer); this._resizeTimer = null; }
    if (this._pauseButton) { this._pauseButton.removeEventListener('click', this._onPauseClick); }
    if (this._accessibility) { this._accessibility.dispose(); }
    CallbackClient.prototype.dispose.call(this);
  };

  /* ------------------------------------------------------------------------------------------
   * Timer internals
   * ---------------------------------------------------------------------------------------- */

  RefreshingChartClient.prototype._document = function () {
    return (this.element && this.element.ownerDocument) || root.document || null;
  };

  /** The window the chart lives in, where 'online' is raised; null where there is none (node). */
  RefreshingChartClient.prototype._window = function () {
    var doc = this._document();
    var win = (doc && doc.defaultView) || (root.window === root ? root : null);
    return win && typeof win.addEventListener === 'function' ? win : null;
  };

  RefreshingChartClient.prototype._isHidden = function () {
    var doc = this._document();
    return !!doc && doc.visibilityState === 'hidden';
  };

  RefreshingChartClient.prototype._clearTimer = function () {
    if (this._timer !== null) {
      clearTimeout(this._timer);
      this._timer = null;
    }
  };

  /** The wait before the next tick: the frequency, doubled per failure in a row, capped. */
  RefreshingChartClient.prototype._nextDelay = function () {
    if (this._failures === 0) { return this._frequency; }
    var cap = Math.max(this._backoffLimit, this._frequency);
    return Math.min(this._frequency * Math.pow(2, Math.min(this._failures, 30)), cap);
  };

  /** Whether the timer runs: a frequency, and not a push chart whose notifications arrive. */
  RefreshingChartClient.prototype._timerOn = function () {
    return this._frequency > 0 && !(this._pushMode && this._pushAvailable);
  };

  RefreshingChartClient.prototype._schedule = function (delay) {
    this._clearTimer();
    if (!this._running || this.disposed || !this._timerOn()) { return; }
    if (this._isHidden()) {
      // Nothing is due while nobody looks; the return to the page refreshes once.
      this._paused = true;
      return;
    }
    var self = this;
    this._timer = setTimeout(function () {
      self._timer = null;
      self._onTick();
    }, delay);
  };

  RefreshingChartClient.prototype._onTick = function () {
    if (!this._running || this.disposed || (this._frequency <= 0 && !this.options.push)) { return; }
    if (this._isHidden()) {
      this._paused = true;
      return;
    }
    // A call of page script is in flight: its reply schedules the next tick.
    if (this.isCallbackPending) { return; }
    this.submitCall(this._tickArgument, { timer: true }, TICK_STRATEGY);
  };

  /**
   * Every call that starts (a tick, callback(), a queued call the request queue sends) stops the wait
   * for a tick; when it settles, the next tick is scheduled from its outcome. The handlers are
   * attached here, before the queue's own, so the count is up to date when a queued call goes.
   */
  RefreshingChartClient.prototype.startCall = function (argument, context, slot) {
    var self = this;
    this._clearTimer();
    var promise = CallbackClient.prototype.startCall.call(this, argument, context, slot);
    promise.then(function () { self._settled(null); }, function (error) { self._settled(error); });
    return promise;
  };

  RefreshingChartClient.prototype._settled = function (error) {
    if (this.disposed) { return; }
    var kind = error && error.kind;
    // Replaced by a newer call (or by stop()): that call, or start(), decides what comes next.
    if (kind === 'superseded' || kind === 'disposed') { return; }
    // A failure was counted by fail() already; a cancelled call neither fails nor succeeds.
    if (!error) { this._failures = 0; }
    toggleClass(this.element, FAILING_CLASS, this._failures > 0);
    // A queued call goes next (the queue sends it) or a call is in flight: its reply schedules the tick.
    if (this.requests.waiting || this.isCallbackPending) { return; }
    this._schedule(this._nextDelay());
  };

  RefreshingChartClient.prototype._visibilityChanged = function () {
    if (this.disposed) { return; }
    if (this._isHidden()) {
      if (this._timer !== null || this.isCallbackPending) { this._paused = true; }
      this._clearTimer();
      return;
    }
    if (!this._paused) { return; }
    this._paused = false;
    // Back on the page: refresh once now (unless a call is already on its way), then the usual rhythm.
    if (!this.isCallbackPending) { this._onTick(); }
  };

  /**
   * The network is back: a chart waiting out a back-off retries now rather than at the end of its wait.
   * Nothing happens for a chart that is not failing, so a flapping connection adds no calls.
   */
  RefreshingChartClient.prototype._cameOnline = function () {
    if (this.disposed || !this._running || this._failures === 0 || this._timer === null || this._isHidden()) { return; }
    this._clearTimer();
    this._onTick();
  };

  /**
   * The window was resized: once it has settled (250 ms), a running chart whose fitted width changed
   * (a phone turned, a column narrowed) is redrawn at once rather than at its next tick.
   */
  RefreshingChartClient.prototype._resized = function () {
    var self = this;
    if (this._resizeTimer !== null) { clearTimeout(this._resizeTimer); }
    this._resizeTimer = setTimeout(function () {
      self._resizeTimer = null;
      var fitted = self.fittedWidth();
      if (fitted === self._fitted) { return; }
      self._fitted = fitted;
      // _onTick leaves alone a chart that is stopped, hidden or waiting for a reply.
      self._clearTimer();
      self._onTick();
    }, 250);
  };

  CallbackControls.RefreshingChartClient = RefreshingChartClient;
  return RefreshingChartClient;
}));
