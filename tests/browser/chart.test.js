'use strict';
// RefreshingChart in a real browser: tests/TestSite/Chart.aspx (and ChartPanel.aspx) on the dev host, in
// Chromium, plus a smoke run of the three chart samples.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startDevHost, launchBrowser, browserTest, sleep } = require('./harness');

let host;
let sampleHost;
let context;
const page = browserTest(() => context);

before(async () => {
  host = await startDevHost('tests/TestSite');
  context = await launchBrowser();
});

after(async () => {
  if (context) await context.close();
  if (host) await host.stop();
  if (sampleHost) await sampleHost.stop();
});

/** Opens Chart.aspx with a refresh frequency (0: the timer is off) and waits for its client object. */
async function openChart(p, frequency) {
  await p.goto(host.url + 'Chart.aspx?frequency=' + frequency);
  await p.waitForFunction(() => window.Chart1 && typeof Chart1.start === 'function');
}

/** Records the chart's callback POSTs: when each started and finished, its argument, and how many overlapped. */
function recordPosts(p) {
  const posts = [];
  let inFlight = 0;
  const record = { posts, maxInFlight: 0 };
  p.on('request', (r) => {
    if (r.method() !== 'POST' || !/Chart\.aspx/.test(r.url())) return;
    const param = new URLSearchParams(r.postData() || '').get('__CALLBACKPARAM');
    const envelope = param ? JSON.parse(param) : {};
    r.ccPost = { at: Date.now(), argument: envelope.arg, state: envelope.state };
    posts.push(r.ccPost);
    inFlight += 1;
    record.maxInFlight = Math.max(record.maxInFlight, inFlight);
  });
  const done = (r) => { if (r.ccPost && !r.ccPost.done) { r.ccPost.done = Date.now(); inFlight -= 1; } };
  p.on('requestfinished', done);
  p.on('requestfailed', done);
  return record;
}

const title = (p) => p.evaluate(() => document.querySelector('#Chart1 svg title').textContent);

/**
 * Opens a chart page with the page's clock in the test's hands: the timer is started only once the
 * clock is paused, so every tick fires when the test advances time (page.clock.runFor) and a test
 * asserts the schedule exactly instead of sleeping and counting within a window. Requests still take
 * real time; the page counts the callback POSTs it starts (window.ccPosts) at the moment it starts them.
 */
async function openWithClock(p, path, name) {
  await p.clock.install();
  await p.addInitScript(() => {
    window.ccPosts = 0;
    const fetch = window.fetch;
    window.fetch = function (url, init) {
      if (init && init.method === 'POST') window.ccPosts += 1;
      return fetch.apply(this, arguments);
    };
  });
  await p.goto(host.url + path);
  await p.waitForFunction((n) => window[n] && typeof window[n].start === 'function', name);
  // A second ahead: pauseAt cannot go back, and the page's clock moves on while this runs.
  await p.clock.pauseAt((await p.evaluate(() => Date.now())) + 1000);
}

const posts = (p) => p.evaluate(() => window.ccPosts);

/** A test that drives the page's clock gets a browser of its own: an installed clock stays with its context. */
const clockPage = (name, body) => async (t) => {
  const own = await launchBrowser();
  t.after(() => own.close());
  return browserTest(() => own)(name, body)(t);
};

/** Advances the page's clock (firing every timer due) and then waits, in real time, for the chart's reply. */
async function advance(p, ms, name = 'Chart1') {
  await p.clock.runFor(ms);
  await p.waitForFunction((n) => !window[n].isRefreshing, name);
}

/** Asserts that the next tick comes exactly `delay` ms from now: nothing 1 ms before, one POST at it. */
async function assertNextTickIn(p, delay, message, name = 'Chart1') {
  const before = await posts(p);
  await p.clock.runFor(delay - 1);
  assert.equal(await posts(p), before, `${message}: nothing before ${delay} ms`);
  await advance(p, 1, name);
  assert.equal(await posts(p), before + 1, `${message}: one request at ${delay} ms`);
}

