'use strict';
// A large chart reply travels compressed: tests/TestSite/ChartPerf.aspx on the dev host, in Chromium
// (which accepts gzip). The library gzips the reply itself, so the chart draws the same from a reply a
// seventh of its size; nginx.test.js checks the same behind nginx.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useDevHostSite } = require('./harness');

const site = useDevHostSite('tests/TestSite');

/**
 * Refreshes ChartPerf's chart with the given argument and returns what travelled: the reply's
 * Content-Encoding, its body size on the wire and decoded, and the chart's title afterwards.
 */
async function refreshAndMeasure(p, base, argument) {
  await p.goto(base + 'ChartPerf.aspx');
  await p.waitForFunction(() => window.Chart1 && typeof window.Chart1.callback === 'function');
  await p.evaluate(() => { window.__firstSvg = document.querySelector('#Chart1 svg'); });
  const replied = p.waitForResponse((r) => r.request().method() === 'POST' && /ChartPerf\.aspx/.test(r.url()));
  await p.evaluate((arg) => window.Chart1.callback(arg), argument);
  const response = await replied;
  const sizes = await response.request().sizes();
  const decoded = (await response.body()).length;
  return { encoding: response.headers()['content-encoding'], wireBytes: sizes.responseBodySize, decoded };
}

/** The reply was applied: a new drawing with the series' line replaced the first paint, and no error shows. */
async function assertDrawn(p) {
  await p.waitForFunction(() => {
    const svg = document.querySelector('#Chart1 svg');
    return svg && svg !== window.__firstSvg && svg.querySelector('g.cc-chart-series path, g.cc-chart-series polyline');
  });
  assert.equal(await p.locator('#Chart1 [role=alert]:not(:empty)').count(), 0, 'no error shown');
  assert.deepEqual(p.pageErrors, []);
}

test('a 1,000,000-point refresh with tooltips travels gzipped in at most 15 KB and draws', site.page('chart-gzip', async (p) => {
  const measured = await refreshAndMeasure(p, site.host().url, 'points=1000000;decimate=1;tips=1');
  assert.equal(measured.encoding, 'gzip');
  assert.ok(measured.wireBytes <= 15 * 1024, `${measured.wireBytes} bytes on the wire`);
  assert.ok(measured.decoded > 4 * measured.wireBytes, `decoded ${measured.decoded} bytes from ${measured.wireBytes}`);
  await assertDrawn(p);
}));
