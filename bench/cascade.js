'use strict';
// The cascading refresh benchmark: one page, one data set, five ways (bench/BenchSite). For each
// variant on one host: the browser round trip and the bytes of each change (Chromium), then the
// server throughput (wrk, every reply checked). See bench/run.sh.
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, OUT, request, callbackPayload, percentile, mean, shuffled, runWrk, log } = require('./common.js');

const LUA = path.join(ROOT, 'bench', 'cascade.lua');

/**
 * The five ways. reply: how a reply carries the city list (json: [text, value] pairs, maybe inside
 * the callback envelope; html: a <select id="City"> in a page or an UpdatePanel delta).
 * navigates: the change loads a new document (full postback).
 */
const VARIANTS = [
  { id: 'pagemethod', page: 'PageMethod.aspx', label: 'CascadingDropDown with a page method (ServiceMethod, fast path)', reply: 'json', envelope: true },
  { id: 'callback', page: 'Callback.aspx', label: 'CascadingDropDown by callback (default)', reply: 'json', envelope: true },
  { id: 'fullform', page: 'FullForm.aspx', label: 'CascadingDropDown, PostFullForm="true"', reply: 'json', envelope: true },
  { id: 'stock', page: 'Stock.aspx', label: 'Stock callback (GetCallbackEventReference, no library)', reply: 'json', framed: true },
  { id: 'updatepanel', page: 'UpdatePanel.aspx', label: 'UpdatePanel (async postback)', reply: 'html' },
  { id: 'postback', page: 'Postback.aspx', label: 'Full postback (AutoPostBack)', reply: 'html', navigates: true },
  { id: 'floor', page: 'Floor.aspx', label: 'Floor: .ashx + fetch', reply: 'json' },
  // Real page shapes where the library sends the page state with each call (see the README's
  // "What a call sends"): the template master's anti-XSRF check, and rows only ViewState rebuilds.
  // cookies: the call is bound to the visitor's anti-XSRF cookie, so wrk replays it.
  { id: 'template', page: 'Template.aspx', label: 'CascadingDropDown on a Web Forms template content page', reply: 'json', envelope: true, cookies: true },
  { id: 'gridrows', page: 'GridRows.aspx', label: 'CascadingDropDown in a GridView edit row', reply: 'json', envelope: true },
];

/* ------------------------------------------------------------------------------------------
 * The truth: every country and its cities, from the floor handler
 * ---------------------------------------------------------------------------------------- */

async function loadTruth(base) {
  const page = await request(`${base}Floor.aspx`);
  const select = /<select id="Country">([\s\S]*?)<\/select>/.exec(page.body);
  if (page.status !== 200 || !select) throw new Error(`Floor.aspx answered ${page.status} without the country list`);
  const codes = [...select[1].matchAll(/<option value="([^"]+)">/g)].map((m) => m[1]);
  const countries = [];
  for (const code of codes) {
    const reply = await request(`${base}Cities.ashx?country=${encodeURIComponent(code)}`);
    if (reply.status !== 200) throw new Error(`Cities.ashx?country=${code} answered ${reply.status}`);
    countries.push({ code, cities: JSON.parse(reply.body) });
  }
  const firsts = new Set(countries.map((c) => c.cities[0][0]));
  if (countries.length !== 50 || firsts.size !== 50) throw new Error('the data set must have 50 countries with distinct first cities');
  return countries;
}

/** What each variant's page weighs on its first GET: the whole page and its __VIEWSTATE value. */
async function pageWeights(base) {
  const weights = {};
  for (const v of VARIANTS) {
    const page = await request(base + v.page, { timeout: 120000 });
    const state = /id="__VIEWSTATE" value="([^"]*)"/.exec(page.body);
    weights[v.id] = { pageBytes: page.bytes, viewStateBytes: state ? state[1].length : 0 };
  }
  return weights;
}

/* ------------------------------------------------------------------------------------------
 * Reading replies
 * ---------------------------------------------------------------------------------------- */

