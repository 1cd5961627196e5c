'use strict';
// The RefreshingChart client: timer rules (no overlap, join/queue, hidden page, back-off, stop/start,
// dispose), hooks on ticks, and the in-place swap of the drawing. Fake timers and a fake DOM.

const path = require('node:path');
const { test, describe, beforeEach, afterEach, mock } = require('node:test');
const assert = require('node:assert/strict');
const S = require('./support');

const { CC, installHeldTransport, started, restoreFakes, statusRegion, flush, rejection } = S;
const Chart = require(path.join(__dirname, '..', '..', 'src', 'CallbackControls', 'RefreshingChart', 'RefreshingChart.js'));

const FREQUENCY = 1000;

/** A chart reply as the server sends it. */
function chartReply(label, data) {
  return 's' + JSON.stringify({ cc: 1, ok: true, result: { chart: '<div class="cc-chart-body">' + label + '</div>', data: data === undefined ? null : data } });
}

function errorReply(message) {
  return 's' + JSON.stringify({ cc: 1, ok: false, error: { code: 'handler', message: message } });
}

/** A fake chart body: what the template parses and what the element holds. */
function body(markup) {
  return { markup: markup, parentNode: null, classList: { contains: (name) => name === 'cc-chart-body' } };
}

/** A fake document: visibility, listeners, and a template element that "parses" chart bodies. */
function fakeDocument() {
  const listeners = {};
  const windowListeners = {};
  return {
    visibilityState: 'visible',
    /** The window: only its 'online' event matters to the chart. */
    defaultView: {
      addEventListener(type, fn) { (windowListeners[type] = windowListeners[type] || []).push(fn); },
      removeEventListener(type, fn) { windowListeners[type] = (windowListeners[type] || []).filter((f) => f !== fn); },
      listenerCount(type) { return (windowListeners[type] || []).length; },
      dispatch(type) { for (const fn of (windowListeners[type] || []).slice()) fn({ type }); }
    },
    addEventListener(type, fn) { (listeners[type] = listeners[type] || []).push(fn); },
    removeEventListener(type, fn) { listeners[type] = (listeners[type] || []).filter((f) => f !== fn); },
    listenerCount(type) { return (listeners[type] || []).length; },
    setVisibility(state) {
      this.visibilityState = state;
      for (const fn of (listeners.visibilitychange || []).slice()) fn({ type: 'visibilitychange' });
    },
    createElement(tag) {
      assert.equal(tag, 'template');
      const template = { content: { firstElementChild: null } };
      Object.defineProperty(template, 'innerHTML', {
        set(markup) {
          const match = /^<div class="cc-chart-body">([\s\S]*)<\/div>$/.exec(markup);
          template.content.firstElementChild = match ? body(match[1]) : (markup ? { classList: { contains: () => false } } : null);
        }
      });
      return template;
    }
  };
}

/** A fake chart element holding a body; it counts swaps and records classes and attributes. */
function fakeElement(doc, status) {
  const classes = new Set();
  const attributes = {};
  const element = {
    id: 'Chart1',
    ownerDocument: doc,
    swaps: 0,
    classList: {
      toggle(name, on) { if (on) { classes.add(name); } else { classes.delete(name); } },
      contains(name) { return classes.has(name); }
    },
    setAttribute(name, value) { attributes[name] = String(value); },
    removeAttribute(name) { delete attributes[name]; },
    getAttribute(name) { return Object.prototype.hasOwnProperty.call(attributes, name) ? attributes[name] : null; },
    closest() { return null; },
    querySelector(selector) {
      if (selector === '.cc-chart-body') return element.body;
      if (selector === '.cc-status') return status || null;
      if (selector === '.cc-chart-pause') return element.pauseButton || null;
      return null;
    },
    insertBefore(node) { element.body = node; node.parentNode = holder; }
  };
  const holder = {
    replaceChild(fresh, old) {
      assert.equal(old, element.body, 'the current body is the one replaced');
      element.body = fresh;
      fresh.parentNode = holder;
      element.swaps += 1;
    }
  };
  element.body = body('initial');
  element.body.parentNode = holder;
  return element;
}

let transport;
let doc;
let status;

beforeEach(() => {
  transport = installHeldTransport();
  mock.timers.enable({ apis: ['setTimeout'] });
  doc = fakeDocument();
  status = statusRegion();
});

afterEach(() => {
  restoreFakes();
});

/** Creates and starts a chart client the way the runtime does. */
function chart(options, hooks) {
  const element = fakeElement(doc, status);
  const client = new Chart(element, Object.assign({
    name: 'Chart1', callbackId: 'Chart1', url: '/Chart.aspx', timeout: 30000,
    refreshFrequency: FREQUENCY, refreshBackoffLimit: 8000, hooks: hooks || {}
  }, options || {}));
  client.init();
  started(client);
  return { client, element };
}

