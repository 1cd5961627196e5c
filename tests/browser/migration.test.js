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