const decodeHtml = (text) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const encodeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The [text, value] pairs a reply of the variant carries, or null when it carries none. */
function citiesOf(variant, body) {
  if (variant.reply === 'html') {
    const select = /<select[^>]*\bid="City"[^>]*>([\s\S]*?)<\/select>/.exec(body);
    return select ? [...select[1].matchAll(/<option[^>]*value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => [decodeHtml(m[2]), decodeHtml(m[1])]) : null;
  }
  const json = variant.envelope || variant.framed ? callbackPayload(body) : body;
  try {
    const parsed = JSON.parse(json);
    return variant.envelope ? (parsed.ok ? parsed.result : null) : parsed;
  } catch {
    return null;
  }
}

/** What wrk's script looks for in a right reply (see cascade.lua). */
function expectation(variant, first) {
  if (variant.reply === 'html') return { mode: 'html', expect: `>${encodeHtml(first[0])}</option>` };
  const pair = `[[${JSON.stringify(first[0])},${JSON.stringify(first[1])}]`;
  return { mode: 'json', expect: variant.envelope ? `"result":${pair}` : pair };
}

/* ------------------------------------------------------------------------------------------
 * Requests for wrk: the browser's own request, with each country swapped in
 * ---------------------------------------------------------------------------------------- */

/** The captured change with another country: the Country field, the callback's ancestors, the query. */
function requestFor(capture, code) {
  const url = new URL(capture.url);
  if (url.searchParams.has('country')) url.searchParams.set('country', code);
  let body = capture.body;
  if (body && body.startsWith('{')) {
    // A page-method call posts the bare envelope.
    const envelope = JSON.parse(body);
    envelope.state.ancestors = [code];
    body = JSON.stringify(envelope);
  } else if (body) {
    body = body.split('&').map((pair) => {
      const at = pair.indexOf('=');
      const name = decodeURIComponent(at < 0 ? pair : pair.slice(0, at));
      const value = at < 0 ? '' : decodeURIComponent(pair.slice(at + 1).replace(/\+/g, ' '));
      // The field is "Country" on a flat page, "ctl00$MainContent$Country" or "Rows$ctl02$Country" in a container.
      if ((name === 'Country' || name.endsWith('$Country')) && value !== '') return `${pair.slice(0, at)}=${encodeURIComponent(code)}`;
      if (name === '__CALLBACKPARAM') {
        // The stock callback's argument is the country itself; ours is the envelope.
        if (!value.startsWith('{')) return `${pair.slice(0, at)}=${encodeURIComponent(code)}`;
        const envelope = JSON.parse(value);
        envelope.state.ancestors = [code];
        return `${pair.slice(0, at)}=${encodeURIComponent(JSON.stringify(envelope))}`;
      }
      return pair;
    }).join('&');
  }
  return { method: capture.method, path: url.pathname + url.search, body };
}

/** Writes the request file of cascade.lua: one line per country. */
function writeRequestFile(file, variant, capture, truth) {
  const again = requestFor(capture, capture.country);
  if (again.body !== capture.body) throw new Error(`${variant.id}: rebuilding the captured request changed it; the swap would be unfaithful`);
  // The token header proves the call comes from the page (the server refuses it otherwise); the cookie
  // only where the token is bound to the visitor (the template's anti-XSRF cookie).
  const kept = variant.cookies ? /^(content-type|x-microsoftajax|x-callbackcontrols-(token|method|target)|cookie)$/i : /^(content-type|x-microsoftajax|x-callbackcontrols-(token|method|target))$/i;
  const headers = Object.entries(capture.headers).filter(([name]) => kept.test(name));
  const lines = headers.map(([name, value]) => `H\t${name}: ${value}`);
  const requests = truth.map((country) => ({ country, ...requestFor(capture, country.code), ...expectation(variant, country.cities[0]) }));
  for (const r of requests) lines.push(['R', r.method, r.path, r.mode, r.expect, r.body || ''].join('\t'));
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return { headers: Object.fromEntries(headers), requests };
}

/**
 * Sends each country's request once and checks the reply: status 200 and exactly the floor's city
 * list. Also warms the page (compilation, JIT) before wrk starts.
 */
async function verify(base, variant, prepared) {
  const sizes = [];
  for (const r of prepared.requests) {
    const reply = await request(base.replace(/\/$/, '') + r.path, { method: r.method, headers: prepared.headers, body: r.body || undefined });
    const cities = citiesOf(variant, reply.body);
    if (reply.status !== 200 || JSON.stringify(cities) !== JSON.stringify(r.country.cities)) {
      throw new Error(`${variant.id}: the reply for ${r.country.code} is not the floor's city list (${reply.status}): ${reply.body.slice(0, 200)}`);
    }
    sizes.push({ request: Buffer.byteLength(r.body || ''), response: reply.bytes });
  }
  return { requestBody: mean(sizes.map((s) => s.request)), responseBody: mean(sizes.map((s) => s.response)) };
}

/* ------------------------------------------------------------------------------------------
 * The browser: round trip of a change, and its bytes
 * ---------------------------------------------------------------------------------------- */

// Runs in every document before its own scripts. A change is timed inside the page, from the change
// event to the moment the DOM holds the expected first city (a MutationObserver), so no CDP round trip
// is counted. A full postback is timed across the navigation: the start time rides in sessionStorage
// and the new document's observer stops the clock while the parser inserts the list.
const IN_PAGE = () => {
  const firstCityIs = (expect) => {
    const list = document.getElementById('City');
    return !!list && list.options.length > 0 && list.options[0].text === expect;
  };
  const choose = (code) => {
    const list = document.getElementById('Country');
    list.value = code;
    if (list.value !== code) throw new Error(`no country ${code} in the list`);
    list.dispatchEvent(new Event('input', { bubbles: true }));
    list.dispatchEvent(new Event('change', { bubbles: true }));
  };
  // Where the time went, from the request's resource timing: script before the request was sent,
  // the request itself (network and server, until the last byte), script after it arrived.
  const phases = (start, end) => {
    const entry = performance.getEntriesByType('resource').filter((e) => e.startTime >= start && /\.(aspx|ashx)/.test(e.name)).pop();
    return entry ? { before: entry.startTime - start, request: entry.responseEnd - entry.startTime, after: end - entry.responseEnd } : null;
  };
  window.__benchChange = (code, expect, timeout) => new Promise((resolve, reject) => {
    if (firstCityIs(expect)) { reject(new Error('the list already shows that country')); return; }
    performance.clearResourceTimings();
    let start = 0;
    let timer = null;
    const observer = new MutationObserver(() => {
      if (!firstCityIs(expect)) return;
      observer.disconnect();
      clearTimeout(timer);
      const end = performance.now();
      resolve({ ms: end - start, phases: phases(start, end) });
    });
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    timer = setTimeout(() => { observer.disconnect(); reject(new Error(`no ${expect} within ${timeout} ms`)); }, timeout);
    // The change fires from a task of its own, as a person's does: promise jobs the listeners queue
    // run as soon as they return, not after the rest of Playwright's evaluate call (which would
    // count the harness's own script against a client that sends from a promise job).
    setTimeout(() => {
      start = performance.now();
      choose(code);
    }, 0);
  });
  window.__benchNavigate = (code, expect) => {
    sessionStorage.setItem('bench.pending', JSON.stringify({ expect, start: performance.timeOrigin + performance.now() }));
    choose(code);
  };
  const pending = sessionStorage.getItem('bench.pending');
  if (pending) {
    sessionStorage.removeItem('bench.pending');
    const { expect, start } = JSON.parse(pending);
    const observer = new MutationObserver(() => {
      if (!firstCityIs(expect)) return;
      observer.disconnect();
      window.__benchDone = { ms: performance.timeOrigin + performance.now() - start, phases: null };
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  }
};

/**
 * A Chromium page that times changes: the in-page clock installed before every document, page
 * errors collected, and the requests each change sends.
 */
async function openBenchPage(context) {
  const page = await context.newPage();
  await page.addInitScript(IN_PAGE);
  const bench = { page, problems: [], collecting: null };
  page.on('pageerror', (e) => bench.problems.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') bench.problems.push(m.text()); });
  page.on('request', (r) => { if (bench.collecting && !/favicon\.ico/.test(r.url())) bench.collecting.push(r); });
  return bench;
}

/** Loads a variant's page afresh, so no client cache holds a list from an earlier turn. */
async function loadPage(bench, base, variant) {
  await bench.page.goto(base + variant.page, { waitUntil: 'load' });
}

/**
 * One change on a variant's page: the country chosen, timed until its first city shows. Cycle 0 is
 * the warm-up: timed but not kept, and its first change is captured as the request wrk replays.
 */
async function changeOnce(bench, variant, country, cycle, into, timeout = 15000) {
  const { page } = bench;
  const expect = country.cities[0][0];
  bench.collecting = [];
  let timing;
  if (variant.navigates) {
    const navigated = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout });
    await page.evaluate(([code, first]) => window.__benchNavigate(code, first), [country.code, expect]);
    await navigated;
    await page.waitForFunction(() => window.__benchDone !== undefined, null, { timeout, polling: 20 });
    timing = await page.evaluate(() => window.__benchDone);
    await page.waitForLoadState('load');
  } else {
    timing = await page.evaluate(([code, first, t]) => window.__benchChange(code, first, t), [country.code, expect, timeout]);
  }
  const requests = bench.collecting;
  bench.collecting = null;
  if (requests.length === 0) throw new Error(`${variant.id}: a change sent no request (served from a cache?)`);
  if (!into.capture) {
    const first = requests[0];
    into.capture = { country: country.code, method: first.method(), url: first.url(), headers: await first.allHeaders(), body: first.postData() || '' };
  }
  if (cycle === 0) return;
  const traffic = { requests: requests.length, requestBytes: 0, responseBytes: 0, requestBody: 0, responseBody: 0 };
  for (const r of requests) {
    const size = await r.sizes();
    traffic.requestBytes += size.requestHeadersSize + size.requestBodySize;
    traffic.responseBytes += size.responseHeadersSize + size.responseBodySize;
    traffic.requestBody += size.requestBodySize;
    traffic.responseBody += size.responseBodySize;
  }
  into.samples.push(timing.ms);
  if (timing.phases) into.phases.push(timing.phases);
  into.traffic.push(traffic);
}

/**
 * The browser part of one host, on one page (as a user has it: a second page in the same renderer
 * shares its main thread and heap, which measured slower for every variant and unevenly). Each
 * cycle visits the countries in a seeded order, in turns of `settings.turn` changes: every variant
 * loads its page afresh and makes the turn's changes, then the next variant. Turns of a few changes
 * (rather than a whole cycle each) put a burst of other work on this shared machine on every
 * variant alike, so the p50 ratios within a run compare like with like.
 */
async function runBrowser(context, base, variants, truth, settings, runs) {
  const bench = await openBenchPage(context);
  try {
    for (let cycle = 0; ; cycle++) {
      const count = cycle === 0 ? Math.min(settings.warmup, truth.length) : Math.min(truth.length, settings.changes - runs[variants[0].id].samples.length);
      if (count <= 0) break;
      const countries = shuffled(truth, 1000 + cycle).slice(0, count);
      for (let at = 0; at < countries.length; at += settings.turn) {
        for (const v of variants) {
          await loadPage(bench, base, v);
          for (const country of countries.slice(at, at + settings.turn)) await changeOnce(bench, v, country, cycle, runs[v.id]);
          if (bench.problems.length) throw new Error(`${v.id}: errors in the page: ${bench.problems.slice(0, 3).join(' | ')}`);
        }
      }
    }
  } finally {
    await bench.page.close().catch(() => {});
  }
}

/** Percentiles, phases and mean bytes of one variant's browser run. */
function summarizeBrowser(run) {
  const avg = (key) => mean(run.traffic.map((t) => t[key]));
  return {
    samples: run.samples,
    p50: percentile(run.samples, 50),
    p95: percentile(run.samples, 95),
    min: Math.min(...run.samples),
    // Medians of each phase, so they need not add up to the median of the whole.
    phases: run.phases.length ? Object.fromEntries(['before', 'request', 'after'].map((k) => [k, percentile(run.phases.map((p) => p[k]), 50)])) : null,
    bytes: {
      request: avg('requestBytes'), response: avg('responseBytes'),
      requestBody: avg('requestBody'), responseBody: avg('responseBody'), requestsPerChange: avg('requests'),
    },
  };
}

/** Sums wrk slices of one variant: requests over the whole time; latency percentiles as medians of the slices'. */
function combineSlices(slices) {
  const sum = (f) => slices.reduce((a, x) => a + f(x), 0);
  const median = (f) => percentile(slices.map(f), 50);
  return {
    rps: sum((x) => x.requests) / sum((x) => x.seconds),
    p50_ms: median((x) => x.p50_ms),
    p90_ms: median((x) => x.p90_ms),
    p99_ms: median((x) => x.p99_ms),
    max_ms: Math.max(...slices.map((x) => x.max_ms)),
    requests: sum((x) => x.requests),
    seconds: sum((x) => x.seconds),
    checked: sum((x) => x.checked),
    wrong: sum((x) => x.wrong),
    set_cookie: sum((x) => x.set_cookie),
    errors: Object.fromEntries(Object.keys(slices[0].errors).map((k) => [k, sum((x) => x.errors[k])])),
    sliceRps: slices.map((x) => Math.round(x.rps)),
    stderr: slices.flatMap((x) => x.stderr).slice(0, 5),
  };
}

/* ------------------------------------------------------------------------------------------
 * One host: every variant, interleaved
 * ---------------------------------------------------------------------------------------- */

/**
 * Measures every variant on one host. The variants take turns (in the browser a few changes each,
 * then a wrk slice each, round after round), so a burst of other work on the machine lands on all of
 * them rather than on one, and the ratios within the run stay fair.
 * @param {{base: string, hostId: string, pass: number, context: object, truth: object[], settings: object}} options
 * settings: changes, warmup (browser changes), wrkSeconds, wrkSlices, wrkWarmupSeconds, connections, order (variant ids)
 */
async function runHost({ base, hostId, pass, context, truth, settings }) {
  const variants = settings.order.map((id) => VARIANTS.find((v) => v.id === id));
  const runs = Object.fromEntries(variants.map((v) => [v.id, { samples: [], phases: [], traffic: [], capture: null }]));
  for (const v of variants) await request(base + v.page, { timeout: 120000 }); // compiles each page

  log(`pass ${pass} ${hostId}: browser, ${settings.changes} changes per variant`);
  await runBrowser(context, base, variants, truth, settings, runs);

  const results = {};
  const files = {};
  for (const v of variants) {
    const { capture } = runs[v.id];
    files[v.id] = path.join(OUT, `requests-${hostId}-${v.id}.txt`);
    const prepared = writeRequestFile(files[v.id], v, capture, truth);
    results[v.id] = {
      browser: summarizeBrowser(runs[v.id]),
      served: await verify(base, v, prepared),
      request: { method: capture.method, path: new URL(capture.url).pathname, headers: prepared.headers, bodyBytes: Buffer.byteLength(capture.body) },
    };
  }

  log(`pass ${pass} ${hostId}: wrk, ${settings.wrkSlices} slices of ${settings.wrkSeconds / settings.wrkSlices} s per variant`);
  const wrk = (v, seconds) => runWrk({ url: base, script: LUA, args: [files[v.id]], seconds, connections: settings.connections });
  for (const v of variants) await wrk(v, settings.wrkWarmupSeconds);
  const slices = Object.fromEntries(variants.map((v) => [v.id, []]));
  for (let slice = 0; slice < settings.wrkSlices; slice++) {
    for (const v of variants) slices[v.id].push(await wrk(v, settings.wrkSeconds / settings.wrkSlices));
  }
  for (const v of variants) {
    results[v.id].wrk = combineSlices(slices[v.id]);
    log(`pass ${pass} ${hostId} ${v.id}: p50 ${results[v.id].browser.p50.toFixed(1)} ms, ${results[v.id].wrk.rps.toFixed(0)} requests/s (slices ${results[v.id].wrk.sliceRps.join(', ')}), wrong ${results[v.id].wrk.wrong}`);
  }
  return results;
}

module.exports = { VARIANTS, loadTruth, pageWeights, runHost, citiesOf, requestFor, combineSlices };
