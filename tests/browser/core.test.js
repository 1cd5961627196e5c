'use strict';
// The callback core in a real browser: the test site's pages on the dev host, in Chromium.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useDevHostSite } = require('./harness');

const site = useDevHostSite('tests/TestSite');
const page = site.page;
const host = { get url() { return site.host().url; } };

async function openEcho(p) {
  await p.goto(host.url + 'Echo.aspx');
  await p.waitForFunction(() => window.CallbackControls && window.Echo && window.Echo.callback);
}

test('a call returns the handler result with no page navigation', page('echo', async (p) => {
  await openEcho(p);
  let navigations = 0;
  p.on('framenavigated', () => { navigations += 1; });
  const result = await p.evaluate(() => Echo.callback('hello'));
  assert.equal(result, 'echo:hello');
  assert.equal(navigations, 0);
  assert.deepEqual(p.pageErrors, []);
}));

test('the runtime script is served through WebResource.axd and no inline script is rendered', page('webresource', async (p) => {
  await openEcho(p);
  const scripts = await p.evaluate(() => Array.from(document.scripts).map((s) => ({ src: s.getAttribute('src') || '', inline: s.textContent })));
  const runtime = scripts.find((s) => s.src.includes('WebResource.axd'));
  assert.ok(runtime, 'the runtime is loaded from WebResource.axd');
  const controlScripts = scripts.filter((s) => !s.src && /CallbackControls|Echo/.test(s.inline));
  assert.deepEqual(controlScripts, [], 'controls add no inline script');
}));

test('hooks run in the documented order and see argument, status and result', page('hooks-order', async (p) => {
  await openEcho(p);
  await p.evaluate(() => Echo.callback('order'));
  const log = await p.evaluate(() => TestHooks.log);
  assert.deepEqual(log, ['before:order', 'after:order:200', 'beforeResponse:"echo:order"', 'afterResponse:"echo:order"']);
}));

test('a beforeCallback hook can cancel the call and nothing is sent', page('hooks-cancel', async (p) => {
  await openEcho(p);
  let posts = 0;
  p.on('request', (r) => { if (r.method() === 'POST') posts += 1; });
  const kind = await p.evaluate(() => { TestHooks.cancelNext = true; return Echo.callback('x').catch((e) => e.kind); });
  assert.equal(kind, 'cancelled');
  assert.equal(posts, 0);
  assert.deepEqual(await p.evaluate(() => TestHooks.log), ['before:x']);
}));

test('a script-body hook runs and can cancel', page('hooks-inline', async (p) => {
  await openEcho(p);
  const kinds = await p.evaluate(async () => [
    await Inline.callback('veto').then(() => 'sent', (e) => e.kind),
    await Inline.callback('go').then((r) => r, (e) => e.kind),
    window.inlineHookRan,
  ]);
  assert.deepEqual(kinds, ['cancelled', 'echo:go', true]);
}));

test('a call posts the current value of the fields it names, not the value at page load', page('current-values', async (p) => {
  await openEcho(p);
  await p.fill('#Field1', 'typed after load');
  assert.equal(await p.evaluate(() => Echo.callback('field')), 'field:typed after load');
  await p.fill('#Field1', 'changed again');
  assert.equal(await p.evaluate(() => Echo.callback('field')), 'field:changed again');
}));

