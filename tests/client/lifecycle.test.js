'use strict';
// Latest reply wins, dispose, isCallbackPending, event validation write-back and hook resolution.

const { test, describe, beforeEach, afterEach, mock } = require('node:test');
const assert = require('node:assert/strict');
const S = require('./support');

const { CC, form, input, element, statusRegion, replyTransport, heldTransport, ok, flush, rejection } = S;

beforeEach(() => { mock.method(console, 'error', () => {}); });
afterEach(() => {
  mock.restoreAll();
  CC.transport = S.realTransport;
  delete globalThis.App;
});

function trackedClient(options) {
  const log = [];
  const applied = [];
  const client = new CC.CallbackClient(element(form([input('Name', 'n')]), statusRegion()), Object.assign({
    callbackId: 'Cb',
    timeout: 2000, // a broken test fails in 2 s instead of hanging on the 30 s default
    hooks: {
      beforeCallback: (e) => log.push('beforeCallback:' + e.argument),
      afterCallback: (e) => log.push('afterCallback:' + e.argument),
      beforeResponseProcess: (e) => log.push('beforeResponseProcess:' + e.argument),
      afterResponseProcess: (e) => log.push('afterResponseProcess:' + e.argument),
      error: (e) => log.push('error:' + e.argument + ':' + e.error.kind)
    }
  }, options || {}));
  client.applyResult = (result) => applied.push(result);
  const busy = [];
  client.setBusy = (value) => busy.push(value);
  return { client, log, applied, busy };
}

/** Two calls of one control, A then B, both sent and both still waiting for their replies. */
async function twoPendingCalls() {
  const transport = heldTransport();
  CC.transport = transport;
  const tracked = trackedClient();
  const a = tracked.client.callback('A');
  await flush();
  const b = tracked.client.callback('B');
  await flush();
  return Object.assign(tracked, { transport, a, b });
}

describe('latest reply wins', { timeout: 3000 }, () => {
  test('only the newer call of a control is applied when replies arrive out of order', async () => {
    const { transport, client, log, applied, a, b } = await twoPendingCalls();
    assert.equal(transport.calls.length, 2);
    const [callA, callB] = transport.calls;
    assert.equal(callA.request.signal.aborted, true, 'the older request is aborted');
    assert.equal(callB.request.signal.aborted, false);

    callB.respond(200, ok('result B'));
    assert.equal(await b, 'result B');
    callA.respond(200, ok('result A'));
    const error = await rejection(a);
    await flush();

    assert.ok(error instanceof CC.CallbackError);
    assert.equal(error.kind, 'superseded');
    assert.deepEqual(applied, ['result B']);
    assert.ok(!log.some((x) => x.startsWith('error:')), 'no error reported: ' + log.join(', '));
    assert.ok(!log.includes('beforeResponseProcess:A'));
    assert.ok(!log.includes('afterResponseProcess:A'));
    assert.equal(client.isCallbackPending, false);
  });

  test('an older call that fails after being superseded reports nothing', async () => {
    const { transport, log, applied, a, b } = await twoPendingCalls();
    transport.calls[0].respond(500, 'late failure');
    transport.calls[1].respond(200, ok('B'));
    assert.equal((await rejection(a)).kind, 'superseded');
    assert.equal(await b, 'B');
    assert.deepEqual(applied, ['B']);
    assert.ok(!log.some((x) => x.startsWith('error:')));
  });

  test('a superseded call does not clear the busy state of the call that replaced it', async () => {
    const { transport, client, busy, a, b } = await twoPendingCalls();
    assert.equal(client.isCallbackPending, true);
    assert.equal(busy[busy.length - 1], true);
    transport.calls[0].respond(200, ok('A'));
    await rejection(a);
    assert.equal(client.isCallbackPending, true, 'B is still in flight');
    assert.equal(busy[busy.length - 1], true);
    transport.calls[1].respond(200, ok('B'));
    await b;
    assert.equal(busy[busy.length - 1], false);
  });

  test('calls of two different controls do not cancel each other', async () => {
    const transport = heldTransport();
    CC.transport = transport;
    const one = trackedClient({ callbackId: 'One' });
    const two = trackedClient({ callbackId: 'Two' });
    const p1 = one.client.callback('1');
    const p2 = two.client.callback('2');
    await flush();
    assert.equal(transport.calls.length, 2);
    assert.equal(transport.calls[0].request.signal.aborted, false);
    assert.equal(transport.calls[1].request.signal.aborted, false);
    assert.equal(one.client.isCallbackPending, true);
    assert.equal(two.client.isCallbackPending, true);
    transport.calls[1].respond(200, ok('two'));
    transport.calls[0].respond(200, ok('one'));
    assert.equal(await p1, 'one');
    assert.equal(await p2, 'two');
    assert.deepEqual(one.applied, ['one']);
    assert.deepEqual(two.applied, ['two']);
  });
});

