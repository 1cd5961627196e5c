'use strict';
// The fast path in a real browser: tests/TestSite/FastPath.aspx, whose controls name page methods
// (ServiceMethod) answered without building the page. The lists cascade, the calls carry nothing of
// the form, the postback checks the chain through the same methods.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useDevHostSite } = require('./harness');

const { host, page } = useDevHostSite('tests/TestSite');

/** Records the callback POSTs of the page: their method and target headers and their body. */
function recordCalls(p) {
  const calls = [];
  p.on('request', (r) => {
    if (r.method() !== 'POST' || !r.headers()['x-callbackcontrols-token']) return;
    calls.push({ method: r.headers()['x-callbackcontrols-method'], target: r.headers()['x-callbackcontrols-target'], body: r.postData() || '' });
  });
  return calls;
}

async function open(p) {
  await p.goto(host().url + 'FastPath.aspx');
  await p.waitForFunction(() => window.Region && window.City && window.EchoCall);
}

test('a chain of page methods cascades; each call names its method and sends nothing of the form', page('fast-chain', async (p) => {
  const calls = recordCalls(p);
  await open(p);
  await p.selectOption('#Country', 'fr');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 3);
  assert.deepEqual(await p.$$eval('#Region option', (o) => o.map((x) => x.textContent)), ['Choose a region', 'Île-de-France', 'Provence']);
  await p.selectOption('#Region', 'pac');
  await p.waitForFunction(() => document.querySelectorAll('#City option').length === 2);
  await p.selectOption('#City', 'nice');
  // France fills Region and the tenant's list (both children of Country), then Provence fills City.
  assert.deepEqual(calls.map((c) => c.method).sort(), ['GetCities', 'GetRegions', 'GetTenantRegions']);
  assert.equal(calls[calls.length - 1].method, 'GetCities');
  // The body is the bare envelope (no form: no ViewState, no event validation, no field); the control is in its header.
  for (const call of calls) assert.deepEqual(Object.keys(JSON.parse(call.body)), ['v', 'arg', 'state'], call.body);
  assert.deepEqual(calls.map((c) => c.target).sort(), ['City', 'Region', 'Tenanted']);
  assert.deepEqual(p.pageErrors, []);
}));

test('the postback keeps the chain the page methods filled, and event validation stays on', page('fast-postback', async (p) => {
  await open(p);
  await p.selectOption('#Country', 'jp');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 2);
  await p.selectOption('#Region', 'kanto');
  await p.waitForFunction(() => document.querySelectorAll('#City option').length === 2);
  await p.selectOption('#City', 'tokyo');
  await Promise.all([p.waitForNavigation(), p.click('#Submit')]);
  assert.equal(await p.textContent('#result'), 'country=jp;region=kanto;city=tokyo;valid=True');
  assert.equal(await p.$eval('#City', (s) => s.value), 'tokyo');
}));

test('hostile text from a page method is shown as text', page('fast-hostile', async (p) => {
  await open(p);
  await p.selectOption('#Country', { label: '<b>Hostile</b>' });
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 2);
  assert.equal(await p.$eval('#Region option:last-child', (o) => o.textContent), '<img src=x onerror="window.pwned=1">');
  assert.equal(await p.evaluate(() => window.pwned), undefined);
  assert.equal(await p.$$eval('img', (imgs) => imgs.length), 0);
}));

test('a CallbackControl answered by a page method: the result, its errors, and no page built', page('fast-callback', async (p) => {
  await open(p);
  const [a, b] = await p.evaluate(async () => [await EchoCall.callback('one'), await EchoCall.callback('two')]);
  assert.equal(a.echo, 'one');
  assert.equal(b.echo, 'two');
  assert.equal(b.built, a.built, 'no page was built between the calls');
  assert.equal(a.sessionReadOnly, true);
  const failure = await p.evaluate(() => FailCall.callback('x').then(() => null, (e) => ({ kind: e.kind, message: e.message })));
  assert.deepEqual(failure, { kind: 'handler', message: 'secret detail of a page method' });
  const refusal = await p.evaluate(() => RefuseCall.callback('x').then(() => null, (e) => e.message));
  assert.equal(refusal, 'No such order.');
}));

test('a list\'s ContextKey reaches its page method (signed in its token), text with accents included', page('fast-context', async (p) => {
  await open(p);
  await p.selectOption('#Country', 'fr');
  await p.waitForFunction(() => document.querySelectorAll('#Tenanted option').length === 1 && !document.getElementById('Tenanted').disabled);
  assert.equal(await p.$eval('#Tenanted option', (o) => o.textContent), 'tenant-a é / fr');
}));
