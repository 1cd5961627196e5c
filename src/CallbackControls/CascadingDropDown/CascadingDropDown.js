/*
 * CallbackControls: the CascadingDropDown client type.
 * Listens to its parent list; when the parent changes it clears itself (and so every level below),
 * fetches its items by callback (or from its cache) and fills the list with DOM nodes, never markup.
 */
(function (root, define) {
  'use strict';
  // The browser has loaded the runtime before this file; node --test loads this file by itself.
  var runtime = root.CallbackControls || (typeof require === 'function' ? require('../Scripts/CallbackControls.js') : null);
  if (!runtime) { throw new Error('CascadingDropDown.js needs the CallbackControls runtime loaded first.'); }
  var type = runtime.define('cascadingdropdown', define);
  if (typeof module === 'object' && module.exports) { module.exports = type; }
}(typeof window !== 'undefined' ? window : globalThis, function (CallbackControls, internals, root) {
  'use strict';

  var CallbackClient = CallbackControls.CallbackClient;
  var isQuiet = internals.isQuiet;

  // Arrow keys through a parent list fire a change per key (100 in a second when a key is held).
  // A change that follows a key press on the parent waits this long for the next one, so only the
  // choice the user stops on is fetched; a click or a script's change is fetched at once.
  var KEYBOARD_QUIET_MS = 150;
  // How recent a key press must be for a change to count as keyboard-driven.
  var KEYBOARD_WINDOW_MS = 1000;
  // A reply within this time fills the list without the loading state ever being shown: a reply that
  // quick reads as instant, and "Loading..." flashing for a few milliseconds costs two extra rewrites
  // of the list and of the status region, and an announcement a screen reader user does not need.
  var LOADING_DELAY_MS = 100;

  /**
   * The page author's value for a value as it is in the page: values that would trip ASP.NET
   * request validation travel as "~" + base64url(UTF-8) (see ListValueCodec on the server).
   * @param {string} value
   * @returns {string}
   */
  function decodeValue(value) {
    if (typeof value !== 'string' || value.charAt(0) !== '~') { return value; }
    try {
      var base64 = value.substring(1).replace(/-/g, '+').replace(/_/g, '/');
      while (base64.length % 4) { base64 += '='; }
      var binary = root.atob(base64);
      var bytes = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
      return new root.TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (ex) {
      return value;
    }
  }

  /** Whether a level above has nothing chosen: the list then waits for it. */
  /** Whether any of the chosen values is among the new options (and may be chosen). */
  function keepChoice(options, values) {
    for (var i = 0; i < options.length; i++) {
      if (!options[i].disabled && values.indexOf(options[i].value) >= 0) { return true; }
    }
    return false;
  }

  function anyUnchosen(ancestors) {
    return ancestors.some(function (v) { return v === ''; });
  }

  /**
   * @constructor
   * @param {Element} element the control's wrapper
   * @param {object} options listId, parentId, prompt {text, value}, loadingText, emptyText, cache, multiple
   */
  function CascadingDropDownClient(element, options) {
    CallbackClient.call(this, element, options);
    this.cache = {};
    this.list = null;
    this.parent = null;
    this.filterBox = null;
    this._filling = false;
  }
  internals.extendClient(CascadingDropDownClient);

  /* ------------------------------------------------------------------------------------------
   * Start and stop
   * ---------------------------------------------------------------------------------------- */

  CascadingDropDownClient.prototype.init = function () {
    var self = this;
    var doc = root.document;
    this.list = doc.getElementById(this.options.listId);
    this.parent = this.options.parentId ? doc.getElementById(this.options.parentId) : null;
    this._onParentKeyDown = function () { self._parentKeyAt = Date.now(); };
    this._onParentChange = function () { self._parentChanged(); };
    this._onListChange = function () {
      if (self._filling) { return; }
      self.runHookSafely('selectionChanged', { control: self, value: decodeValue(self.getValue()), values: self.getValues().map(decodeValue) });
    };
    if (this.parent) {
      this.parent.addEventListener('change', this._onParentChange);
      this.parent.addEventListener('keydown', this._onParentKeyDown);
    }
    if (this.list) { this.list.addEventListener('change', this._onListChange); }
    this.describeByStatus();
    if (this.options.filter) { this._initFilter(); }
    // The browser may restore an older parent choice (back button) over what the server rendered.
    if (this.parent && JSON.stringify(this.ancestorValues()) !== JSON.stringify(this.options.ancestors || [])) {
      this.refresh();
    }
  };

  CascadingDropDownClient.prototype.dispose = function () {
    this.withdrawRetry();
    this._clearQuietTimer();
    this._clearLoadingTimer();
    if (this.parent && this._onParentChange) {
      this.parent.removeEventListener('change', this._onParentChange);
      this.parent.removeEventListener('keydown', this._onParentKeyDown);
    }
    if (this.list && this._onListChange) { this.list.removeEventListener('change', this._onListChange); }
    this._disposeFilter();
    CallbackClient.prototype.dispose.call(this);
  };

  /**
   * Makes the status region the list's accessible description, so a screen reader that lands on the
   * list hears its count, "No cities" or why it failed, not only the live announcement made while
   * the user was on another list. The region gets an id from the list's own (ids are unique per page).
   */
  CascadingDropDownClient.prototype.describeByStatus = function () {
    var list = this.list;
    var region = this.element && this.element.querySelector ? this.element.querySelector('.cc-status') : null;
    if (!list || !region || !list.id || !list.setAttribute) { return; }
    if (!region.id) { region.id = list.id + '_status'; }
    var ids = (list.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    if (ids.indexOf(region.id) < 0) { ids.push(region.id); }
    list.setAttribute('aria-describedby', ids.join(' '));
  };

  /** The list's visible label text ('' when it has none), so an announcement says which list it is about. */
  CascadingDropDownClient.prototype.labelText = function () {
    // The label element is found once (list.labels searches the document on every read); its text
    // is read each time, so a label the page rewrites is announced as it reads now.
    var label = this._label;
    if (!label || !internals.inDocument(label)) {
      var labels = this.list && this.list.labels;
      label = this._label = labels && labels.length ? labels[0] : null;
    }
    var text = label ? label.textContent : '';
    return (text || '').replace(/\s+/g, ' ').trim();
  };

  /**
   * Announces what the list now offers: "Region: 12 items" (countText or countOneText from the
   * server, in the page's language; "{0}" is the count), or the empty text (noItemsText when the
   * page set none). Written once per fill, so a screen reader user on the parent list learns that
   * the next list is ready without moving to it.
   * @param {number} count
   */
  CascadingDropDownClient.prototype.announceCount = function (count) {
    var text = count === 0
      ? (this.options.emptyText || this.options.noItemsText || 'No items')
      : String((count === 1 ? this.options.countOneText : this.options.countText) || (count === 1 ? '{0} item' : '{0} items')).replace('{0}', String(count));
    var label = this.labelText();
    this.showStatus(label ? label + ': ' + text : text, 'count');
  };

  /**
   * A failure names the list it is about ("Region: The server answered with HTTP 503."), as the count
   * does, so a user who was on another list knows which one failed.
   */
  CascadingDropDownClient.prototype.userMessage = function (error) {
    var text = CallbackClient.prototype.userMessage.call(this, error);
    var label = this.labelText();
    return label ? label + ': ' + text : text;
  };

  /**
   * Shows a Try again button after the status region (a real button: keyboard reachable, named by
   * its text, in the page's language); pressing it asks again for the chain as it stands.
   */
  CascadingDropDownClient.prototype.offerRetry = function () {
    var region = this.statusRegion();
    var doc = root.document;
    if (!region || !region.parentNode || !doc || this._retry) { return; }
    var self = this;
    var button = doc.createElement('button');
    button.type = 'button';
    button.className = 'cc-retry';
    var texts = this.options.texts;
    button.textContent = texts && typeof texts.retry === 'string' ? texts.retry : 'Try again';
    var label = this.labelText();
    if (label) { button.setAttribute('aria-label', button.textContent + ': ' + label); }
    button.addEventListener('click', function () {
      var hadFocus = doc.activeElement === button;
      self._focusAfterRetry = hadFocus;
      // A failed search or next page is asked for again as it was, the list and the typed text kept;
      // anything else refills the list for the chain as it stands.
      var again = self._retryWith;
      self._retryWith = null;
      if (again) {
        self.withdrawRetry();
        again();
      } else {
        self.refresh();
      }
    });
    region.parentNode.insertBefore(button, region.nextSibling);
    this._retry = button;
    // Pressed with the keyboard and failed again: the new button takes the focus the old one had.
    if (this._focusAfterRetry) {
      this._focusAfterRetry = false;
      button.focus();
    }
  };

  /** Removes the Try again button, if one is shown. */
  CascadingDropDownClient.prototype.withdrawRetry = function () {
    var button = this._retry;
    this._retry = null;
    if (button && button.parentNode) { button.parentNode.removeChild(button); }
  };

  /* ------------------------------------------------------------------------------------------
   * Reading the chain
   * ---------------------------------------------------------------------------------------- */

  /** The client object of the CascadingDropDown whose list is the given element, if any. */
  function cascadingFor(list) {
    var wrapper = list && list.parentNode;
    var instance = wrapper && wrapper.__callbackControl;
    return instance instanceof CascadingDropDownClient ? instance : null;
  }

  /** Values of every level above, top level first, as they are in the page now. */
  CascadingDropDownClient.prototype.ancestorValues = function () {
    var values = [];
    var seen = [];
    for (var level = this.parent; level && seen.indexOf(level) < 0; ) {
      seen.push(level);
      values.unshift(level.value || '');
      var owner = cascadingFor(level);
      level = owner ? owner.parent : null;
    }
    return values;
  };

  /** The selected value as the page author gave it, or '' when nothing (or the prompt) is selected. */
  CascadingDropDownClient.prototype.getSelectedValue = function () {
    return decodeValue(this.getValue());
  };

  /** The selected value as it is written in the page (possibly encoded), or ''. */
  CascadingDropDownClient.prototype.getValue = function () {
    var values = this.getValues();
    return values.length ? values[0] : '';
  };

  CascadingDropDownClient.prototype.getValues = function () {
    var values = [];
    if (!this.list) { return values; }
    var promptValue = this.options.prompt ? this.options.prompt.value : null;
    // selectedOptions holds only the chosen ones: every fill reads the selection twice, and walking
    // all of a long list's options for it was a tenth of the client's time per change.
    var chosen = this.list.selectedOptions || this.list.options;
    for (var i = 0; i < chosen.length; i++) {
      var option = chosen[i];
      if (option.selected && !option.disabled && option.value !== promptValue && option.value !== '') { values.push(option.value); }
    }
    return values;
  };

  /* ------------------------------------------------------------------------------------------
   * Filling
   * ---------------------------------------------------------------------------------------- */

  /** The control's state sent with each call: the chain it asks items for. */
  CascadingDropDownClient.prototype.getState = function (e) {
    var state = { ancestors: this.ancestorValues() };
    var filter = this.options.filter;
    var context = e && e.context;
    if (filter && context && context.cascadingKey) {
      // The list's own settings decide on a page built for the call; a page method (no page) reads them from here.
      state.filter = context.filter || '';
      state.skip = context.skip || 0;
      state.mode = filter.mode;
      state.take = filter.take;
    }
    return state;
  };

  /**
   * The parent changed: refresh now, or, when the change came from the keyboard and the items are not
   * in the cache, clear the list at once and fetch only after a short quiet period.
   */
  CascadingDropDownClient.prototype._parentChanged = function () {
    var self = this;
    this._clearQuietTimer();
    var byKeyboard = this._parentKeyAt !== undefined && Date.now() - this._parentKeyAt < KEYBOARD_WINDOW_MS;
    var ancestors = this.ancestorValues();
    if (!byKeyboard || this._isCached(this._firstPageKey(JSON.stringify(ancestors))) || anyUnchosen(ancestors)) {
      this.refresh();
      return;
    }
    // The list never shows items of a parent value the user has moved past: it waits, loading.
    this.abortPending();
    this.replaceOptions([], true);
    this.showLoading();
    this._quietTimer = setTimeout(function () {
      self._quietTimer = null;
      self.refresh();
    }, KEYBOARD_QUIET_MS);
  };

  /** The cache key of a chain's items as a refill shows them: every item, or a filtered list's first page. */
  CascadingDropDownClient.prototype._firstPageKey = function (chainKey) {
    return this.options.filter ? matchesKey(chainKey, '', 0) : chainKey;
  };

  /** Whether the items of a chain (its JSON key) are in the per-parent cache. */
  CascadingDropDownClient.prototype._isCached = function (key) {
    return !!this.options.cache && Object.prototype.hasOwnProperty.call(this.cache, key);
  };

  CascadingDropDownClient.prototype._clearQuietTimer = function () {
    if (this._quietTimer) {
      clearTimeout(this._quietTimer);
      this._quietTimer = null;
    }
  };

  CascadingDropDownClient.prototype._clearLoadingTimer = function () {
    if (this._loadingTimer) {
      clearTimeout(this._loadingTimer);
      this._loadingTimer = null;
    }
  };

  /**
   * Shows the loading state once the call has taken LOADING_DELAY_MS (options.loadingDelay overrides it;
   * 0 shows it at once); at once too if it is already showing.
   */
  CascadingDropDownClient.prototype._showLoadingSoon = function (showingAlready) {
    var self = this;
    var delay = typeof this.options.loadingDelay === 'number' ? this.options.loadingDelay : LOADING_DELAY_MS;
    this._clearLoadingTimer();
    if (showingAlready || delay <= 0) {
      this.showLoading();
      return;
    }
    this._loadingTimer = setTimeout(function () {
      self._loadingTimer = null;
      self.showLoading();
    }, delay);
  };

  /**
   * Clears the list, then fills it for the parent's current value (from the cache or the server).
   * @returns {Promise<void>}
   */
  CascadingDropDownClient.prototype.refresh = function () {
    var self = this;
    this.withdrawRetry();
    this._retryWith = null;
    // A refill supersedes a search and the typing pause: the new chain starts from its first page.
    this._clearFilterTimer();
    this._searching = false;
    this._clearQuietTimer();
    this._clearLoadingTimer();
    // Loading shown already (a keyboard change waiting for its quiet period): it stays up, no flicker.
    var loadingShown = !!this.list && this.list.getAttribute('aria-busy') === 'true';
    var ancestors = this.ancestorValues();
    // What the list offered before is no longer so; the status must not keep saying it.
    this.clearStatus('count');
    this.replaceOptions([], true);
    if (this.filterBox && anyUnchosen(ancestors)) {
      this._clearFilterBox();
      this.filterBox.disabled = true;
      this._shown = this._total = 0;
    }
    if (ancestors.length === 0 || anyUnchosen(ancestors)) {
      // The parent has no selection: wait for it. A pending fetch for an older parent is dropped.
      this.dropStaleCalls();
      this.setBusy(false);
      return Promise.resolve();
    }
    var key = JSON.stringify(ancestors);
    // A filtered list starts again from every item of the new chain: text typed for the old one would hide the new one's items.
    this._clearFilterBox();
    var cacheKey = this._firstPageKey(key);
    if (this._isCached(cacheKey)) {
      this.dropStaleCalls();
      this.fill(this.cache[cacheKey]);
      return Promise.resolve();
    }
    var e = { control: this, ancestors: ancestors.map(decodeValue), parentValue: decodeValue(ancestors[ancestors.length - 1]), filter: '', cancel: false };
    if (!this.runHookSafely('populating', e) || e.cancel) { return Promise.resolve(); }
    this._showLoadingSoon(loadingShown);
    // The chain asked for travels as the call's context, so the reply need not echo it (a reply for an
    // older chain is cached but not shown). A call waits for the one in flight, which the server
    // finishes anyway (and, under the session lock, would make a call sent beside it wait for it):
    // only the newest waits, and the ones in between are never sent.
    return this.submitCall('', { cascadingKey: key, filter: '', skip: 0 }, 'queue-last').then(function () {}, function (error) {
      // A failure of a call for an older chain says nothing of the list as it stands now.
      if (isQuiet(error) || !self.isCurrentChain(key)) { return; }
      // The list stays empty and disabled; the status region says which list failed and why, and a
      // button beside it asks again for the same chain.
      self.replaceOptions([], true, false);
      self.setBusy(false);
      self.offerRetry();
    });
  };

  /**
   * Drops the calls for an older chain: the waiting one is never sent. The one in flight is aborted
   * only for a page method; a call to the page goes on, since the server finishes it anyway and, under
   * the session lock, a new call sent beside it would wait for it (and then for the lock's next poll).
   * Its reply is cached and not shown.
   */
  CascadingDropDownClient.prototype.dropStaleCalls = function () {
    if (this.options.method) {
      this.abortPending();
    } else {
      this.requests.dropWaiting('superseded', 'A newer choice of the parent list replaced this call.');
    }
  };

  /** Whether a call's chain (its cascadingKey) is the chain as it stands now. */
  CascadingDropDownClient.prototype.isCurrentChain = function (key) {
    return key === JSON.stringify(this.ancestorValues());
  };

  /** Applies a reply: only when it is for the chain as it stands now, so a slow reply never shows a stale list. */
  CascadingDropDownClient.prototype.applyResult = function (result, e) {
    var key = e && e.context && e.context.cascadingKey;
    if (!key) { return; } // a call made by page script: its result goes to its promise only
    if (this.options.filter) {
      this.applyMatches(result, e.context);
      return;
    }
    var items = Array.isArray(result) ? result : [];
    if (this.options.cache) { this.cache[key] = items; }
    if (!this.isCurrentChain(key)) { return; }
    if (e.context.pushed) {
      this.refillInPlace(items);
    } else {
      this.fill(items);
    }
  };

  /**
   * A notification of the list's PushTopic: its items changed on the server. Every cached answer is
   * dropped and the items of the current parent are asked again, for refillInPlace. A list waiting for
   * its parent has nothing to refill; a list with type-to-find asks afresh at its next search.
   */
  CascadingDropDownClient.prototype.pushed = function () {
    this.cache = {};
    if (this.options.filter || !this.list) { return; }
    var ancestors = this.ancestorValues();
    if (ancestors.length === 0 || anyUnchosen(ancestors)) { return; }
    // A failure shows in the status region as any other; nothing else depends on this call.
    this.submitCall('', { cascadingKey: JSON.stringify(ancestors), filter: '', skip: 0, pushed: true }, 'queue-last').then(null, function () {});
  };

  /**
   * Refills the same list with new items, keeping what the user chose while it is still offered (the
   * focus stays on the list: the element is not replaced); the levels below hear of it only when the
   * choice changed, and the count is said again only when it changed.
   */
  CascadingDropDownClient.prototype.refillInPlace = function (items) {
    var before = this.list.options.length;
    this._keepChoice = this.getValues();
    this.replaceOptions(items, items.length === 0, undefined, true);
    if (this.list.options.length !== before) { this.announceCount(items.length); }
    this.runHookSafely('populated', { control: this, items: items });
  };

  /** Fills the list with [text, value] pairs and tells the levels below that it changed. */
  CascadingDropDownClient.prototype.fill = function (items) {
    // A filtered list's reply is a page of matches (which says how many match, itself).
    var filtered = !!this.options.filter;
    if (filtered) {
      this.fillMatches(items, '', false);
    } else {
      this.replaceOptions(items, items.length === 0);
    }
    // Filled after the user pressed Try again: the keyboard goes on from the list, not from the page's top.
    if (this._focusAfterRetry) {
      this._focusAfterRetry = false;
      if (this.list && !this.list.disabled && typeof this.list.focus === 'function') { this.list.focus(); }
    }
    this.setBusy(false);
    if (filtered) {
      this._populated('');
    } else {
      this.announceCount(items.length);
      this.runHookSafely('populated', { control: this, items: items });
    }
  };

  CascadingDropDownClient.prototype.showLoading = function () {
    this._clearLoadingTimer();
    if (!this.list) { return; }
    var doc = root.document;
    this._filling = true;
    try {
      this.list.textContent = '';
      var option = doc.createElement('option');
      option.value = '';
      option.textContent = this.options.loadingText || '';
      this.list.appendChild(option);
      this.list.disabled = true;
    } finally {
      this._filling = false;
    }
    this.setBusy(true);
    this.showStatus(this.options.loadingText || '', 'loading');
  };

  /**
   * Replaces every option: the prompt (or the empty text) then the items. Built off-document in a
   * fragment so 10,000 items cost one reflow.
   */
  CascadingDropDownClient.prototype.replaceOptions = function (items, disabled, allowEmptyText, onlyOnChange) {
    var list = this.list;
    if (!list) { return; }
    var doc = root.document;
    var previous = this.getValues().join('\u001f');
    var fragment = doc.createDocumentFragment();
    var prompt = this.options.prompt;
    var addOption = function (text, value, item) {
      return fragment.appendChild(createOption(doc, text, value, item));
    };
    var noItems = items.length === 0;
    var waiting = disabled && noItems && anyUnchosen(this.ancestorValues());
    if (noItems && !waiting && allowEmptyText !== false && this.options.emptyText) {
      addOption(this.options.emptyText, this.options.emptyValue || '');
    } else if (prompt) {
      addOption(prompt.text, prompt.value).selected = true;
    }
    // The server's default (an item's Selected, or e.SelectedValue) wins over the prompt and the first item.
    var chosen = [];
    for (var i = 0; i < items.length; i++) {
      var option = addOption(items[i][0], items[i][1], items[i][2]);
      if (items[i][2] && items[i][2].selected && !option.disabled) { chosen.push(option); }
    }
    if (chosen.length) {
      if (prompt && fragment.firstChild) { fragment.firstChild.selected = false; }
      for (var c = 0; c < (this.options.multiple ? chosen.length : 1); c++) { chosen[c].selected = true; }
    } else if (!prompt && !this.options.multiple && items.length) {
      fragment.firstChild.selected = true;
    }
    // A refill in place (refillInPlace) keeps the user's choice over the defaults while it is still offered.
    var keep = this._keepChoice;
    this._keepChoice = null;
    if (keep && keep.length && keepChoice(fragment.children, keep)) {
      for (var k = 0; k < fragment.children.length; k++) {
        var kept = fragment.children[k];
        kept.selected = !kept.disabled && keep.indexOf(kept.value) >= 0;
      }
    }
    this._filling = true;
    try {
      list.textContent = '';
      list.appendChild(fragment);
      // A disabled control stays so whatever it is filled with: the server takes nothing posted under its name.
      list.disabled = !!disabled || !!this.options.disabled;
    } finally {
      this._filling = false;
    }
    // An emptied list tells the levels below too (they must empty), except a search that changed no choice.
    if (this.getValues().join('\u001f') !== previous || (noItems && !onlyOnChange)) { this.notifyChildren(); }
  };

  /**
   * Fires 'change' on the list so every level below clears and refills. The list's own inline
   * onchange (AutoPostBack's __doPostBack, or the page's) does not run for it: a refill is not a
   * person's choice, and only a person's choice posts the page back.
   */
  CascadingDropDownClient.prototype.notifyChildren = function () {
    var list = this.list;
    if (!list || typeof root.Event !== 'function') { return; }
    var inline = list.onchange;
    this._filling = true;
    try {
      list.onchange = null;
      list.dispatchEvent(new root.Event('change', { bubbles: true }));
    } finally {
      list.onchange = inline;
      this._filling = false;
    }
  };

  CascadingDropDownClient.prototype.setBusy = function (busy) {
    // A call for an older chain ended while the newest waits behind it: the list is still loading.
    if (!busy && this.requests && this.requests.waiting) { return; }
    // The call ended (filled, failed or superseded): a loading state not yet shown never will be.
    if (!busy) { this._clearLoadingTimer(); }
    if (!this.list) { return; }
    if (busy) {
      this.list.setAttribute('aria-busy', 'true');
    } else {
      this.list.removeAttribute('aria-busy');
      this.clearStatus('loading');
    }
  };

  /* ------------------------------------------------------------------------------------------
   * Type to find (FilterMode): the server filters, the list shows a page of matches at a time
   * ---------------------------------------------------------------------------------------- */

  /** The cache key of one page of matches of a chain. */
  function matchesKey(chainKey, filter, skip) {
    return chainKey + '\u001f' + filter + '\u001f' + skip;
  }

  /** "~" + base64url of the text's UTF-8: ListValueCodec.Decode on the server reads it back. */
  function encodeText(text) {
    var bytes = new root.TextEncoder().encode(text);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) { binary += String.fromCharCode(bytes[i]); }
    return '~' + root.btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  /** Typed text as the server matches it: trimmed, runs of spaces made one. */
  function normalizeFilter(text) {
    return String(text || '').replace(/\s+/g, ' ').trim();
  }

  /** How many rows from the end of a list box count as its end: scrolling there asks for the next page. */
  var LOAD_MORE_ROWS = 5;

  CascadingDropDownClient.prototype._initFilter = function () {
    var self = this;
    var filter = this.options.filter;
    var doc = root.document;
    this.filterBox = doc.getElementById(this.options.listId + '_Filter');
    this._shownKey = JSON.stringify(this.options.ancestors || []);
    this._shownFilter = normalizeFilter(filter.text);
    this._shown = filter.shown || 0;
    this._total = filter.total || 0;
    var box = this.filterBox;
    if (box) {
      // Named after the list it searches: "Cities, Type to find".
      var label = this.labelText();
      var own = box.getAttribute('aria-label') || '';
      if (label && own.indexOf(label) !== 0) { box.setAttribute('aria-label', label + ', ' + own); }
      var region = this.statusRegion();
      if (region && region.id) { box.setAttribute('aria-describedby', region.id); }
      // A disabled control stays so; otherwise the box waits only for a parent to be chosen.
      box.disabled = !!filter.disabled || !!(this.list && this.list.disabled);
      // What is typed posts encoded in a field of its own, so "<b" typed here never trips ASP.NET's request
      // validation, on a postback or in the calls of the lists below (which post this list's fields).
      if (box.name && doc.createElement) {
        var field = doc.createElement('input');
        field.type = 'hidden';
        field.name = box.name;
        box.removeAttribute('name');
        if (box.parentNode) { box.parentNode.insertBefore(field, box.nextSibling); }
        this._filterField = field;
        this._syncFilterField();
      }
      this._onFilterInput = function () {
        self._syncFilterField();
        self._scheduleSearch();
      };
      this._onFilterKeyDown = function (event) { self._filterKeyDown(event); };
      box.addEventListener('input', this._onFilterInput);
      box.addEventListener('keydown', this._onFilterKeyDown);
    }
    if (this.list) {
      this._onListScroll = function () { self._maybeLoadMore(); };
      this._onListKeyDown = function (event) {
        var key = event.key;
        if ((key === 'ArrowDown' || key === 'PageDown' || key === 'End') && self.list.selectedIndex >= self.list.options.length - LOAD_MORE_ROWS) {
          self.loadMore();
        }
      };
      this.list.addEventListener('scroll', this._onListScroll);
      this.list.addEventListener('keydown', this._onListKeyDown);
    }
  };

  /** Copies the find box's text, encoded as list values are ("~" + base64url of its UTF-8), into the field that posts it. */
  CascadingDropDownClient.prototype._syncFilterField = function () {
    var field = this._filterField;
    if (!field || !this.filterBox) { return; }
    var text = this.filterBox.value || '';
    field.value = text === '' ? '' : encodeText(text);
  };

  /** Empties the find box (and the field that posts it). */
  CascadingDropDownClient.prototype._clearFilterBox = function () {
    if (!this.filterBox) { return; }
    this.filterBox.value = '';
    this._syncFilterField();
  };

  CascadingDropDownClient.prototype._disposeFilter = function () {
    this._clearFilterTimer();
    if (this.filterBox && this._onFilterInput) {
      this.filterBox.removeEventListener('input', this._onFilterInput);
      this.filterBox.removeEventListener('keydown', this._onFilterKeyDown);
    }
    if (this.list && this._onListScroll) {
      this.list.removeEventListener('scroll', this._onListScroll);
      this.list.removeEventListener('keydown', this._onListKeyDown);
    }
  };

  CascadingDropDownClient.prototype._clearFilterTimer = function () {
    if (this._filterTimer) {
      clearTimeout(this._filterTimer);
      this._filterTimer = null;
    }
  };

  /** A key typed in the find box: the search waits for the user to pause (options.filter.delay). */
  CascadingDropDownClient.prototype._scheduleSearch = function () {
    var self = this;
    this._clearFilterTimer();
    var delay = this.options.filter.delay;
    if (!(delay > 0)) {
      this.search();
      return;
    }
    this._filterTimer = setTimeout(function () {
      self._filterTimer = null;
      self.search();
    }, delay);
  };

  /**
   * The find box's keys: Enter searches at once and never submits the form; Escape clears the text
   * (and lets Escape through when there is none); Down arrow moves to the list of matches.
   */
  CascadingDropDownClient.prototype._filterKeyDown = function (event) {
    var box = this.filterBox;
    if (event.key === 'Enter') {
      event.preventDefault();
      this.search();
    } else if (event.key === 'Escape' && box.value !== '') {
      // Handled here: a dialog around the list must not close on the Escape that cleared the box.
      event.preventDefault();
      if (event.stopPropagation) { event.stopPropagation(); }
      this._clearFilterBox();
      this.search();
    } else if (event.key === 'ArrowDown' && this.list && !this.list.disabled) {
      event.preventDefault();
      this.list.focus();
    }
  };

  /** The find box's text as the server matches it. */
  CascadingDropDownClient.prototype.getFilter = function () {
    return normalizeFilter(this.filterBox ? this.filterBox.value : '');
  };

  /**
   * Shows the items matching the find box's text (from the cache or the server); the chosen items stay
   * chosen and listed. The newest text wins: a call in flight finishes, only the newest waits behind it.
   * @returns {Promise<void>}
   */
  CascadingDropDownClient.prototype.search = function () {
    var self = this;
    this._clearFilterTimer();
    this.withdrawRetry();
    this._retryWith = null;
    var ancestors = this.ancestorValues();
    if (ancestors.length > 0 && anyUnchosen(ancestors)) { return Promise.resolve(); }
    var key = JSON.stringify(ancestors);
    var filter = this.getFilter();
    var wanted = matchesKey(key, filter, 0);
    // That text is being asked for already (Enter after the pause sent it): its reply will show it.
    if (this._searching && wanted === this._searchingFor) { return Promise.resolve(); }
    if (key === this._shownKey && filter === this._shownFilter) {
      // Back to the text shown (typed and deleted again): whatever was asked since is not wanted.
      if (this._searching) {
        this.dropStaleCalls();
        this._searching = false;
        this.setBusy(false);
      }
      return Promise.resolve();
    }
    if (this._isCached(wanted)) {
      this.dropStaleCalls();
      this._searching = false;
      this.fillMatches(this.cache[wanted], filter, true);
      this.setBusy(false);
      this._populated(filter);
      return Promise.resolve();
    }
    var e = { control: this, ancestors: ancestors.map(decodeValue), parentValue: decodeValue(ancestors[ancestors.length - 1] || ''), filter: filter, cancel: false };
    if (!this.runHookSafely('populating', e) || e.cancel) { return Promise.resolve(); }
    this._searching = true;
    this._searchingFor = wanted;
    if (this.list) { this.list.setAttribute('aria-busy', 'true'); }
    return this.submitCall('', { cascadingKey: key, filter: filter, skip: 0, search: true }, 'queue-last').then(function () {}, function (error) {
      if (isQuiet(error) || !self.isCurrentChain(key) || filter !== self.getFilter()) { return; }
      self._searching = false;
      self.setBusy(false);
      self._retryWith = function () {
        self._shownFilter = null;
        self.search();
        // Pressed with the keyboard: the keyboard goes on from the find box, where the text is.
        if (self._focusAfterRetry && self.filterBox) { self.filterBox.focus(); }
        self._focusAfterRetry = false;
      };
      self.offerRetry();
    });
  };

  /** Asks for the next page of matches, once the user has scrolled (or moved by keys) near the end of those shown. */
  CascadingDropDownClient.prototype.loadMore = function () {
    var self = this;
    if (!this.options.filter || this._loadingMore || this._searching || this._shown >= this._total) { return Promise.resolve(); }
    var key = this._shownKey;
    if (!this.isCurrentChain(key)) { return Promise.resolve(); }
    var filter = this._shownFilter;
    var skip = this._shown;
    var cacheKey = matchesKey(key, filter, skip);
    if (this._isCached(cacheKey)) {
      this.appendMatches(this.cache[cacheKey]);
      return Promise.resolve();
    }
    this._loadingMore = true;
    return this.submitCall('', { cascadingKey: key, filter: filter, skip: skip }, 'queue-last').then(function () {
      self._loadingMore = false;
    }, function (error) {
      self._loadingMore = false;
      if (isQuiet(error) || !self.isCurrentChain(key)) { return; }
      self._retryWith = function () {
        self.loadMore();
        if (self._focusAfterRetry && self.list) { self.list.focus(); }
        self._focusAfterRetry = false;
      };
      self.offerRetry();
    });
  };

  /** A list box scrolled near its end asks for more. */
  CascadingDropDownClient.prototype._maybeLoadMore = function () {
    var list = this.list;
    if (!list || this._shown >= this._total) { return; }
    var rowHeight = list.options.length ? list.scrollHeight / list.options.length : 0;
    if (list.scrollTop + list.clientHeight >= list.scrollHeight - rowHeight * LOAD_MORE_ROWS) { this.loadMore(); }
  };

  /** A filtered list's reply: cached per chain, text and page; shown only when it is still what the list asks for. */
  CascadingDropDownClient.prototype.applyMatches = function (result, context) {
    var page = result && typeof result === 'object' && Array.isArray(result.items) ? result : { items: [], skip: 0, total: 0 };
    var filter = context.filter || '';
    var skip = context.skip || 0;
    if (this.options.cache) { this.cache[matchesKey(context.cascadingKey, filter, skip)] = page; }
    if (!this.isCurrentChain(context.cascadingKey)) { return; }
    if (skip > 0) {
      if (filter === this._shownFilter && skip === this._shown) { this.appendMatches(page); }
      return;
    }
    if (filter !== this.getFilter()) { return; }
    if (context.search) {
      // A search's reply (never one of a refill, which starts a chain from the server's default).
      if (this._searchingFor === matchesKey(context.cascadingKey, filter, 0)) { this._searching = false; }
      this.fillMatches(page, filter, true);
      this.setBusy(false);
      this._populated(filter);
    } else {
      this.fill(page);
    }
  };

  /** Runs OnClientPopulated after a search or a next page: e.items is what arrived, e.filter the text. */
  CascadingDropDownClient.prototype._populated = function (filter) {
    this.runHookSafely('populated', { control: this, items: this._matchRows || [], filter: filter });
  };

  /**
   * Replaces the options with a page of matches. With keepChoice (a search), what the user had chosen
   * stays chosen and listed first, so typing never changes the selection; the first page after a
   * parent change takes the server's default instead.
   */
  CascadingDropDownClient.prototype.fillMatches = function (page, filter, keepChoice) {
    var rows = page && Array.isArray(page.items) ? page.items : [];
    var total = page && typeof page.total === 'number' ? page.total : rows.length;
    // Rows the server lists before the page, outside its count: the markup's items (AppendDataBoundItems)
    // and its default choice when that is not among the first matches.
    var pinnedByServer = page && Array.isArray(page.pinned) ? page.pinned : [];
    var items = pinnedByServer.concat(rows);
    if (keepChoice) {
      var chosen = this.getValues();
      var listed = {};
      for (var i = 0; i < items.length; i++) { listed[items[i][1]] = true; }
      var pinned = [];
      var options = this.list ? (this.list.selectedOptions || []) : [];
      for (var p = 0; p < options.length; p++) {
        var value = options[p].value;
        if (chosen.indexOf(value) >= 0 && !listed[value]) { pinned.push([options[p].textContent, value, { selected: true }]); }
      }
      items = pinned.concat(items.map(function (row) {
        var details = row[2] ? Object.assign({}, row[2]) : {};
        details.selected = chosen.indexOf(row[1]) >= 0;
        return [row[0], row[1], details];
      }));
    }
    var waiting = anyUnchosen(this.ancestorValues());
    // A parent with nothing under it shows the EmptyText, disabled, as a list without a filter does.
    var nothing = !waiting && filter === '' && total === 0 && items.length === 0;
    this.withdrawRetry();
    this.replaceOptions(items, waiting || nothing || !!this.options.filter.disabled, nothing, keepChoice);
    this._matchRows = rows;
    this._shownKey = JSON.stringify(this.ancestorValues());
    this._shownFilter = filter;
    this._shown = (page && page.skip || 0) + rows.length;
    this._total = total;
    if (this.filterBox) { this.filterBox.disabled = waiting || nothing || !!this.options.filter.disabled; }
    this.announceMatches();
  };

  /** Adds the next page of matches after those shown (values already listed, as chosen ones, are not repeated). */
  CascadingDropDownClient.prototype.appendMatches = function (page) {
    var list = this.list;
    var rows = page && Array.isArray(page.items) ? page.items : [];
    if (!list) { return; }
    var doc = root.document;
    var listed = {};
    for (var i = 0; i < list.options.length; i++) { listed[list.options[i].value] = true; }
    var fragment = doc.createDocumentFragment();
    for (var r = 0; r < rows.length; r++) {
      if (listed[rows[r][1]]) { continue; }
      // Never selected: a next page adds choices, it does not make one.
      fragment.appendChild(createOption(doc, rows[r][0], rows[r][1], rows[r][2]));
    }
    this._filling = true;
    try {
      list.appendChild(fragment);
    } finally {
      this._filling = false;
    }
    this._shown = (page.skip || 0) + rows.length;
    if (typeof page.total === 'number') { this._total = page.total; }
    this._matchRows = rows;
    this.announceMatches();
    this._populated(this._shownFilter);
  };

  /**
   * Says what the find box found, after the list's label: "Cities: 21 matches", "Cities: 100 of 2345
   * matches shown; type more to narrow them", "Cities: No matches". The status region is polite and
   * is written only when the text changes.
   */
  CascadingDropDownClient.prototype.announceMatches = function () {
    var texts = this.options.filter;
    var total = this._total;
    var text;
    if (total === 0) {
      text = this._shownFilter ? texts.noMatchesText : (this.options.emptyText || this.options.noItemsText || '');
    } else if (this._shown < total) {
      text = String(texts.partialText).replace('{0}', String(this._shown)).replace('{1}', String(total));
    } else {
      text = String(total === 1 ? texts.countOneText : texts.countText).replace('{0}', String(total));
    }
    var label = this.labelText();
    this.showStatus(label ? label + ': ' + text : text, 'count');
  };

  /** An option for a row: its value and text as text, what the item says of itself (disabled, attributes). */
  function createOption(doc, text, value, item) {
    var option = doc.createElement('option');
    option.value = value == null ? '' : String(value);
    option.textContent = text == null ? '' : String(text);
    if (item) { applyItem(option, item); }
    return option;
  }

  /** Attribute names an item may not set from a reply: event handlers would run data as script. */
  var UNSAFE_ATTRIBUTE = /^on/i;

  /**
   * What a reply says of an item beyond its text and value (the optional third member of a row):
   * disabled, and its attributes (a title, data-*), set as attribute values, never as markup.
   * @param {HTMLOptionElement} option
   * @param {{disabled?: boolean, attributes?: Object<string, string>}} item
   */
  function applyItem(option, item) {
    if (item.disabled) { option.disabled = true; }
    var attributes = item.attributes;
    if (!attributes || typeof attributes !== 'object') { return; }
    for (var name in attributes) {
      if (!Object.prototype.hasOwnProperty.call(attributes, name) || UNSAFE_ATTRIBUTE.test(name)) { continue; }
      try {
        option.setAttribute(name, attributes[name] == null ? '' : String(attributes[name]));
      } catch (ignored) {
        // Not a valid attribute name: nothing to set.
      }
    }
  }

  CascadingDropDownClient.decodeValue = decodeValue;
  return CascadingDropDownClient;
}));
