'use strict';
// What makes a call safe and able to run on real pages: the token header, the page state when the
// page needs it (and the one resend when the server says so), refusals read as such.

const { test, describe, beforeEach, afterEach, mock } = require('node:test');
const assert = require('node:assert/strict');
const S = require('./support');

const { CC, input, form, element, statusRegion, replyTransport, ok, rejection } = S;

beforeEach(() => { mock.method(console, 'error', () => {}); });
afterEach(() => { mock.restoreAll(); CC.transport = S.realTransport; });

function pageForm() {
  return form([
    input('__VIEWSTATE', '/wEPDwUKLTk2', { type: 'hidden' }),
    input('__VIEWSTATEGENERATOR', 'CA0B0334', { type: 'hidden' }),
    input('__EVENTVALIDATION', '/wEdAAN', { type: 'hidden' }),
    input('Name', 'Ada'),
    input('Other', 'other')
  ], '/Page.aspx');
}

function envelope(error) { return 's' + JSON.stringify({ cc: 1, ok: false, error: error }); }

/** A transport answering each call with the next reply of the list, recording requests. */
function scriptedTransport(replies) {
  const requests = [];
  const transport = function (request) {
    requests.push(request);
    const reply = replies[Math.min(requests.length - 1, replies.length - 1)];
    return Promise.resolve({ status: reply[0], text: reply[1], redirected: false });
  };
  transport.requests = requests;
  transport.bodies = () => requests.map((r) => new URLSearchParams(r.body));
  return transport;
}

function client(options, status) {
  return new CC.CallbackClient(element(pageForm(), status), Object.assign({ name: 'Cb', callbackId: 'Cb', fields: ['Name'], token: 'tok-123' }, options));
}

describe('token', () => {
  test('every call carries the control token in the X-CallbackControls-Token header', async () => {
    const transport = replyTransport(200, ok('done'));
    CC.transport = transport;
    await client({}).callback('a');
    assert.equal(transport.requests[0].headers['X-CallbackControls-Token'], 'tok-123');
    assert.match(transport.requests[0].headers['Content-Type'], /^application\/x-www-form-urlencoded/);
  });

  test('the header is sent even without a token, so no cross-site form can imitate the call', async () => {
    const transport = replyTransport(200, ok('done'));
    CC.transport = transport;
    await client({ token: undefined }).callback('a');
    assert.equal(transport.requests[0].headers['X-CallbackControls-Token'], '');
  });
});

describe('token lifetime', () => {
  const realFetchPage = CC.fetchPage;
  afterEach(() => { CC.fetchPage = realFetchPage; });

  /** A fetched page whose elements carry data-cc-options, as the server renders them. */
  function pageWith(optionsList) {
    const elements = optionsList.map((options) => ({ getAttribute: (name) => (name === 'data-cc-options' ? JSON.stringify(options) : null) }));
    return { querySelectorAll: (selector) => (selector === '[data-cc-options]' ? elements : []) };
  }

  test('a reply that brings a renewed token: the next call carries it', async () => {
    const transport = scriptedTransport([[200, 's' + JSON.stringify({ cc: 1, ok: true, token: 'tok-new', result: 1 })], [200, ok(2)]]);
    CC.transport = transport;
    const c = client({});
    assert.equal(await c.callback('a'), 1);
    await c.callback('b');
    assert.equal(transport.requests[0].headers['X-CallbackControls-Token'], 'tok-123');
    assert.equal(transport.requests[1].headers['X-CallbackControls-Token'], 'tok-new');
  });

  test('an expired token: the page is fetched again, its token for this control taken, and the same call sent once more', async () => {
    const transport = scriptedTransport([[403, envelope({ code: 'expired', message: 'expired' })], [200, ok('done')]]);
    CC.transport = transport;
    const fetched = [];
    CC.fetchPage = (url) => { fetched.push(url); return Promise.resolve(pageWith([{ callbackId: 'Other', token: 'tok-other' }, { callbackId: 'Cb', token: 'tok-fresh' }])); };
    const c = client({});
    assert.equal(await c.callback('a'), 'done');
    assert.deepEqual(fetched, ['/Page.aspx']);
    assert.equal(transport.requests.length, 2);
    assert.equal(transport.requests[1].headers['X-CallbackControls-Token'], 'tok-fresh');
    assert.equal(transport.bodies()[1].get('__CALLBACKPARAM'), transport.bodies()[0].get('__CALLBACKPARAM'));
  });

  test('an expired token the page cannot renew (no such control, a login page): the call fails as refused, sent once', async () => {
    for (const page of [pageWith([{ callbackId: 'Other', token: 'x' }]), null, pageWith([{ callbackId: 'Cb', token: 'tok-123' }])]) {
      const transport = scriptedTransport([[403, envelope({ code: 'expired', message: 'Reload the page.' })]]);
      CC.transport = transport;
      CC.fetchPage = () => Promise.resolve(page);
      const status = statusRegion();
      const error = await rejection(client({}, status).callback('a'));
      assert.equal(error.kind, 'forbidden');
      assert.equal(error.code, 'expired');
      assert.equal(transport.requests.length, 1);
      assert.equal(status.textContent, 'Reload the page.');
    }
  });

  test('a page fetch that fails, or a second expiry after the renewal: reported, never a loop', async () => {
    CC.transport = scriptedTransport([[403, envelope({ code: 'expired', message: 'expired' })]]);
    CC.fetchPage = () => Promise.reject(new Error('offline'));
    assert.equal((await rejection(client({}).callback('a'))).code, 'expired');

    const transport = scriptedTransport([[403, envelope({ code: 'expired', message: 'expired' })]]);
    CC.transport = transport;
    let fetches = 0;
    CC.fetchPage = () => { fetches++; return Promise.resolve(pageWith([{ callbackId: 'Cb', token: 'tok-' + fetches }])); };
    assert.equal((await rejection(client({}).callback('a'))).code, 'expired');
    assert.equal(fetches, 1);
    assert.equal(transport.requests.length, 2);
  });
});

