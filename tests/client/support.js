'use strict';
// Shared fakes for the client runtime tests. Not a test file itself (node --test only picks up
// *.test.js here), so it can be required by every test file.

const path = require('node:path');
const { mock } = require('node:test');

const RUNTIME = path.join(__dirname, '..', '..', 'src', 'CallbackControls', 'Scripts', 'CallbackControls.js');
const CC = require(RUNTIME);
const realTransport = CC.transport;

/** A fake form field with the DOM properties elementPairs reads. */
function input(name, value, extra) {
  return Object.assign({ name: name, type: 'text', value: value, checked: false, disabled: false, tagName: 'INPUT' }, extra || {});
}

function option(value, selected, extra) {
  return Object.assign({ value: value, selected: !!selected, disabled: false }, extra || {});
}

function select(name, options, extra) {
  return Object.assign({
    name: name, type: extra && extra.multiple ? 'select-multiple' : 'select-one', tagName: 'SELECT',
    disabled: false, options: options
  }, extra || {});
}

/** A fake form: elements is an array with named access, as HTMLFormControlsCollection has. */
function form(elements, action) {
  const list = elements.slice();
  for (const el of list) {
    if (el.name && !Object.prototype.hasOwnProperty.call(list, el.name)) { list[el.name] = el; }
  }
  return {
    elements: list,
    action: action || '',
    getAttribute: function (name) { return name === 'action' ? (action || null) : null; }
  };
}

/** A fake .cc-status region; innerHTML writes are recorded so tests can forbid them. */
function statusRegion() {
  const attributes = {};
  const region = {
    textContent: '',
    innerHTMLWrites: [],
    setAttribute: function (n, v) { attributes[n] = String(v); },
    getAttribute: function (n) { return Object.prototype.hasOwnProperty.call(attributes, n) ? attributes[n] : null; },
    removeAttribute: function (n) { delete attributes[n]; }
  };
  Object.defineProperty(region, 'innerHTML', {
    get: function () { return region.textContent; },
    set: function (v) { region.innerHTMLWrites.push(v); }
  });
  return region;
}

/** A fake control element that lives in the given form and may have a status region. */
function element(theForm, status) {
  return {
    id: 'ctl_element',
    getAttribute: function () { return null; },
    closest: function (selector) { return selector === 'form' ? (theForm || null) : null; },
    querySelector: function (selector) { return selector === '.cc-status' ? (status || null) : null; }
  };
}

/** A keydown event as the browser fires it: cancelable, with its key; defaultPrevented tells whether a handler kept it from the page. */
function keyDown(key) {
  return Object.assign(new Event('keydown', { cancelable: true }), { key: key });
}

/**
 * A fake text box (an <input type="search">) that fires events: the user types by typeText() (the value
 * changes, then 'input') and presses keys by press(), which returns the event.
 */
class FakeTextBox extends EventTarget {
  constructor(id, value, attributes) {
    super();
    this.id = id;
    this.name = id;
    this.type = 'search';
    this.tagName = 'INPUT';
    this.value = value || '';
    this.disabled = false;
    this.attributes = Object.assign({}, attributes || {});
  }

  setAttribute(name, value) { this.attributes[name] = String(value); }
  getAttribute(name) { return Object.prototype.hasOwnProperty.call(this.attributes, name) ? this.attributes[name] : null; }
  removeAttribute(name) { delete this.attributes[name]; }

  typeText(text) {
    this.value = text;
    this.dispatchEvent(new Event('input'));
  }

  press(key) {
    const event = keyDown(key);
    this.dispatchEvent(event);
    return event;
  }
}

function textBox(id, value, attributes) {
  return new FakeTextBox(id, value, attributes);
}

/**
 * A transport whose replies the test controls. Each call is recorded with its request and a
 * respond/fail pair that settles that call's promise.
 */
function heldTransport() {
  const calls = [];
  const transport = function (request) {
    return new Promise(function (resolve, reject) {
      calls.push({
        request: request,
        body: new URLSearchParams(request.body),
        respond: function (status, text, redirected) { resolve({ status: status, text: text, redirected: !!redirected }); },
        fail: function (error) { reject(error); }
      });
    });
  };
  transport.calls = calls;
  return transport;
}

/** A transport that answers every call at once with the same reply, recording requests. */
function replyTransport(status, text, redirected) {
  const requests = [];
  const transport = function (request) {
    requests.push(request);
    return Promise.resolve({ status: status, text: text, redirected: !!redirected });
  };
  transport.requests = requests;
  transport.bodies = function () { return requests.map(function (r) { return new URLSearchParams(r.body); }); };
  return transport;
}

/**
 * Per-test set-up of the control suites: console.error silenced (every failure is logged as well
 * as reported) and a held transport installed, which it returns. restoreFakes() undoes it.
 */
function installHeldTransport() {
  mock.method(console, 'error', () => {});
  const transport = heldTransport();
  CC.transport = transport;
  return transport;
}

/** Client objects the current test started; restoreFakes() disposes them, so no timer outlives its test. */
const startedClients = [];

/** Records a client for restoreFakes() to dispose; returns it. */
function started(client) {
  startedClients.push(client);
  return client;
}

/** Disposes the clients the test started, then puts back the real transport, timers and everything mocked. */
function restoreFakes() {
  for (const client of startedClients.splice(0)) client.dispose();
  mock.timers.reset();
  mock.restoreAll();
  CC.transport = realTransport;
}

function ok(result) {
  return 's' + JSON.stringify({ cc: 1, ok: true, result: result });
}

/** Lets queued promise callbacks (and the runtime's deferred transport call) run. */
function flush() {
  return new Promise(function (resolve) { setImmediate(resolve); });
}

/** Awaits a promise that must reject and returns the rejection reason. */
async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it fulfilled');
}

module.exports = {
  CC, RUNTIME, realTransport, input, option, select, form, statusRegion, element, keyDown, textBox,
  heldTransport, replyTransport, installHeldTransport, started, restoreFakes, ok, flush, rejection
};