/** Moves the fake clock and lets the runtime's deferred transport call happen. */
async function advance(ms) {
  mock.timers.tick(ms);
  await flush();
}

function sentArguments() {
  return transport.calls.map((c) => JSON.parse(c.body.get('__CALLBACKPARAM')).arg);
}

function sentStates() {
  return transport.calls.map((c) => JSON.parse(c.body.get('__CALLBACKPARAM')).state);
}

/** Answers the newest request and lets its reply be processed. */
async function answer(text, status_) {
  transport.calls[transport.calls.length - 1].respond(status_ || 200, text);
  await flush();
  await flush();
}

describe('the refresh timer', { timeout: 5000 }, () => {
  test('the type is registered with the runtime under "refreshingchart"', () => {
    assert.equal(CC.RefreshingChartClient, Chart);
    assert.ok(Chart.prototype instanceof CC.CallbackClient);
  });

  test('the runtime publishes the object under its client name, so Chart1.callback("MyCustomArgs") works', async () => {
    const element = fakeElement(doc, status);
    element.getAttribute = (name) => (name === 'data-cc-control' ? 'refreshingchart'
      : name === 'data-cc-options' ? JSON.stringify({ name: 'Chart1', callbackId: 'Chart1', url: '/Chart.aspx', refreshFrequency: 0 }) : null);
    const instance = CC.internals.createInstance(element);
    started(instance);
    assert.ok(instance instanceof Chart);
    assert.equal(globalThis.Chart1, instance);
    const call = globalThis.Chart1.callback('MyCustomArgs');
    await flush();
    assert.deepEqual(sentArguments(), ['MyCustomArgs']);
    await answer(chartReply('custom', 'extra'));
    assert.deepEqual(await call, { chart: '<div class="cc-chart-body">custom</div>', data: 'extra' });
    CC.sweep();
  });

  test('the first tick comes one refreshFrequency after start, marked as a timer tick', async () => {
    chart();
    await advance(FREQUENCY - 1);
    assert.equal(transport.calls.length, 0);
    await advance(1);
    assert.equal(transport.calls.length, 1);
    assert.deepEqual(sentArguments(), ['']);
    assert.deepEqual(sentStates(), [{ timer: true }]);
  });

  test('ticks never overlap: nothing more is sent while a tick waits, the next comes one frequency after the reply', async () => {
    const { client } = chart();
    await advance(FREQUENCY);
    assert.equal(client.isRefreshing, true);
    await advance(FREQUENCY * 10);
    assert.equal(transport.calls.length, 1, 'no second request while the first is unanswered');
    await answer(chartReply('one'));
    assert.equal(client.isRefreshing, false);
    await advance(FREQUENCY - 1);
    assert.equal(transport.calls.length, 1);
    await advance(1);
    assert.equal(transport.calls.length, 2);
  });

  test('each reply is swapped in place with one replaceChild', async () => {
    const { element } = chart();
    for (let i = 1; i <= 3; i++) {
      await advance(FREQUENCY);
      await answer(chartReply('tick ' + i));
      assert.equal(element.body.markup, 'tick ' + i);
    }
    assert.equal(element.swaps, 3);
  });

  test('a reply with no chart body is an error and leaves the drawing as it was', async () => {
    const errors = [];
    const { element } = chart({}, { error: (e) => { errors.push(e.error.kind); e.handled = true; } });
    await advance(FREQUENCY);
    await answer('s' + JSON.stringify({ cc: 1, ok: true, result: { chart: '<p>not a chart</p>' } }));
    assert.deepEqual(errors, ['malformed']);
    assert.equal(element.body.markup, 'initial');
  });

  test('refreshFrequency 0 sends nothing by itself, and callback() still works', async () => {
    const { client } = chart({ refreshFrequency: 0 });
    await advance(FREQUENCY * 100);
    assert.equal(transport.calls.length, 0);
    const call = client.callback('now');
    await flush();
    await answer(chartReply('now'));
    await call;
    await advance(FREQUENCY * 100);
    assert.deepEqual(sentArguments(), ['now']);
  });

  test('callback(argument) is one-off: a later tick sends tickArgument (\'\' by default), as Syncfusion\'s charts do', async () => {
    const { client } = chart();
    client.callback('MyCustomArgs');
    await flush();
    await answer(chartReply('custom'));
    await advance(FREQUENCY);
    await answer(chartReply('tick'));
    await advance(FREQUENCY);
    assert.deepEqual(sentArguments(), ['MyCustomArgs', '', '']);
    assert.deepEqual(sentStates(), [null, { timer: true }, { timer: true }]);
  });

  test('tickArgument makes an argument sticky: every tick sends it, and so does callback() with no argument', async () => {
    const { client } = chart();
    client.tickArgument = 'range:1h';
    client.callback('range:1h');
    await flush();
    await answer(chartReply('1h'));
    await advance(FREQUENCY);
    await answer(chartReply('tick'));
    client.Callback();
    await flush();
    assert.deepEqual(sentArguments(), ['range:1h', 'range:1h', 'range:1h'], 'Callback (capital C, as Syncfusion writes it) is callback');
    assert.deepEqual(sentStates(), [null, { timer: true }, null]);
    client.tickArgument = { days: 1 };
    assert.equal(client.tickArgument, '{"days":1}', 'set as it travels');
  });

  test('a reply to callback() restarts the wait for the next tick', async () => {
    const { client } = chart();
    await advance(FREQUENCY - 100);
    client.callback('manual');
    await flush();
    await advance(FREQUENCY * 5);
    assert.equal(transport.calls.length, 1, 'no tick while the manual call is in flight');
    await answer(chartReply('manual'));
    await advance(FREQUENCY - 1);
    assert.equal(transport.calls.length, 1);
    await advance(1);
    assert.equal(transport.calls.length, 2);
  });
});

