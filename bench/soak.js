'use strict';
// The soak, 5 minutes, in two rounds of two measurements each running side by side:
//  1. 50 pollers on the dev host, each sending the chart's timer tick once a second (what a page with
//     RefreshFrequency="1000" sends), every reply checked, the host's memory (managed heap after a full
//     collection from Gc.ashx, and VmRSS) every 30 s; and one Chromium page whose chart refreshes itself
//     every 250 ms, with its DOM nodes and JS heap (CDP, after HeapProfiler.collectGarbage) every minute;
//  2. side by side, 50 pollers each: the floor handler (no CallbackControls code) on the dev host, and
//     the chart and the floor handler on nginx + fastcgi-mono-server4: what each host keeps by itself.
//
// Run by itself, only the server part, on one host (no browser), the timeline printed as it goes:
//   node bench/soak.js --server-only [--host dev|nginx] [--seconds 300] [--target chart|floor] [--pollers 50]
// (CONFIGURATION defaults to Release here, as ./build.sh bench builds; build first.)
if (require.main === module && !process.env.CONFIGURATION) process.env.CONFIGURATION = 'Release';
const harness = require('../tests/browser/harness.js');
const fs = require('node:fs');
const path = require('node:path');
const { request, percentile, sleep, log, tokenOf, sitePid, serverMemory } = require('./common.js');
const { callbackBody, readReply } = require('./chart.js');

const POLLERS = 50;

/**
 * 50 pollers at one request per second each, on a fixed rate (a slow reply does not shift the
 * schedule), every reply checked. Memory is read every 30 s after a full collection.
 * @param {{send: (base: string) => Promise<void>}} target what each poll sends and checks
 * @param {{pollers?: number, onSample?: (sample: object, host: object) => Promise<void>|void}} [options]
 *   how many pollers (50); a hook called after each memory reading (second 0 included), e.g. to print
 *   the timeline as it goes or to take a heap-shot at that point
 */
async function serverSoak(startHost, seconds, target, hostId = 'dev', { pollers = POLLERS, onSample = () => {} } = {}) {
  const host = await startHost(hostId);
  const base = host.url;
  const pid = sitePid(hostId, host);
  try {
    await request(`${base}Chart.aspx`, { timeout: 120000 });
    await request(`${base}Cities.ashx?country=BE`, { timeout: 120000 });
    for (let i = 0; i < 20; i++) await target.send(base);
    const start = await serverMemory(base, pid);
    const timeline = [{ second: 0, ...start }];
    await onSample(timeline[0], host);
    const counts = { sent: 0, ok: 0, errors: 0 };
    const errorKinds = {};
    const latencies = [];
    // Per 30-second window: errors and the slowest reply, to see when trouble happened.
    const windows = Array.from({ length: Math.ceil(seconds / 30) }, (_, i) => ({ from: i * 30, errors: 0, slowestMs: 0 }));
    const windowAt = () => windows[Math.min(windows.length - 1, Math.floor((Date.now() - began) / 30000))];
    const began = Date.now();
    const until = began + seconds * 1000;
    const poller = async (index) => {
      let next = began + Math.floor((index / pollers) * 1000);
      while (next < until) {
        await sleep(Math.max(0, next - Date.now()));
        next += 1000;
        counts.sent += 1;
        const t0 = process.hrtime.bigint();
        try {
          await target.send(base);
          counts.ok += 1;
          const latency = Number(process.hrtime.bigint() - t0) / 1e6;
          latencies.push(latency);
          const w = windowAt();
          w.slowestMs = Math.max(w.slowestMs, latency);
        } catch (e) {
          counts.errors += 1;
          windowAt().errors += 1;
          const kind = e.message.slice(0, 60);
          errorKinds[kind] = (errorKinds[kind] || 0) + 1;
        }
      }
    };
    const sampler = (async () => {
      for (let second = 30; second < seconds; second += 30) {
        await sleep(Math.max(0, began + second * 1000 - Date.now()));
        timeline.push({ second, ...(await serverMemory(base, pid)) });
        await onSample(timeline[timeline.length - 1], host);
      }
    })();
    await Promise.all([...Array.from({ length: pollers }, (_, i) => poller(i)), sampler]);
    const durationSeconds = (Date.now() - began) / 1000;
    const end = await serverMemory(base, pid);
    timeline.push({ second: Math.round(durationSeconds), ...end });
    await onSample(timeline[timeline.length - 1], host);
    return {
      target: target.label, host: hostId, pollers, seconds, durationSeconds, ...counts, errorKinds, windows,
      ratePerSecond: counts.sent / durationSeconds,
      latency: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: Math.max(...latencies) },
      start, end, timeline,
    };
  } finally {
    await host.stop();
  }
}

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' };

