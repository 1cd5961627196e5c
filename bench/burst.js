'use strict';
// The burst benchmark (issue 25 item 3): a parent list changed 100 times, one change every 10 ms, by
// script (as a mouse wheel or a probe changes it, with no keyboard quiet period), on a page with
// session state on whose child handler takes 0 to 120 ms (bench/BenchSite/Burst.aspx), and on the same
// page with the child filled by a page method, which takes no session (BurstMethod.aspx). For each
// burst: how long after the last change the child list shows the last choice's cities, and how many
// calls the child sent. Every burst runs on a freshly loaded page, and the last choice is one the burst
// has not chosen before, so its answer never comes from the cache.
// bench.js runs it as the "burst" part; results.burst.
const { percentile, mean, log } = require('./common.js');

const VARIANTS = [
  { id: 'session', page: 'Burst.aspx', label: 'by callback, session state on (exclusive lock)' },
  { id: 'method', page: 'BurstMethod.aspx', label: 'by page method (no session)' },
];

/** One burst in the page: `changes` changes 10 ms apart through the countries; resolves with its timings. */
function burstInPage(changes) {
  return new Promise((resolve, reject) => {
    const country = document.getElementById('Country');
    const city = window.City;
    const all = Array.from(country.options).map((o) => o.value).filter(Boolean);
    if (all.length < 3) { reject(new Error('the page lists too few countries')); return; }
    // The others in turn, then one chosen only at the end, so its list cannot come from the cache.
    const last = all[all.length - 1];
    const codes = Array.from({ length: changes - 1 }, (_, i) => all[i % (all.length - 1)]).concat([last]);
    let lastChange = 0;
    const fill = city.fill;
    city.fill = function (items) {
      fill.apply(this, arguments);
      if (country.value === last && lastChange) {
        resolve({ settleMs: performance.now() - lastChange, items: items.length });
      }
    };
    let i = 0;
    const timer = setInterval(() => {
      country.value = codes[i];
      country.dispatchEvent(new Event('change', { bubbles: true }));
      i += 1;
      if (i === codes.length) {
        lastChange = performance.now();
        clearInterval(timer);
      }
    }, 10);
  });
}

async function run({ base, context, quick }) {
  const bursts = quick ? 3 : 12;
  const changes = 100;
  const runs = [];
  for (const variant of VARIANTS) {
    const settle = [];
    const calls = [];
    for (let b = 0; b < bursts; b++) {
      const p = await context.newPage();
      try {
        let sent = 0;
        p.on('request', (r) => {
          if (r.method() !== 'POST') return;
          const target = r.headers()['x-callbackcontrols-target'] || new URLSearchParams(r.postData() || '').get('__CALLBACKID');
          if (target === 'City') sent += 1;
        });
        await p.goto(base + variant.page);
        await p.waitForFunction(() => window.City && window.City.list && document.querySelectorAll('#Country option').length > 10);
        const timing = await p.evaluate(burstInPage, changes);
        settle.push(timing.settleMs);
        calls.push(sent);
      } finally {
        await p.close();
      }
    }
    const entry = {
      id: variant.id, label: variant.label, bursts, changes,
      settle_p50: percentile(settle, 50), settle_p95: percentile(settle, 95), settle_max: Math.max(...settle), calls_mean: mean(calls),
    };
    log(`burst ${variant.id}: settles ${entry.settle_p50.toFixed(0)} ms p50, ${entry.settle_p95.toFixed(0)} ms p95, ${entry.calls_mean.toFixed(1)} calls per burst of ${changes}`);
    runs.push(entry);
  }
  return { runs };
}

module.exports = { run, VARIANTS };
