'use strict';
// Type to find (issue 25): a level of 20,000 cities found by typing, on tests/TestSite/Scale/FindCity.aspx
// (session state on), by callback and by page method, in Chromium, with the keyboard only.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useDevHostSite } = require('./harness');

const site = useDevHostSite('tests/TestSite');
const page = site.page;

async function open(p) {
  await p.goto(site.host().url + 'Scale/FindCity.aspx');
  await p.waitForFunction(() => window.City && window.City.list && window.MethodCity && window.MethodCity.list);
}

const optionTexts = (p, id) => p.$$eval(`#${id} option`, (os) => os.map((o) => o.textContent));
const status = (p, id) => p.$eval(`#${id}_Container .cc-status`, (s) => s.textContent);
const callsTo = (p) => {
  const calls = [];
  p.on('request', (r) => { if (r.method() === 'POST' && /__CALLBACKPARAM|callback/i.test(r.postData() || '')) calls.push(r.postData()); });
  return calls;
};

test('a 20,000-city level shows its first page, and typing finds Springfield, Illinois by the keyboard alone', page('find-keyboard', async (p) => {
  await open(p);
  const calls = callsTo(p);
  assert.equal(await p.isDisabled('#City_Filter'), true, 'the find box waits for the parent');
  await p.focus('#Country');
  await p.selectOption('#Country', 'US');
  await p.waitForFunction(() => document.querySelectorAll('#City option').length === 101);
  assert.match(await status(p, 'City'), /^City: 100 of 20000 matches shown; type more to narrow them$/);
  assert.equal(await p.isDisabled('#City_Filter'), false);
  // Keyboard only: Tab to the find box, type, the list shows the matches and says how many.
  await p.keyboard.press('Tab');
  assert.equal(await p.evaluate(() => document.activeElement.id), 'City_Filter');
  const before = calls.length;
  await p.keyboard.type('springfield, il', { delay: 20 });
  await p.waitForFunction(() => document.querySelectorAll('#City option').length === 2);
  assert.deepEqual(await optionTexts(p, 'City'), ['Choose a city', 'Springfield, Illinois']);
  assert.equal(await status(p, 'City'), 'City: 1 match');
  assert.ok(calls.length - before <= 3, `${calls.length - before} calls for 15 keys typed 20 ms apart`);
  // Down moves to the list, Down again chooses the match; Enter in the box never submitted the form.
  await p.keyboard.press('ArrowDown');
  assert.equal(await p.evaluate(() => document.activeElement.id), 'City');
  await p.keyboard.press('ArrowDown');
  assert.equal(await p.$eval('#City', (s) => s.value), 'Springfield, Illinois');
  // Escape in the box clears the text; the choice stays, listed first.
  await p.focus('#City_Filter');
  await p.keyboard.press('Enter');
  assert.equal(await p.evaluate(() => document.readyState && location.pathname.endsWith('FindCity.aspx') && !document.getElementById('Chosen').textContent), true, 'Enter did not post the page');
  await p.keyboard.press('Escape');
  assert.equal(await p.$eval('#City_Filter', (b) => b.value), '');
  await p.waitForFunction(() => document.querySelectorAll('#City option').length === 101);
  assert.equal(await p.$eval('#City', (s) => s.value), 'Springfield, Illinois', 'clearing the text keeps the choice');
  assert.equal(await status(p, 'City'), 'City: 100 of 20000 matches shown; type more to narrow them');
  // The choice posts and is accepted: the value is one the server offers for the posted parent.
  await Promise.all([p.waitForNavigation(), p.click('#Save')]);
  assert.match(await p.textContent('#Chosen'), /^Saved: Springfield, Illinois \/ $/);
  assert.deepEqual(p.pageErrors, []);
  assert.deepEqual(p.consoleErrors, []);
}));

test('a postback renders the chosen city and one page of the level, not 20,000 options', page('find-postback-size', async (p) => {
  await open(p);
  await p.selectOption('#Country', 'US');
  await p.waitForFunction(() => document.querySelectorAll('#City option').length === 101);
  await p.fill('#City_Filter', 'Town 1997');
  await p.waitForFunction(() => document.querySelectorAll('#City option').length === 10);
  await p.selectOption('#City', 'Town 19975');
  const [response] = await Promise.all([p.waitForNavigation(), p.click('#Save')]);
  const html = await response.text();
  assert.ok(html.length < 100 * 1024, `${html.length} bytes`);
  assert.match(await p.textContent('#Chosen'), /^Saved: Town 19975 \/ $/);
  // The typed text came back with the page, and so did its matches.
  assert.equal(await p.$eval('#City_Filter', (b) => b.value), 'Town 1997');
  assert.equal(await p.$eval('#City', (s) => s.value), 'Town 19975');
  assert.equal(await p.$$eval('#City option', (os) => os.length), 10);
}));