describe('callback() during a tick', { timeout: 5000 }, () => {
  test('with the same argument it joins the tick: no second request, the same result', async () => {
    const { client } = chart();
    await advance(FREQUENCY);
    const joined = client.callback('');
    await flush();
    assert.equal(transport.calls.length, 1);
    await answer(chartReply('shared', 7));
    assert.deepEqual(await joined, { chart: '<div class="cc-chart-body">shared</div>', data: 7 });
    assert.equal(transport.calls.length, 1);
  });

  test('with another argument it queues: sent right after the tick is applied, and its own result resolves it', async () => {
    const { client, element } = chart();
    await advance(FREQUENCY);
    const queued = client.callback('range:1d');
    await flush();
    assert.equal(transport.calls.length, 1, 'nothing is sent while the tick is in flight');
    await answer(chartReply('tick'));
    assert.equal(element.body.markup, 'tick', 'the tick reply is applied first');
    assert.equal(transport.calls.length, 2);
    assert.deepEqual(sentArguments(), ['', 'range:1d']);
    await answer(chartReply('day', 'd'));
    assert.deepEqual(await queued, { chart: '<div class="cc-chart-body">day</div>', data: 'd' });
    assert.equal(element.body.markup, 'day');
    await advance(FREQUENCY);
    assert.deepEqual(sentArguments(), ['', 'range:1d', ''], 'later ticks send tickArgument, not the one-off argument');
  });

  test('only the newest queued call is sent; an older one rejects as superseded without an error report', async () => {
    const errors = [];
    const { client } = chart({}, { error: (e) => errors.push(e.error.kind) });
    await advance(FREQUENCY);
    const first = client.callback('a');
    const again = client.callback('a');
    const second = client.callback('b');
    assert.equal(first, again, 'the same queued argument joins the queued call');
    await answer(chartReply('tick'));
    assert.deepEqual(sentArguments(), ['', 'b']);
    assert.equal((await rejection(first)).kind, 'superseded');
    await answer(chartReply('b'));
    assert.equal((await second).chart, '<div class="cc-chart-body">b</div>');
    assert.deepEqual(errors, []);
  });

  test('a queued call is still sent when the tick failed', async () => {
    const { client } = chart({}, { error: (e) => { e.handled = true; } });
    await advance(FREQUENCY);
    const queued = client.callback('retry');
    await answer(errorReply('boom'));
    assert.deepEqual(sentArguments(), ['', 'retry']);
    await answer(chartReply('ok'));
    await queued;
    assert.equal(client.failureCount, 0);
  });
});

describe('hidden page', { timeout: 5000 }, () => {
  test('no tick is sent while hidden; one refresh is sent at once on return, then the usual rhythm', async () => {
    chart();
    await advance(FREQUENCY);
    await answer(chartReply('1'));
    doc.setVisibility('hidden');
    await advance(FREQUENCY * 20);
    assert.equal(transport.calls.length, 1, 'hidden: no requests');
    doc.setVisibility('visible');
    await flush();
    assert.equal(transport.calls.length, 2, 'back: refreshed at once');
    assert.deepEqual(sentStates()[1], { timer: true });
    await answer(chartReply('2'));
    await advance(FREQUENCY);
    assert.equal(transport.calls.length, 3);
  });

  test('a tick that comes due while the page is hidden (no event seen yet) is skipped, then sent on return', async () => {
    chart();
    doc.visibilityState = 'hidden';
    await advance(FREQUENCY * 5);
    assert.equal(transport.calls.length, 0);
    doc.setVisibility('visible');
    await flush();
    assert.equal(transport.calls.length, 1);
  });

  test('a page hidden while a tick is in flight waits for its return before the next tick', async () => {
    chart();
    await advance(FREQUENCY);
    doc.setVisibility('hidden');
    await answer(chartReply('late'));
    await advance(FREQUENCY * 10);
    assert.equal(transport.calls.length, 1);
    doc.setVisibility('visible');
    await flush();
    assert.equal(transport.calls.length, 2);
  });

  test('a "visible" event while the page was not hidden sends nothing extra', async () => {
    chart();
    await advance(FREQUENCY / 2);
    doc.setVisibility('visible');
    await flush();
    assert.equal(transport.calls.length, 0);
    await advance(FREQUENCY / 2);
    assert.equal(transport.calls.length, 1);
  });

  test('returning to a stopped chart sends nothing', async () => {
    const { client } = chart();
    client.stop();
    doc.setVisibility('hidden');
    doc.setVisibility('visible');
    await advance(FREQUENCY * 5);
    assert.equal(transport.calls.length, 0);
  });
});