test('the first paint is server-drawn SVG that needs no script, and fills its container', page('chart-first-paint', async (p) => {
  const response = await p.request.get(host.url + 'Chart.aspx?frequency=0');
  const html = await response.text();
  assert.match(html, /<div class="cc-chart-body"><div class="cc-chart-keys" tabindex="0" role="application"[^>]*><svg [^>]*role="img"/);
  assert.match(html, /<title id="Chart1_title">Refresh 0<\/title>/);

  await openChart(p, 0);
  const box = await p.evaluate(() => {
    const svg = document.querySelector('#Chart1 svg').getBoundingClientRect();
    return { width: svg.width, height: svg.height, frame: document.getElementById('frame').getBoundingClientRect().width };
  });
  assert.equal(box.width, box.frame, 'width 100% of the container');
  assert.equal(Math.round(box.height), Math.round(box.frame * 320 / 640), 'height from the viewBox proportions');
  const a11y = await p.evaluate(() => {
    const svg = document.querySelector('#Chart1 svg');
    const [titleId, descId] = [svg.getAttribute('aria-labelledby'), svg.getAttribute('aria-describedby')];
    const table = document.querySelector('#Chart1 table.cc-chart-table');
    return {
      title: document.getElementById(titleId).textContent,
      desc: document.getElementById(descId).textContent,
      tableRows: table.querySelectorAll('tbody tr').length,
      hiddenBox: table.parentElement.getBoundingClientRect().width * table.parentElement.getBoundingClientRect().height,
      hiddenClip: getComputedStyle(table.parentElement).clipPath,
    };
  });
  assert.equal(a11y.title, 'Refresh 0');
  assert.match(a11y.desc, /^Combination chart with 2 series: CPU, Memory\./);
  assert.equal(a11y.tableRows, 60);
  assert.ok(a11y.hiddenBox <= 1, 'the data table takes no space');
  assert.equal(a11y.hiddenClip, 'inset(50%)', 'and is clipped away');
}));

test('the chart refreshes itself several times in place: no navigation, never an empty container, no layout jump', page('chart-refresh', async (p) => {
  await openChart(p, 0);
  let navigations = 0;
  p.on('framenavigated', () => { navigations += 1; });
  await p.evaluate(() => {
    const chart = document.getElementById('Chart1');
    window.swapLog = [];
    // Every DOM change in the chart is checked as it happens: one body, the text below it unmoved.
    new MutationObserver(() => {
      window.swapLog.push({
        bodies: chart.querySelectorAll('.cc-chart-body').length,
        svgs: chart.querySelectorAll('svg').length,
        below: document.getElementById('below').getBoundingClientRect().top,
        height: chart.getBoundingClientRect().height,
        title: chart.querySelector('svg title').textContent,
      });
    }).observe(chart, { childList: true, subtree: true });
    window.belowAtStart = document.getElementById('below').getBoundingClientRect().top;
    window.heightAtStart = chart.getBoundingClientRect().height;
    Chart1.setRefreshFrequency(250);
  });
  await p.waitForFunction(() => new Set(window.swapLog.map((s) => s.title)).size >= 4, null, { timeout: 15000 });
  const { log, belowAtStart, heightAtStart } = await p.evaluate(() => ({ log: window.swapLog, belowAtStart: window.belowAtStart, heightAtStart: window.heightAtStart }));
  assert.equal(navigations, 0);
  assert.ok(log.every((s) => s.bodies === 1 && s.svgs === 1), 'exactly one drawing at every moment');
  assert.ok(log.every((s) => s.below === belowAtStart), 'the content below never moves');
  assert.ok(log.every((s) => s.height === heightAtStart), 'the chart keeps its size');
  const numbers = log.map((s) => Number(s.title.replace('Refresh ', '')));
  for (let i = 1; i < numbers.length; i++) assert.ok(numbers[i] > numbers[i - 1], 'each swap shows a newer drawing');
  assert.deepEqual(p.pageErrors, []);
}));

