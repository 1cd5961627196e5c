'use strict';
// Hook order on success, cancelling, and how every kind of failure is reported.

const { test, describe, beforeEach, afterEach, mock } = require('node:test');
const assert = require('node:assert/strict');
const S = require('./support');

const { CC, form, input, element, statusRegion, replyTransport, heldTransport, ok, flush, rejection } = S;

let consoleError;
beforeEach(() => { consoleError = mock.method(console, 'error', () => {}); });
afterEach(() => {
  mock.timers.reset();
  mock.restoreAll();
  CC.transport = S.realTransport;
});

/** A client whose hooks record what they saw, in order, into log. */
function recordingClient(options, extraHooks) {
  const log = [];
  const seen = {};
  const status = statusRegion();
  const theForm = form([input('__EVENTVALIDATION', 'old', { type: 'hidden' })]);
  const hooks = {
    beforeCallback: (e) => { log.push('beforeCallback'); seen.before = { argument: e.argument, context: e.context }; },
    afterCallback: (e) => { log.push('afterCallback'); seen.after = { status: e.status }; },
    beforeResponseProcess: (e) => { log.push('beforeResponseProcess'); seen.beforeResponse = { result: e.result, status: e.status, argument: e.argument }; },
    afterResponseProcess: (e) => { log.push('afterResponseProcess'); seen.afterResponse = { result: e.result }; },
    error: (e) => { log.push('error'); seen.error = e.error; seen.errorEvent = e; }
  };
  Object.assign(hooks, extraHooks || {});
  const client = new CC.CallbackClient(element(theForm, status),
    Object.assign({ name: 'Cb', callbackId: 'Cb', hooks: hooks }, options || {}));
  client.applyResult = (result, e) => { log.push('applyResult'); seen.applied = { result: result, sameEvent: e }; };
  return { client, log, seen, status, form: theForm };
}

function count(log, name) { return log.filter((x) => x === name).length; }

describe('hook order on success', { timeout: 3000 }, () => {
  test('hooks run beforeCallback → afterCallback → beforeResponseProcess → applyResult → afterResponseProcess', async () => {
    CC.transport = replyTransport(200, '0|{"cc":1,"ok":true,"result":"echo:x"}');
    const { client, log, seen } = recordingClient();
    const result = await client.callback('x', 'ctx');
    assert.equal(result, 'echo:x');
    assert.deepEqual(log, ['beforeCallback', 'afterCallback', 'beforeResponseProcess', 'applyResult', 'afterResponseProcess']);
    assert.deepEqual(seen.before, { argument: 'x', context: 'ctx' });
    assert.deepEqual(seen.after, { status: 200 });
    assert.deepEqual(seen.beforeResponse, { result: 'echo:x', status: 200, argument: 'x' });
    assert.deepEqual(seen.afterResponse, { result: 'echo:x' });
    assert.equal(seen.applied.result, 'echo:x');
  });

  test('hooks run with the control as this', async () => {
    CC.transport = replyTransport(200, ok(1));
    let self = null;
    const client = new CC.CallbackClient(element(form([])), { callbackId: 'Cb', hooks: { beforeCallback: function () { self = this; } } });
    await client.callback('x');
    assert.equal(self, client);
  });

  test('beforeCallback may rewrite the argument that is sent', async () => {
    const transport = replyTransport(200, ok(1));
    CC.transport = transport;
    const client = new CC.CallbackClient(element(form([])), { callbackId: 'Cb', hooks: { beforeCallback: (e) => { e.argument = 'rewritten'; } } });
    await client.callback('original');
    assert.equal(JSON.parse(transport.bodies()[0].get('__CALLBACKPARAM')).arg, 'rewritten');
  });

  test('a success clears an earlier error from the status region', async () => {
    const { client, status } = recordingClient({}, { error: () => {} });
    CC.transport = replyTransport(500, 'boom');
    await rejection(client.callback('x'));
    assert.equal(status.textContent, 'The server answered with HTTP 500.');
    CC.transport = replyTransport(200, ok('fine'));
    await client.callback('y');
    assert.equal(status.textContent, '');
    assert.equal(status.getAttribute('data-kind'), null);
  });
});

