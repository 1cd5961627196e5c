'use strict';
// Call tokens expire; a page that stays open keeps working. On a copy of the test site whose tokens
// live 4 seconds: a call made after half a lifetime brings a fresh token, and a call made with an
// expired one is refused, the page's current token is fetched, and the call goes through, once.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, startDevHost, launchBrowser, browserTest, sleep } = require('./harness');

const LIFETIME_SECONDS = 4;
const SITE = path.join('.tmp', `token-site-${process.pid}`);
let host;
let context;

before(async () => {
  const dir = path.join(ROOT, SITE);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(ROOT, 'tests', 'TestSite'), dir, { recursive: true });
  const config = path.join(dir, 'Web.config');
  fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace('<system.web>',
    `<appSettings><add key="CallbackControls:TokenLifetime" value="00:00:0${LIFETIME_SECONDS}" /></appSettings>\n  <system.web>`));
  host = await startDevHost(SITE);
  context = await launchBrowser();
});

after(async () => {
  if (context) await context.close();
  if (host) await host.stop();
  fs.rmSync(path.join(ROOT, SITE), { recursive: true, force: true });
});

const page = browserTest(() => context);

/** Every request the page makes, as "METHOD status", in order. */
function recordRequests(p) {
  const seen = [];
  p.on('response', (r) => {
    if (!/WebResource|hooks\.js|favicon/.test(r.url())) seen.push(`${r.request().method()} ${r.status()}`);
  });
  return seen;
}

test('a page open longer than a token lives: calls renew their token, and an expired one is replaced from the page and the call still answers', page('token-lifetime', async (p) => {
  await p.goto(host.url + 'Echo.aspx');
  await p.waitForFunction(() => window.Echo && window.Echo.callback);
  const first = await p.evaluate(() => Echo.options.token);

  // Past half the lifetime: the call answers and its reply carries the next token.
  await sleep((LIFETIME_SECONDS / 2) * 1000 + 700);
  assert.equal(await p.evaluate(() => Echo.callback('renew')), 'echo:renew');
  const renewed = await p.evaluate(() => Echo.options.token);
  assert.notEqual(renewed, first);

  // Past the whole lifetime of the renewed token: refused as expired, the page fetched, the call sent again.
  await sleep(LIFETIME_SECONDS * 1000 + 1200);
  const requests = recordRequests(p);
  assert.equal(await p.evaluate(() => Echo.callback('after expiry')), 'echo:after expiry');
  assert.deepEqual(requests, ['POST 403', 'GET 200', 'POST 200']);
  assert.notEqual(await p.evaluate(() => Echo.options.token), renewed);
  assert.equal(await p.evaluate(() => document.querySelector('#Echo .cc-status')?.textContent || ''), '');
  assert.deepEqual(p.pageErrors, []);
}));

test('an expired token is never renewed by the reply that refuses it: a call with a forged old token stays refused', page('token-forged', async (p) => {
  await p.goto(host.url + 'Echo.aspx');
  await p.waitForFunction(() => window.Echo && window.Echo.callback);
  // A token of the right shape that the site never issued: refused as forbidden, not as expired, and no page fetch.
  const requests = recordRequests(p);
  const kind = await p.evaluate(() => {
    Echo.options.token = Echo.options.token.slice(0, -2) + (Echo.options.token.endsWith('AA') ? 'BA' : 'AA');
    return Echo.callback('x').then(() => 'answered', (e) => e.kind + ':' + e.code);
  });
  assert.equal(kind, 'forbidden:forbidden');
  assert.deepEqual(requests, ['POST 403']);
}));