describe('failures and back-off', { timeout: 5000 }, () => {
  /** Advances until the next request goes out; returns how long that took. */
  async function waitForNextRequest(limit) {
    const before = transport.calls.length;
    let waited = 0;
    while (transport.calls.length === before) {
      if (waited > limit) throw new Error('no request within ' + limit + ' ms');
      await advance(100);
      waited += 100;
    }
    return waited;
  }

  test('after each failure the wait doubles up to the limit, then returns to the frequency after a success', async () => {
    const errors = [];
    const counts = [];
    const { client, element } = chart({}, { error: (e) => { errors.push(e.error.kind + ':' + e.error.message); counts.push(e.control.failureCount); e.handled = true; } });
    const waits = [];
    waits.push(await waitForNextRequest(60000));
    for (let i = 0; i < 5; i++) {
      await answer(errorReply('database down'));
      waits.push(await waitForNextRequest(60000));
    }
    assert.deepEqual(waits, [1000, 2000, 4000, 8000, 8000, 8000], 'doubling from the frequency, capped at refreshBackoffLimit');
    assert.equal(client.failureCount, 5);
    assert.deepEqual(counts, [1, 2, 3, 4, 5], 'the error hook already sees the failure it reports');
    assert.equal(element.classList.contains('cc-chart-failing'), true);
    assert.equal(errors.length, 5);
    assert.ok(errors.every((e) => e === 'handler:database down'));
    await answer(chartReply('recovered'));
    assert.equal(client.failureCount, 0);
    assert.equal(element.classList.contains('cc-chart-failing'), false);
    assert.equal(element.body.markup, 'recovered');
    assert.equal(await waitForNextRequest(60000), 1000, 'normal frequency again');
  });

  test('HTTP errors and network failures back off too, and reach the error hook', async () => {
    const kinds = [];
    chart({}, { error: (e) => { kinds.push(e.error.kind); e.handled = true; } });
    await advance(FREQUENCY);
    await answer('boom', 500);
    await advance(FREQUENCY * 2);
    assert.equal(transport.calls.length, 2);
    transport.calls[1].fail(new TypeError('Failed to fetch'));
    await flush();
    await flush();
    await advance(FREQUENCY * 4 - 1);
    assert.equal(transport.calls.length, 2);
    await advance(1);
    assert.equal(transport.calls.length, 3);
    assert.deepEqual(kinds, ['http', 'network']);
  });

  test('without an error hook the failure is shown as text in the status region, and cleared by the next success', async () => {
    chart();
    await advance(FREQUENCY);
    await answer(errorReply('<b>not markup</b>'));
    assert.equal(status.textContent, '<b>not markup</b>');
    assert.deepEqual(status.innerHTMLWrites, []);
    await advance(FREQUENCY * 2);
    await answer(chartReply('fine'));
    assert.equal(status.textContent, '');
  });

  test('default cap: a server down for 15 s under a 500 ms refresh is seen again within 5 s, never polled faster than the back-off', async () => {
    const { client, element } = chart({ refreshFrequency: 500, refreshBackoffLimit: undefined }, { error: (e) => { e.handled = true; } });
    const sent = [];
    let now = 0;
    const downUntil = 15000;
    // The server goes down just before the first tick and answers again at 15 s.
    while (now < 40000 && !(sent.length && element.body.markup === 'back')) {
      const before = transport.calls.length;
      await advance(50);
      now += 50;
      if (transport.calls.length > before) {
        sent.push(now);
        if (now < downUntil) {
          transport.calls[transport.calls.length - 1].fail(new TypeError('Failed to fetch'));
          await flush();
          await flush();
        } else {
          await answer(chartReply('back'));
        }
      }
    }
    const gaps = sent.slice(1).map((t, i) => t - sent[i]);
    assert.deepEqual(gaps.slice(0, 4), [1000, 2000, 4000, 4000], 'doubling from the frequency, capped at 4 s');
    assert.ok(gaps.every((g) => g >= 1000), 'never faster than the first back-off step: ' + gaps);
    assert.ok(sent.filter((t) => t < downUntil).length <= 6, 'a handful of calls while down, not one per 500 ms: ' + sent);
    const back = sent[sent.length - 1];
    assert.ok(back >= downUntil && back - downUntil <= 5000, 'back ' + (back - downUntil) + ' ms after the server');
    assert.equal(client.failureCount, 0);
  });

  test("while failing, the browser's 'online' event retries at once; a healthy chart ignores it", async () => {
    const { client } = chart({}, { error: (e) => { e.handled = true; } });
    await advance(FREQUENCY);
    doc.defaultView.dispatch('online');
    await flush();
    assert.equal(transport.calls.length, 1, 'nothing extra while the tick is in flight');
    transport.calls[0].fail(new TypeError('Failed to fetch'));
    await flush();
    await flush();
    assert.equal(client.failureCount, 1);
    await advance(100);
    assert.equal(transport.calls.length, 1, 'waiting out the back-off');
    doc.defaultView.dispatch('online');
    await flush();
    assert.equal(transport.calls.length, 2, 'sent at once');
    await answer(chartReply('back'));
    assert.equal(client.failureCount, 0);
    doc.defaultView.dispatch('online');
    await flush();
    assert.equal(transport.calls.length, 2, 'not failing: the usual rhythm only');
    await advance(FREQUENCY);
    assert.equal(transport.calls.length, 3);
  });

  test('a page made visible again during a back-off retries at once', async () => {
    chart({}, { error: (e) => { e.handled = true; } });
    await advance(FREQUENCY);
    await answer(errorReply('down'));
    doc.setVisibility('hidden');
    await advance(FREQUENCY * 10);
    assert.equal(transport.calls.length, 1);
    doc.setVisibility('visible');
    await flush();
    assert.equal(transport.calls.length, 2);
  });

  test('a back-off limit below the frequency never shortens the wait', async () => {
    chart({ refreshFrequency: 5000, refreshBackoffLimit: 1000 }, { error: (e) => { e.handled = true; } });
    await advance(5000);
    await answer(errorReply('x'));
    await advance(4999);
    assert.equal(transport.calls.length, 1);
    await advance(1);
    assert.equal(transport.calls.length, 2);
  });
});