test('ticks never overlap: with a slow server the next tick waits for the reply', clockPage('chart-no-overlap', async (p) => {
  const record = recordPosts(p);
  let arrived;
  const requestArrived = new Promise((resolve) => { arrived = resolve; });
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await p.route('**/Chart.aspx*', async (route) => {
    if (route.request().method() === 'POST') { arrived(); await released; }
    await route.continue();
  });
  await openWithClock(p, 'Chart.aspx?frequency=0', 'Chart1');
  await p.evaluate(() => Chart1.setRefreshFrequency(100));
  await p.clock.runFor(100);
  assert.equal(await posts(p), 1, 'the first tick');
  await requestArrived;
  // The server holds the reply while ten periods pass: no second request.
  await p.clock.runFor(1000);
  assert.equal(await posts(p), 1, 'no tick while a reply is pending');
  release();
  await p.waitForFunction(() => !Chart1.isRefreshing);
  // The next tick is one period after the reply, not after the previous tick.
  await assertNextTickIn(p, 100, 'after the reply');
  assert.equal(record.maxInFlight, 1, 'never two requests at once');
}));

test('a hidden page stops polling, and refreshes once as soon as it is visible again', clockPage('chart-hidden', async (p) => {
  const record = recordPosts(p);
  await openWithClock(p, 'Chart.aspx?frequency=0', 'Chart1');
  await p.evaluate(() => Chart1.setRefreshFrequency(200));
  await advance(p, 200);
  await p.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  const whileHidden = await posts(p);
  await p.clock.runFor(1400);
  assert.equal(await posts(p), whileHidden, 'no request while hidden (7 ticks would have been due)');
  await p.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  // The clock stands still: the refresh on return needs no timer.
  await p.waitForFunction((n) => window.ccPosts === n, whileHidden + 1);
  await p.waitForFunction(() => !Chart1.isRefreshing);
  while (record.posts.length < whileHidden + 1) await new Promise((resolve) => setImmediate(resolve));
  // A tick, naming the drawing the page shows (see chart-unchanged.test.js).
  assert.equal(record.posts[whileHidden].state.timer, true);
  assert.match(record.posts[whileHidden].state.shown, /^[0-9a-f]{16}$/);
  await assertNextTickIn(p, 200, 'then the usual rhythm resumes');
}));

test('when the handler fails: the error hook runs, refreshes back off, and the normal frequency returns after recovery', clockPage('chart-backoff', async (p) => {
  const record = recordPosts(p);
  await openWithClock(p, 'Chart.aspx?frequency=0', 'Chart1');
  await p.evaluate(() => Chart1.setRefreshFrequency(300));
  // The failure is sticky: every tick sends the tick argument "fail" until it is set back.
  const kind = await p.evaluate(() => { Chart1.tickArgument = 'fail'; return Chart1.callback('fail').then(() => 'resolved', (e) => e.kind); });
  assert.equal(kind, 'handler');
  // 300 ms doubled per failure: 600, 1200, then 2400 (the page's RefreshBackoffLimit), and no more.
  await assertNextTickIn(p, 600, 'after one failure');
  await assertNextTickIn(p, 1200, 'after two');
  await assertNextTickIn(p, 2400, 'after three');
  await assertNextTickIn(p, 2400, 'after four (capped)');
  assert.equal(await p.evaluate(() => Chart1.failureCount), 5);
  assert.ok(record.posts.slice(-4).every((post) => post.argument === 'fail'));
  const state = await p.evaluate(() => ({
    errors: ChartHooks.log.filter((l) => l.startsWith('error:')),
    failingClass: document.getElementById('Chart1').classList.contains('cc-chart-failing'),
    status: document.querySelector('#Chart1 .cc-status').textContent,
  }));
  assert.equal(state.errors.length, 5);
  assert.ok(state.errors.every((l) => l === 'error:handler:The metrics source is down.'));
  assert.equal(state.failingClass, true);
  assert.equal(state.status, 'The metrics source is down.');

  const result = await p.evaluate(() => { Chart1.tickArgument = ''; return Chart1.callback('').then((r) => r.data.argument); });
  assert.equal(result, '');
  assert.equal(await p.evaluate(() => Chart1.failureCount), 0);
  await assertNextTickIn(p, 300, 'back to the normal frequency');
  await assertNextTickIn(p, 300, 'and it stays there');
  assert.equal(await p.evaluate(() => document.getElementById('Chart1').classList.contains('cc-chart-failing')), false);
  assert.equal(await p.textContent('#Chart1 .cc-status'), '');
}));

