'use strict';
// The find benchmark (issue 25 items 2 and 5), on bench/BenchSite/Find.aspx: a level of 1,000, 20,000 or
// 100,000 items shown whole (the Full list: every item, no filter) or found by typing (the Find list:
// FilterMode="Contains", a page method that filters and pages as a query would; 100 items a call).
//   fill:       in Chromium, from the reply's arrival (the afterCallback hook) to the first frame drawn
//               after the list was filled (a requestAnimationFrame, then a task after that frame);
//   search:     in Chromium on the 100,000-item level, from search() to the first frame with the matches,
//               and the bytes each search moves (request and response, headers included);
//   typing:     words typed at 120 ms a key into the find box: calls and bytes per keystroke;
//   postback:   the page's HTML after Save with an item of the 20,000-item level chosen, each list;
//   throughput: wrk on the 100,000-item level, the page method's search call (captured from Chromium,
//               the typed text swapped in) against FindFloor.ashx, the leanest handler writing the same
//               bytes; slices taken in turn, every reply checked for its first match.
// bench.js runs it as the "find" part; results.find.
const fs = require('node:fs');
const path = require('node:path');
const { OUT, percentile, log, runWrk } = require('./common.js');
const { combineSlices } = require('./cascade.js');

const LUA = path.join(__dirname, 'cascade.lua');
const SIZES = [1000, 20000, 100000];
// Texts a user types: pieces of the generated names (syllables, suffixes, prefixes), 2 to 6 letters.
const SEARCHES = ['bel', 'mar', 'ton', 'ville', 'san', 'dorka', 'new p', 'haven', 'lin', 'gar', 'stad', 'ril', 'kes', 'monver',
  'port', 'za', 'ste', 'winor', 'upper', 'field', 'ul', 'broca', 'saint m', 'dal', 'pa', 'terba', 'lo', 'ranno', 'va', 'in'];
const WORDS = ['marton', 'belville', 'saint ka', 'dorhaven', 'linstad'];

/** Loads Find.aspx in a new page, ready. */
async function openPage(context, base, only) {
  const p = await context.newPage();
  await p.goto(base + 'Find.aspx' + (only ? `?only=${only}` : ''));
  await p.waitForFunction((o) => window.Size && (o === 'Find' || window.Full) && (o === 'Full' || window.Find) && document.querySelectorAll('#Size option').length === 4, only || '');
  return p;
}

/**
 * In the page: chooses a size and times the list from the reply's arrival to the first frame drawn after
 * it was filled. Resolves with { fillMs, scriptMs, options }.
 */
function fillInPage([list, size]) {
  return new Promise((resolve) => {
    const control = window[list];
    const fill = control.fill;
    control.fill = function () {
      fill.apply(this, arguments);
      const filled = performance.now();
      const reply = window.replyAt;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ fillMs: performance.now() - reply, scriptMs: filled - reply, options: control.list.options.length });
        channel.port2.postMessage(0);
      });
    };
    const sizes = document.getElementById('Size');
    sizes.value = String(size);
    sizes.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/** In the page: searches one text in the Find list and times it to the first frame drawn with its matches. */
function searchInPage(text) {
  return new Promise((resolve) => {
    const control = window.Find;
    const started = performance.now();
    const fillMatches = control.fillMatches;
    control.fillMatches = function () {
      fillMatches.apply(this, arguments);
      control.fillMatches = fillMatches;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ ms: performance.now() - started, total: control._total });
        channel.port2.postMessage(0);
      });
    };
    control.filterBox.value = text;
    control.search();
  });
}

const bytesOf = async (request) => {
  const sizes = await request.sizes();
  return sizes.requestHeadersSize + sizes.requestBodySize + sizes.responseHeadersSize + sizes.responseBodySize;
};

async function measureFill(context, base, quick) {
  const rows = [];
  for (const size of SIZES) {
    for (const list of ['Full', 'Find']) {
      const times = quick ? 1 : (list === 'Full' && size === 100000 ? 3 : 7);
      const runs = [];
      for (let i = 0; i < times; i++) {
        // The list alone on the page: the other one would fetch and fill the same level at the same time.
        const p = await openPage(context, base, list);
        try {
          runs.push(await p.evaluate(fillInPage, [list, size]));
        } finally {
          await p.close();
        }
      }
      const fills = runs.map((r) => r.fillMs);
      rows.push({ list, size, runs: times, options: runs[0].options, fill_p50: percentile(fills, 50), fill_max: Math.max(...fills), script_p50: percentile(runs.map((r) => r.scriptMs), 50) });
      log(`find fill ${list} ${size}: ${percentile(fills, 50).toFixed(1)} ms p50 (${runs[0].options} options)`);
    }
  }
  return rows;
}

async function measureSearch(context, base, quick) {
  const p = await openPage(context, base, 'Find');
  try {
    await p.evaluate(fillInPage, ['Find', 100000]);
    const bytes = [];
    p.on('requestfinished', async (r) => { if (r.method() === 'POST') bytes.push(bytesOf(r)); });
    const times = [];
    let capture = null;
    const rounds = quick ? 1 : 3;
    for (let round = 0; round < rounds; round++) {
      // Each round searches every text afresh (the list's cache is off), starting elsewhere in the list,
      // so no text follows itself (a text already shown is not searched again).
      const texts = SEARCHES.slice(round * 7).concat(SEARCHES.slice(0, round * 7));
      for (const text of texts) {
        const waitCall = p.waitForRequest((r) => r.method() === 'POST');
        const [request, result] = await Promise.all([waitCall, p.evaluate(searchInPage, text)]);
        if (!capture) capture = { url: request.url(), headers: await request.allHeaders(), body: request.postData(), text };
        times.push(result.ms);
      }
    }
    const sent = await Promise.all(bytes);
    return {
      searches: times.length,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      bytes_p50: percentile(sent, 50),
      bytes_max: Math.max(...sent),
      capture,
    };
  } finally {
    await p.close();
  }
}