describe('unchanged ticks', { timeout: 5000 }, () => {
  /** A full reply carrying the drawing's hash, as the server sends it. */
  function hashedReply(label, hash, data) {
    return 's' + JSON.stringify({ cc: 1, ok: true, result: { chart: '<div class="cc-chart-body">' + label + '</div>', data: data === undefined ? null : data, hash: hash } });
  }
  const unchangedReply = 's' + JSON.stringify({ cc: 1, ok: true, result: { unchanged: true } });

  test('a tick names the drawing the page shows; an unchanged reply leaves the DOM alone and the hooks still run', async () => {
    const log = [];
    const { element } = chart({}, {
      afterCallback: (e) => log.push('afterCallback:' + e.status),
      beforeResponseProcess: (e) => log.push('before:' + JSON.stringify(e.result)),
      afterResponseProcess: (e) => log.push('after:' + e.control.element.body.markup)
    });
    await advance(FREQUENCY);
    await answer(hashedReply('first', 'aaaa000000000001'));
    const shownBody = element.body;
    log.length = 0;

    await advance(FREQUENCY);
    assert.deepEqual(sentStates()[1], { timer: true, shown: 'aaaa000000000001' });
    await answer(unchangedReply);

    assert.equal(element.body, shownBody, 'the same body node stays in place');
    assert.equal(element.swaps, 1);
    assert.deepEqual(log, ['afterCallback:200', 'before:{"unchanged":true}', 'after:first']);
    await advance(FREQUENCY);
    assert.deepEqual(sentStates()[2], { timer: true, shown: 'aaaa000000000001' }, 'it still shows the same drawing');
    await answer(hashedReply('second', 'bbbb000000000002'));
    assert.equal(element.body.markup, 'second');
    await advance(FREQUENCY);
    assert.deepEqual(sentStates()[3], { timer: true, shown: 'bbbb000000000002' });
  });

  test('callback() never names the drawing, so a new argument always brings one', async () => {
    const { client, element } = chart();
    await advance(FREQUENCY);
    await answer(hashedReply('first', 'aaaa000000000001'));
    const call = client.callback('range:1h');
    await flush();
    assert.equal(sentStates()[1], null);
    await answer(hashedReply('ranged', 'cccc000000000003'));
    assert.equal((await call).chart, '<div class="cc-chart-body">ranged</div>');
    assert.equal(element.body.markup, 'ranged');
  });

  test('a drawing swapped in by page script (replaceChart) or a reply without a hash is not named by the next tick', async () => {
    const { client } = chart();
    await advance(FREQUENCY);
    await answer(hashedReply('first', 'aaaa000000000001'));
    client.replaceChart('<div class="cc-chart-body">by script</div>');
    await advance(FREQUENCY);
    assert.deepEqual(sentStates()[1], { timer: true });
    await answer(hashedReply('again', 'aaaa000000000001'));
    await advance(FREQUENCY);
    assert.deepEqual(sentStates()[2], { timer: true, shown: 'aaaa000000000001' });
    await answer(chartReply('old server'));
    await advance(FREQUENCY);
    assert.deepEqual(sentStates()[3], { timer: true });
  });
});