describe('dispose', { timeout: 3000 }, () => {
  test('dispose aborts the pending call, which rejects "disposed", and no hook runs afterwards', async () => {
    const transport = heldTransport();
    CC.transport = transport;
    const { client, log, applied, busy } = trackedClient();
    const pending = client.callback('A');
    await flush();
    const signal = transport.calls[0].request.signal;
    client.dispose();
    const error = await rejection(pending);
    assert.ok(error instanceof CC.CallbackError);
    assert.equal(error.kind, 'disposed');
    assert.equal(signal.aborted, true);
    assert.equal(client.isCallbackPending, false);
    assert.equal(busy[busy.length - 1], false);

    transport.calls[0].respond(200, ok('too late'));
    await flush();
    assert.deepEqual(log, ['beforeCallback:A']);
    assert.deepEqual(applied, []);
  });

  test('callback after dispose rejects "disposed" without hooks or a request', async () => {
    const transport = replyTransport(200, ok(1));
    CC.transport = transport;
    const { client, log } = trackedClient();
    client.dispose();
    const error = await rejection(client.callback('late'));
    assert.equal(error.kind, 'disposed');
    await flush();
    assert.equal(transport.requests.length, 0);
    assert.deepEqual(log, []);
    assert.equal(client.disposed, true);
  });

  test('a disposed call that fails late reports nothing', async () => {
    const transport = heldTransport();
    CC.transport = transport;
    const { client, log } = trackedClient();
    const pending = client.callback('A');
    await flush();
    client.dispose();
    await rejection(pending);
    transport.calls[0].fail(new Error('AbortError'));
    await flush();
    assert.deepEqual(log, ['beforeCallback:A']);
  });
});

describe('isCallbackPending', { timeout: 3000 }, () => {
  test('isCallbackPending is true while a call is in flight and false after it succeeds', async () => {
    const transport = heldTransport();
    CC.transport = transport;
    const { client, busy } = trackedClient();
    assert.equal(client.isCallbackPending, false);
    const p = client.callback('x');
    assert.equal(client.isCallbackPending, true);
    await flush();
    assert.equal(client.isCallbackPending, true);
    assert.deepEqual(busy, [true]);
    transport.calls[0].respond(200, ok('done'));
    await p;
    assert.equal(client.isCallbackPending, false);
    assert.deepEqual(busy, [true, false]);
  });

  test('isCallbackPending is false after a call fails', async () => {
    const transport = heldTransport();
    CC.transport = transport;
    const { client } = trackedClient();
    const p = client.callback('x');
    await flush();
    assert.equal(client.isCallbackPending, true);
    transport.calls[0].fail(new TypeError('offline'));
    await rejection(p);
    assert.equal(client.isCallbackPending, false);
  });
});

