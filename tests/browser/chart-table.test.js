'use strict';
// A live chart's data table (issue 27 item 4), on tests/TestSite/Scale/LiveTable.aspx in Chromium: updated
// in place at each refresh, so focus and a screen reader's place in it survive; capped at its latest rows
// with a footer for the rest; headed by the axis titles; the chart's description says the data.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useDevHostSite } = require('./harness');

const site = useDevHostSite('tests/TestSite');
const page = site.page;

async function open(p) {
  await p.goto(site.host().url + 'Scale/LiveTable.aspx');
  await p.waitForFunction(() => window.Chart1 && document.querySelector('#Chart1 table.cc-chart-table'));
}

const tableState = (p) => p.evaluate(() => {
  const table = document.querySelector('#Chart1 table.cc-chart-table');
  return {
    heads: [...table.tHead.rows[0].cells].map((c) => c.textContent),
    rows: table.tBodies[0].rows.length,
    last: table.tBodies[0].rows[table.tBodies[0].rows.length - 1].cells[2].textContent,
    foot: table.tFoot ? [...table.tFoot.rows].map((r) => [...r.cells].map((c) => c.textContent).join(' | ')) : [],
  };
});

test('a refresh updates the data table in place: the same table and rows, focus kept, the newest row added and the oldest listed one gone', page('chart-table-in-place', async (p) => {
  await open(p);
  assert.deepEqual(await tableState(p), {
    heads: ['Series', 'Time', 'Load'],
    rows: 100,
    last: '120',
    foot: ['Load | 20 earlier values not listed | lowest 1, highest 20'],
  });
  // A reader sits on the second newest row; keyboard focus is on one of its cells.
  await p.evaluate(() => {
    const table = document.querySelector('#Chart1 table.cc-chart-table');
    window.keptTable = table;
    window.keptRow = table.tBodies[0].rows[98];
    const cell = window.keptRow.cells[2];
    cell.tabIndex = -1;
    cell.focus();
  });
  assert.equal(await p.evaluate(() => window.keptRow.cells[2].textContent), '119');
  await p.evaluate(() => window.Chart1.callback(''));
  await p.waitForFunction(() => document.querySelector('#Chart1 table.cc-chart-table').tBodies[0].rows[99].cells[2].textContent === '121');
  const after = await tableState(p);
  assert.equal(after.rows, 100);
  assert.deepEqual(after.foot, ['Load | 21 earlier values not listed | lowest 1, highest 21']);
  assert.deepEqual(await p.evaluate(() => ({
    sameTable: document.querySelector('#Chart1 table.cc-chart-table') === window.keptTable,
    rowKept: window.keptRow.isConnected,
    rowText: window.keptRow.cells[2].textContent,
    focus: document.activeElement === window.keptRow.cells[2],
  })), { sameTable: true, rowKept: true, rowText: '119', focus: true });
  // The drawing around it is the new one: its description names the new reading.
  assert.match(await p.$eval('#Chart1 svg desc', (d) => d.textContent), /latest 121/);
  assert.deepEqual(p.pageErrors, []);
}));

test('the chart\'s description states each series\' latest value, lowest and highest', page('chart-description-data', async (p) => {
  await open(p);
  // The SVG is described by its <desc> (aria-describedby names it).
  const description = () => p.$eval('#Chart1 svg', (svg) => document.getElementById(svg.getAttribute('aria-describedby')).textContent);
  assert.match(await description(), /Load: latest 120 at .*, lowest 1, highest 120\./);
  await p.evaluate(() => window.Chart1.callback(''));
  await p.waitForFunction(() => /latest 121/.test(document.querySelector('#Chart1 svg desc').textContent));
  assert.match(await description(), /Load: latest 121 at .*, lowest 1, highest 121\./);
}));