test('HTTP and network failures also reach the error hook and back off; the chart recovers when the server answers', clockPage('chart-http-errors', async (p) => {
  await openWithClock(p, 'Chart.aspx?frequency=0', 'Chart1');
  let mode = 'http';
  await p.route('**/Chart.aspx*', (route) => {
    if (route.request().method() !== 'POST' || mode === 'ok') return route.continue();
    return mode === 'http' ? route.fulfill({ status: 503, body: 'maintenance' }) : route.abort('connectionrefused');
  });
  await p.evaluate(() => Chart1.setRefreshFrequency(200));
  await assertNextTickIn(p, 200, 'first tick (503)');
  await assertNextTickIn(p, 400, 'backed off after an HTTP error');
  mode = 'network';
  await assertNextTickIn(p, 800, 'backed off again (network)');
  mode = 'ok';
  await assertNextTickIn(p, 1600, 'the tick that finds the server back');
  assert.equal(await p.evaluate(() => Chart1.failureCount), 0);
  const errors = await p.evaluate(() => ChartHooks.log.filter((l) => l.startsWith('error:')).map((l) => l.split(':')[1]));
  assert.deepEqual(errors, ['http', 'http', 'network']);
  await assertNextTickIn(p, 200, 'normal rhythm after recovery');
}));

test('the four hooks fire in order around a refresh: before, after, beforeResponse (old chart), afterResponse (new chart)', page('chart-hooks', async (p) => {
  await openChart(p, 0);
  await p.evaluate(() => Chart1.callback('MyCustomArgs'));
  const manual = await p.evaluate(() => ChartHooks.log.slice());
  assert.equal(manual.length, 4);
  assert.equal(manual[0], 'before:call:MyCustomArgs');
  assert.equal(manual[1], 'after:200');
  const n = Number(/beforeResponse:(\d+):/.exec(manual[2])[1]);
  assert.equal(manual[2], `beforeResponse:${n}:shows Refresh 0`);
  assert.equal(manual[3], `afterResponse:${n}:shows Refresh ${n}`);

  await p.evaluate(() => { ChartHooks.log = []; Chart1.setRefreshFrequency(200); });
  await p.waitForFunction(() => ChartHooks.log.length >= 4);
  const tick = await p.evaluate(() => ChartHooks.log.slice(0, 4));
  assert.equal(tick[0], 'before:tick:', 'a tick does not repeat a one-off callback() argument');
  assert.equal(tick[1], 'after:200');
  assert.match(tick[2], new RegExp(`^beforeResponse:\\d+:shows Refresh ${n}$`));
  assert.match(tick[3], /^afterResponse:(\d+):shows Refresh \1$/);

  // BeforeCallbackScript may cancel: nothing is sent, the timer carries on.
  const record = recordPosts(p);
  await p.evaluate(() => { Chart1.stop(); ChartHooks.log = []; ChartHooks.cancelNext = true; Chart1.start(); });
  await p.waitForFunction(() => ChartHooks.log.filter((l) => l.startsWith('before:')).length >= 2);
  const afterCancel = await p.evaluate(() => ChartHooks.log.slice(0, 2));
  assert.deepEqual(afterCancel, ['before:tick:', 'before:tick:']);
  assert.equal(record.posts.length <= 1, true);
}));

