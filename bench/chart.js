'use strict';
// The chart benchmark: one RefreshingChart refresh of N points (100 to 1,000,000), with and without
// decimation, on the dev host. Server time comes from the page's own Server-Timing header (the whole
// page run: handler filling the points, decimation, drawing, JSON); payload is the reply body.
// Browser time is one update applied in Chromium, timed by the chart's hooks
// (BeforeCallbackResponseProcess -> AfterCallbackResponseProcess, then a forced layout).
const harness = require('../tests/browser/harness.js');
const { request, callbackPayload, percentile, log, tokenOf, cpuMs } = require('./common.js');

const SIZES = [100, 1000, 10000, 100000, 1000000, 10000000];

/**
 * Every configuration measured: N x decimation (10,000,000 decimated only: undrawn, its drawing would
 * be hundreds of megabytes), plus 1,000,000 decimated with tooltips off.
 */
function configurations() {
  const list = [];
  for (const points of SIZES) {
    for (const decimate of [true, false]) {
      if (!decimate && points > 1000000) continue;
      list.push({ points, decimate, tooltips: true });
    }
  }
  list.push({ points: 1000000, decimate: true, tooltips: false });
  return list;
}

const argumentOf = (c) => `points=${c.points};decimate=${c.decimate ? 1 : 0}${c.tooltips ? '' : ';tooltips=0'}`;

/** How many samples: fewer for the huge undecimated drawings (megabytes each). */
function samplesFor(c, quick) {
  const huge = !c.decimate && c.points >= 100000;
  if (quick) return huge ? 1 : 3;
  return huge ? 3 : c.points >= 1000000 ? 9 : 15;
}

/** The request the chart's client sends: no ViewState, the envelope with the argument and the state. */
function callbackBody(argument, state = null) {
  const envelope = JSON.stringify({ v: 1, arg: argument, state });
  return `__EVENTTARGET=&__CALLBACKID=Chart1&__CALLBACKPARAM=${encodeURIComponent(envelope)}`;
}

/** Reads one chart reply: 200, a callback envelope that is ok, a drawing inside. */
function readReply(reply) {
  let envelope;
  try { envelope = JSON.parse(callbackPayload(reply.body)); } catch { envelope = null; }
  if (reply.status !== 200 || !envelope || !envelope.ok || !/<svg/.test(envelope.result.chart)) {
    throw new Error(`bad chart reply (${reply.status}): ${reply.body.slice(0, 200)}`);
  }
  return envelope.result;
}

async function measureServer(base, c, samples) {
  const body = callbackBody(argumentOf(c));
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8', 'X-Bench-Timing': '1',
    'X-CallbackControls-Token': await tokenOf(`${base}Chart.aspx`, 'Chart1') };
  await request(`${base}Chart.aspx`, { method: 'POST', headers, body, timeout: 180000 }); // warm-up
  const gzipHeaders = { ...headers, 'Accept-Encoding': 'gzip' };
  const rows = [];
  for (let i = 0; i < samples; i++) {
    const started = process.hrtime.bigint();
    const reply = await request(`${base}Chart.aspx`, { method: 'POST', headers, body, timeout: 180000 });
    const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
    const result = readReply(reply);
    const timing = /handler;dur=([\d.]+)/.exec(reply.headers['server-timing'] || '');
    // The same refresh as a browser asks for it (Accept-Encoding: gzip): the bytes that travel then.
    const gzipStarted = process.hrtime.bigint();
    const gzipped = await request(`${base}Chart.aspx`, { method: 'POST', headers: gzipHeaders, body, timeout: 180000 });
    const gzipLatencyMs = Number(process.hrtime.bigint() - gzipStarted) / 1e6;
    readReply(gzipped);
    rows.push({ latencyMs, gzipLatencyMs, serverMs: timing ? Number(timing[1]) : NaN, fillMs: result.data.fillMs, bytes: reply.bytes,
      gzipBytes: gzipped.bytes, gzipEncoding: gzipped.headers['content-encoding'] || 'none', chartChars: result.chart.length });
  }
  const median = (key) => percentile(rows.map((r) => r[key]), 50);
  return { samples: rows.length, serverMs: median('serverMs'), fillMs: median('fillMs'), latencyMs: median('latencyMs'), bytes: median('bytes'),
    gzipBytes: median('gzipBytes'), gzipLatencyMs: median('gzipLatencyMs'), gzipEncoding: rows[0].gzipEncoding, serverMsMax: Math.max(...rows.map((r) => r.serverMs)) };
}

/**
 * An unchanged tick: a timer tick naming the hash of the drawing the page shows, when the server would
 * draw the same again (`steady=1`: the bench page fills the same readings, sets no result data).
 * Returns the reply's size on the wire (as a browser asks, gzip accepted) and its latency.
 */