/** The chart's timer tick, with the timer's own state, as RefreshingChart sends it; the reply must hold a drawing. */
const CHART_TICK = {
  label: 'RefreshingChart tick (Chart.aspx, 1,000 points)',
  body: callbackBody('', { timer: true }),
  async send(base) {
    const headers = { ...FORM, 'X-CallbackControls-Token': await tokenOf(`${base}Chart.aspx`, 'Chart1') };
    readReply(await request(`${base}Chart.aspx`, { method: 'POST', headers, body: this.body, timeout: 10000 }));
  },
};

/** The same load on the floor handler (no CallbackControls code at all): what the host itself keeps. */
const FLOOR_POLL = {
  label: 'floor handler (Cities.ashx)',
  async send(base) {
    const reply = await request(`${base}Cities.ashx?country=BE`, { timeout: 10000 });
    if (reply.status !== 200 || !reply.body.startsWith('[[')) throw new Error(`bad floor reply (${reply.status})`);
  },
};

/**
 * DOM and heap of the page, read with the chart's timer stopped (so no refresh is half done: a drawing
 * just parsed would count twice until the next collection), then the timer started again.
 */
async function pageMetrics(page, cdp) {
  await page.evaluate(() => window.Chart1.stop());
  await page.waitForFunction(() => !window.Chart1.isCallbackPending, null, { timeout: 30000 });
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const pick = (name) => (metrics.find((m) => m.name === name) || {}).value;
  await page.evaluate(() => window.Chart1.start());
  return { jsHeapUsedBytes: pick('JSHeapUsedSize'), nodes: pick('Nodes'), listeners: pick('JSEventListeners'), documents: pick('Documents') };
}

/** One page refreshing its chart every 250 ms by itself (RefreshFrequency from ?frequency=250). */
async function browserSoak(startHost, seconds) {
  const host = await startHost('dev');
  const context = await harness.launchBrowser();
  try {
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`${host.url}Chart.aspx?frequency=250`, { waitUntil: 'load' });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.waitForFunction(() => window.BenchChart.applied >= 20, null, { timeout: 60000 }); // warm-up
    const counters = () => page.evaluate(() => ({ applied: window.BenchChart.applied, errors: window.BenchChart.errors.length, firstErrors: window.BenchChart.errors.slice(0, 3), visibility: document.visibilityState }));
    const startCount = await counters();
    const start = await pageMetrics(page, cdp);
    const began = Date.now();
    const timeline = [{ second: 0, ...start }];
    for (let second = 60; second < seconds; second += 60) {
      await sleep(Math.max(0, began + second * 1000 - Date.now()));
      timeline.push({ second, ...(await pageMetrics(page, cdp)) });
    }
    await sleep(Math.max(0, began + seconds * 1000 - Date.now()));
    const endCount = await counters();
    const end = await pageMetrics(page, cdp);
    const durationSeconds = (Date.now() - began) / 1000;
    timeline.push({ second: Math.round(durationSeconds), ...end });
    return {
      frequencyMs: 250, seconds, durationSeconds,
      refreshes: endCount.applied - startCount.applied,
      errors: endCount.errors - startCount.errors, firstErrors: endCount.firstErrors, pageErrors: problems.slice(0, 3),
      visibility: endCount.visibility,
      start, end, timeline,
    };
  } finally {
    await context.close().catch(() => {});
    await host.stop();
  }
}

/**
 * The soak: 5 minutes by default (BENCH_SOAK_SECONDS to change it; `BENCH_SOAK_SECONDS=1800` is the
 * 30-minute soak). A long soak runs every measurement at once, in one round, instead of two rounds.
 */