describe('hooks on timer ticks', { timeout: 5000 }, () => {
  test('the four hooks run in order on a tick, and see it as a tick', async () => {
    const log = [];
    chart({}, {
      beforeCallback: (e) => log.push('beforeCallback:' + (e.context && e.context.timer)),
      afterCallback: (e) => log.push('afterCallback:' + e.status),
      beforeResponseProcess: (e) => log.push('beforeResponseProcess:' + e.result.data),
      afterResponseProcess: (e) => log.push('afterResponseProcess:' + e.control.element.body.markup)
    });
    await advance(FREQUENCY);
    await answer(chartReply('new', 'd'));
    assert.deepEqual(log, ['beforeCallback:true', 'afterCallback:200', 'beforeResponseProcess:d', 'afterResponseProcess:new']);
  });

  test('beforeResponseProcess runs before the new chart is in place, afterResponseProcess after', async () => {
    const seen = [];
    chart({}, {
      beforeResponseProcess: (e) => seen.push(e.control.element.body.markup),
      afterResponseProcess: (e) => seen.push(e.control.element.body.markup)
    });
    await advance(FREQUENCY);
    await answer(chartReply('fresh'));
    assert.deepEqual(seen, ['initial', 'fresh']);
  });

  test('beforeCallback may cancel a tick: nothing is sent and the timer carries on at the usual frequency', async () => {
    let cancel = true;
    const { client } = chart({}, { beforeCallback: (e) => { if (cancel) e.cancel = true; } });
    await advance(FREQUENCY);
    await flush();
    assert.equal(transport.calls.length, 0);
    assert.equal(client.failureCount, 0);
    cancel = false;
    await advance(FREQUENCY);
    assert.equal(transport.calls.length, 1);
  });

  test('beforeResponseProcess may cancel applying: the old chart stays and the timer carries on', async () => {
    const { element } = chart({}, { beforeResponseProcess: (e) => { e.cancel = true; } });
    await advance(FREQUENCY);
    await answer(chartReply('skipped'));
    assert.equal(element.body.markup, 'initial');
    await advance(FREQUENCY);
    assert.equal(transport.calls.length, 2);
  });
});