async function measureUnchanged(base, points, samples) {
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8', 'Accept-Encoding': 'gzip',
    'X-CallbackControls-Token': await tokenOf(`${base}Chart.aspx`, 'Chart1') };
  const argument = `points=${points};decimate=1;steady=1`;
  const first = readReply(await request(`${base}Chart.aspx`, { method: 'POST', headers, body: callbackBody(argument, { timer: true }), timeout: 180000 }));
  const rows = [];
  for (let i = 0; i < samples; i++) {
    const started = process.hrtime.bigint();
    const reply = await request(`${base}Chart.aspx`, { method: 'POST', headers, body: callbackBody(argument, { timer: true, shown: first.hash }), timeout: 180000 });
    const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
    const envelope = JSON.parse(callbackPayload(reply.body));
    if (reply.status !== 200 || !envelope.ok || envelope.result.unchanged !== true) throw new Error(`not an unchanged reply (${reply.status}): ${reply.body.slice(0, 200)}`);
    rows.push({ bytes: reply.bytes, latencyMs, encoding: reply.headers['content-encoding'] || 'none' });
  }
  return { points, samples: rows.length, fullBytes: first.chart.length, bytes: percentile(rows.map((r) => r.bytes), 50), latencyMs: percentile(rows.map((r) => r.latencyMs), 50), encoding: rows[0].encoding };
}

/**
 * What compressing a reply costs the server: its CPU time (user + system, from /proc) over the same
 * refreshes sent with and without Accept-Encoding: gzip, alternating rounds so both see the same machine.
 */
async function measureCompressionCpu(base, pid, c, perRound, rounds) {
  const body = callbackBody(argumentOf(c));
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8',
    'X-CallbackControls-Token': await tokenOf(`${base}Chart.aspx`, 'Chart1') };
  const spent = { plain: 0, gzip: 0 };
  let bytes = { plain: 0, gzip: 0 };
  for (let round = 0; round < rounds; round++) {
    for (const kind of ['plain', 'gzip']) {
      const sent = kind === 'gzip' ? { ...headers, 'Accept-Encoding': 'gzip' } : headers;
      const before = cpuMs(pid);
      for (let i = 0; i < perRound; i++) {
        const reply = await request(`${base}Chart.aspx`, { method: 'POST', headers: sent, body, timeout: 180000 });
        readReply(reply);
        bytes[kind] = reply.bytes;
      }
      spent[kind] += cpuMs(pid) - before;
    }
  }
  const requests = perRound * rounds;
  return { requests, plainCpuMs: spent.plain / requests, gzipCpuMs: spent.gzip / requests, plainBytes: bytes.plain, gzipBytes: bytes.gzip };
}

async function measureBrowser(page, c, samples) {
  const rows = [];
  for (let i = 0; i < samples; i++) {
    const run = page.evaluate(async (argument) => {
      window.BenchChart.last = null;
      const started = performance.now();
      await window.Chart1.callback(argument);
      const roundTripMs = performance.now() - started;
      if (!window.BenchChart.last) throw new Error('the update was not applied');
      return { ...window.BenchChart.last, roundTripMs };
    }, argumentOf(c));
    let timer;
    const limit = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('no update within 180 s')), 180000); });
    try {
      rows.push(await Promise.race([run, limit]));
    } finally {
      clearTimeout(timer);
    }
  }
  const median = (key) => percentile(rows.map((r) => r[key]), 50);
  return { samples: rows.length, applyMs: median('applyMs'), layoutMs: median('layoutMs'), roundTripMs: median('roundTripMs') };
}

async function run({ quick, startHost }) {
  const host = await startHost('dev');
  const results = { host: 'dev', rows: [] };
  try {
    const base = host.url;
    await request(`${base}Chart.aspx`, { timeout: 120000 });
    for (const c of configurations()) {
      const samples = samplesFor(c, quick);
      log(`chart ${argumentOf(c)}: server, ${samples} samples`);
      const row = { ...c };
      try {
        row.server = await measureServer(base, c, samples);
      } catch (e) {
        row.server = { error: e.message };
      }
      results.rows.push(row);
    }
    log('chart: unchanged ticks');
    try {
      results.unchanged = await measureUnchanged(base, 1000, quick ? 3 : 15);
    } catch (e) {
      results.unchanged = { error: e.message };
    }
    const compressed = { points: 1000000, decimate: true, tooltips: true };
    log(`chart ${argumentOf(compressed)}: the CPU compression costs`);
    try {
      results.compression = { ...compressed, ...await measureCompressionCpu(base, host.process.pid, compressed, quick ? 5 : 40, quick ? 1 : 3) };
    } catch (e) {
      results.compression = { error: e.message };
    }
    const context = await harness.launchBrowser();
    try {
      for (const row of results.rows) {
        const samples = samplesFor(row, quick);
        log(`chart ${argumentOf(row)}: browser, ${samples} samples`);
        // A fresh page per configuration: one huge drawing does not slow the next.
        const page = await context.newPage();
        try {
          await page.goto(`${base}Chart.aspx`, { waitUntil: 'load' });
          await page.evaluate(() => window.Chart1.callback('points=100;decimate=1')); // warm-up
          row.browser = await measureBrowser(page, row, samples);
        } catch (e) {
          row.browser = { error: e.message.split('\n')[0] };
        } finally {
          await page.close().catch(() => {});
        }
      }
    } finally {
      await context.close().catch(() => {});
    }
  } finally {
    await host.stop();
  }
  return results;
}

module.exports = { run, configurations, argumentOf, callbackBody, readReply };