describe('event validation', { timeout: 3000 }, () => {
  function evClient(reply) {
    const ev = input('__EVENTVALIDATION', '/wEdOLD', { type: 'hidden' });
    const theForm = form([ev]);
    CC.transport = replyTransport(200, reply);
    const client = new CC.CallbackClient(element(theForm), { callbackId: 'Cb' });
    return { client, ev };
  }

  test('a reply with an event validation value updates the form\'s __EVENTVALIDATION field', async () => {
    const value = '/wEdNEW|{x}';
    const { client, ev } = evClient(value.length + '|' + value + '{"cc":1,"ok":true,"result":"r"}');
    assert.equal(await client.callback('x'), 'r');
    assert.equal(ev.value, value);
  });

  test('a reply with an empty event validation value leaves the field alone', async () => {
    const { client, ev } = evClient('0|{"cc":1,"ok":true,"result":"r"}');
    await client.callback('x');
    assert.equal(ev.value, '/wEdOLD');
  });

  test('a .NET "s" reply leaves the event validation field alone', async () => {
    const { client, ev } = evClient(S.ok('r'));
    await client.callback('x');
    assert.equal(ev.value, '/wEdOLD');
  });

  test('a superseded reply never writes its event validation value', async () => {
    const ev = input('__EVENTVALIDATION', '/wEdOLD', { type: 'hidden' });
    const transport = heldTransport();
    CC.transport = transport;
    const client = new CC.CallbackClient(element(form([ev])), { callbackId: 'Cb' });
    const a = client.callback('A');
    await flush();
    const b = client.callback('B');
    await flush();
    transport.calls[1].respond(200, '4|BBBB{"cc":1,"ok":true,"result":"B"}');
    await b;
    transport.calls[0].respond(200, '4|AAAA{"cc":1,"ok":true,"result":"A"}');
    await rejection(a);
    await flush();
    assert.equal(ev.value, 'BBBB');
  });
});

describe('resolveHook', { timeout: 3000 }, () => {
  const { resolveHook } = CC.internals;

  test('resolveHook returns a function as is and nothing for an empty spec', () => {
    const fn = () => {};
    assert.equal(resolveHook(fn), fn);
    assert.equal(resolveHook(''), null);
    assert.equal(resolveHook(undefined), null);
  });

  test('resolveHook looks a dotted global function name up at call time', () => {
    const hook = resolveHook('App.hooks.onBefore');
    assert.equal(typeof hook, 'function');
    const seen = [];
    globalThis.App = { hooks: { onBefore: (e) => { seen.push(e.argument); return 'returned'; } } };
    assert.equal(hook({ argument: 'first' }), 'returned');
    globalThis.App.hooks.onBefore = (e) => { seen.push('replaced:' + e.argument); };
    hook({ argument: 'second' });
    assert.deepEqual(seen, ['first', 'replaced:second']);
  });

  test('resolveHook throws kind "hook" when the name names no function', () => {
    const hook = resolveHook('App.missing');
    assert.throws(() => hook({}), (error) => error instanceof CC.CallbackError && error.kind === 'hook' && /App\.missing/.test(error.message));
    globalThis.App = { missing: 'not a function' };
    assert.throws(() => hook({}), (error) => error.kind === 'hook');
  });

  test('resolveHook runs a script body with e', () => {
    const hook = resolveHook('e.seen = e.argument + "!"; e.cancel = true;');
    const e = { argument: 'hi' };
    hook(e);
    assert.equal(e.seen, 'hi!');
    assert.equal(e.cancel, true);
  });

  test('a hook named by a missing global function reports kind "hook" through the error hook', async () => {
    const transport = replyTransport(200, ok(1));
    CC.transport = transport;
    const errors = [];
    const client = new CC.CallbackClient(element(form([])), {
      callbackId: 'Cb',
      hooks: { beforeCallback: 'App.notDefined', error: (e) => { errors.push(e.error); e.handled = true; } }
    });
    const error = await rejection(client.callback('x'));
    assert.equal(error.kind, 'hook');
    assert.equal(errors.length, 1);
    assert.equal(errors[0], error);
    await flush();
    assert.equal(transport.requests.length, 0);
  });

  test('hooks given as global names and script bodies run in a real call', async () => {
    CC.transport = replyTransport(200, ok('r'));
    const seen = [];
    const client = new CC.CallbackClient(element(form([])), {
      callbackId: 'Cb',
      hooks: { beforeCallback: 'App.before', afterResponseProcess: 'App.log.push("after:" + e.result)' }
    });
    globalThis.App = { before: (e) => seen.push('before:' + e.argument), log: seen };
    assert.equal(await client.callback('x'), 'r');
    assert.deepEqual(seen, ['before:x', 'after:r']);
  });

  test('a script body hook can cancel the call', async () => {
    const transport = replyTransport(200, ok(1));
    CC.transport = transport;
    const client = new CC.CallbackClient(element(form([])), { callbackId: 'Cb', hooks: { beforeCallback: 'e.cancel = e.argument === "stop";' } });
    assert.equal((await rejection(client.callback('stop'))).kind, 'cancelled');
    assert.equal(await client.callback('go'), 1);
    assert.equal(transport.requests.length, 1);
  });
});

