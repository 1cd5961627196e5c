'use strict';
// RefreshingChart ticks that have nothing new to bring: tests/TestSite/ChartSteady.aspx on the dev host,
// in Chromium. After the first tick brings a drawing with its hash, the next ticks name it, the server
// answers a few bytes, and the SVG on the page stays the very same node; callback(argument) redraws.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useDevHostSite } = require('./harness');

const site = useDevHostSite('tests/TestSite');

/** Records every chart POST reply: its length in bytes and whether it says "unchanged". */
function recordReplies(p) {
  const replies = [];
  p.on('response', async (r) => {
    if (r.request().method() !== 'POST' || !/ChartSteady\.aspx/.test(r.url())) return;
    const body = await r.body();
    const state = JSON.parse(new URLSearchParams(r.request().postData()).get('__CALLBACKPARAM')).state;
    replies.push({ bytes: body.length, unchanged: /"unchanged":true/.test(body.toString()), state });
  });
  return replies;
}

test('an unchanged tick answers under 100 bytes and leaves the SVG node in place; callback(argument) redraws', site.page('chart-unchanged', async (p, t) => {
  const replies = recordReplies(p);
  await p.goto(site.host().url + 'ChartSteady.aspx?frequency=150');
  await p.waitForFunction(() => window.Chart1 && typeof Chart1.start === 'function');

  /** Waits (on the recorded replies, not a fixed time) until at least n replies match. */
  async function until(n, match) {
    const deadline = Date.now() + 10000;
    while (replies.filter(match).length < n) {
      if (Date.now() > deadline) throw new Error('waited in vain; replies: ' + JSON.stringify(replies));
      await p.waitForTimeout(25);
    }
  }
  // The first tick cannot name a drawing (the first paint carries no hash): it brings one; the next name it.
  await until(1, (r) => r.unchanged);
  await p.evaluate(() => { window.__shownSvg = document.querySelector('#Chart1 svg'); });
  const before = replies.length;
  await until(before + 3, () => true);

  const full = replies[0];
  assert.equal(full.unchanged, false, 'the first tick brings a drawing');
  assert.deepEqual(full.state, { timer: true });
  assert.ok(full.bytes > 1000, 'a full drawing is ' + full.bytes + ' bytes');
  const later = replies.slice(before);
  for (const r of later) {
    assert.equal(r.unchanged, true);
    assert.ok(r.bytes < 100, 'an unchanged reply is ' + r.bytes + ' bytes');
    assert.match(r.state.shown, /^[0-9a-f]{16}$/);
  }
  assert.equal(await p.evaluate(() => document.querySelector('#Chart1 svg') === window.__shownSvg), true, 'the same SVG element is on the page');
  t.diagnostic(`full reply ${full.bytes} bytes; unchanged reply ${later[0].bytes} bytes`);

  const data = await p.evaluate(() => Chart1.callback('level:3').then((r) => ({ hasChart: typeof r.chart === 'string', same: document.querySelector('#Chart1 svg') === window.__shownSvg })));
  assert.deepEqual(data, { hasChart: true, same: false });
  assert.deepEqual(p.pageErrors, []);
}));
