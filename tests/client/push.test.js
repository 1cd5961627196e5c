'use strict';
// The page's push connection (Push/CallbackControls.Push.js) with a fake EventSource, fetch and timers:
// one stream for every subscribed control, delivery by topic, the probe that falls back to long polling
// when the stream is held back, the fall back to timers when push is unavailable, and the catch-up.

const path = require('node:path');
const { test, beforeEach, afterEach, mock } = require('node:test');
const assert = require('node:assert/strict');
require('./support');

const Push = require(path.join(__dirname, '..', '..', 'src', 'CallbackControls', 'Push', 'CallbackControls.Push.js'));
const PushConnection = Push.constructor;

class FakeEventSource {
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.listeners = {};
    this.closed = false;
    FakeEventSource.opened.push(this);
  }

  addEventListener(name, handler) { (this.listeners[name] = this.listeners[name] || []).push(handler); }

  close() { this.closed = true; this.readyState = 2; }

  /** The server sends an event. */
  emit(name, data, lastEventId) {
    this.readyState = 1;
    for (const handler of this.listeners[name] || []) handler({ data: data, lastEventId: lastEventId || '' });
  }

  /** The connection fails; CLOSED when the server refused it. */
  fail(closed) {
    this.readyState = closed ? 2 : 0;
    this.onerror();
  }
}
FakeEventSource.opened = [];

let polls;
let warnings;

/** A fake client object with what the connection uses of one. */
function client(topic, since) {
  return {
    options: { push: { topic: topic, token: 'tok-' + topic, since: since || 'E.5' } },
    getUrl: () => 'http://site/Page.aspx?id=1',
    pushes: [],
    availability: [],
    onPush(e) { this.pushes.push(e); },
    pushAvailabilityChanged(available) { this.availability.push(available); }
  };
}