describe('createInstance', { timeout: 3000 }, () => {
  const { createInstance } = CC.internals;

  function controlElement(attributes) {
    return {
      id: 'Main_Cb',
      getAttribute: (name) => (Object.prototype.hasOwnProperty.call(attributes, name) ? attributes[name] : null),
      closest: () => null,
      querySelector: () => null
    };
  }

  afterEach(() => { CC.disposeAll(); delete globalThis.CcTestClient; });

  test('createInstance starts a client from data-cc-options and publishes its client name', () => {
    const el = controlElement({ 'data-cc-control': 'callback', 'data-cc-options': '{"name":"CcTestClient","callbackId":"ctl00$Cb","fields":["Name"]}' });
    const instance = createInstance(el);
    assert.ok(instance instanceof CC.CallbackClient);
    assert.equal(instance.name, 'CcTestClient');
    assert.equal(instance.options.callbackId, 'ctl00$Cb');
    assert.equal(globalThis.CcTestClient, instance);
    assert.equal(CC.get('CcTestClient'), instance);
    assert.equal(CC.get('Main_Cb'), instance);
    assert.equal(createInstance(el), instance, 'a second start returns the same object');
  });

  test('a control whose element replaced an older one of the same name (an UpdatePanel update) takes the name quietly; the old object is disposed', () => {
    const inPage = new Set();
    globalThis.document = { documentElement: { contains: (el) => inPage.has(el) } };
    const errors = mock.method(console, 'error', () => {});
    try {
      const options = { 'data-cc-control': 'callback', 'data-cc-options': '{"name":"CcTestClient","callbackId":"Cb"}' };
      const oldElement = controlElement(options);
      inPage.add(oldElement);
      const old = createInstance(oldElement);
      inPage.delete(oldElement);
      const newElement = controlElement(options);
      inPage.add(newElement);
      const fresh = createInstance(newElement);
      assert.equal(old.disposed, true);
      assert.equal(globalThis.CcTestClient, fresh);
      assert.equal(errors.mock.calls.length, 0, 'no "two controls use the client name" warning');
      // Two live controls with one name are still the page author's mistake, and said so.
      const third = controlElement(options);
      inPage.add(third);
      createInstance(third);
      assert.match(String(errors.mock.calls[0].arguments[0]), /two controls use the client name "CcTestClient"/);
    } finally {
      errors.mock.restore();
      delete globalThis.document;
    }
  });

  test('createInstance skips a control whose options are not valid JSON or whose type is unknown', () => {
    assert.equal(createInstance(controlElement({ 'data-cc-control': 'callback', 'data-cc-options': '{name:' })), null);
    assert.equal(createInstance(controlElement({ 'data-cc-control': 'not-registered', 'data-cc-options': '{}' })), null);
  });

  test('disposeAll disposes the client and releases its global name', async () => {
    const el = controlElement({ 'data-cc-control': 'callback', 'data-cc-options': '{"name":"CcTestClient","callbackId":"Cb"}' });
    const instance = createInstance(el);
    CC.disposeAll();
    assert.equal(instance.disposed, true);
    assert.equal('CcTestClient' in globalThis, false);
    assert.equal(CC.get('CcTestClient'), null);
    assert.equal((await rejection(instance.callback('x'))).kind, 'disposed');
  });
});