describe('stop, start, setRefreshFrequency, dispose', { timeout: 5000 }, () => {
  test('stop() stops the timer, aborts the tick in flight (not applied) and drops a queued call', async () => {
    const errors = [];
    const { client, element } = chart({}, { error: (e) => errors.push(e.error.kind) });
    await advance(FREQUENCY);
    const queued = client.callback('other');
    client.stop();
    assert.equal(client.isRunning, false);
    assert.equal(client.isRefreshing, false);
    assert.equal(transport.calls[0].request.signal.aborted, true, 'the request is aborted');
    assert.equal((await rejection(queued)).kind, 'superseded');
    await answer(chartReply('too late'));
    assert.equal(element.body.markup, 'initial');
    await advance(FREQUENCY * 20);
    assert.equal(transport.calls.length, 1);
    assert.deepEqual(errors, []);
  });

  test('start() after stop() schedules the next tick one frequency later', async () => {
    const { client } = chart();
    client.stop();
    await advance(FREQUENCY * 3);
    client.start();
    assert.equal(client.isRunning, true);
    await advance(FREQUENCY - 1);
    assert.equal(transport.calls.length, 0);
    await advance(1);
    assert.equal(transport.calls.length, 1);
  });

  test('setRefreshFrequency changes the rhythm from now; 0 turns the timer off; bad values throw', async () => {
    const { client } = chart();
    await advance(FREQUENCY - 10);
    client.setRefreshFrequency(300);
    assert.equal(client.refreshFrequency, 300);
    await advance(299);
    assert.equal(transport.calls.length, 0);
    await advance(1);
    assert.equal(transport.calls.length, 1);
    await answer(chartReply('x'));
    client.setRefreshFrequency(0);
    await advance(FREQUENCY * 10);
    assert.equal(transport.calls.length, 1);
    client.setRefreshFrequency(500);
    await advance(500);
    assert.equal(transport.calls.length, 2);
    assert.throws(() => client.setRefreshFrequency(-1), RangeError);
    assert.throws(() => client.setRefreshFrequency('soon'), RangeError);
  });

  test('setRefreshFrequency during a tick takes effect after its reply', async () => {
    const { client } = chart();
    await advance(FREQUENCY);
    client.setRefreshFrequency(200);
    await advance(FREQUENCY);
    assert.equal(transport.calls.length, 1);
    await answer(chartReply('x'));
    await advance(200);
    assert.equal(transport.calls.length, 2);
  });

  test('dispose() (an UpdatePanel update or page unload) clears the timer, the listener, the call in flight and the queue', async () => {
    const { client, element } = chart();
    assert.equal(doc.listenerCount('visibilitychange'), 1);
    assert.equal(doc.defaultView.listenerCount('online'), 1);
    await advance(FREQUENCY);
    const queued = client.callback('queued');
    client.dispose();
    assert.equal(client.disposed, true);
    assert.equal(doc.listenerCount('visibilitychange'), 0);
    assert.equal(doc.defaultView.listenerCount('online'), 0);
    assert.equal((await rejection(queued)).kind, 'disposed');
    await answer(chartReply('after dispose'));
    assert.equal(element.body.markup, 'initial');
    await advance(FREQUENCY * 20);
    doc.setVisibility('hidden');
    doc.setVisibility('visible');
    await flush();
    assert.equal(transport.calls.length, 1);
    assert.equal((await rejection(client.callback('x'))).kind, 'disposed');
  });

  test('the runtime sweep disposes a chart whose element left the page, and its timer stops', async () => {
    const element = fakeElement(doc, status);
    element.getAttribute = (name) => (name === 'data-cc-control' ? 'refreshingchart'
      : name === 'data-cc-options' ? JSON.stringify({ name: 'SweptChart', callbackId: 'SweptChart', url: '/Chart.aspx', refreshFrequency: FREQUENCY }) : null);
    const instance = CC.internals.createInstance(element);
    started(instance);
    // In node there is no document, so the sweep finds no element in it: as after an UpdatePanel replaced it.
    CC.sweep();
    assert.equal(instance.disposed, true);
    assert.equal(globalThis.SweptChart, undefined);
    await advance(FREQUENCY * 5);
    assert.equal(transport.calls.length, 0);
  });

  test('setBusy marks the element busy for assistive technology without any visible change', async () => {
    const { element } = chart();
    await advance(FREQUENCY);
    assert.equal(element.getAttribute('aria-busy'), 'true');
    assert.equal(element.classList.contains('cc-chart-refreshing'), true);
    await answer(chartReply('x'));
    assert.equal(element.getAttribute('aria-busy'), null);
    assert.equal(element.classList.contains('cc-chart-refreshing'), false);
  });
});

describe('kept points (MaxPoints)', { timeout: 5000 }, () => {
  const first = [{ x: [1, 2], y: [10, 20] }];
  const second = [{ x: [2, 3], y: [20, 30] }];

  function keptReply(kept, extra) {
    return 's' + JSON.stringify({ cc: 1, ok: true, result: Object.assign({ chart: '<div class="cc-chart-body">k</div>', data: null, hash: 'h', kept: kept }, extra || {}) });
  }

  test('the first tick sends back the points the page was drawn with; each later call sends what the last reply kept', async () => {
    const { client } = chart({ kept: first });
    await advance(FREQUENCY);
    await answer(keptReply(second));
    await advance(FREQUENCY);
    await answer('s' + JSON.stringify({ cc: 1, ok: true, result: { unchanged: true, kept: second } }));
    client.callback('now');
    await flush();
    assert.deepEqual(sentStates().map((s) => s.kept), [first, second, second]);
  });

  test('a failed call keeps the points: the next tick sends the same ones again', async () => {
    chart({ kept: first });
    await advance(FREQUENCY);
    await answer(errorReply('down'));
    await advance(8000);
    assert.deepEqual(sentStates().map((s) => s.kept), [first, first]);
  });

  test('a chart that keeps nothing sends no kept member', async () => {
    chart();
    await advance(FREQUENCY);
    assert.equal(Object.prototype.hasOwnProperty.call(sentStates()[0], 'kept'), false);
  });
});

