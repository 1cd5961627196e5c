'use strict';
// Turns .tmp/bench/results.json into the benchmark section of docs/RESULTS.md. The section sits
// between two marker comments; everything outside them (the hosting section...) is left as it is.
//
//   node bench/report.js [results.json]      (bench/run.sh calls it at the end of a run)
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, OUT, faultsOf } = require('./common.js');
const { VARIANTS } = require('./cascade.js');

const RESULTS_MD = path.join(ROOT, 'docs', 'RESULTS.md');
const BEGIN = '<!-- bench:begin: written by `./build.sh bench` (bench/report.js); edit the script, not this section -->';
const END = '<!-- bench:end -->';

/* ------------------------------------------------------------------------------------------
 * Formatting
 * ---------------------------------------------------------------------------------------- */

const int = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const ms = (n) => (!Number.isFinite(n) ? '–' : n >= 100 ? `${Math.round(n).toLocaleString('en-US')} ms` : n >= 10 ? `${n.toFixed(1)} ms` : `${n.toFixed(2)} ms`);
const CHART_LABEL = require('./soak.js').CHART_TICK.label;
const kb = (bytes) => (!Number.isFinite(bytes) ? '–' : bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1000).toFixed(1)} KB`);
const mb = (bytes) => (!Number.isFinite(bytes) ? '–' : `${(bytes / 1e6).toFixed(1)} MB`);
const ratio = (n) => (!Number.isFinite(n) ? '–' : n >= 10 ? `${n.toFixed(0)}x` : n >= 1 ? `${n.toFixed(2)}x` : `${n.toFixed(2)}x`);
const table = (header, rows) => [`| ${header.join(' | ')} |`, `| ${header.map((h) => (/^(variant|target|host|what|points|decimation|measure)/i.test(h) ? '---' : '---:')).join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const HOST_NAMES = { dev: 'dev host', nginx: 'nginx + fastcgi-mono-server4' };
const HOST_SHORT = { dev: 'dev', nginx: 'nginx' };

/* ------------------------------------------------------------------------------------------
 * Reading the results
 * ---------------------------------------------------------------------------------------- */

/** Every (pass, host) run of the cascading part, with ratios computed within that run. */
function runs(results) {
  const list = [];
  for (const pass of (results.cascade && results.cascade.passes) || []) {
    for (const [host, variants] of Object.entries(pass.hosts)) {
      if (!variants.floor || !variants.updatepanel) continue;
      const roundTrip = (v) => v.browser.bytes.request + v.browser.bytes.response;
      const of = (id) => {
        const v = variants[id];
        return {
          request: v.browser.bytes.request, response: v.browser.bytes.response, roundTrip: roundTrip(v),
          requestBody: v.browser.bytes.requestBody, responseBody: v.browser.bytes.responseBody,
          rps: v.wrk.rps, wrkP50: v.wrk.p50_ms, wrkP99: v.wrk.p99_ms, sliceRps: v.wrk.sliceRps || [],
          faults: faultsOf(v.wrk.wrong, v.wrk.errors), checked: v.wrk.checked, setCookie: v.wrk.set_cookie,
          p50: v.browser.p50, p95: v.browser.p95, changes: v.browser.samples.length, phases: v.browser.phases,
        };
      };
      const floor = of('floor');
      const up = of('updatepanel');
      const variantsOut = {};
      for (const id of Object.keys(variants)) {
        const v = of(id);
        v.vsFloor = { roundTrip: v.roundTrip / floor.roundTrip, response: v.response / floor.response, rps: v.rps / floor.rps, p50: v.p50 / floor.p50 };
        v.vsUpdatePanel = { roundTrip: v.roundTrip / up.roundTrip, rps: v.rps / up.rps, p50: v.p50 / up.p50 };
        variantsOut[id] = v;
      }
      list.push({ pass: pass.pass, host, order: pass.order, load: pass.load && pass.load[host], variants: variantsOut });
    }
  }
  return list;
}

/* ------------------------------------------------------------------------------------------
 * Targets
 * ---------------------------------------------------------------------------------------- */

/**
 * One row per target: what was measured in each run, whether it was met, and, where it was not,
 * why and what would close it (the reasons are read from the same results).
 */
function targets(results, all) {
  const dev = all.filter((r) => r.host === 'dev');
  const rows = [];
  const verdict = (oks) => (oks.length === 0 ? 'not measured' : oks.every(Boolean) ? '**met**' : oks.some(Boolean) ? '**mixed** (met in some runs)' : '**missed**');
  const cb = (r) => r.variants.callback;
  const list = (runsOf, f) => runsOf.map((r) => `${f(r)} (${HOST_SHORT[r.host]} ${r.pass})`).join('; ');

  const floorPasses = (results.floors && results.floors.passes) || [];
  if (floorPasses.length) {
    const devVsMinimal = (p) => p.hosts.dev.rps / p.hosts.minimal.rps;
    rows.push({
      target: 'the dev host against a minimal host (HttpListener + ApplicationHost, `bench/MinimalHost`) on a bare .ashx: measured, no target since issue 22 made it a development server (its own HTTP server outside the ASP.NET domain; each request crosses the domain as bytes)',
      measured: floorPasses.map((p) => `${ratio(devVsMinimal(p))} (${int(p.hosts.dev.rps)} vs ${int(p.hosts.minimal.rps)}/s) (pass ${p.pass})`).join('; '),
      ok: [true],
      measuredOnly: true,
      why: 'The dev host serves from its own small HTTP/1.1 server outside the ASP.NET domain (a thread per connection, deadlines, path checks) and hands each request across the domain as bytes, where the minimal host answers from an HttpListener inside the domain; the hosts users deploy on are measured beside it (nginx + fastcgi-mono-server4 here).',
    });
  }

  if (dev.length) {
    const envelope = dev[0].variants.callback.responseBody - dev[0].variants.floor.responseBody;
    const headers = (dev[0].variants.callback.response - dev[0].variants.callback.responseBody) - (dev[0].variants.floor.response - dev[0].variants.floor.responseBody);
    rows.push({
      target: 'round-trip bytes (request + response) ≤ 1.5x the floor',
      measured: list(dev, (r) => ratio(cb(r).vsFloor.roundTrip)),
      ok: dev.map((r) => cb(r).vsFloor.roundTrip <= 1.5),
      why: `The callback is a POST (form body of ${int(dev[0].variants.callback.requestBody)} bytes plus Origin, Content-Type and Content-Length headers) where the floor is a GET.`,
    });
    rows.push({
      target: 'response bytes ≤ 1.0x the floor',
      measured: list(dev, (r) => { const d = cb(r).response - r.variants.floor.response; return `${ratio(cb(r).vsFloor.response)} (${d >= 0 ? '+' : '−'}${int(Math.abs(d))} bytes)`; }),
      ok: dev.map((r) => cb(r).vsFloor.response <= 1.0),
      why: `Same list, same serializer: the callback body is ${int(envelope)} bytes longer on average: ASP.NET's callback frame (Mono writes \`0|\`, the length of an empty __EVENTVALIDATION) and the envelope \`{"cc":1,"ok":true,"result":…}\` (28 bytes). Its headers are ${int(-headers)} bytes shorter (\`text/html\` against \`application/json\`). What would close it: a bare success form for list results (e.g. \`0|[[…]]\`, failures keeping the envelope), which saves the 28 bytes and puts the reply at or under the floor.`,
    });
    rows.push({
      target: 'throughput on the dev host ≥ 0.5x the floor',
      measured: list(dev, (r) => `${ratio(cb(r).vsFloor.rps)} (${int(cb(r).rps)} vs ${int(r.variants.floor.rps)}/s)`),
      ok: dev.map((r) => cb(r).vsFloor.rps >= 0.5),
      why: 'A callback runs the page: the page class is built, its controls created (the grid, the form, both lists), posted data loaded, then the callback handler; the floor runs one handler.',
    });
    rows.push({
      target: 'throughput ≥ 4x UpdatePanel on every host',
      measured: list(all, (r) => `${ratio(cb(r).vsUpdatePanel.rps)} (${int(cb(r).rps)} vs ${int(r.variants.updatepanel.rps)}/s)`),
      ok: all.map((r) => cb(r).vsUpdatePanel.rps >= 4),
      why: `The UpdatePanel request carries and verifies the ViewState, rebuilds the grid from it, re-renders the panel and the ViewState; the callback does none of that. Behind nginx every request pays the FastCGI hop and Mono's fastcgi server, a fixed cost that narrows every ratio: there the floor itself (a bare handler and a fetch) reaches only ${all.filter((r) => r.host === 'nginx').map((r) => ratio(r.variants.floor.vsUpdatePanel.rps)).join(', ')} of UpdatePanel's rate in the same runs, so no callback can reach 4x on that host without answering faster than the floor.`,
    });
    const fast = all.filter((r) => r.variants.pagemethod);
    if (fast.length) {
      rows.push({
        target: 'fast path (ServiceMethod page method): throughput ≥ 0.85x the floor on every host',
        measured: list(fast, (r) => `${ratio(r.variants.pagemethod.vsFloor.rps)} (${int(r.variants.pagemethod.rps)} vs ${int(r.variants.floor.rps)}/s)`),
        ok: fast.map((r) => r.variants.pagemethod.vsFloor.rps >= 0.85),
        why: 'The page method skips the page and takes no session, but the call still runs ASP.NET\'s pipeline for a .aspx path (the page handler\'s mapping, then our request module swapping the handler), is a POST whose form is read, checks the token (MachineKey) and writes the envelope; the floor is a GET of a bare .ashx answered from its query string.',
      });
    }
    const session = results.session && results.session.runs;
    if (session && session.length) {
      const byId = Object.fromEntries(session.map((r) => [r.id, r]));
      rows.push({
        target: 'one user\'s calls at once: throughput with 8 connections sharing one session ≥ 0.8x that without a cookie (dev host)',
        measured: session.map((r) => `${r.label}: ${ratio(r.ratio)} (${int(r.shared.rps)} vs ${int(r.none.rps)}/s)`).join('; '),
        ok: session.map((r) => r.ratio >= 0.8),
        why: `ASP.NET runs the requests of one session one at a time when the page takes the session's exclusive lock, which a page with session state on (the default) does for every request, callbacks included: ${byId.on ? ratio(byId.on.ratio) : '–'} here. The library cannot take that lock read-only behind the page's back, since the page's code may write the session during a call. What a page author does: \`EnableSessionState="ReadOnly"\` on a page whose calls only read the session (${byId.readonly ? ratio(byId.readonly.ratio) : '–'}), or a page method, which takes no session unless it asks and then read-only (${byId.method ? ratio(byId.method.ratio) : '–'}). The README says so.`,
      });
    }
    const burst = results.burst && results.burst.runs;
    if (burst && burst.length) {
      rows.push({
        target: 'a burst of 100 changes at 10 ms (handler 0–120 ms, session on) settles within 300 ms of the last change (Chromium, dev host)',
        measured: burst.map((r) => `${r.label}: ${ms(r.settle_p95)} p95, ${r.calls_mean.toFixed(1)} calls`).join('; '),
        ok: burst.map((r) => r.settle_p95 <= 300),
        why: 'At most one call of a list is in flight; the newest waits and none in between is sent, so the last choice waits at most for one call already running plus its own.',
      });
    }
    const find = results.find;
    if (find && find.fill) {
      const fill = (list, size) => find.fill.find((r) => r.list === list && r.size === size);
      const find20k = fill('Find', 20000);
      rows.push({
        target: 'a level of 20,000 items is usable in Chromium within 200 ms of its reply arriving',
        measured: `found by typing (FilterMode): ${ms(find20k && find20k.fill_p50)} p50, ${ms(find20k && find20k.fill_max)} slowest, ${find20k ? find20k.options : '–'} options; shown whole: ${ms(fill('Full', 20000) && fill('Full', 20000).fill_p50)} p50`,
        ok: [!!find20k && find20k.fill_max <= 200],
        why: 'Chromium spends its time building the options: a select of 20,000 options costs hundreds of milliseconds of style and layout however it is built. A level that long is usable at once only when it shows a page of it, which FilterMode does.',
      });
      const tp = Object.entries(find.throughput || {});
      if (tp.length) {
        rows.push({
          target: 'a level of 100,000 items filtered on the server answers within 1.1x the floor (the leanest handler writing the same bytes): throughput ≥ 0.91x',
          measured: tp.map(([id, t]) => `${ratio(t.method.rps / t.floor.rps)} (${int(t.method.rps)} vs ${int(t.floor.rps)}/s; p50 ${ratio(t.method.p50_ms / t.floor.p50_ms)} of the floor's) (${HOST_SHORT[id] || id})`).join('; '),
          ok: tp.map(([, t]) => t.method.rps / t.floor.rps >= 1 / 1.1),
          why: 'Both scan the same 100,000 names; the page method adds what every call pays (its pipeline, the token, the envelope, a POST body where the floor is a GET), makes ListItems of the page it sends where the floor appends names to a StringBuilder, and folds case by the full OrdinalIgnoreCase rule where the floor folds ASCII only (about 10% of the scan, micro-measurements). Behind nginx, where users deploy, the fixed cost of the host dwarfs that; on the dev host a POST costs more than a GET to cross into the ASP.NET domain. What would close the rest: a scan that skips names by a precomputed index, which is the data\'s choice (a handler over SQL has its own), not the library\'s.',
        });
      }
      const postback = (find.postback || []).find((r) => r.list === 'Find');
      if (postback) {
        rows.push({
          target: 'a postback of a page whose list holds 20,000 items is under 100 KB',
          measured: `${kb(postback.bytes)} with FilterMode (${postback.options} options rendered); ${kb(((find.postback || []).find((r) => r.list === 'Full') || {}).bytes)} shown whole`,
          ok: [postback.bytes < 100 * 1024],
          why: 'A list that shows every item renders every item on every postback.',
        });
      }
    }
    const stock = all.filter((r) => r.variants.stock);
    if (stock.length) {
      rows.push({
        target: 'the stock callback (GetCallbackEventReference), for comparison (no target)',
        measured: list(stock, (r) => `default ${ratio(cb(r).rps / r.variants.stock.rps)} of its throughput (${int(cb(r).rps)} vs ${int(r.variants.stock.rps)}/s), fast path ${r.variants.pagemethod ? ratio(r.variants.pagemethod.rps / r.variants.stock.rps) : '–'}`),
        ok: [true],
        measuredOnly: true,
        why: 'The stock client posts every field of the form as it was when the page loaded, ViewState included, and the page verifies and loads it all before the handler runs.',
      });
    }
    const phaseOf = (r, id) => {
      const p = r.variants[id].phases;
      return p ? `${ms(p.before)} before the request, ${ms(p.request)} request, ${ms(p.after)} after` : 'no split';
    };
    // The run that missed by most, to show where its time went.
    const worstBy = (f) => all.reduce((a, r) => (f(r) > f(a) ? r : a));
    const vsFloor = worstBy((r) => cb(r).vsFloor.p50);
    const vsUpdatePanel = worstBy((r) => cb(r).vsUpdatePanel.p50);
    const delta = (r, id, base) => {
      const a = r.variants[id].phases;
      const b = r.variants[base].phases;
      return a && b ? ['before', 'request', 'after'].map((k) => `${k} ${a[k] - b[k] >= 0 ? '+' : ''}${ms(a[k] - b[k])}`).join(', ') : 'no split';
    };
    rows.push({
      target: 'browser p50 ≤ 1.1x the floor',
      measured: list(all, (r) => `${ratio(cb(r).vsFloor.p50)} (${ms(cb(r).p50)} vs ${ms(r.variants.floor.p50)})`),
      ok: all.map((r) => cb(r).vsFloor.p50 <= 1.1),
      why: `Where the callback spends more than the floor, per phase (medians), in the run that missed by most (${HOST_NAMES[vsFloor.host]}, pass ${vsFloor.pass}): ${delta(vsFloor, 'callback', 'floor')}; callback ${phaseOf(vsFloor, 'callback')}, floor ${phaseOf(vsFloor, 'floor')}. `
        + 'The request phase holds the server\'s share (a callback builds the page\'s controls before its handler runs; the floor runs one handler) plus Chromium\'s own cost of a request, which both pay; '
        + 'the script phases hold the client runtime\'s extra steps (it clears the list and tells the levels below, builds the body from the named fields, reads the envelope; a reply within 100 ms no longer shows a loading state) where the floor only fetches and fills. '
        + `The page method, which builds no page and posts nothing of the form, measured ${list(all.filter((r) => r.variants.pagemethod), (r) => ratio(r.variants.pagemethod.vsFloor.p50))} of the floor in the same runs. What would close the rest: answering a default-path list call before the rest of the page is built.`,
    });
    const floorVsUp = all.map((r) => r.variants.floor.vsUpdatePanel.p50);
    const extraBytes = dev.length ? dev[0].variants.updatepanel.roundTrip - dev[0].variants.callback.roundTrip : NaN;
    rows.push({
      target: 'browser p50 ≤ 0.6x UpdatePanel',
      measured: list(all, (r) => `${ratio(cb(r).vsUpdatePanel.p50)} (${ms(cb(r).p50)} vs ${ms(r.variants.updatepanel.p50)})`),
      ok: all.map((r) => cb(r).vsUpdatePanel.p50 <= 0.6),
      why: `The floor itself measures ${floorVsUp.map(ratio).join(', ')} of UpdatePanel in the same runs: most of a change on loopback is Chromium's fixed cost of a request and of filling the list, which every variant pays, so the target sits at the floor's own level and the callback meets it only where it matches the floor. `
        + `The callback's phases against UpdatePanel (${HOST_NAMES[vsUpdatePanel.host]}, pass ${vsUpdatePanel.pass}): ${delta(vsUpdatePanel, 'callback', 'updatepanel')}. `
        + `What separates them beyond loopback is the ${int(extraBytes)} extra bytes the UpdatePanel moves per change: about ${ms((extraBytes * 8) / 10e6 * 1000)} more on a 10 Mbit/s link, ${ms((extraBytes * 8) / 2e6 * 1000)} on 2 Mbit/s. What would close it on loopback: bringing the callback to the floor (see the target above).`,
    });
  }

  const chartRow = results.chart && results.chart.rows.find((r) => r.points === 1000000 && r.decimate && r.tooltips);
  if (chartRow && chartRow.server && !chartRow.server.error) {
    const s = chartRow.server;
    const noTips = results.chart.rows.find((r) => r.points === 1000000 && r.decimate && !r.tooltips);
    rows.push({
      target: 'chart, 1,000,000 points with tooltips: ≤ 15 KB on the wire per refresh',
      measured: `${kb(s.gzipBytes)} as a browser gets it (${s.gzipEncoding}), ${kb(s.bytes)} uncompressed (default settings: decimation on, point tooltips on)${noTips && noTips.server && !noTips.server.error ? `; ${kb(noTips.server.gzipBytes)} (${kb(noTips.server.bytes)}) with ShowPointToolTips="false"` : ''}`,
      ok: [s.gzipBytes <= 15 * 1024],
      why: `Decimation bounds the points drawn (about the plot's width); each drawn point's \`<circle>\` with its \`<title>\` tooltip is most of the uncompressed reply, and so repetitive that gzip takes it to a seventh.`,
    });
    rows.push({
      target: 'chart, 1,000,000 points: ≤ 25 ms server time per refresh',
      measured: `${ms(s.serverMs)} (median of ${s.samples}), of which ${ms(s.fillMs)} filling the points; ${ms(s.serverMs - s.fillMs)} decimating, drawing and the JSON`,
      ok: [s.serverMs <= 25],
      why: `The handler fills the series with one \`Points.AddRange\` (${ms(s.fillMs)}: copying into the series' arrays, most of it the first touch of fresh memory); decimating, drawing and the JSON take ${ms(s.serverMs - s.fillMs)}.`,
    });
    const tenMillion = results.chart.rows.find((r) => r.points === 10000000 && r.decimate && r.tooltips);
    if (tenMillion && tenMillion.server && !tenMillion.server.error) {
      const t = tenMillion.server;
      rows.push({
        target: 'chart, 10,000,000 points: ≤ 250 ms server time per refresh',
        measured: `${ms(t.serverMs)} (median of ${t.samples}), of which ${ms(t.fillMs)} filling the points; ${kb(t.gzipBytes)} on the wire`,
        ok: [t.serverMs <= 250],
        why: 'Linear in the points: one pass to copy them in, one to decimate; the drawing is bounded by the plot width.',
      });
    }
    const unchanged = results.chart.unchanged;
    if (unchanged) {
      rows.push({
        target: 'chart: a tick whose drawing is unchanged answers in < 100 bytes',
        measured: unchanged.error ? `failed: ${unchanged.error}` : `${int(unchanged.bytes)} bytes on the wire (${unchanged.encoding}), ${ms(unchanged.latencyMs)} round trip, against a ${kb(unchanged.fullBytes)} drawing of ${int(unchanged.points)} points (median of ${unchanged.samples})`,
        ok: [!unchanged.error && unchanged.bytes < 100],
        why: 'The page sends the hash of the drawing it shows; the server still runs the handler and draws, then answers `{"unchanged":true}` when the hash matches, and the page keeps its SVG node (tests/browser/chart-unchanged.test.js).',
      });
    }
    const compression = results.chart.compression;
    if (compression && !compression.error) {
      rows.push({
        target: 'chart: the CPU compression costs (measured, no target)',
        measured: `${ms(compression.gzipCpuMs - compression.plainCpuMs)} of server CPU per 1,000,000-point refresh with tooltips (${ms(compression.plainCpuMs)} without compression, ${ms(compression.gzipCpuMs)} with; ${int(compression.requests)} refreshes each, /proc CPU time of the host)`,
        ok: [true],
        measuredOnly: true,
        why: `Gzip at its fastest level on a ${kb(compression.plainBytes)} reply that becomes ${kb(compression.gzipBytes)}.`,
      });
    }
  }

  const soak = results.soak;
  if (soak) {
    const sv = soak.server;
    const br = soak.browser;
    const minutes = `${sv.seconds >= 60 ? `${Math.round(sv.seconds / 60)} minutes` : `${sv.seconds} s`}`;
    const all = [sv, soak.floor, soak.nginx, soak.nginxFloor].filter(Boolean);
    rows.push({
      target: `soak: zero errors (50 pollers at 1/s on each of chart and floor, dev host and nginx; one page refreshing every 250 ms; ${minutes})`,
      measured: `${all.map((x) => `${int(x.errors)} errors in ${int(x.sent)} ${x.target === CHART_LABEL ? 'chart polls' : 'floor polls'} (${x.host === 'nginx' ? 'nginx' : 'dev host'})`).join(', ')}; ${int(br.errors)} errors in ${int(br.refreshes)} page refreshes`,
      ok: [all.every((x) => x.errors === 0) && br.errors === 0 && br.pageErrors.length === 0],
      why: 'See the soak section: the errors are listed with when they happened.',
    });
    // Warm-up: the first fifth of the soak (at least a minute), over which the host reaches its working
    // set (JIT, caches, and behind nginx the 5-minute remoting leases of fastcgi-mono-server4's responders).
    const flat = (x) => {
      const warmSecond = Math.max(60, Math.round((x.seconds / 5) / 30) * 30);
      const warm = x.timeline.find((t) => t.second >= warmSecond) || x.timeline[x.timeline.length - 1];
      const after = x.timeline.filter((t) => t.second >= warm.second);
      const heap = Math.max(...after.map((t) => t.managedBytes)) / warm.managedBytes;
      const rss = Math.max(...after.map((t) => t.rssKb)) / warm.rssKb;
      return { warm, heap, rss, text: `heap ${mb(warm.managedBytes)} at ${warm.second} s, at most ${mb(warm.managedBytes * heap)} after (${heap.toFixed(2)}x); RSS ${mb(warm.rssKb * 1024)}, at most ${mb(warm.rssKb * 1024 * rss)} (${rss.toFixed(2)}x)` };
    };
    for (const x of [sv, soak.nginx].filter(Boolean)) {
      const f = flat(x);
      rows.push({
        target: `soak: chart pollers, ${x.host === 'nginx' ? 'nginx + fastcgi-mono-server4' : 'dev host'}: heap after a full GC ≤ 2x its value after warm-up, RSS ≤ 1.5x`,
        measured: f.text,
        ok: [f.heap <= 2 && f.rss <= 1.5],
        why: (x.host === 'nginx'
          ? 'fastcgi-mono-server4 makes one cross-domain Responder per request and keeps each for its default 5-minute remoting lease (heap-shots: ~7 KB per request, `Responder`, `Lease`, `ClientActivatedIdentity`), so its heap grows for 5 minutes, in proportion to the request rate, then stays level. '
          : '')
          + 'Mono\'s System.Web held every finished request for ~110 s through its disposed timeout timer (heap-shots: `Timer` → `HttpContext`); the library wakes the timer scheduler every second on Mono (`MonoTimerSweep`). Before: 10.4 → 350.5 MB in 5 minutes on the dev host.',
      });
    }
    rows.push({
      target: 'soak: browser DOM and JS heap flat',
      measured: `DOM nodes ${int(br.start.nodes)} → ${int(br.end.nodes)}; JS heap ${mb(br.start.jsHeapUsedBytes)} → ${mb(br.end.jsHeapUsedBytes)}; listeners ${int(br.start.listeners)} → ${int(br.end.listeners)}`,
      ok: [br.end.nodes <= br.start.nodes * 1.02 + 10 && br.end.jsHeapUsedBytes <= br.start.jsHeapUsedBytes * 1.2 + 500000],
      why: 'See the soak section.',
    });
  }
  return rows.map((r) => ({ ...r, verdict: r.measuredOnly ? 'measured' : verdict(r.ok) }));
}

/* ------------------------------------------------------------------------------------------
 * The markdown
 * ---------------------------------------------------------------------------------------- */

function section(results) {
  const all = runs(results);
  const m = results.machine;
  const settings = results.cascade ? results.cascade.settings : null;
  const out = [];
  out.push(BEGIN);
  out.push('## Benchmarks: callbacks against UpdatePanel, full postback and the floor');
  out.push('');
  if (results.quick) out.push('> **Smoke run (`BENCH_QUICK=1`)**: a few seconds per measurement, not the numbers to quote. `./build.sh bench` gives the full run.\n');
  out.push(`- **Date:** ${results.started.slice(0, 10)} (UTC), ${results.started.slice(11, 16)} to ${(results.finished || results.started).slice(11, 16)}`
    + (results.measured ? `; parts measured at ${Object.entries(results.measured).map(([part, at]) => `${part} ${at.slice(0, 10)} ${at.slice(11, 16)}`).join(', ')}` : ''));
  out.push(`- **Machine:** ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB; ${m.os}, kernel ${m.kernel}`);
  out.push(`- **Runtime:** ${m.mono}; ${m.configuration} build of the library; nginx-light ${m.nginx}, mono-fastcgi-server4 ${m.fastcgi}; wrk ${m.wrk}; Chromium ${m.chromium}; Node ${m.node}`);
  const l = results.load;
  out.push(`- **Load average (1/5/15 min):** ${l.start.one}/${l.start.five}/${l.start.fifteen} at the start, ${l.end ? `${l.end.one}/${l.end.five}/${l.end.fifteen}` : '–'} at the end${l.wait && l.wait.waitedSeconds ? ` (waited ${l.wait.waitedSeconds} s for a quiet machine${l.wait.quiet === false ? ', which never came: the run went ahead' : ''})` : ''}. Other engineers share this machine.`);
  out.push('- **Reproduce:** `./build.sh bench` (installs what is missing, builds, then runs `bench/run.sh`; 25 to 35 minutes). `BENCH_QUICK=1 ./build.sh bench` is a smoke run; `BENCH_PARTS=soak BENCH_SOAK_SECONDS=1800 ./build.sh bench` the 30-minute soak. Raw results: `.tmp/bench/results.json`.');
  out.push('- **Site:** `bench/BenchSite`, on loopback, `<compilation debug="false">`, a fixed machine key, every page `EnableSessionState="False"` (no session cookie is handed out; wrk would send one back) except `PageMethod.aspx`, which keeps session state on as most sites do (its page methods take none), and the session benchmark\'s `Session*.aspx`.');
  out.push('');

  const floorPasses = (results.floors && results.floors.passes) || [];
  if (floorPasses.length) {
    out.push('### Host floors');
    out.push('');
    out.push(`What a host costs by itself: \`bench/hosting.sh\` with \`HOSTING_PARTS=floors\`, wrk -t2 -c8 for ${results.floors.seconds} s after a 3 s warm-up on \`bench/BenchSite/Bare.ashx\` (a handler that only answers \`ok\`), every reply checked. The minimal host (\`bench/MinimalHost\`, ~130 lines: HttpListener inside the ASP.NET domain, nothing else) is the reference. Cells: requests/s (ratio to the minimal host), wrong or failed replies.`);
    out.push('');
    const hostRows = [['minimal', 'minimal host (reference)'], ['dev', 'dev host'], ['nginx', 'nginx + fastcgi-mono-server4, 1 back end']];
    out.push(table(['host', ...floorPasses.map((p) => `pass ${p.pass}`)], hostRows.map(([id, name]) => [name,
      ...floorPasses.map((p) => (p.hosts[id] ? `${int(p.hosts[id].rps)}/s (${ratio(p.hosts[id].rps / p.hosts.minimal.rps)}), ${int(p.hosts[id].faults)}` : '–'))])));
    out.push('');
  }

  const rows = targets(results, all);
  if (rows.length) {
    out.push('### Targets');
    out.push('');
    out.push('Ratios are taken within one run (same host, same pass). The cascading targets are for variant 1 (CascadingDropDown by callback, default settings).');
    out.push('');
    out.push(table(['target', 'measured', 'verdict'], rows.map((r) => [r.target, r.measured, r.verdict])));
    const missed = rows.filter((r) => !r.ok.every(Boolean));
    if (missed.length) {
      out.push('');
      out.push('Why the missed ones are missed, and what would close them:');
      out.push('');
      for (const r of missed) out.push(`- **${r.target}**: ${r.why}`);
    }
    out.push('');
  }

  const burst = results.burst && results.burst.runs;
  if (burst && burst.length) {
    out.push('### A burst of changes settles');
    out.push('');
    out.push(`\`bench/burst.js\` in Chromium on the dev host: a parent list changed ${burst[0].changes} times by script, one change every 10 ms, through the countries in turn and last to one not chosen before (its list cannot come from the cache), on a freshly loaded page, ${burst[0].bursts} bursts a variant; the child's handler waits 0 to 120 ms. Settle: from the last change until the child list shows the last choice's cities. A list's call waits for the one in flight (the server finishes it anyway) and only the newest waits, by callback or by page method.`);
    out.push('');
    out.push(table(['variant', 'settle p50', 'settle p95', 'slowest', 'child calls per burst'], burst.map((r) => [r.label, ms(r.settle_p50), ms(r.settle_p95), ms(r.settle_max), r.calls_mean.toFixed(1)])));
    out.push('');
  }

  const find = results.find;
  if (find && find.fill) {
    out.push('### Long lists found by typing');
    out.push('');
    out.push('`bench/find.js` on `bench/BenchSite/Find.aspx`: a level of 1,000, 20,000 or 100,000 generated city names, shown whole (every item, no filter) or found by typing (`FilterMode="Contains"`, 100 items a call, a page method that filters and pages in one pass over the names), each list alone on its page, by page method on the dev host.');
    out.push('');
    out.push('Fill: in Chromium, from the reply\'s arrival (the afterCallback hook) to the first frame drawn after the list was filled (a `requestAnimationFrame`, then a task after that frame), each on a freshly loaded page.');
    out.push('');
    out.push(table(['variant', 'items in the level', 'options shown', 'fill p50', 'slowest', 'script p50', 'runs'], find.fill.map((r) => [r.list === 'Full' ? 'shown whole' : 'found by typing', int(r.size), int(r.options), ms(r.fill_p50), ms(r.fill_max), ms(r.script_p50), r.runs])));
    out.push('');
    if (find.search) {
      out.push(`Searching the 100,000-item level in Chromium (${find.search.searches} searches of 30 texts of 2 to 7 letters, cache off): from \`search()\` to the first frame drawn with the matches, **${ms(find.search.p50)} p50, ${ms(find.search.p95)} p95**; ${int(find.search.bytes_p50)} bytes a search (request and response, headers included; ${int(find.search.bytes_max)} at most).`);
      out.push('');
    }
    if (find.typing) {
      out.push(`Typing ${find.typing.words} words (${find.typing.keys} keys, 120 ms apart) into the find box: ${find.typing.calls} calls, **${int(find.typing.perKey)} bytes per keystroke** (the pause after the last key, FilterDelay 250 ms, sends one call per word).`);
      out.push('');
    }
    if (find.postback && find.postback.length) {
      out.push('Postback (Save) with an item of the 20,000-item level chosen: ' + find.postback.map((r) => `${r.list === 'Full' ? 'shown whole' : 'found by typing'} ${kb(r.bytes)} of HTML (${int(r.options)} options)`).join('; ') + '.');
      out.push('');
    }
    const tp = Object.entries(find.throughput || {});
    if (tp.length) {
      const t0 = tp[0][1];
      out.push(`Server: wrk, ${t0.connections} connections, ${t0.seconds} s each in ${t0.slices} slices taken in turn (order alternating), on the 100,000-item level with ${t0.texts} texts; the page method's call as Chromium sent it with the text swapped in, against \`FindFloor.ashx\` (the same scan, ASCII case folding only since the data is ASCII, names appended with no escaping, no page, no token). Every reply checked for its first match.`);
      out.push('');
      out.push(table(['host', 'floor', 'page method', 'ratio', 'floor p50', 'page method p50', 'wrong or failed'], tp.map(([id, t]) => [HOST_NAMES[id] || id, `${int(t.floor.rps)}/s`, `${int(t.method.rps)}/s`, ratio(t.method.rps / t.floor.rps), ms(t.floor.p50_ms), ms(t.method.p50_ms), `${faultsOf(t.floor.wrong, t.floor.errors) + faultsOf(t.method.wrong, t.method.errors)}`])));
      out.push('');
    }
  }

  const session = results.session && results.session.runs;
  if (session && session.length) {
    out.push('### One user, many calls at once (session state)');
    out.push('');
    out.push(`\`bench/session.js\` on the dev host: the City list's calls of \`bench/BenchSite/Session*.aspx\` (the handler reads the visitor from the session, as a real page would), wrk with ${results.session.connections} connections for ${results.session.seconds} s each way in slices taken in turn, every reply checked: with no cookie (each connection a visitor of its own) and with every connection sending the one cookie of a stored session (\`Visit.ashx\`), as one user's quick changes and open tabs do.`);
    out.push('');
    out.push(table(['variant', 'no cookie', 'one shared session', 'ratio', 'wrong or failed'], session.map((r) => [r.label, `${int(r.none.rps)}/s`, `${int(r.shared.rps)}/s`, ratio(r.ratio), int(r.none.faults + r.shared.faults)])));
    out.push('');
  }

  if (all.length) {
    out.push('### Cascading refresh: the same page, the same data, five ways');
    out.push('');
    const weights = Object.values(results.cascade.weights);
    const states = weights.map((w) => w.viewStateBytes);
    out.push(`The page carries a customer form (labels, four text boxes) and a 20-row, 10-column GridView: on the first GET, __VIEWSTATE is ${kb(Math.min(...states))} to ${kb(Math.max(...states))} and the page ${kb(Math.min(...weights.map((w) => w.pageBytes)))} to ${kb(Math.max(...weights.map((w) => w.pageBytes)))} across the variants (Mono pads the serialized state before the MAC). Country → City over 50 countries of 20 to 200 cities (${int(results.cascade.cities)} cities, generated from a fixed seed in \`BenchData.cs\`). The five ways: `);
    out.push('');
    out.push('1. `Callback.aspx`: two CascadingDropDowns, default settings (a call posts the parent\'s value and the envelope, no ViewState);');
    out.push('2. `FullForm.aspx`: the same with `PostFullForm="true"` (the whole form, ViewState included);');
    out.push('3. `UpdatePanel.aspx`: two DropDownLists, the country with AutoPostBack, inside ScriptManager + UpdatePanel (async postback);');
    out.push('4. `Postback.aspx`: the same lists without the UpdatePanel (full postback);');
    out.push('5. `Floor.aspx` + `Cities.ashx`: plain selects and a dozen lines of `fetch`; the handler answers the same `[text, value]` pairs, its JSON written with `HttpUtility.JavaScriptStringEncode` (the framework\'s fastest way; `JavaScriptSerializer` costs ~300 µs per 100 rows on Mono, and the library\'s own reply writer is as fast as this). The floor this stack can reach.');
    out.push('');
    out.push(`Every variant was checked against the floor: each country's request answered exactly the floor's city list before any measurement.`);
    out.push('');

    const first = all[0];
    out.push('#### Bytes of one change');
    out.push('');
    out.push(`Measured in Chromium (Playwright's request sizes: request line and headers as sent, bodies as sent and received), mean over the ${int(first.variants.callback.changes)} changes of the browser run, dev host, pass ${first.pass}. Bodies alone in brackets. The floor's request is a GET with no body.`);
    out.push('');
    out.push(table(['variant', 'request', 'response', 'round trip', 'vs floor', 'vs UpdatePanel'],
      VARIANTS.map((v) => {
        const x = first.variants[v.id];
        return [`${VARIANTS.indexOf(v) + 1}. ${v.label}`, `${int(x.request)} (${int(x.requestBody)})`, `${int(x.response)} (${int(x.responseBody)})`, int(x.roundTrip), ratio(x.vsFloor.roundTrip), ratio(x.vsUpdatePanel.roundTrip)];
      })));
    const spread = Math.max(...all.flatMap((r) => VARIANTS.map((v) => Math.abs(r.variants[v.id].roundTrip - first.variants[v.id].roundTrip) / first.variants[v.id].roundTrip)));
    out.push('');
    out.push(`The other runs differ by at most ${(spread * 100).toFixed(1)}% (nginx adds its own headers; UpdatePanel and postback requests grow with the list the previous change left in the ViewState).`);
    out.push('');

    out.push('#### Server throughput');
    out.push('');
    out.push(`wrk, ${settings.connections} connections (\`-t${settings.connections} -c${settings.connections}\`, one connection per thread so each reply is matched with its request), ${settings.wrkSeconds} s per variant after a ${settings.wrkWarmupSeconds} s warm-up, in ${settings.wrkSlices} slices of ${settings.wrkSeconds / settings.wrkSlices} s: the variants take turns slice by slice, so a burst of other work lands on all of them. \`bench/cascade.lua\`. Requests are the browser's own (captured from Chromium's first change, the country swapped in: ViewState and event validation from that GET for variants 2 to 4, \`X-MicrosoftAjax: Delta=true\` for the UpdatePanel), cycling through all 50 countries; every reply is checked for the country's first city (the first \`<option>\` of the City list for HTML replies). Cells: requests/s, then the ratio against the floor and against UpdatePanel of the same run.`);
    out.push('');
    const columns = all.map((r) => `${HOST_NAMES[r.host]}, pass ${r.pass}`);
    out.push(table(['variant', ...columns], VARIANTS.map((v) => [`${VARIANTS.indexOf(v) + 1}. ${v.label}`,
      ...all.map((r) => { const x = r.variants[v.id]; return `${int(x.rps)}/s (${ratio(x.vsFloor.rps)}, ${ratio(x.vsUpdatePanel.rps)})${x.faults ? ` **${int(x.faults)} faults**` : ''}`; })])));
    out.push('');
    out.push(`Latency under that load (p50 / p99, medians over the slices) and the spread of the ${settings.wrkSlices} slices (slowest–fastest requests/s):`);
    out.push('');
    out.push(table(['variant', ...columns], VARIANTS.map((v) => [`${VARIANTS.indexOf(v) + 1}. ${v.label}`,
      ...all.map((r) => { const x = r.variants[v.id]; return `${ms(x.wrkP50)} / ${ms(x.wrkP99)}; ${int(Math.min(...x.sliceRps))}–${int(Math.max(...x.sliceRps))}/s`; })])));
    out.push('');
    out.push(`Load average (1 min) at the start and end of each run: ${all.map((r) => `${HOST_SHORT[r.host]} ${r.pass}: ${r.load ? `${r.load.start.one} → ${r.load.end.one}` : '–'}`).join('; ')} (the benchmark itself keeps about 2 busy).`);
    const checked = all.reduce((a, r) => a + VARIANTS.reduce((b, v) => b + r.variants[v.id].checked, 0), 0);
    const faults = all.reduce((a, r) => a + VARIANTS.reduce((b, v) => b + r.variants[v.id].faults, 0), 0);
    const cookies = all.reduce((a, r) => a + VARIANTS.reduce((b, v) => b + r.variants[v.id].setCookie, 0), 0);
    out.push('');
    out.push(`${int(checked)} replies checked, ${int(faults)} wrong or failed; ${int(cookies)} Set-Cookie headers seen.`);
    out.push('');

    out.push('#### Browser round trip');
    out.push('');
    out.push(`Chromium (headless), from the change event on the country list to the moment the DOM holds the country's first city, timed inside the page (\`performance.now()\` and a MutationObserver; each change fired from a task of its own, as a person's is; for the full postback, from the change in the old page to the parser inserting the list in the new one). ${int(settings.changes)} changes per variant and run, after ${settings.warmup} warm-up changes; every cycle visits all 50 countries in a seeded order, so every change is a real request (no client cache hit). The variants take turns of ${settings.turn || 50} changes (each turn loads the variant's page afresh in one Chromium page), so a burst of other work on the machine lands on all of them alike. Cells: p50 / p95, then the p50 ratios against the floor and against UpdatePanel.`);
    out.push('');
    out.push(table(['variant', ...columns], VARIANTS.map((v) => [`${VARIANTS.indexOf(v) + 1}. ${v.label}`,
      ...all.map((r) => { const x = r.variants[v.id]; return `${ms(x.p50)} / ${ms(x.p95)} (${ratio(x.vsFloor.p50)}, ${ratio(x.vsUpdatePanel.p50)})`; })])));
    out.push('');
    out.push('Where the time of a change goes (medians of each phase, from the request\'s resource timing in the page): script before the request is sent / the request, network and server, to its last byte / script after it, until the list is in the DOM. The full postback has no such split (a navigation).');
    out.push('');
    out.push(table(['variant', ...columns], VARIANTS.filter((v) => !v.navigates).map((v) => [`${VARIANTS.indexOf(v) + 1}. ${v.label}`,
      ...all.map((r) => { const p = r.variants[v.id].phases; return p ? `${ms(p.before)} / ${ms(p.request)} / ${ms(p.after)}` : '–'; })])));
    out.push('');
    out.push(`Order of the variants: pass 1 ${all.find((r) => r.pass === 1).order.join(', ')}; pass 2 in reverse, so a drift of the machine does not favour one.`);
    out.push('');
  }

  if (results.chart) {
    out.push('### Chart');
    out.push('');
    out.push('One RefreshingChart refresh of N points (`Chart.aspx`: a line series filled in the RefreshCallback handler from readings computed once, one `Points.AddRange`), dev host, one request at a time. **Server** is the page\'s own run on the server (a Server-Timing header from an HttpModule: handler start to end, so it includes filling the points, decimating, drawing the SVG and the JSON); **fill** is the part spent adding points. **Payload** is the reply body uncompressed; **on the wire** the same reply when the request accepts gzip, as browsers do (the library compresses replies of 1 KB and more). **Browser apply** is Chromium swapping one update in (the chart\'s BeforeCallbackResponseProcess → AfterCallbackResponseProcess hooks), **layout** the forced layout right after it, **round trip** the whole `callback()` from script. Medians; point tooltips on (the default) unless stated.');
    out.push('');
    out.push(table(['points', 'decimation', 'server', 'fill', 'payload', 'on the wire (gzip)', 'browser apply', 'layout', 'round trip', 'samples'],
      results.chart.rows.map((r) => {
        const s = r.server || {};
        const b = r.browser || {};
        return [int(r.points), `${r.decimate ? 'on' : 'off'}${r.tooltips ? '' : ', tooltips off'}`,
          s.error ? `failed: ${s.error}` : ms(s.serverMs), ms(s.fillMs), kb(s.bytes), kb(s.gzipBytes),
          b.error ? `failed: ${b.error}` : ms(b.applyMs), ms(b.layoutMs), ms(b.roundTripMs), `${s.samples || 0} / ${b.samples || 0}`];
      })));
    out.push('');
  }

  if (results.soak) {
    const { server: sv, floor: fl, nginx: nx, nginxFloor: nf, browser: br } = results.soak;
    const pollers = [sv, fl, nx, nf].filter(Boolean);
    out.push('### Soak');
    out.push('');
    out.push(`${sv.seconds >= 60 ? `${Math.round(sv.seconds / 60)} minutes` : `${sv.seconds} s`} each, every measurement on its own fresh host; ${results.soak.together ? 'all of them at once: the chart pollers and the floor pollers on the dev host and on nginx + fastcgi-mono-server4, and the browser page' : 'round 1: the chart pollers on the dev host and the browser page side by side; round 2: the floor pollers on the dev host, and the chart pollers and the floor pollers on nginx + fastcgi-mono-server4, side by side'}. A poller sends its request once a second on a fixed schedule and checks every reply (a chart reply must be a callback envelope holding an SVG drawing; a floor reply a city list); a request gets 10 s. Memory: the managed heap after a full collection (\`Gc.ashx\`: \`GC.Collect\`, then \`GC.GetTotalMemory(true)\`) and the process's VmRSS, every 30 s.`);
    out.push('');
    const where = (x) => (x.host === 'nginx' ? 'nginx + fastcgi-mono-server4' : 'dev host');
    out.push(table(['what (50 pollers, 1 request/s each)', 'requests', 'errors', 'p50 / p99 / max', 'managed heap, start → end (peak)', 'RSS start → end'],
      pollers.map((x) => [`${x.target}, ${where(x)}`, `${int(x.sent)} (${x.ratePerSecond.toFixed(1)}/s)`,
        x.errors ? `**${int(x.errors)}** (${Object.entries(x.errorKinds).map(([k, n]) => `${n}× ${k}`).join('; ')})` : '0',
        `${ms(x.latency.p50)} / ${ms(x.latency.p99)} / ${ms(x.latency.max)}`,
        `${mb(x.start.managedBytes)} → ${mb(x.end.managedBytes)} (${mb(Math.max(...x.timeline.map((t) => t.managedBytes)))})`,
        x.start.rssKb ? `${mb(x.start.rssKb * 1024)} → ${mb(x.end.rssKb * 1024)}` : '–'])));
    out.push('');
    out.push('Managed heap after a full collection, MB, every 30 s (and errors / slowest reply per 30 s window where any reply took over a second):');
    out.push('');
    out.push(table(['what', ...sv.timeline.map((t) => `${t.second} s`)], pollers.map((x) => [`${x.target}, ${where(x)}`, ...x.timeline.map((t) => (t.managedBytes / 1e6).toFixed(0))])));
    const troubled = pollers.flatMap((x) => (x.windows || []).filter((w) => w.errors || w.slowestMs > 1000).map((w) => `${x.target}, ${where(x)}, ${w.from}–${w.from + 30} s: ${w.errors} errors, slowest ${ms(w.slowestMs)}`));
    if (troubled.length) {
      out.push('');
      for (const line of troubled) out.push(`- ${line}`);
    }
    out.push('');
    out.push(`Browser: one Chromium page, \`Chart.aspx?frequency=250\` (the chart's own timer, 1,000 points decimated per refresh): ${int(br.refreshes)} refreshes in ${Math.round(br.durationSeconds)} s, ${int(br.errors)} errors, page visibility \`${br.visibility}\`. Read every minute with the chart's timer stopped for the moment (so no drawing is half swapped), after \`HeapProfiler.collectGarbage\` (CDP \`Performance.getMetrics\`):`);
    out.push('');
    out.push(table(['measure', ...br.timeline.map((t) => `${t.second} s`)], [
      ['DOM nodes', ...br.timeline.map((t) => int(t.nodes))],
      ['JS heap used', ...br.timeline.map((t) => mb(t.jsHeapUsedBytes))],
      ['event listeners', ...br.timeline.map((t) => int(t.listeners))],
      ['documents', ...br.timeline.map((t) => int(t.documents))],
    ]));
    out.push('');
  }
  if (results.push) out.push(...pushSection(results.push, results.measured && results.measured.push));
  out.push(END);
  return out.join('\n');
}

/** Why the fan-out uses the counts it does. */
function subscribersNote(settings) {
  if (!settings) return '';
  return `${int(settings.subscribers)} subscribers on the dev host and the floor: the dev host answers 503 past 1,000 open connections (\`DevServer.MaxConnections\`, a constant of the product, left as it is), and the notifier and the memory reader need a connection each. Behind nginx + fastcgi-mono-server4, ${int(settings.nginxSubscribers)} subscribers for the whole time, then ${int(settings.subscribers)} for 30 s at most to show what that many do there (PLATFORM.md measured about 23 long requests served at a time by fastcgi-mono-server4, and \`samples/nginx\`'s 512 \`worker_connections\` a worker hold about 250 streams each, as each stream takes a client and a back-end connection).`;
}

/** The push part (bench/push.js): Notify to pixels against polling, the fan-out against its floor, an idle page. */
function pushSection(push, measuredAt) {
  const out = [];
  const pct = (x) => (x && x.n ? `${ms(x.p50)} / ${ms(x.p95)} / ${ms(x.p99)}` : '–');
  const hostsOf = (o) => ['dev', 'nginx'].filter((h) => o && o[h]);
  const load = push.load ? ` Load average (1 min) ${push.load.start.one} at its start, ${push.load.end ? push.load.end.one : '–'} at its end.` : '';
  out.push('### Push');
  out.push('');
  out.push(`\`bench/push.js\` (issue 26 item 4), measured ${measuredAt ? `${measuredAt.slice(0, 10)} ${measuredAt.slice(11, 16)} UTC` : 'in this run'} on the machine above, Release build, \`bench/BenchSite\` (\`Push.aspx\`, \`Poll.aspx\`, \`PushNotify.ashx\`, which calls \`CallbackPush.Notify\`).${load} Reproduce: \`BENCH_PARTS=push ./build.sh bench\` (about 30 minutes); the issue's 10-minute fan-out: \`BENCH_PUSH_SECONDS=600 BENCH_PARTS=push ./build.sh bench\`.`);
  out.push('');
  const browserHosts = hostsOf(push.browser);
  if (browserHosts.length) {
    const b0 = push.browser[browserHosts[0]];
    out.push(`**Notify to pixels** in Chromium: from just before the page's POST to \`PushNotify.ashx\` to the frame after the chart's new drawing is in the DOM (a \`requestAnimationFrame\` after its AfterCallbackResponseProcess hook), timed in the page; ${int(b0.samples)} samples each after a warm-up, one at a time. The push chart (\`RefreshMode="Push"\`) refreshes on the notification; the polling charts (\`RefreshFrequency\` 1000 and 2000, both on one page, every sample timing both) show the change at their next tick (a tick in between is answered "unchanged"), and each polling sample starts after a random pause of 0 to 2 s, so it falls anywhere between two ticks. The floor of a polling chart is half its period on average (the wait) plus one refresh. Cells: p50 / p95 / p99.`);
    out.push('');
    const rows = [['push', 'push chart (RefreshMode="Push")'], ['poll1000', 'polling chart, RefreshFrequency="1000"'], ['poll2000', 'polling chart, RefreshFrequency="2000"']];
    out.push(table(['variant', ...browserHosts.map((h) => HOST_NAMES[h])], rows.map(([key, label]) => [label,
      ...browserHosts.map((h) => {
        const x = push.browser[h][key];
        return x ? `${pct(x)}${x.timedOut ? ` (**${x.timedOut} timed out**)` : ''}` : '–';
      })])));
    out.push('');
    const notes = browserHosts.map((h) => {
      const x = push.browser[h].push;
      return `${HOST_NAMES[h]}: the POST itself ${ms(x.post.p50)} p50, push ${x.mode === 'stream' ? 'over the stream' : `in mode ${x.mode}`}${x.available ? '' : ' (**unavailable at the end**)'}`;
    });
    out.push(`${notes.join('; ')}.`);
    out.push('');
  }

  const fan = push.fanout || {};
  const fanRows = [['dev', 'dev host'], ['floor', 'floor: `bench/push-floor.js`'], ['nginx', 'nginx + fastcgi-mono-server4, 1 back end'], ['nginxFull', 'nginx + fastcgi-mono-server4, 1 back end']].filter(([k]) => fan[k]);
  if (fanRows.length) {
    const d = fan.dev || fan.floor || fan.nginx;
    out.push(`**Fan-out**: subscribers in one Node process, each a plain \`http.get\` of the page's stream (\`Push.aspx?__ccpush=stream&__cctopic=fanout~token\`, no keep-alive, the SSE lines read by hand; after the stream ends, a new one with \`Last-Event-ID\` after its 2 s retry; after a refusal or failure, waits doubling up to 30 s), then ${d.rate} notifications a second for ${d.seconds} s from the same process (a POST to \`PushNotify.ashx\` on a fixed schedule, its data the send time from \`process.hrtime\`, so sender and receivers share one clock). Latency: from just before the POST to the event read by the subscriber. Expected: every subscriber asked, every notification sent. The host's process (the dev host, or the fastcgi-mono-server4 back end) read every 10 s: threads (\`/proc/PID/status\`), RSS, and its managed heap as it stands (\`Heap.ashx\`: \`GC.GetTotalMemory(false)\`, no collection, so live objects and garbage not yet collected; a full collection every 10 s would stop a thousand streams); first (once subscribed) / last / highest. The floor is the leanest SSE server for the same fan-out (\`bench/push-floor.js\`, 36 lines of Node: keeps the responses, writes each event to all of them), same client, same rates. ${subscribersNote(push.settings)}`);
    out.push('');
    out.push(table(['host', 'subscribers (in at start)', 'delivered / expected', 'latency p50 / p95 / p99', 'slowest', 'notify POSTs failed (p50)', 'threads', 'RSS', 'managed heap', 'CPU of the host per notification'],
      fanRows.map(([k, label]) => {
        const x = fan[k];
        const h = x.host;
        const tri = (v, f) => (v ? `${f(v.first)} / ${f(v.last)} / ${f(v.max)}` : '–');
        const delivered = `${int(x.delivered)} / ${int(x.expected)} (${(x.delivered / x.expected * 100).toFixed(x.delivered === x.expected ? 0 : 2)}%)`;
        return [`${label}${k === 'nginxFull' ? `, ${x.seconds} s` : ''}`, `${int(x.subscribers)} (${int(x.ready)})`,
          x.delivered < x.expected ? `**${delivered}**` : delivered, pct(x.latency), ms(x.latency.max),
          `${x.posts.failed ? `**${int(x.posts.failed)}** of ${int(x.notifications)}` : '0'} (${ms(x.posts.latency.p50)})`,
          tri(h.threads, int), tri(h.rssKb, (v) => mb(v * 1024)), tri(h.managedBytes, mb),
          Number.isFinite(h.cpuMsPerNotification) ? ms(h.cpuMsPerNotification) : '–'];
      })));
    out.push('');
    if (fan.dev && fan.floor) {
      out.push(`The dev host against the floor: p50 ${ms(fan.dev.latency.p50)} against ${ms(fan.floor.latency.p50)} (${ratio(fan.dev.latency.p50 / fan.floor.latency.p50)}), p95 ${ms(fan.dev.latency.p95)} against ${ms(fan.floor.latency.p95)} (${ratio(fan.dev.latency.p95 / fan.floor.latency.p95)}); host CPU per notification ${ms(fan.dev.host.cpuMsPerNotification)} against ${ms(fan.floor.host.cpuMsPerNotification)}, for ${int(fan.dev.subscribers)} writes each. The subscribing client used ${(fan.dev.clientCpuMs / 1000).toFixed(1)} s of CPU against the dev host, ${(fan.floor.clientCpuMs / 1000).toFixed(1)} s against the floor (${d.seconds} s of sending).`);
      out.push('');
    }
    const problems = fanRows.map(([k, label]) => [k, label, fan[k]]).filter(([, , x]) => x.posts.failed || x.delivered < x.expected || x.duplicates || Object.keys(x.statuses).some((c) => c !== '200'));
    for (const [k, label, x] of problems) {
      const statuses = Object.entries(x.statuses).map(([c, n]) => `${int(n)}× ${c}`).join(', ');
      const kinds = Object.entries(x.posts.kinds).map(([kind, n]) => `${n}× ${kind}`).join('; ');
      out.push(`- ${label}${k === 'nginxFull' ? `, ${int(x.subscribers)} subscribers` : ''}: ${int(x.ready)} of ${int(x.subscribers)} streams open after ${x.connectSeconds.toFixed(0)} s (${int(x.readyAtEnd)} at the end); stream replies ${statuses}; ${int(x.connects)} connections made, ${int(x.socketErrors)} failed; ${int(x.subscribersMissing)} subscribers missed some notifications; ${int(x.catchUps)} caught up after a reconnect, ${int(x.resets)} resets, ${int(x.duplicates)} duplicates${kinds ? `; notify POSTs: ${kinds}` : ''}.`);
    }
    if (problems.length) out.push('');
    const windowed = fanRows.filter(([k]) => fan[k].perWindow && fan[k].perWindow.length > 1 && k !== 'nginxFull');
    if (windowed.length) {
      const w0 = fan[windowed[0][0]].perWindow;
      out.push('Latency p50 / p99 by when the notification was sent (10 s windows), to see a drift:');
      out.push('');
      out.push(table(['host', ...w0.map((w) => `${w.from} s`)], windowed.map(([k, label]) => [label, ...fan[k].perWindow.map((w) => (w.delivered ? `${ms(w.p50)} / ${ms(w.p99)}` : '–'))])));
      out.push('');
    }
  }

  const idleHosts = hostsOf(push.idle);
  if (idleHosts.length) {
    const i0 = push.idle[idleHosts[0]];
    out.push(`**An idle push page** (\`Push.aspx\`: the push chart and a plain control, both subscribed, nothing notified) watched for ${i0.seconds} s in Chromium: every request the page sent (Playwright's request events from the navigation on), and the heartbeats its stream received (an \`hb\` listener on the page's EventSource; the server sends one after 15 s without an event).`);
    out.push('');
    out.push(table(['host', 'page load (document, scripts)', 'streams', 'long polls', 'other requests after load', 'heartbeats', 'time between heartbeats'], idleHosts.map((h) => {
      const x = push.idle[h];
      return [HOST_NAMES[h], int(x.pageLoad), int(x.streams), int(x.polls), x.others ? `**${int(x.others)}** (${x.otherUrls.join(', ')})` : '0', int(x.heartbeats),
        x.heartbeatGapsMs.length ? x.heartbeatGapsMs.map((g) => `${(g / 1000).toFixed(2)} s`).join(', ') : '–'];
    })));
    out.push('');
  }
  return out;
}

/** Replaces the benchmark section of docs/RESULTS.md (or appends it), leaving the rest of the file alone. */
function write(results) {
  const text = fs.readFileSync(RESULTS_MD, 'utf8');
  const body = section(results);
  const begin = text.indexOf(BEGIN.slice(0, 16));
  const end = text.indexOf(END);
  const next = begin >= 0 && end > begin ? text.slice(0, begin) + body + text.slice(end + END.length) : `${text.replace(/\s*$/, '')}\n\n${body}\n`;
  fs.writeFileSync(RESULTS_MD, next);
}

module.exports = { write, section, runs, targets };

if (require.main === module) {
  const file = process.argv[2] || path.join(OUT, 'results.json');
  write(JSON.parse(fs.readFileSync(file, 'utf8')));
  console.log(`docs/RESULTS.md: benchmark section written from ${file}`);
}