test('by default a call carries no ViewState; PostFullForm carries the whole current form', page('payload', async (p) => {
  await openEcho(p);
  await p.fill('#Bulk', 'x'.repeat(5000));
  const bodies = [];
  p.on('request', (r) => { if (r.method() === 'POST') bodies.push(r.postData()); });
  await p.evaluate(() => Echo.callback('small'));
  await p.fill('#Field1', 'current');
  const full = await p.evaluate(() => FullForm.callback('viewstate'));
  const small = new URLSearchParams(bodies[0]);
  assert.equal(small.get('__VIEWSTATE'), null);
  assert.equal(small.get('Bulk'), null, 'fields not named are not sent');
  // The named text box travels as typed inside the envelope (REFERENCE, "Text arrives as typed").
  assert.equal(small.get('Field1'), null);
  assert.deepEqual(JSON.parse(small.get('__CALLBACKPARAM')).fields, [['Field1', 'initial']]);
  assert.ok(bodies[0].length * 4 < bodies[1].length, `default call ${bodies[0].length} bytes vs full form ${bodies[1].length}`);
  const large = new URLSearchParams(bodies[1]);
  assert.ok(large.get('__VIEWSTATE'));
  assert.equal(large.get('Field1'), 'current');
  assert.equal(full, 'viewstate:from-first-render', 'the handler sees page state');
}));

test('hostile text round-trips exactly and never runs as markup', page('hostile', async (p) => {
  await openEcho(p);
  const hostile = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2"> & &#60; "quotes" \'single\' ;|; Zoë 東京 🎉';
  const result = await p.evaluate((text) => Echo.callback(text), hostile);
  assert.equal(result, 'echo:' + hostile);
  const obj = await p.evaluate(() => Echo.callback('object'));
  assert.deepEqual(obj, { name: 'Zoë <b>&</b>', items: [1, 2, 3] });
  assert.equal(await p.evaluate(() => window.pwned), undefined);
}));

test('latest reply wins per control, and one control never cancels another', page('latest-wins', async (p) => {
  await openEcho(p);
  const outcome = await p.evaluate(async () => {
    const applied = [];
    Echo.applyResult = (r) => applied.push(r);
    const first = Echo.callback('slowecho:800:first').then((r) => 'resolved:' + r, (e) => e.kind);
    await new Promise((r) => setTimeout(r, 50));
    const other = Other.callback('independent');
    const second = Echo.callback('slowecho:10:second');
    return { first: await first, second: await second, other: await other, applied };
  });
  assert.deepEqual(outcome, { first: 'superseded', second: 'echo:second', other: 'other:independent', applied: ['echo:second'] });
}));

test('a handler exception reaches the error hook with its message where details are shown', page('handler-error', async (p) => {
  await openEcho(p);
  const error = await p.evaluate(() => Echo.callback('throw').catch((e) => ({ kind: e.kind, message: e.message })));
  assert.deepEqual(error, { kind: 'handler', message: 'secret detail from the handler' });
  const log = await p.evaluate(() => TestHooks.log);
  assert.deepEqual(log, ['before:throw', 'after:throw:200', 'error:handler:secret detail from the handler']);
}));

test('where details are hidden the message is generic, a CallbackException message is kept, and no stack trace is shown', page('hidden-error', async (p) => {
  await p.goto(host.url + 'Hidden/Throw.aspx');
  await p.waitForFunction(() => window.Fail);
  const generic = await p.evaluate(() => Fail.callback('boom').catch((e) => e.message));
  assert.equal(generic, 'The server could not complete the request.');
  const status = await p.textContent('#Fail .cc-status');
  assert.equal(status, 'The server could not complete the request.');
  const friendly = await p.evaluate(() => Fail.callback('user-error').catch((e) => e.message));
  assert.equal(friendly, 'Please choose a country first.');
  assert.doesNotMatch(await p.content(), /secret detail|at System\./);
}));