async function run({ quick, startHost }) {
  const seconds = Number(process.env.BENCH_SOAK_SECONDS) || (quick ? 20 : 300);
  if (seconds > 600) {
    log(`soak: ${POLLERS} pollers each on the chart and the floor handler, dev host and nginx + fastcgi-mono-server4, and one page refreshing every 250 ms, all at once, ${seconds} s`);
    const [server, browser, floor, nginx, nginxFloor] = await Promise.all([
      serverSoak(startHost, seconds, CHART_TICK), browserSoak(startHost, seconds), serverSoak(startHost, seconds, FLOOR_POLL),
      serverSoak(startHost, seconds, CHART_TICK, 'nginx'), serverSoak(startHost, seconds, FLOOR_POLL, 'nginx')]);
    log(`soak: chart ${server.ok} ok, ${server.errors} errors; browser ${browser.refreshes} refreshes, ${browser.errors} errors; floor ${floor.errors} errors; nginx chart ${nginx.errors} errors; nginx floor ${nginxFloor.errors} errors`);
    return { together: true, server, browser, floor, nginx, nginxFloor };
  }
  log(`soak 1/2: ${POLLERS} chart pollers at 1/s on the dev host, and one page refreshing every 250 ms, ${seconds} s`);
  const [server, browser] = await Promise.all([serverSoak(startHost, seconds, CHART_TICK), browserSoak(startHost, seconds)]);
  log(`soak 1/2: chart ${server.ok} ok, ${server.errors} errors; browser ${browser.refreshes} refreshes, ${browser.errors} errors`);
  log(`soak 2/2: ${POLLERS} pollers each on the floor handler (dev host), the chart and the floor handler (nginx + fastcgi-mono-server4), ${seconds} s`);
  const [floor, nginx, nginxFloor] = await Promise.all([
    serverSoak(startHost, seconds, FLOOR_POLL), serverSoak(startHost, seconds, CHART_TICK, 'nginx'), serverSoak(startHost, seconds, FLOOR_POLL, 'nginx')]);
  log(`soak 2/2: floor ${floor.ok} ok, ${floor.errors} errors; nginx chart ${nginx.ok} ok, ${nginx.errors} errors; nginx floor ${nginxFloor.ok} ok, ${nginxFloor.errors} errors`);
  return { server, browser, floor, nginx, nginxFloor };
}

/** One line of the timeline: second, managed heap after a full collection, RSS (and the cache counts where Gc.ashx gives them). */
function sampleLine(sample) {
  const caches = sample.cacheEntries === undefined ? '' : `  cache entries ${sample.cacheEntries} (internal ${sample.internalCacheEntries})`;
  return `${String(sample.second).padStart(5)} s  heap after full GC ${(sample.managedBytes / 1048576).toFixed(1).padStart(7)} MB  RSS ${(sample.rssKb / 1024).toFixed(1).padStart(7)} MB${caches}`;
}

/** The command line: the server part only, on one host, for N seconds; JSON to .tmp/bench/soak-<host>-<target>.json. */
async function main(argv) {
  const option = (name, fallback) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : fallback; };
  if (!argv.includes('--server-only')) throw new Error('usage: node bench/soak.js --server-only [--host dev|nginx] [--seconds 300] [--target chart|floor] [--pollers 50]');
  const hostId = option('host', 'dev');
  const seconds = Number(option('seconds', 300));
  const pollers = Number(option('pollers', POLLERS));
  const target = { chart: CHART_TICK, floor: FLOOR_POLL }[option('target', 'chart')];
  if (!target || !['dev', 'nginx'].includes(hostId) || !(seconds > 0)) throw new Error('bad --host, --target or --seconds');
  const { SITE, OUT } = require('./common.js');
  const startHost = (id) => (id === 'dev' ? harness.startDevHost(SITE) : harness.startNginxHost(SITE));
  log(`soak (server only): ${pollers} pollers at 1/s, ${target.label}, ${hostId} host, ${seconds} s`);
  const result = await serverSoak(startHost, seconds, target, hostId, { pollers, onSample: (sample) => log(sampleLine(sample)) });
  const file = path.join(OUT, `soak-${hostId}-${option('target', 'chart')}.json`);
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(result, null, 1));
  log(`${result.ok} ok, ${result.errors} errors${result.errors ? ` ${JSON.stringify(result.errorKinds)}` : ''}; ${result.ratePerSecond.toFixed(1)} requests/s; p50 ${result.latency.p50.toFixed(1)} ms, p99 ${result.latency.p99.toFixed(1)} ms; ${file}`);
  return result;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((r) => { process.exitCode = r.errors ? 1 : 0; }, (e) => { console.error(e); process.exitCode = 2; });
}

module.exports = { run, serverSoak, CHART_TICK, FLOOR_POLL, sampleLine };
