'use strict';
// Pages written with the AjaxControlToolkit's habits, in Chromium: tests/TestSite/Migration/CarsXml.aspx has the
// shape of the toolkit's own CascadingDropDown sample (XML data with defaults and tooltips, a level from a
// page method, an AutoPostBack list whose SelectedIndexChanged writes a label inside an UpdatePanel).
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useDevHostSite } = require('./harness');

const site = useDevHostSite('tests/TestSite');
const page = site.page;

/** Counts the page's postbacks (form posts that are not our calls) from here on. */
function countPostbacks(p) {
  const seen = { full: 0, async: 0 };
  p.on('request', (r) => {
    if (r.method() !== 'POST' || r.headers()['x-callbackcontrols-token'] !== undefined) return;
    if (r.headers()['x-microsoftajax']) seen.async += 1;
    else seen.full += 1;
  });
  return seen;
}

test('toolkit sample: three levels with the data\'s defaults and tooltips; a refill never posts back; choosing a color posts back to the label; the prompt again too', page('toolkit-sample', async (p) => {
  await p.goto(site.host().url + 'Migration/CarsXml.aspx');
  await p.waitForFunction(() => window.DropDownList3 && window.DropDownList3.list);
  const postbacks = countPostbacks(p);
  assert.equal(await p.getAttribute('#DropDownList1 option:text-is("BMW")', 'title'), 'Sheer driving pleasure');

  // Make → Model opens on the data's default, and so Color fills and opens on its default, by callback only.
  await p.selectOption('#DropDownList1', 'BMW');
  await p.waitForFunction(() => document.querySelector('#DropDownList3').value === 'blue');
  assert.equal(await p.inputValue('#DropDownList2'), '3 series');
  assert.equal(await p.getAttribute('#DropDownList3 option[value="blue"]', 'title'), 'Bright');
  assert.deepEqual(postbacks, { full: 0, async: 0 }, 'filling the lists posted nothing back');
  assert.equal(await p.textContent('#Label1'), '[No response provided yet]');

  // A person's choice posts back (async, through the UpdatePanel's trigger) and the label answers.
  await p.selectOption('#DropDownList3', 'skyblue');
  await p.waitForFunction(() => /Nice car/.test(document.getElementById('Label1').textContent));
  assert.equal(await p.textContent('#Label1'), 'You have chosen a Sky Blue BMW 3 series. Nice car!');
  assert.equal(postbacks.async, 1);

  // The prompt chosen again: SelectedItem is the prompt, the page's code runs unchanged.
  await p.selectOption('#DropDownList3', '');
  await p.waitForFunction(() => document.getElementById('Label1').textContent === 'Please select a color.');
  assert.equal(await p.inputValue('#DropDownList3'), '');
  assert.deepEqual(p.pageErrors, []);
  assert.deepEqual(p.consoleErrors, []);
}));

/** The readings the chart shows now, from its markers' tooltips ("Load: <date>, <value>"). */
function shownReadings(p) {
  return p.$$eval('#Chart1 .cc-chart-markers circle title', (titles) => titles.map((t) => Number(/, ([\d.]+)$/.exec(t.textContent)[1])));
}

test('Syncfusion sample: each tick appends one reading and the chart keeps the last MaxPoints; a custom argument runs once; the four hooks run', page('syncfusion-chart', async (p) => {
  await p.goto(site.host().url + 'Migration/LiveChart.aspx');
  const first = await shownReadings(p);
  assert.equal(first.length, 1, 'the first paint draws one reading');

  // The chart grows by one reading a tick, then moves on as a window of the last five.
  await p.waitForFunction(() => document.querySelectorAll('#Chart1 .cc-chart-markers circle').length === 5, null, { timeout: 15000 });
  const full = await shownReadings(p);
  assert.deepEqual(full, [...full].sort((a, b) => a - b), 'oldest first');
  assert.equal(full[0], first[0], 'nothing dropped before the window is full');
  await p.waitForFunction((oldest) => {
    const t = document.querySelector('#Chart1 .cc-chart-markers circle title');
    return t && Number(/, ([\d.]+)$/.exec(t.textContent)[1]) > oldest;
  }, full[0], { timeout: 15000 });
  const moved = await shownReadings(p);
  assert.equal(moved.length, 5, 'still the last five');
  assert.ok(moved[4] > full[4], 'newer readings came in');

  // The hooks of one tick, in Syncfusion's order: the call returns (after), then its response is processed.
  const log = await p.evaluate(() => window.ChartLog.slice(-4));
  assert.deepEqual(log, ['before', 'after', 'before-response', 'after-response']);

  // The custom argument reaches the handler once; the next tick is a tick again.
  await p.click('#Custom');
  await p.waitForFunction(() => window.LastData && window.LastData.argument === 'MyCustomArgs');
  assert.equal(await p.textContent('#Chart1 svg title'), 'Custom refresh');
  assert.equal((await p.evaluate(() => window.LastData)).tick, false);
  await p.waitForFunction(() => window.LastData && window.LastData.argument === '' && window.LastData.tick === true, null, { timeout: 15000 });
  assert.equal(await p.textContent('#Chart1 svg title'), 'Load');
  assert.equal((await shownReadings(p)).length, 5);
  assert.deepEqual(p.pageErrors, []);
  assert.deepEqual(p.consoleErrors, []);
}));