describe('cancelling', { timeout: 3000 }, () => {
  test('beforeCallback setting e.cancel sends nothing and rejects "cancelled" without the error hook', async () => {
    const transport = replyTransport(200, ok(1));
    CC.transport = transport;
    const { client, log, status } = recordingClient({}, {
      beforeCallback: (e) => { log.push('beforeCallback'); e.cancel = true; }
    });
    const error = await rejection(client.callback('x'));
    assert.ok(error instanceof CC.CallbackError);
    assert.equal(error.kind, 'cancelled');
    await flush();
    assert.equal(transport.requests.length, 0);
    assert.deepEqual(log, ['beforeCallback']);
    assert.equal(client.isCallbackPending, false);
    assert.equal(status.textContent, '');
  });

  test('a cancelled call leaves the pending call of the same control running', async () => {
    const transport = heldTransport();
    CC.transport = transport;
    let cancel = false;
    const client = new CC.CallbackClient(element(form([])), { callbackId: 'Cb', timeout: 2000, hooks: { beforeCallback: (e) => { e.cancel = cancel; } } });
    const first = client.callback('first');
    await flush();
    cancel = true;
    assert.equal((await rejection(client.callback('second'))).kind, 'cancelled');
    assert.equal(transport.calls[0].request.signal.aborted, false);
    transport.calls[0].respond(200, ok('first done'));
    assert.equal(await first, 'first done');
  });

  test('beforeResponseProcess setting e.cancel skips applyResult and afterResponseProcess', async () => {
    CC.transport = replyTransport(200, ok('r'));
    const { client, log } = recordingClient({}, {
      beforeResponseProcess: (e) => { log.push('beforeResponseProcess'); e.cancel = true; }
    });
    const result = await client.callback('x');
    assert.equal(result, 'r');
    assert.deepEqual(log, ['beforeCallback', 'afterCallback', 'beforeResponseProcess']);
  });

  test('a hook that throws a "cancelled" CallbackError ends the call quietly', async () => {
    const transport = replyTransport(200, ok(1));
    CC.transport = transport;
    const { client, log, status } = recordingClient({}, {
      beforeCallback: () => { log.push('beforeCallback'); throw new CC.CallbackError('cancelled', 'not now'); }
    });
    const error = await rejection(client.callback('x'));
    assert.equal(error.kind, 'cancelled');
    await flush();
    assert.equal(transport.requests.length, 0);
    assert.deepEqual(log, ['beforeCallback']);
    assert.equal(status.textContent, '');
  });

  test('a cancelled call that the page ignores raises no unhandled rejection', async () => {
    const unhandled = [];
    const onUnhandled = (reason) => { unhandled.push(reason); };
    process.on('unhandledRejection', onUnhandled);
    try {
      CC.transport = replyTransport(200, ok(1));
      const cancelling = new CC.CallbackClient(element(form([])), { callbackId: 'Cb', hooks: { beforeCallback: (e) => { e.cancel = true; } } });
      cancelling.callback('ignored');
      const disposed = new CC.CallbackClient(element(form([])), { callbackId: 'Cb2' });
      disposed.dispose();
      disposed.callback('ignored');
      const throwing = new CC.CallbackClient(element(form([])), { callbackId: 'Cb3', hooks: { beforeCallback: () => { throw new Error('no'); } } });
      throwing.callback('ignored');
      const failing = new CC.CallbackClient(element(form([])), { callbackId: 'Cb4' });
      CC.transport = replyTransport(500, 'x');
      failing.callback('ignored');
      await flush();
      await flush();
    } finally {
      process.removeListener('unhandledRejection', onUnhandled);
    }
    assert.deepEqual(unhandled.map((r) => r && r.kind), []);
  });
});