test('Chart1.callback(argument) refreshes now with the handler\'s data once; ticks send tickArgument, which a page sets to keep an argument', page('chart-callback', async (p) => {
  const record = recordPosts(p);
  await openChart(p, 0);
  const once = await p.evaluate(() => Chart1.Callback('MyCustomArgs'));
  assert.deepEqual([once.data.argument, once.data.timer], ['MyCustomArgs', false]);
  const result = await p.evaluate(() => { Chart1.tickArgument = 'range:long'; return Chart1.callback('range:long'); });
  assert.equal(result.data.argument, 'range:long');
  assert.equal(result.data.timer, false);
  assert.equal(await p.evaluate(() => document.querySelectorAll('#Chart1 .cc-chart-series-0 .cc-chart-markers circle').length), 120);
  assert.equal(await title(p), 'Refresh ' + result.data.refresh);
  await p.evaluate(() => Chart1.setRefreshFrequency(150));
  await p.waitForFunction(() => ChartHooks.log.some((l) => l.startsWith('before:tick:')));
  await p.evaluate(() => Chart1.stop());
  const ticks = record.posts.filter((post) => post.state && post.state.timer);
  assert.ok(ticks.length > 0);
  assert.ok(ticks.every((post) => post.argument === 'range:long'), 'every tick sends tickArgument');
}));

test('a call during a pending tick joins it (same argument) or waits for it (other argument): never two requests at once', page('chart-join-queue', async (p) => {
  const record = recordPosts(p);
  await p.route('**/Chart.aspx*', async (route) => {
    if (route.request().method() === 'POST') await sleep(500);
    await route.continue();
  });
  await openChart(p, 100);
  await p.waitForFunction(() => Chart1.isRefreshing);
  const outcome = await p.evaluate(async () => {
    const joined = Chart1.callback('');
    const queued = Chart1.callback('range:long');
    const [a, b] = await Promise.all([joined, queued]);
    Chart1.stop();
    return { joined: a.data.argument, queued: b.data.argument, points: document.querySelectorAll('#Chart1 .cc-chart-series-0 .cc-chart-markers circle').length };
  });
  assert.deepEqual(outcome, { joined: '', queued: 'range:long', points: 120 });
  assert.equal(record.maxInFlight, 1);
  assert.deepEqual(record.posts.slice(0, 2).map((post) => post.argument), ['', 'range:long']);
}));

test('stop() stops polling and start() resumes it', clockPage('chart-stop-start', async (p) => {
  await openWithClock(p, 'Chart.aspx?frequency=0', 'Chart1');
  await p.evaluate(() => Chart1.setRefreshFrequency(150));
  await assertNextTickIn(p, 150, 'running');
  await p.evaluate(() => Chart1.stop());
  const stopped = await posts(p);
  await p.clock.runFor(1500);
  assert.equal(await posts(p), stopped, 'no request after stop()');
  assert.equal(await p.evaluate(() => Chart1.isRunning), false);
  await p.evaluate(() => Chart1.start());
  await assertNextTickIn(p, 150, 'start() schedules the next tick a period from now');
  await assertNextTickIn(p, 150, 'and keeps the rhythm');
}));