describe('page state', () => {
  test('a lean call posts the named fields and never the ViewState', async () => {
    const transport = replyTransport(200, ok('done'));
    CC.transport = transport;
    await client({}).callback('a');
    const body = transport.bodies()[0];
    assert.deepEqual(JSON.parse(body.get('__CALLBACKPARAM')).fields, [['Name', 'Ada']]);
    assert.equal(body.has('__VIEWSTATE'), false);
    assert.equal(body.has('Other'), false);
  });

  test('with pageState the ViewState fields and event validation travel with the named fields, other fields do not', async () => {
    const transport = replyTransport(200, ok('done'));
    CC.transport = transport;
    await client({ pageState: true }).callback('a');
    const body = transport.bodies()[0];
    assert.deepEqual([body.get('__VIEWSTATE'), body.get('__VIEWSTATEGENERATOR'), body.get('__EVENTVALIDATION'), JSON.parse(body.get('__CALLBACKPARAM')).fields],
      ['/wEPDwUKLTk2', 'CA0B0334', '/wEdAAN', [['Name', 'Ada']]]);
    assert.equal(body.has('Other'), false);
  });

  test('"needs-page-state" resends the same call once with the state, and later calls keep carrying it', async () => {
    const transport = scriptedTransport([[200, envelope({ code: 'needs-page-state', message: 'x' })], [200, ok('done')]]);
    CC.transport = transport;
    const hooks = [];
    const c = client({ hooks: { afterCallback: () => hooks.push('after'), error: () => hooks.push('error') } });
    assert.equal(await c.callback('a'), 'done');
    assert.equal(await c.callback('b'), 'done');
    const bodies = transport.bodies();
    assert.deepEqual(bodies.map((b) => b.has('__VIEWSTATE')), [false, true, true]);
    assert.deepEqual(bodies.map((b) => JSON.parse(b.get('__CALLBACKPARAM')).arg), ['a', 'a', 'b']);
    assert.deepEqual(hooks, ['after', 'after'], 'the resend is invisible to the page: one afterCallback per call, no error');
  });

  test('a second "needs-page-state" is not resent again: it fails as a server error', async () => {
    const transport = scriptedTransport([[200, envelope({ code: 'needs-page-state', message: 'The page needs its state.' })]]);
    CC.transport = transport;
    const error = await rejection(client({}).callback('a'));
    assert.equal(transport.requests.length, 2);
    assert.equal(error.kind, 'server');
  });
});

describe('refusals and page failures', () => {
  test('a 403 carrying a "forbidden" envelope rejects with kind forbidden and its message, shown as text', async () => {
    CC.transport = scriptedTransport([[403, envelope({ code: 'forbidden', message: 'The call came from <another> site.' })]]);
    const status = statusRegion();
    const error = await rejection(client({}, status).callback('a'));
    assert.equal(error.kind, 'forbidden');
    assert.equal(error.message, 'The call came from <another> site.');
    assert.equal(status.textContent, 'The call came from <another> site.');
    assert.deepEqual(status.innerHTMLWrites, []);
  });

  test('a "page" error (the page failed before the control answered) is kind server with the server\'s message', async () => {
    CC.transport = scriptedTransport([[200, envelope({ code: 'page', message: "The page failed before 'Cb' could answer: boom" })]]);
    const error = await rejection(client({}).callback('a'));
    assert.equal(error.kind, 'server');
    assert.match(error.message, /boom$/);
  });

  test('a non-200 reply that is not ours stays an http error', async () => {
    CC.transport = scriptedTransport([[500, '<html>Server Error</html>']]);
    const error = await rejection(client({}).callback('a'));
    assert.equal(error.kind, 'http');
    assert.equal(error.status, 500);
  });
});

describe('envelope encoding', () => {
  test('<, >, & and their full-width forms are escaped so no request validation sees markup', () => {
    const text = CC.internals.encodeEnvelope('<b> \uFF1Cscript\uFF1E &#60; \uFF06', null);
    assert.doesNotMatch(text, /[<>&\uFF1C\uFF1E\uFF06]/);
    assert.equal(JSON.parse(text).arg, '<b> \uFF1Cscript\uFF1E &#60; \uFF06');
  });
});