test('text that ASP.NET request validation refuses ("<script") can be typed, searched and posted back', page('find-hostile-text', async (p) => {
  await open(p);
  await p.selectOption('#Country', 'US');
  await p.waitForFunction(() => document.querySelectorAll('#City option').length === 101);
  await p.fill('#City_Filter', '<script>&#');
  await p.waitForFunction(() => document.querySelector('#City_Container .cc-status').textContent === 'City: No matches');
  // The lists below this one post its fields with their calls; the page posts them at Save.
  await Promise.all([p.waitForNavigation(), p.click('#Save')]);
  assert.equal(await p.textContent('#Chosen'), 'Saved:  / ');
  assert.equal(await p.$eval('#City_Filter', (b) => b.value), '<script>&#', 'the text comes back as typed, as text');
  assert.equal(await p.$$eval('#City option', (os) => os.length), 1, 'and finds nothing again');
  assert.deepEqual(p.pageErrors, []);
}));

test('a level above changed by the page\'s code on a postback drops the text typed for the old parent', page('find-server-parent-change', async (p) => {
  await open(p);
  await p.selectOption('#Country', 'US');
  await p.waitForFunction(() => document.querySelectorAll('#City option').length === 101);
  await p.fill('#City_Filter', 'Town 1997');
  await p.waitForFunction(() => document.querySelectorAll('#City option').length === 10);
  await Promise.all([p.waitForNavigation(), p.click('#ToFrance')]);
  assert.equal(await p.$eval('#Country', (s) => s.value), 'FR');
  assert.equal(await p.$eval('#City_Filter', (b) => b.value), '', 'the text was typed for the United States');
  assert.deepEqual(await optionTexts(p, 'City'), ['Choose a city', 'Paris', 'Lyon']);
  // A postback under the same parent keeps what was typed.
  await p.fill('#City_Filter', 'ly');
  await p.waitForFunction(() => document.querySelectorAll('#City option').length === 2);
  await Promise.all([p.waitForNavigation(), p.click('#Save')]);
  assert.equal(await p.$eval('#City_Filter', (b) => b.value), 'ly');
  assert.deepEqual(await optionTexts(p, 'City'), ['Choose a city', 'Lyon']);
}));

test('a forged city is refused at the postback, as without the filter', page('find-forged', async (p) => {
  await open(p);
  await p.selectOption('#Country', 'FR');
  await p.waitForFunction(() => document.querySelectorAll('#City option').length === 3);
  await p.evaluate(() => {
    const o = document.createElement('option');
    o.value = 'Town 00001';
    o.textContent = 'forged';
    document.getElementById('City').appendChild(o);
    document.getElementById('City').value = 'Town 00001';
  });
  await Promise.all([p.waitForNavigation(), p.click('#Save')]);
  assert.equal(await p.textContent('#Chosen'), 'Please choose again.');
  assert.equal(await p.getAttribute('#City', 'aria-invalid'), 'true');
}));

test('a page method filters on the server, and scrolling the list box loads the next page', page('find-method-scroll', async (p) => {
  await open(p);
  await p.selectOption('#MethodCountry', 'US');
  await p.waitForFunction(() => document.querySelectorAll('#MethodCity option').length === 101);
  await p.fill('#MethodCity_Filter', 'town 1');
  await p.waitForFunction(() => document.querySelectorAll('#MethodCity option').length === 101 && document.querySelectorAll('#MethodCity option')[1].textContent === 'Town 10000');
  assert.equal(await status(p, 'MethodCity'), 'City (page method): 100 of 9979 matches shown; type more to narrow them');
  await p.$eval('#MethodCity', (s) => { s.scrollTop = s.scrollHeight; });
  await p.waitForFunction(() => document.querySelectorAll('#MethodCity option').length === 201);
  assert.equal(await p.$eval('#MethodCity', (s) => s.options[101].textContent), 'Town 10100');
  assert.equal(await status(p, 'MethodCity'), 'City (page method): 200 of 9979 matches shown; type more to narrow them');
  await p.fill('#MethodCity_Filter', 'springfield');
  await p.waitForFunction(() => document.querySelectorAll('#MethodCity option').length === 22);
  assert.equal(await status(p, 'MethodCity'), 'City (page method): 21 matches');
  await p.fill('#MethodCity_Filter', 'nowhere');
  await p.waitForFunction(() => document.querySelectorAll('#MethodCity option').length === 1);
  assert.equal(await status(p, 'MethodCity'), 'City (page method): No matches');
  assert.deepEqual(p.pageErrors, []);
  assert.deepEqual(p.consoleErrors, []);
}));
