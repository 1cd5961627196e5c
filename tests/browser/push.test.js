'use strict';
// Push (issue 26) on tests/TestSite/Push/Live.aspx in Chromium, on the dev host: controls with a PushTopic
// hear CallbackPush.Notify at once over the page's one stream, with no timer; a topic for one user reaches
// no other; a subscription from another site or with a tampered token is refused; a dropped stream and a
// hidden page catch up once.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useDevHostSite, controlOptions } = require('./harness');

const site = useDevHostSite('tests/TestSite');
const page = site.page;

const url = (path) => site.host().url + path;

async function open(p, path = 'Push/Live.aspx') {
  await p.goto(url(path));
  await p.waitForFunction(() => window.Chart1 && window.CallbackControls.push && window.CallbackControls.push.lastId && window.CallbackControls.push.source);
  // The stream is open once its first event came (it carries the id the page catches up from).
  await p.waitForFunction(() => window.CallbackControls.push.source.readyState === 1);
}

/** What server code does when the data changes: POST Notify.ashx (from the page, so the time is the page's clock). */
const notify = (p, fields) => p.evaluate((f) => fetch('Notify.ashx', { method: 'POST', body: new URLSearchParams(f) }).then((r) => r.text()), fields);

const refreshes = (p) => p.$eval('#refreshes', (o) => Number(o.textContent));

test('a Notify of the chart\'s topic refreshes it at once, with no timer, and the plain control hears only its own topic', page('push-chart', async (p) => {
  const streams = [];
  p.on('request', (r) => { if (r.url().includes('__ccpush=')) streams.push(r.url()); });
  await open(p);
  assert.equal(await refreshes(p), 0);
  const before = await p.$eval('#orders', (o) => Number(o.textContent));
  assert.equal(await notify(p, { topic: 'orders' }), 'ok');
  await p.waitForFunction(() => document.getElementById('refreshes').textContent === '1');
  assert.equal(await p.$eval('#orders', (o) => Number(o.textContent)), before + 1);
  assert.deepEqual(await p.evaluate(() => window.pushLog.map((l) => l.push)), [true]);
  // One stream for the page's two controls, carrying both topics.
  assert.equal(streams.length, 1);
  assert.match(streams[0], /__cctopic=orders~/);
  assert.match(streams[0], /__cctopic=mine~/);
  // The plain control's hook hears its topic, with the text given to Notify; the chart does not refresh for it.
  await notify(p, { topic: 'mine', data: 'a < b & "c" </li>' });
  await p.waitForFunction(() => document.querySelectorAll('#mine-log li').length === 1);
  assert.equal(await p.$eval('#mine-log li', (li) => li.textContent), 'a < b & "c" </li>');
  assert.equal(await refreshes(p), 1);
  assert.deepEqual(p.pageErrors, []);
  assert.deepEqual(p.consoleErrors, []);
}));

test('a topic for one user reaches that user\'s page and no other', page('push-user', async (p, t) => {
  await p.goto(url('Template/Login.aspx?user=alice&ReturnUrl=/Push/Live.aspx'));
  await open(p, 'Push/Live.aspx');
  assert.equal(await p.$eval('#User1', (s) => s.textContent), 'alice');
  // A second, anonymous page: a fresh browser context has no cookie.
  const { launchBrowser, openPage } = require('./harness');
  const context = await launchBrowser();
  t.after(() => context.close());
  const anonymous = await openPage(context, t);
  await open(anonymous);
  assert.equal(await anonymous.$eval('#User1', (s) => s.textContent), '(anonymous)');

  await notify(p, { topic: 'mine', data: 'for bob', user: 'bob' });
  await notify(p, { topic: 'mine', data: 'for alice', user: 'alice' });
  await notify(p, { topic: 'mine', data: 'for everyone' });
  await p.waitForFunction(() => document.querySelectorAll('#mine-log li').length === 2);
  await anonymous.waitForFunction(() => document.querySelectorAll('#mine-log li').length === 1);
  assert.deepEqual(await p.$$eval('#mine-log li', (l) => l.map((li) => li.textContent)), ['for alice', 'for everyone']);
  // "for everyone" came after the others on the same stream: had a user's notification reached this page it
  // would have come first.
  assert.deepEqual(await anonymous.$$eval('#mine-log li', (l) => l.map((li) => li.textContent)), ['for everyone']);
}));