test('HTTP errors, login pages, network failures and timeouts all reach the error hook', page('transport-errors', async (p) => {
  await openEcho(p);
  const run = async (route, arg) => {
    await p.unroute('**/Echo.aspx');
    await p.route('**/Echo.aspx', route);
    return p.evaluate((a) => Echo.callback(a).then(() => 'resolved', (e) => e.kind + (e.status ? ':' + e.status : '')), arg);
  };
  const isPost = (route) => route.request().method() === 'POST';
  assert.equal(await run((r) => (isPost(r) ? r.fulfill({ status: 500, body: 'boom' }) : r.continue()), 'a'), 'http:500');
  assert.equal(await run((r) => (isPost(r) ? r.fulfill({ status: 200, contentType: 'text/html', body: '<html><body>Please log in</body></html>' }) : r.continue()), 'b'), 'malformed');
  assert.equal(await run((r) => (isPost(r) ? r.abort('connectionrefused') : r.continue()), 'c'), 'network');
  await p.unroute('**/Echo.aspx');
  const log = await p.evaluate(() => TestHooks.log.filter((l) => l.startsWith('error:')).map((l) => l.split(':')[1]));
  assert.deepEqual(log, ['http', 'malformed', 'network']);
  // The Other control has a 1 s timeout; the slow handler takes 3 s.
  const timedOut = await p.evaluate(() => Other.callback('x').then(() => 'resolved', (e) => e.kind));
  assert.equal(timedOut, 'resolved');
  await p.route('**/Echo.aspx', async (r) => { if (isPost(r)) { await new Promise((res) => setTimeout(res, 2500)); return r.fulfill({ status: 200, body: 's{}' }).catch(() => {}); } return r.continue(); });
  const kind = await p.evaluate(() => Other.callback('late').then(() => 'resolved', (e) => e.kind));
  assert.equal(kind, 'timeout');
  assert.match(await p.textContent('#Other .cc-status'), /did not answer within 1000 ms/);
}));

test('controls inside master pages and repeated user controls each get their own client object', page('nested', async (p) => {
  await p.goto(host.url + 'Nested.aspx');
  await p.waitForFunction(() => window.CallbackControls && Array.from(document.querySelectorAll('[data-cc-control]')).filter((el) => el.__callbackControl).length === 4);
  const results = await p.evaluate(async () => {
    const boxes = Array.from(document.querySelectorAll('.box [data-cc-control]'));
    const answers = [];
    for (const el of boxes) answers.push(await CallbackControls.get(el.id).callback('hi'));
    answers.push(await NamedEcho.callback('hi'));
    return { ids: boxes.map((b) => b.id), answers };
  });
  assert.equal(new Set(results.ids).size, 3);
  assert.deepEqual(results.answers, ['first:hi', 'second:hi', 'third:hi', 'named:hi']);
}));

test('hooks naming functions work under a strict Content-Security-Policy', page('csp', async (p) => {
  await p.goto(host.url + 'Csp.aspx');
  await p.waitForFunction(() => window.Echo);
  assert.equal(await p.evaluate(() => Echo.callback('safe')), 'csp:safe');
  assert.deepEqual(await p.evaluate(() => TestHooks.log), ['before:safe', 'afterResponse:"csp:safe"']);
  assert.deepEqual(p.pageErrors, []);
}));

test('a call during an UpdatePanel async postback succeeds, and the control is restarted after the update', page('updatepanel', async (p) => {
  await p.goto(host.url + 'UpdatePanel.aspx');
  await p.waitForFunction(() => window.Echo && window.Sys && Sys.WebForms);
  const before = await p.evaluate(() => { window.firstEcho = Echo; return true; });
  assert.ok(before);
  await p.click('#Slow');
  await p.waitForFunction(() => Sys.WebForms.PageRequestManager.getInstance().get_isInAsyncPostBack());
  const during = await p.evaluate(() => Promise.all([Outside.callback('during'), Echo.callback('during')]).then((r) => r, (e) => 'failed:' + e.kind));
  assert.deepEqual(during, ['outside:during', 'panel:during']);
  await p.waitForFunction(() => /updated/.test(document.getElementById('Stamp').textContent));
  const after = await p.evaluate(async () => ({
    replaced: window.Echo !== window.firstEcho,
    oldDisposed: window.firstEcho.disposed,
    result: await Echo.callback('after'),
  }));
  assert.deepEqual(after, { replaced: true, oldDisposed: true, result: 'panel:after' });
}));