describe('failures', { timeout: 3000 }, () => {
  const CASES = [
    { title: 'HTTP 500 fails with kind "http" and the status', kind: 'http', status: 500,
      transport: () => replyTransport(500, '<html>Server Error</html>'), check: (error) => assert.equal(error.status, 500) },
    { title: 'HTTP 404 fails with kind "http"', kind: 'http', status: 404,
      transport: () => replyTransport(404, 'Not found'), check: (error) => assert.equal(error.status, 404) },
    { title: 'a redirected response fails with kind "redirect"', kind: 'redirect', status: 200,
      transport: () => replyTransport(200, '<html><form action="Login.aspx"></form></html>', true) },
    { title: 'a 200 reply with an HTML page fails with kind "malformed"', kind: 'malformed', status: 200,
      transport: () => replyTransport(200, '<!DOCTYPE html><html><body>Welcome</body></html>') },
    { title: 'a transport rejection fails with kind "network"', kind: 'network', status: undefined,
      transport: () => () => Promise.reject(new TypeError('Failed to fetch')),
      check: (error) => { assert.ok(error.cause instanceof TypeError); } },
    { title: 'a handler error envelope fails with kind "handler", the server message and code', kind: 'handler', status: 200,
      transport: () => replyTransport(200, '0|{"cc":1,"ok":false,"error":{"code":"handler","message":"Name is required."}}'),
      check: (error) => { assert.equal(error.message, 'Name is required.'); assert.equal(error.code, 'handler'); } },
    { title: 'an "e" reply fails with kind "server" and no stack trace', kind: 'server', status: 200,
      transport: () => replyTransport(200, 'eBoom\n   at Secret.Method() in C:\\src\\Secret.cs:line 9'),
      check: (error, status) => {
        assert.equal(error.detail, 'Boom');
        assert.ok(!status.textContent.includes('Secret'));
        assert.ok(!error.message.includes('Secret'));
      } }
  ];

  for (const c of CASES) {
    test(c.title + ', reported once to the error hook, afterCallback once', async () => {
      CC.transport = c.transport();
      const { client, log, seen, status } = recordingClient();
      const error = await rejection(client.callback('x'));
      assert.ok(error instanceof CC.CallbackError, 'rejects with a CallbackError');
      assert.ok(error instanceof Error);
      assert.equal(error.kind, c.kind);
      assert.equal(count(log, 'error'), 1, 'error hook once');
      assert.equal(count(log, 'afterCallback'), 1, 'afterCallback once');
      assert.ok(log.indexOf('afterCallback') < log.indexOf('error'), 'afterCallback before error');
      assert.equal(count(log, 'applyResult'), 0);
      assert.equal(count(log, 'afterResponseProcess'), 0);
      assert.equal(seen.error, error, 'the error hook sees the same error the promise rejects with');
      assert.equal(seen.after.status, c.status);
      assert.equal(client.isCallbackPending, false);
      if (c.check) { c.check(error, status); }
      await flush();
      assert.equal(count(log, 'error'), 1, 'not reported again later');
    });
  }

  test('a timeout fails with kind "timeout", aborts the transport signal and is reported once', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const transport = heldTransport();
    CC.transport = transport;
    const { client, log, seen } = recordingClient({ timeout: 5000 });
    const promise = client.callback('slow');
    await flush();
    assert.equal(transport.calls.length, 1);
    const signal = transport.calls[0].request.signal;
    mock.timers.tick(4999);
    await flush();
    assert.equal(signal.aborted, false);
    assert.equal(client.isCallbackPending, true);
    mock.timers.tick(1);
    const error = await rejection(promise);
    assert.equal(error.kind, 'timeout');
    assert.match(error.message, /5000 ms/);
    assert.equal(signal.aborted, true);
    assert.equal(count(log, 'error'), 1);
    assert.equal(count(log, 'afterCallback'), 1);
    assert.equal(seen.error, error);
    assert.equal(client.isCallbackPending, false);
    // A reply that arrives after the timeout is ignored.
    transport.calls[0].respond(200, ok('late'));
    await flush();
    assert.equal(count(log, 'applyResult'), 0);
    assert.equal(count(log, 'error'), 1);
  });

  test('a timeout without a configured timeout waits 30 s and says so', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    CC.transport = heldTransport();
    const { client } = recordingClient({}, { error: () => {} });
    const promise = client.callback('slow');
    await flush();
    mock.timers.tick(29999);
    await flush();
    assert.equal(client.isCallbackPending, true);
    mock.timers.tick(1);
    const error = await rejection(promise);
    assert.equal(error.kind, 'timeout');
    assert.match(error.message, /30000 ms/);
    assert.ok(!/undefined/.test(error.message));
  });

  test('a throwing beforeCallback fails with kind "hook" without sending or running afterCallback', async () => {
    const transport = replyTransport(200, ok(1));
    CC.transport = transport;
    const { client, log } = recordingClient({}, { beforeCallback: () => { throw new Error('bad hook'); } });
    const error = await rejection(client.callback('x'));
    assert.equal(error.kind, 'hook');
    assert.match(error.message, /bad hook/);
    await flush();
    assert.equal(transport.requests.length, 0);
    assert.deepEqual(log, ['error']);
  });

  test('a throwing afterResponseProcess fails the call with kind "hook" once', async () => {
    CC.transport = replyTransport(200, ok(1));
    const { client, log } = recordingClient({}, { afterResponseProcess: () => { throw new Error('late hook'); } });
    const error = await rejection(client.callback('x'));
    assert.equal(error.kind, 'hook');
    assert.equal(count(log, 'error'), 1);
    assert.equal(count(log, 'afterCallback'), 1);
  });

  test('a throwing getState fails with kind "hook" and leaves no call pending', async () => {
    const transport = replyTransport(200, ok(1));
    CC.transport = transport;
    const { client, log } = recordingClient();
    client.getState = () => { throw new Error('state broke'); };
    const error = await rejection(client.callback('x'));
    assert.equal(error.kind, 'hook');
    assert.equal(count(log, 'error'), 1);
    await flush();
    assert.equal(transport.requests.length, 0);
    assert.equal(client.isCallbackPending, false);
  });

  test('a throwing error hook does not break the call, the status region or later calls', async () => {
    CC.transport = replyTransport(500, 'x');
    const { client, log, status } = recordingClient({}, { error: () => { log.push('error'); throw new Error('error hook bug'); } });
    const error = await rejection(client.callback('x'));
    assert.equal(error.kind, 'http');
    assert.equal(count(log, 'error'), 1);
    assert.equal(count(log, 'afterCallback'), 1);
    assert.equal(status.textContent, 'The server answered with HTTP 500.');
    assert.equal(client.isCallbackPending, false);
    assert.ok(consoleError.mock.calls.some((c) => /error hook/.test(String(c.arguments[0]))), 'the hook failure is logged');
    CC.transport = replyTransport(200, ok('recovered'));
    assert.equal(await client.callback('y'), 'recovered');
  });

  test('an unhandled failure is written as text into the .cc-status region, never as markup', async () => {
    CC.transport = replyTransport(200, '0|{"cc":1,"ok":false,"error":{"code":"handler","message":"<img src=x onerror=alert(1)>"}}');
    const { client, status } = recordingClient({}, { error: () => {} });
    await rejection(client.callback('x'));
    assert.equal(status.textContent, '<img src=x onerror=alert(1)>');
    assert.equal(status.getAttribute('data-kind'), 'error');
    assert.deepEqual(status.innerHTMLWrites, []);
  });

  test('a failure the error hook handles (e.handled) leaves the .cc-status region alone', async () => {
    CC.transport = replyTransport(500, 'x');
    const { client, status, seen } = recordingClient({}, { error: (e) => { e.handled = true; seen.handledKind = e.error.kind; } });
    status.textContent = 'previous';
    await rejection(client.callback('x'));
    assert.equal(seen.handledKind, 'http');
    assert.equal(status.textContent, 'previous');
    assert.equal(status.getAttribute('data-kind'), null);
  });

  test('a status region the page replaces is found again: the next failure shows in the new one', async () => {
    CC.transport = replyTransport(500, 'x');
    const first = statusRegion();
    let current = first;
    const el = element(form([]), null);
    el.querySelector = (selector) => (selector === '.cc-status' ? current : null);
    // A document that holds whichever region is current, so a region the page swapped out has left it.
    globalThis.document = { documentElement: { contains: (node) => node === current } };
    try {
      const client = new CC.CallbackClient(el, { callbackId: 'Cb' });
      await rejection(client.callback('x'));
      assert.equal(first.textContent, 'The server answered with HTTP 500.');
      // The page swaps the region out (say, a partial update of the control's markup).
      current = statusRegion();
      CC.transport = replyTransport(200, '<html>Login</html>', true);
      const error = await rejection(client.callback('y'));
      assert.equal(current.textContent, error.message);
      assert.equal(first.textContent, 'The server answered with HTTP 500.');
    } finally {
      delete globalThis.document;
    }
  });

  test('a failure without an error hook is still written to the .cc-status region', async () => {
    CC.transport = replyTransport(200, '<html>Login</html>', true);
    const status = statusRegion();
    const client = new CC.CallbackClient(element(form([]), status), { callbackId: 'Cb' });
    const error = await rejection(client.callback('x'));
    assert.equal(error.kind, 'redirect');
    assert.equal(status.textContent, error.message);
    assert.deepEqual(status.innerHTMLWrites, []);
  });
});