/** Lets the promise chains of a fake fetch settle. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => {
  mock.timers.enable({ apis: ['setTimeout'] });
  FakeEventSource.opened = [];
  globalThis.EventSource = FakeEventSource;
  polls = [];
  globalThis.fetch = (url) => new Promise((resolve, reject) => polls.push({ url: url, resolve: resolve, reject: reject }));
  warnings = [];
  mock.method(console, 'warn', (message) => warnings.push(message));
});

afterEach(() => {
  mock.timers.reset();
  mock.restoreAll();
  delete globalThis.EventSource;
  delete globalThis.fetch;
});

const reply = (status, body) => ({ status: status, text: () => Promise.resolve(typeof body === 'string' ? body : JSON.stringify(body)) });

test('the controls of a page share one stream, opened once they have all started, naming each topic with its token and the page\'s point in time', () => {
  const push = new PushConnection();
  const chart = client('orders');
  const plain = client('mine');
  push.started(chart);
  push.started(plain);
  push.started({ options: {}, getUrl: () => 'x' }); // a control without a PushTopic is not a subscriber
  assert.equal(FakeEventSource.opened.length, 0);
  mock.timers.tick(0);
  assert.equal(FakeEventSource.opened.length, 1);
  assert.equal(FakeEventSource.opened[0].url, 'http://site/Page.aspx?id=1&__ccpush=stream&__cctopic=orders~tok-orders&__cctopic=mine~tok-mine&__ccsince=E.5');
  push.close();
});

test('a notification reaches the controls of its topic only, with its text; a reset reaches every control once, as a catch-up', () => {
  const push = new PushConnection();
  const a = client('orders');
  const b = client('orders');
  const c = client('mine');
  [a, b, c].forEach((x) => push.started(x));
  mock.timers.tick(0);
  const source = FakeEventSource.opened[0];
  source.emit('ready', '{"bus":true}', 'E.7');
  assert.equal(push.lastId, 'E.7');
  source.emit('cc', '{"t":"orders","d":"42"}', 'E.8');
  assert.deepEqual(a.pushes, [{ topic: 'orders', data: '42', catchUp: false }]);
  assert.deepEqual(b.pushes, [{ topic: 'orders', data: '42', catchUp: false }]);
  assert.deepEqual(c.pushes, []);
  assert.equal(push.lastId, 'E.8');
  source.emit('reset', '1');
  assert.deepEqual(c.pushes, [{ topic: 'mine', data: null, catchUp: true }]);
  assert.equal(a.pushes.length, 2);
  push.close();
});

test('a stream whose first event is held back (a buffering proxy) turns into long polling, said once in the console', async () => {
  const push = new PushConnection();
  const chart = client('orders');
  push.started(chart);
  mock.timers.tick(0);
  const source = FakeEventSource.opened[0];
  mock.timers.tick(4999);
  assert.equal(polls.length, 0);
  mock.timers.tick(1);
  assert.equal(source.closed, true);
  assert.equal(push.mode, 'poll');
  assert.equal(polls.length, 1);
  assert.match(polls[0].url, /__ccpush=poll&__cctopic=orders~tok-orders&__ccsince=E\.5$/);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /long polling/);
  // A poll's answer is delivered and the next poll goes at once, from the new id.
  polls[0].resolve(reply(200, { id: 'E.9', bus: true, events: [{ t: 'orders', d: 'x' }] }));
  await settle();
  assert.deepEqual(chart.pushes, [{ topic: 'orders', data: 'x', catchUp: false }]);
  assert.equal(polls.length, 2);
  assert.match(polls[1].url, /__ccsince=E\.9$/);
  assert.deepEqual(chart.availability, [], 'push stayed available');
  push.close();
});

test('a refused subscription leaves the controls on their timers and says the server\'s reason once', async () => {
  const push = new PushConnection();
  const chart = client('orders');
  push.started(chart);
  mock.timers.tick(0);
  FakeEventSource.opened[0].fail(true);
  assert.equal(polls.length, 1, 'a long poll finds out why the stream failed');
  polls[0].resolve(reply(403, 's{"cc":1,"ok":false,"error":{"code":"forbidden","message":"The token does not match."}}'));
  await settle();
  assert.equal(push.refused, true);
  assert.deepEqual(chart.availability, [false]);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /refused the push subscription \(The token does not match\.\)/);
  mock.timers.tick(60000);
  assert.equal(polls.length, 1, 'nothing more is tried');
  assert.equal(FakeEventSource.opened.length, 1);
});

test('when polling fails three times the controls use their timers; when push is back each refreshes once', async () => {
  const push = new PushConnection();
  const chart = client('orders');
  push.started(chart);
  push.mode = 'poll';
  mock.timers.tick(0);
  for (let i = 0; i < 3; i++) {
    polls[polls.length - 1].reject(new TypeError('Failed to fetch'));
    await settle();
    if (i < 2) {
      assert.deepEqual(chart.availability, []);
      mock.timers.tick(60000); // the retry opens the stream first: it fails too
      FakeEventSource.opened[FakeEventSource.opened.length - 1].fail(true);
    }
  }
  assert.deepEqual(chart.availability, [false]);
  assert.equal(warnings.filter((w) => /push is unavailable/.test(w)).length, 1);
  mock.timers.tick(60000);
  const stream = FakeEventSource.opened[FakeEventSource.opened.length - 1];
  stream.emit('ready', '{"bus":true}', 'F.1');
  assert.deepEqual(chart.availability, [false, true]);
  assert.deepEqual(chart.pushes, [{ topic: 'orders', data: null, catchUp: true }]);
  push.close();
});

test('the server\'s bus going down and coming back is passed on: timers meanwhile, one refresh after', () => {
  const push = new PushConnection();
  const chart = client('orders');
  push.started(chart);
  mock.timers.tick(0);
  const source = FakeEventSource.opened[0];
  source.emit('ready', '{"bus":true}', 'E.6');
  source.emit('bus', '{"bus":false}');
  assert.deepEqual(chart.availability, [false]);
  source.emit('bus', '{"bus":true}');
  assert.deepEqual(chart.availability, [false, true]);
  assert.deepEqual(chart.pushes, [{ topic: 'orders', data: null, catchUp: true }]);
  push.close();
});

test('a silent stream is opened again after the watchdog\'s wait, from the last id', () => {
  const push = new PushConnection();
  push.started(client('orders'));
  mock.timers.tick(0);
  FakeEventSource.opened[0].emit('ready', '{"bus":true}', 'E.6');
  mock.timers.tick(39999);
  assert.equal(FakeEventSource.opened.length, 1);
  mock.timers.tick(1);
  assert.equal(FakeEventSource.opened[0].closed, true);
  assert.equal(FakeEventSource.opened.length, 2);
  assert.match(FakeEventSource.opened[1].url, /__ccsince=E\.6$/);
  push.close();
});

test('a control that leaves takes its topic off the stream; the last one closes it', () => {
  const push = new PushConnection();
  const a = client('orders');
  const b = client('mine');
  push.started(a);
  push.started(b);
  mock.timers.tick(0);
  push.disposed(b);
  mock.timers.tick(0);
  assert.equal(FakeEventSource.opened.length, 2);
  assert.equal(FakeEventSource.opened[0].closed, true);
  assert.doesNotMatch(FakeEventSource.opened[1].url, /mine/);
  push.disposed(a);
  mock.timers.tick(0);
  assert.equal(FakeEventSource.opened[1].closed, true);
  assert.equal(FakeEventSource.opened.length, 2);
});

test('a server that holds as many streams as it may (503 busy) puts the controls on their timers at once, says so once, and is tried again 30 s later', async () => {
  const push = new PushConnection();
  const chart = client('orders');
  push.started(chart);
  mock.timers.tick(0);
  FakeEventSource.opened[0].fail(true);
  polls[0].resolve(reply(503, 's{"cc":1,"ok":false,"error":{"code":"busy","message":"full"}}'));
  await settle();
  assert.deepEqual(chart.availability, [false]);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /PushMaxStreams/);
  mock.timers.tick(29999);
  assert.equal(FakeEventSource.opened.length, 1);
  mock.timers.tick(1);
  assert.equal(FakeEventSource.opened.length, 2);
  FakeEventSource.opened[1].emit('ready', '{"bus":true}', 'E.9');
  assert.deepEqual(chart.availability, [false, true]);
  assert.deepEqual(chart.pushes, [{ topic: 'orders', data: null, catchUp: true }]);
  push.close();
});

test('a control joining a topic the stream carries already leaves the stream as it is', () => {
  const push = new PushConnection();
  push.started(client('orders'));
  mock.timers.tick(0);
  push.started(client('orders'));
  mock.timers.tick(0);
  assert.equal(FakeEventSource.opened.length, 1);
  assert.equal(FakeEventSource.opened[0].closed, false);
  push.close();
});