test('an UpdatePanel partial update disposes the old chart object and its timer; the new one takes over', clockPage('chart-updatepanel', async (p) => {
  await p.clock.install();
  await p.goto(host.url + 'ChartPanel.aspx');
  await p.waitForFunction(() => window.PanelChart && window.Sys && Sys.WebForms);
  await p.evaluate(() => { window.firstChart = PanelChart; });
  await p.click('#Update');
  await p.waitForFunction(() => /updated/.test(document.getElementById('Stamp').textContent));
  await p.waitForFunction(() => window.PanelChart !== window.firstChart);
  await p.clock.pauseAt((await p.evaluate(() => Date.now())) + 1000);
  // Jumping the clock ahead may have fired the new chart's first tick: let it finish before counting.
  await p.waitForFunction(() => !PanelChart.isRefreshing);
  const state = await p.evaluate(() => {
    // Any request still sent by the old object would pass through its getUrl.
    window.oldSends = 0;
    window.firstChart.getUrl = function () { window.oldSends += 1; return location.href; };
    window.newSends = 0;
    const getUrl = PanelChart.getUrl.bind(PanelChart);
    PanelChart.getUrl = function () { window.newSends += 1; return getUrl(); };
    return { disposed: window.firstChart.disposed, running: window.firstChart.isRunning, frequency: PanelChart.options.refreshFrequency };
  });
  assert.deepEqual({ disposed: state.disposed, running: state.running }, { disposed: true, running: false });
  for (let i = 0; i < 3; i++) await advance(p, state.frequency, 'PanelChart');
  const sends = await p.evaluate(() => ({ old: window.oldSends, fresh: window.newSends }));
  assert.equal(sends.old, 0, 'the old timer is gone');
  assert.equal(sends.fresh, 3, 'the new object refreshes once per period');
  assert.deepEqual(p.pageErrors, []);
}));

/* ------------------------------------------------------------------------------------------
 * The sample site's chart pages
 * ---------------------------------------------------------------------------------------- */

async function sample() {
  if (!sampleHost) sampleHost = await startDevHost('samples/CallbackControls.Sample');
  return sampleHost;
}

test('sample: the live metrics page draws CPU, memory and requests per second and refreshes them', page('sample-live', async (p) => {
  const site = await sample();
  await p.goto(site.url + 'Default.aspx');
  const links = await p.$$eval('a', (as) => as.map((a) => a.getAttribute('href')));
  for (const href of ['LiveMetrics.aspx', 'ChartRanges.aspx', 'ChartHooks.aspx']) assert.ok(links.includes(href), href);

  await p.goto(site.url + 'LiveMetrics.aspx');
  await p.waitForFunction(() => window.Cpu && window.Memory && window.Requests);
  await p.evaluate(() => {
    // A refresh swaps the drawing (the data table around it is patched in place): count the drawings seen.
    const chart = document.getElementById('Requests');
    window.drawings = new Set([chart.querySelector('svg')]);
    new MutationObserver(() => { window.drawings.add(chart.querySelector('svg')); }).observe(chart, { childList: true, subtree: true });
  });
  await p.waitForFunction(() => window.drawings.size >= 3, null, { timeout: 10000 });
  const drawn = await p.evaluate(() => ({
    titles: Array.from(document.querySelectorAll('svg > title')).map((t) => t.textContent),
    requestColumns: document.querySelectorAll('#Requests .cc-chart-series rect').length,
    cpuLine: !!document.querySelector('#Cpu path.cc-chart-line'),
  }));
  assert.deepEqual(drawn.titles, ['CPU', 'Memory', 'Requests per second']);
  assert.ok(drawn.requestColumns >= 1, 'the request counter has samples');
  assert.ok(drawn.cpuLine);
  assert.deepEqual(p.pageErrors, []);
}));

test('sample: range buttons call Chart1.callback(range) and the chart shows that range', page('sample-ranges', async (p) => {
  const site = await sample();
  await p.goto(site.url + 'ChartRanges.aspx');
  await p.waitForFunction(() => window.Chart1 && Chart1.callback);
  const sent = [];
  p.on('request', (r) => {
    if (r.method() === 'POST') sent.push(JSON.parse(new URLSearchParams(r.postData()).get('__CALLBACKPARAM')).arg);
  });
  await p.click('[data-range="1h"]');
  await p.waitForFunction(() => /last hour/.test(document.querySelector('#Chart1 svg title').textContent));
  assert.equal(sent[0], '1h');
  assert.equal(await p.textContent('#State'), 'Range 1h, refreshing every 2 s');
  assert.match(await p.textContent('#Samples'), /^\d+ samples$/);
  const pressed = await p.$$eval('[data-range]', (buttons) => buttons.filter((b) => b.getAttribute('aria-pressed') === 'true').map((b) => b.dataset.range));
  assert.deepEqual(pressed, ['1h'], 'the pressed button is the range shown');
  assert.doesNotMatch(await p.$eval('#Chart1 svg', (svg) => svg.textContent), /Requests/, 'one quantity on the % axis');
  await p.click('#Stop');
  assert.equal(await p.evaluate(() => Chart1.isRunning), false);
}));