async function measureTyping(context, base) {
  const p = await openPage(context, base, 'Find');
  try {
    await p.evaluate(fillInPage, ['Find', 100000]);
    const typed = [];
    let counting = false;
    p.on('request', (r) => { if (counting && r.method() === 'POST') typed.push(r); });
    let keys = 0;
    for (const word of WORDS) {
      // Back to every item first (not counted: it is not a keystroke of the word).
      await p.fill('#Find_Filter', '');
      await p.evaluate(() => window.Find.search());
      await p.waitForFunction(() => window.Find._shownFilter === '' && !window.Find._searching);
      await p.focus('#Find_Filter');
      counting = true;
      await p.keyboard.type(word, { delay: 120 });
      keys += word.length;
      await p.waitForFunction((w) => window.Find._shownFilter === w && !window.Find._searching, word);
      counting = false;
    }
    const bytes = (await Promise.all(typed.map(bytesOf))).reduce((a, b) => a + b, 0);
    return { words: WORDS.length, keys, calls: typed.length, bytes, perKey: bytes / keys };
  } finally {
    await p.close();
  }
}

async function measurePostback(context, base) {
  const rows = [];
  for (const list of ['Full', 'Find']) {
    const p = await openPage(context, base, list);
    try {
      await p.evaluate(fillInPage, [list, 20000]);
      await p.$eval(`#${list}`, (s) => { s.selectedIndex = Math.min(5, s.options.length - 1); s.dispatchEvent(new Event('change', { bubbles: true })); });
      const [response] = await Promise.all([p.waitForNavigation(), p.click('#Save')]);
      const html = await response.text();
      const options = await p.$$eval(`#${list} option`, (os) => os.length);
      rows.push({ list, bytes: Buffer.byteLength(html), options });
      log(`find postback ${list}: ${Buffer.byteLength(html)} bytes, ${options} options`);
    } finally {
      await p.close();
    }
  }
  return rows;
}

/** Writes cascade.lua's request file for one variant: a line per text, each with its first match to check. */
function requestFile(file, headers, requests) {
  const lines = Object.entries(headers).map(([name, value]) => `H\t${name}: ${value}`);
  for (const r of requests) lines.push(['R', r.method, r.path, 'json', r.expect, r.body || ''].join('\t'));
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

async function measureThroughput(base, capture, quick) {
  // The truth: each text's first match, from the floor; texts with no match are left out.
  const truth = [];
  for (const text of SEARCHES) {
    const reply = await fetch(`${base}FindFloor.ashx?size=100000&take=100&q=${encodeURIComponent(text)}`).then((r) => r.json());
    if (reply.items.length) truth.push({ text, first: reply.items[0], total: reply.items.length });
  }
  const pair = (first) => `[${JSON.stringify(first[0])},${JSON.stringify(first[1])}]`;
  const url = new URL(capture.url);
  const envelope = JSON.parse(capture.body);
  const kept = Object.fromEntries(Object.entries(capture.headers).filter(([name]) => /^(content-type|x-callbackcontrols-(token|method|target))$/i.test(name)));
  const files = { floor: path.join(OUT, 'find-floor.txt'), method: path.join(OUT, 'find-method.txt') };
  requestFile(files.floor, {}, truth.map((t) => ({ method: 'GET', path: `/FindFloor.ashx?size=100000&take=100&q=${encodeURIComponent(t.text)}`, expect: `{"items":[${pair(t.first)}` })));
  requestFile(files.method, kept, truth.map((t) => {
    envelope.state.filter = t.text;
    envelope.state.skip = 0;
    return { method: 'POST', path: url.pathname + url.search, body: JSON.stringify(envelope), expect: `"result":{"items":[${pair(t.first)}` };
  }));
  const seconds = quick ? 2 : 10;
  const slices = quick ? 2 : 5;
  const connections = 8;
  const wrk = (id, s) => runWrk({ url: base, script: LUA, args: [files[id]], seconds: s, connections });
  for (const id of ['floor', 'method']) await wrk(id, 1);
  const results = { floor: [], method: [] };
  // Interleaved: a slice each in turn, the order alternating, so a burst of other work lands on both.
  for (let slice = 0; slice < slices; slice++) {
    const order = slice % 2 === 0 ? ['floor', 'method'] : ['method', 'floor'];
    for (const id of order) results[id].push(await wrk(id, seconds / slices));
  }
  const floor = combineSlices(results.floor);
  const method = combineSlices(results.method);
  log(`find throughput: floor ${floor.rps.toFixed(0)}/s, page method ${method.rps.toFixed(0)}/s (${(method.rps / floor.rps).toFixed(2)}x), wrong ${floor.wrong}/${method.wrong}`);
  return { texts: truth.length, seconds, slices, connections, floor, method };
}

async function run({ hosts, context, quick }) {
  const result = { fill: null, search: null, typing: null, postback: null, throughput: {} };
  const dev = hosts.dev;
  result.fill = await measureFill(context, dev.url, quick);
  result.search = await measureSearch(context, dev.url, quick);
  result.typing = await measureTyping(context, dev.url);
  result.postback = await measurePostback(context, dev.url);
  for (const [id, host] of Object.entries(hosts)) {
    // The call is captured on each host (its token is the page's there).
    const capture = id === 'dev' ? result.search.capture : (await measureSearch(context, host.url, true)).capture;
    result.throughput[id] = await measureThroughput(host.url, capture, quick);
  }
  delete result.search.capture;
  return result;
}

module.exports = { run };