describe('the pause button (WCAG 2.2.2)', { timeout: 5000 }, () => {
  /** A fake button: attributes, and click listeners the test can fire. */
  function fakeButton() {
    const attributes = { 'aria-pressed': 'false' };
    const listeners = [];
    return {
      getAttribute: (name) => attributes[name],
      setAttribute: (name, value) => { attributes[name] = String(value); },
      addEventListener: (type, fn) => { if (type === 'click') listeners.push(fn); },
      removeEventListener: (type, fn) => { const i = listeners.indexOf(fn); if (i >= 0) listeners.splice(i, 1); },
      click: () => listeners.slice().forEach((fn) => fn({ type: 'click' })),
      listenerCount: () => listeners.length,
    };
  }

  function chartWithButton() {
    const button = fakeButton();
    const element = fakeElement(doc, status);
    element.pauseButton = button;
    const client = new Chart(element, { name: 'Chart1', callbackId: 'Chart1', url: '/Chart.aspx', timeout: 30000, refreshFrequency: FREQUENCY, refreshBackoffLimit: 8000, hooks: {} });
    client.init();
    started(client);
    return { client, button };
  }

  test('pressing it pauses the chart: aria-pressed true and nothing is sent however long it waits; pressing again resumes', async () => {
    const { client, button } = chartWithButton();
    button.click();
    assert.equal(button.getAttribute('aria-pressed'), 'true');
    assert.equal(client.isRunning, false);
    await advance(FREQUENCY * 20);
    assert.equal(transport.calls.length, 0, 'a paused chart sends nothing');
    button.click();
    assert.equal(button.getAttribute('aria-pressed'), 'false');
    await advance(FREQUENCY);
    assert.equal(transport.calls.length, 1, 'resumed: the next tick one frequency later');
  });

  test('pause() and resume() from script show on the button too, and dispose lets go of it', async () => {
    const { client, button } = chartWithButton();
    client.pause();
    assert.equal(button.getAttribute('aria-pressed'), 'true');
    client.resume();
    assert.equal(button.getAttribute('aria-pressed'), 'false');
    client.stop();
    assert.equal(button.getAttribute('aria-pressed'), 'true');
    client.dispose();
    assert.equal(button.listenerCount(), 0);
  });
});

describe('push (RefreshMode Push, PushTopic)', { timeout: 5000 }, () => {
  const pushOptions = { refreshMode: 'push', push: { topic: 'orders', token: 't', since: 'E.1' } };

  test('a push chart sends nothing by itself while push works, and refreshes at once on a notification, as a tick marked push', async () => {
    const { client } = chart(pushOptions);
    await advance(FREQUENCY * 5);
    assert.equal(transport.calls.length, 0);
    client.onPush({ topic: 'orders', data: '7', catchUp: false });
    await flush();
    assert.equal(transport.calls.length, 1);
    assert.deepEqual(sentStates(), [{ timer: true }], 'the handler sees a tick (e.IsTimerTick)');
    await answer(chartReply('pushed'));
    await advance(FREQUENCY * 5);
    assert.equal(transport.calls.length, 1, 'no timer after the reply either');
  });

  test('while push is unavailable its timer stands in, and stops when push is back', async () => {
    const { client } = chart(pushOptions);
    client.pushAvailabilityChanged(false);
    await advance(FREQUENCY);
    assert.equal(transport.calls.length, 1);
    await answer(chartReply('tick'));
    client.pushAvailabilityChanged(true);
    await advance(FREQUENCY * 5);
    assert.equal(transport.calls.length, 1);
  });

  test('the push hook sees the notification and can cancel the refresh', async () => {
    const seen = [];
    globalThis.__pushHook = (e) => { seen.push([e.topic, e.data]); e.cancel = e.data === 'skip'; };
    const { client } = chart(pushOptions, { push: '__pushHook' });
    client.onPush({ topic: 'orders', data: 'skip', catchUp: false });
    await flush();
    assert.equal(transport.calls.length, 0);
    client.onPush({ topic: 'orders', data: 'go', catchUp: false });
    await flush();
    assert.equal(transport.calls.length, 1);
    assert.deepEqual(seen, [['orders', 'skip'], ['orders', 'go']]);
    delete globalThis.__pushHook;
  });

  test('a paused chart sends nothing on a notification and refreshes once when resumed', async () => {
    const { client } = chart(pushOptions);
    client.pause();
    client.onPush({ topic: 'orders', data: null, catchUp: false });
    client.onPush({ topic: 'orders', data: null, catchUp: false });
    await flush();
    assert.equal(transport.calls.length, 0);
    client.resume();
    await flush();
    assert.equal(transport.calls.length, 1);
  });

  test('a notification during a refresh in flight is sent after it (the newest wins), not dropped', async () => {
    const { client } = chart(pushOptions);
    client.onPush({ topic: 'orders', data: null, catchUp: false });
    await flush();
    client.onPush({ topic: 'orders', data: null, catchUp: false });
    client.onPush({ topic: 'orders', data: null, catchUp: false });
    await flush();
    assert.equal(transport.calls.length, 1);
    await answer(chartReply('first'));
    assert.equal(transport.calls.length, 2, 'one more refresh for the two that came meanwhile');
  });
});