test('sample: the hooks page logs the four hooks of each refresh in order', page('sample-hooks', async (p) => {
  const site = await sample();
  await p.goto(site.url + 'ChartHooks.aspx');
  await p.waitForFunction(() => window.Chart1 && Chart1.callback);
  await p.evaluate(() => Chart1.callback('now'));
  const lines = await p.$$eval('#Log li', (items) => items.map((li) => li.textContent.replace(/^[\d.]+ s\s+/, '').split(':')[0]).reverse());
  assert.deepEqual(lines.slice(-4), ['BeforeCallback', 'AfterCallback', 'BeforeCallbackResponseProcess', 'AfterCallbackResponseProcess']);
  await p.click('#Fail');
  await p.waitForFunction(() => /CallbackError/.test(document.getElementById('Log').textContent));
}));

test('on a phone-sized screen the chart is redrawn at its container\'s width, so its text keeps its size', page('chart-narrow', async (p) => {
  await p.setViewportSize({ width: 360, height: 700 });
  const sizeOfText = () => p.evaluate(() => {
    const svg = document.querySelector('#Chart1 svg');
    const label = [...svg.querySelectorAll('.cc-chart-axis text, text')].find((t) => /\d/.test(t.textContent));
    return { viewBoxWidth: svg.viewBox.baseVal.width, pixels: label.getBoundingClientRect().height, container: document.getElementById('Chart1').clientWidth };
  });
  await openChart(p, 300);
  // The first tick comes at once (the first paint was drawn 640 wide for a ~340 px container).
  await p.waitForFunction(() => document.querySelector('#Chart1 svg').viewBox.baseVal.width < 600, null, { timeout: 10000 });
  const narrow = await sizeOfText();
  assert.ok(Math.abs(narrow.viewBoxWidth - narrow.container) <= 1, `drawn ${narrow.viewBoxWidth} wide for a ${narrow.container} px container`);
  assert.ok(narrow.pixels >= 11, `tick labels ${narrow.pixels.toFixed(1)} px high`);
  // Wide again: the next drawing is the declared width.
  await p.setViewportSize({ width: 1280, height: 800 });
  await p.waitForFunction(() => document.querySelector('#Chart1 svg').viewBox.baseVal.width === 640, null, { timeout: 10000 });
}));

test('the pause button: reached by keyboard, pressed with Space it pauses (nothing is sent however long the clock runs), pressed again it resumes', clockPage('chart-pause-button', async (p) => {
  await openWithClock(p, 'Chart.aspx?frequency=300', 'Chart1');
  const button = p.locator('#Chart1 > button.cc-chart-pause');
  assert.equal(await button.getAttribute('aria-pressed'), 'false');
  assert.equal(await button.textContent(), 'Pause updates');
  await button.focus();
  await p.keyboard.press('Space');
  assert.equal(await button.getAttribute('aria-pressed'), 'true');
  assert.equal(await p.evaluate(() => Chart1.isRunning), false);
  const before = await posts(p);
  await p.clock.runFor(300 * 20);
  assert.equal(await posts(p), before, 'a paused chart sends nothing');
  await p.keyboard.press('Space');
  assert.equal(await button.getAttribute('aria-pressed'), 'false');
  await advance(p, 300);
  assert.equal(await posts(p), before + 1, 'resumed: the next tick one frequency later');
  // The button is outside the drawing: a refresh does not replace it, so the focus stays on it.
  assert.equal(await p.evaluate(() => document.activeElement.className), 'cc-chart-pause');
}));