test('a subscription with a tampered token, another page\'s token or from another site is refused, and the page says why once', page('push-refused', async (p) => {
  const html = await (await fetch(url('Push/Live.aspx'))).text();
  const token = controlOptions(html).Chart1.push.token;
  const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
  const get = (query, headers = {}) => fetch(url('Push/Live.aspx?') + query, { headers }).then(async (r) => ({ status: r.status, text: await r.text() }));
  const good = await fetch(url('Push/Live.aspx?__ccpush=poll&__cctopic=orders~' + token + '&__ccsince=x.0'));
  assert.equal(good.status, 200, 'the genuine token opens a poll (answered at once: the id is of another run)');
  assert.match(await good.text(), /"reset":true/);
  for (const [query, headers, why] of [
    ['__ccpush=stream&__cctopic=orders~' + tampered, {}, /does not match this page, topic and user/],
    ['__ccpush=stream&__cctopic=mine~' + token, {}, /does not match/],
    ['__ccpush=stream&__cctopic=orders', {}, /names no topic/],
    ['__ccpush=stream&__cctopic=orders~' + token, { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' }, /another site/],
  ]) {
    const reply = await get(query, headers);
    assert.equal(reply.status, 403, query);
    assert.match(reply.text, why, query);
  }
  // Another page's token for the same topic does not open this page's stream.
  const otherHtml = await (await fetch(url('Push/Other.aspx'))).text();
  const otherToken = controlOptions(otherHtml).Chart2.push.token;
  assert.equal((await get('__ccpush=stream&__cctopic=orders~' + otherToken)).status, 403);

  // In the page: a token that no longer matches (the page was drawn for a user who signed out meanwhile,
  // here tampered by hand) leaves the chart on its timer and says so in the console once.
  const warnings = [];
  p.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await p.route('**/Push/Live.aspx', async (route) => {
    const response = await route.fetch();
    const html = await response.text();
    const drawn = controlOptions(html).Chart1.push.token;
    const body = html.split(drawn).join(drawn.slice(0, -2) + (drawn.endsWith('AA') ? 'BB' : 'AA'));
    await route.fulfill({ response, body });
  });
  await p.goto(url('Push/Live.aspx'));
  await p.waitForFunction(() => window.CallbackControls.push && window.CallbackControls.push.refused);
  assert.equal(warnings.filter((w) => /refused the push subscription/.test(w)).length, 1);
  assert.equal(await p.evaluate(() => window.Chart1._pushAvailable), false);
}));

test('a stream dropped in use reconnects and catches up once with what changed meanwhile', page('push-reconnect', async (p) => {
  await open(p);
  await p.evaluate(() => window.CallbackControls.push.close());
  await notify(p, { topic: 'mine', data: 'while away 1' });
  await notify(p, { topic: 'mine', data: 'while away 2' });
  await notify(p, { topic: 'orders' });
  await p.evaluate(() => window.CallbackControls.push.connect());
  await p.waitForFunction(() => document.getElementById('refreshes').textContent === '1' && document.querySelectorAll('#mine-log li').length === 1);
  // The newest of each topic, once: the chart refreshed once, the plain control heard the latest text.
  assert.deepEqual(await p.$$eval('#mine-log li', (l) => l.map((li) => li.textContent)), ['while away 2']);
  // Live again after the catch-up.
  await notify(p, { topic: 'orders' });
  await p.waitForFunction(() => document.getElementById('refreshes').textContent === '2');
}));

test('a hidden page takes no updates and catches up once when shown again', page('push-hidden', async (p) => {
  await open(p);
  const cdp = await p.context().newCDPSession(p);
  const setHidden = async (hidden) => {
    await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: !hidden });
    await p.evaluate((h) => {
      Object.defineProperty(document, 'visibilityState', { value: h ? 'hidden' : 'visible', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  };
  await setHidden(true);
  assert.equal(await p.evaluate(() => window.CallbackControls.push.source), null, 'the stream is closed while hidden');
  for (let i = 0; i < 3; i++) await notify(p, { topic: 'orders' });
  assert.equal(await refreshes(p), 0);
  await setHidden(false);
  await p.waitForFunction(() => document.getElementById('refreshes').textContent === '1');
  // Caught up with one refresh, and live again.
  await notify(p, { topic: 'orders' });
  await p.waitForFunction(() => document.getElementById('refreshes').textContent === '2');
}));

test('the server restarted: the page reconnects by itself, refreshes once (it cannot tell what it missed) and is live again', page('push-restart', async (p) => {
  const { startDevHost, freePort } = require('./harness');
  const port = await freePort();
  let host = await startDevHost('tests/TestSite', port);
  try {
    await p.goto(host.url + 'Push/Live.aspx');
    await p.waitForFunction(() => window.CallbackControls.push && window.CallbackControls.push.source && window.CallbackControls.push.source.readyState === 1);
    const before = await p.evaluate(() => window.CallbackControls.push.lastId);
    await host.stop();
    await p.waitForFunction(() => window.CallbackControls.push.source === null || window.CallbackControls.push.source.readyState !== 1);
    host = await startDevHost('tests/TestSite', port);
    // The browser reconnects (retry: 2 s), naming the last event it saw; the new run cannot tell, and says reset.
    await p.waitForFunction(() => document.getElementById('refreshes').textContent === '1', null, { timeout: 45000 });
    assert.notEqual(await p.evaluate(() => window.CallbackControls.push.lastId), before);
    await notify(p, { topic: 'orders' });
    await p.waitForFunction(() => document.getElementById('refreshes').textContent === '2');
    assert.deepEqual(p.pageErrors, []);
  } finally {
    await host.stop();
  }
}));

test('behind a proxy that buffers the stream (nginx told to ignore X-Accel-Buffering), the page long-polls, says so once, and still moves on Notify', page('push-buffered', async (p, t) => {
  const { startNginxHost, nginxMissing } = require('./harness');
  const missing = nginxMissing();
  if (missing) {
    t.skip(missing);
    return;
  }
  const host = await startNginxHost('tests/TestSite', { env: { PUSH_BUFFERED: '1' } });
  try {
    const warnings = [];
    p.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    await p.goto(host.url + 'Push/Live.aspx');
    await p.waitForFunction(() => window.CallbackControls.push && window.CallbackControls.push.mode === 'poll', null, { timeout: 20000 });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /holds it back.*long polling/);
    for (let i = 1; i <= 3; i++) {
      await notify(p, { topic: 'orders' });
      await p.waitForFunction((n) => document.getElementById('refreshes').textContent === String(n), i);
    }
    assert.equal(await p.evaluate(() => window.CallbackControls.push.available), true, 'the timer did not take over');
    assert.deepEqual(p.pageErrors, []);
  } finally {
    await host.stop();
  }
}));

test('a CascadingDropDown level with a PushTopic is refilled in place on Notify: the new item appears, the choice and the focus stay, the level below is left alone', page('push-list', async (p) => {
  await p.goto(url('Push/Lists.aspx'));
  await p.waitForFunction(() => window.Region && window.CallbackControls.push && window.CallbackControls.push.source && window.CallbackControls.push.source.readyState === 1);
  await p.selectOption('#Country', 'FR');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 3);
  await p.selectOption('#Region', 'BRE');
  await p.waitForFunction(() => document.querySelectorAll('#City option').length === 2);
  await p.focus('#Region');
  const fills = await p.evaluate(() => ({ region: window.regionFills, city: window.cityFills }));
  await notify(p, { topic: 'regions' });
  await p.waitForFunction(() => [...document.querySelectorAll('#Region option')].some((o) => o.value === 'NOR'));
  assert.deepEqual(await p.evaluate(() => ({
    value: document.getElementById('Region').value,
    focused: document.activeElement && document.activeElement.id,
    region: window.regionFills,
    city: window.cityFills,
    cityValue: document.getElementById('City').options.length,
  })), { value: 'BRE', focused: 'Region', region: fills.region + 1, city: fills.city, cityValue: 2 });
  assert.deepEqual(p.pageErrors, []);
}));
