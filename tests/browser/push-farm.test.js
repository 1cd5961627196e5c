'use strict';
// Push on a farm (issue 26 item 3), in Chromium: the test site on two fastcgi-mono-server4 back ends behind
// nginx, with CallbackPush.Bus on Redis (tests/TestSite/PushFarm.cs, CC_PUSH_REDIS). A Notify handled by
// either back end reaches a page whose stream is held by either; Redis stopped, the pages fall back to
// their timers, and started again they catch up once and are live; a back end killed, the pages go on.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { startNginxHost, nginxMissing, startRedis, redisMissing, launchBrowser, openPage, sleep } = require('./harness');

const skip = nginxMissing() || redisMissing() || false;
let redis;
let host;
let context;

before(async () => {
  if (skip) return;
  redis = await startRedis();
  host = await startNginxHost('tests/TestSite', { backends: 2, env: { CC_PUSH_REDIS: redis.address + ',connectRetry=1', SURVIVE_BACKEND_EXIT: '1' } });
  context = await launchBrowser();
});

after(async () => {
  if (context) await context.close();
  if (host) await host.stop();
  if (redis) await redis.stop();
});

/** The back ends (unix:...backend-N.sock) that answered Notify.ashx, from nginx's access log. */
function notifyUpstreams() {
  const logs = /^logs: (.+)$/m.exec(host.output());
  assert.ok(logs, 'run.sh says where its logs are');
  return fs.readFileSync(path.join(logs[1].trim(), 'access.log'), 'utf8').split('\n')
    .map((line) => /"POST \/Push\/Notify\.ashx [^"]*" 200 .* upstream=(\S+)$/.exec(line))
    .filter(Boolean).map((m) => m[1]);
}

/**
 * Opens the push page and waits until it is live and still. On a farm the page may be drawn by one back end
 * and its stream opened on the other, which cannot tell what changed in between and says reset: the chart
 * then refreshes once at once, by design. Counting starts after that.
 */
async function openLive(t) {
  const p = await openPage(context, t);
  await p.goto(host.url + 'Push/Live.aspx');
  await p.waitForFunction(() => window.CallbackControls.push && window.CallbackControls.push.source && window.CallbackControls.push.source.readyState === 1 &&
    window.CallbackControls.push.available && !window.Chart1.isRefreshing && !window.Chart1.requests.waiting);
  return p;
}

const notify = (p, fields) => p.evaluate((f) => fetch('Notify.ashx', { method: 'POST', body: new URLSearchParams(f) }).then((r) => r.text()), fields);
const refreshes = (p) => p.$eval('#refreshes', (o) => Number(o.textContent));

test('a Notify handled by either back end reaches the page, whichever back end holds its stream', { skip }, async (t) => {
  const p = await openLive(t);
  const at = await refreshes(p);
  const seen = new Set();
  const first = notifyUpstreams().length;
  // Until both back ends have handled a Notify. Round robin alternates, and each Notify is followed by the
  // chart's refresh, so Notify would always land on the same one: a request in between shifts the turn.
  for (let i = 1; seen.size < 2; i += 1) {
    assert.ok(i <= 6, `both back ends handled a Notify within 6: ${[...seen].join(', ')}`);
    assert.equal(await notify(p, { topic: 'orders' }), 'ok');
    await p.waitForFunction((n) => document.getElementById('refreshes').textContent === String(n), at + i);
    notifyUpstreams().slice(first).forEach((u) => seen.add(u));
    await p.evaluate(() => fetch('Notify.ashx').then((r) => r.status));
  }
  assert.deepEqual(p.pageErrors, []);
});

test('Redis stopped: the page is told, and its charts use their timers; Redis back: one refresh, then live again', { skip }, async (t) => {
  const p = await openLive(t);
  const at = await refreshes(p);
  await redis.stop();
  await p.waitForFunction(() => !window.CallbackControls.push.available, null, { timeout: 20000 });
  assert.equal(await p.evaluate(() => window.Chart1._pushAvailable), false);
  assert.ok(await p.evaluate(() => window.Chart1._timer !== null), 'the chart\'s timer stands in');
  redis = await startRedis(redis.port);
  await p.waitForFunction(() => window.CallbackControls.push.available, null, { timeout: 30000 });
  await p.waitForFunction((n) => Number(document.getElementById('refreshes').textContent) === n + 1, at);
  assert.ok(await p.evaluate(() => window.Chart1._timer === null), 'the timer stopped again');
  // Notifications flow again through the restarted Redis (StackExchange.Redis subscribed again by itself).
  for (let i = 2; i <= 3; i += 1) {
    await notify(p, { topic: 'orders' });
    await p.waitForFunction((n) => Number(document.getElementById('refreshes').textContent) === n, at + i);
  }
});

test('one back end killed: the page goes on hearing every Notify, through the survivor', { skip }, async (t) => {
  const p = await openLive(t);
  const logs = /^logs: (.+)$/m.exec(host.output())[1].trim();
  const victim = path.join(path.dirname(logs), 'backend-1.sock');
  execFileSync('pkill', ['-KILL', '-f', `unix:${victim}`]);
  const alive = () => { try { execFileSync('pgrep', ['-f', `unix:${victim}`]); return true; } catch { return false; } };
  while (alive()) await sleep(50);
  // A stream the victim held is gone: the browser reconnects to the survivor (a new run: one refresh).
  await p.waitForFunction(() => window.CallbackControls.push.source && window.CallbackControls.push.source.readyState === 1, null, { timeout: 30000 });
  const at = await refreshes(p);
  for (let i = 1; i <= 3; i += 1) {
    assert.equal(await notify(p, { topic: 'orders' }), 'ok');
    await p.waitForFunction((n) => Number(document.getElementById('refreshes').textContent) >= n, at + i, { timeout: 20000 });
  }
});
