'use strict';
// The sample site as a visitor uses it: the dev host serving samples/CallbackControls.Sample, in Chromium.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useDevHostSite } = require('./harness');

const site = useDevHostSite('samples/CallbackControls.Sample');
const page = site.page;
const host = { get url() { return site.host().url; } };

test('the home page links every sample', page('sample-home', async (p) => {
  await p.goto(host.url);
  const links = await p.$$eval('a', (as) => as.map((a) => a.getAttribute('href')));
  for (const sample of ['CallbackDemo.aspx', 'Cascading.aspx', 'CountryCities.aspx', 'SqlDataSource.aspx']) {
    assert.ok(links.includes(sample), `links ${sample}`);
  }
}));

test('the sample names no framework version and every reply says nosniff', page('sample-headers', async (p) => {
  const reply = await p.goto(host.url + 'Cascading.aspx');
  const headers = reply.headers();
  assert.equal(headers['x-aspnet-version'], undefined);
  assert.equal(headers['x-content-type-options'], 'nosniff');
}));

test('CallbackControl sample: the server counts the letters of the word typed now', page('sample-callback', async (p) => {
  await p.goto(host.url + 'CallbackDemo.aspx');
  await p.fill('#Word', 'Zoë-2026');
  await p.click('#LookUp');
  await p.waitForFunction(() => document.getElementById('Answer').textContent !== '');
  assert.equal(await p.textContent('#Answer'), 'Zoë-2026 has 3 letters');
  await p.fill('#Word', '   ');
  await p.click('#LookUp');
  await p.waitForFunction(() => /Error/.test(document.getElementById('Answer').textContent));
  assert.equal(await p.textContent('#Answer'), 'Error: Type a word first.');
}));

test('CallbackControl sample: Enter in the text box looks the word up instead of posting the page back', page('sample-callback-enter', async (p) => {
  await p.goto(host.url + 'CallbackDemo.aspx');
  let navigations = 0;
  p.on('framenavigated', (frame) => { if (frame === p.mainFrame()) navigations += 1; });
  // Markup-like text too: it reaches the handler as typed (CallbackFieldIDs text travels in the envelope).
  await p.fill('#Word', '<b>bold</b>');
  await p.press('#Word', 'Enter');
  await p.waitForFunction(() => document.getElementById('Answer').textContent !== '');
  assert.equal(await p.textContent('#Answer'), '<b>bold</b> has 6 letters');
  assert.equal(navigations, 0, 'the page was not posted back');
}));

test('Cascading sample: France, then Île-de-France, then Paris, saved by postback', page('sample-cascading', async (p) => {
  await p.goto(host.url + 'Cascading.aspx');
  await p.waitForFunction(() => window.Region && window.Region.list);
  await p.selectOption('#Country', 'FR');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length > 10);
  const regions = await p.$$eval('#Region option', (os) => os.map((o) => o.textContent));
  assert.ok(regions.includes('Île-de-France'));
  await p.selectOption('#Region', 'FR-IDF');
  await p.waitForFunction(() => document.querySelectorAll('#City option').length > 100);
  const paris = await p.$$eval('#City option', (os) => os.find((o) => o.textContent === 'Paris').value);
  await p.selectOption('#City', paris);
  await Promise.all([p.waitForNavigation(), p.click('#Save')]);
  assert.equal(await p.textContent('#Chosen'), 'Saved: France / Île-de-France / Paris');
  assert.equal(await p.inputValue('#City'), paris);
}));

test('Country → Cities sample: several cities found by typing, each staying chosen while the next is searched', page('sample-listbox', async (p) => {
  await p.goto(host.url + 'CountryCities.aspx');
  await p.waitForFunction(() => window.Cities && window.Cities.list);
  await p.selectOption('#Country', 'JP');
  await p.waitForFunction(() => document.querySelectorAll('#Cities option').length === 100);
  assert.equal(await p.getAttribute('#Cities', 'multiple'), 'multiple');
  const pick = async (typed, name) => {
    await p.fill('#Cities_Filter', typed);
    await p.waitForFunction((n) => [...document.querySelectorAll('#Cities option')].some((o) => o.textContent === n && !o.selected), name);
    const value = await p.$$eval('#Cities option', (os, n) => os.find((o) => o.textContent === n).value, name);
    await p.$eval('#Cities', (s, v) => { [...s.options].find((o) => o.value === v).selected = true; s.dispatchEvent(new Event('change', { bubbles: true })); }, value);
  };
  await pick('kyoto', 'Kyoto');
  await pick('osaka', 'Osaka');
  assert.deepEqual(await p.$$eval('#Cities option:checked', (os) => os.map((o) => o.textContent).sort()), ['Kyoto', 'Osaka']);
  await Promise.all([p.waitForNavigation(), p.click('#Save')]);
  assert.match(await p.textContent('#Chosen'), /^2 chosen: (Kyoto, Osaka|Osaka, Kyoto)$/);
}));

test('Country → Cities sample finds Springfield, Illinois among 19,821 cities in a few keystrokes', page('sample-find-springfield', async (p) => {
  await p.goto(host.url + 'CountryCities.aspx');
  await p.waitForFunction(() => window.Cities && window.Cities.list);
  await p.selectOption('#Country', 'US');
  await p.waitForFunction(() => document.querySelectorAll('#Cities option').length === 100);
  assert.match(await p.textContent('#Cities_Container .cc-status'), /^Cities: 100 of 19821 matches shown/);
  await p.focus('#Cities_Filter');
  await p.keyboard.type('springfield (il');
  await p.waitForFunction(() => document.querySelectorAll('#Cities option').length === 1);
  assert.deepEqual(await p.$$eval('#Cities option', (os) => os.map((o) => o.textContent)), ['Springfield (Illinois)']);
  assert.equal(await p.textContent('#Cities_Container .cc-status'), 'Cities: 1 match');
}));

test('SqlDataSource sample: a ControlParameter on the parent fills the regions', page('sample-sqldatasource', async (p) => {
  await p.goto(host.url + 'SqlDataSource.aspx');
  await p.waitForFunction(() => window.Region && window.Region.list);
  await p.selectOption('#Country', 'JP');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length > 40);
  const regions = await p.$$eval('#Region option', (os) => os.map((o) => o.textContent));
  assert.ok(regions.includes('Tokyo'), 'Tokyo is a region of Japan');
}));

test('every sample page, open for 10 s: no console error, no failed request, nothing missing (favicon included)', page('sample-quiet', async (p) => {
  const pages = ['', 'CallbackDemo.aspx', 'Cascading.aspx', 'CountryCities.aspx', 'SqlDataSource.aspx', 'UpdatePanel.aspx',
    'LiveMetrics.aspx', 'PushDashboard.aspx', 'ChartRanges.aspx', 'ChartHooks.aspx'];
  const context = p.context();
  const problems = [];
  const opened = await Promise.all(pages.map(async (path) => {
    const tab = path === '' ? p : await context.newPage();
    tab.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${path || 'home'}: console ${m.type()}: ${m.text()}`); });
    tab.on('pageerror', (e) => problems.push(`${path || 'home'}: ${e}`));
    tab.on('requestfailed', (r) => problems.push(`${path || 'home'}: failed ${r.url()} (${r.failure() && r.failure().errorText})`));
    tab.on('response', (r) => { if (r.status() >= 400) problems.push(`${path || 'home'}: ${r.status()} ${r.url()}`); });
    await tab.goto(host.url + path);
    return tab;
  }));
  // Timers tick (charts every 2 to 3 s, the UpdatePanel's Timer every 5 s) while every page stays open.
  await new Promise((resolve) => setTimeout(resolve, 10000));
  await Promise.all(opened.filter((tab) => tab !== p).map((tab) => tab.close()));
  assert.deepEqual(problems, []);
}));

test('PushDashboard: an order placed in one tab moves the charts of another at once, with no timer, and says what came', page('sample-push', async (p) => {
  const other = await p.context().newPage();
  for (const tab of [p, other]) {
    await tab.goto(host.url + 'PushDashboard.aspx');
    await tab.waitForFunction(() => window.CallbackControls.push && window.CallbackControls.push.source && window.CallbackControls.push.source.readyState === 1);
  }
  const bars = (tab) => tab.$eval('#ByRegion svg desc', (d) => d.textContent);
  const before = await bars(other);
  const calls = [];
  other.on('request', (r) => { if (r.method() === 'POST') calls.push(r.url()); });
  await p.click('#PlaceTen');
  await other.waitForFunction(() => /^10 orders, the last from /.test(document.getElementById('Latest').textContent));
  await other.waitForFunction((was) => document.querySelector('#ByRegion svg desc').textContent !== was, before);
  // Each chart refreshed once, by callback, on the notification (the other tab placed nothing).
  await other.waitForFunction(() => !window.PerMinute.isRefreshing && !window.ByRegion.isRefreshing);
  assert.equal(calls.length, 2);
  assert.match(await p.textContent('#Latest'), /^10 orders/);
  await other.close();
}));

test('each sample shows what to notice, the properties it sets and its own markup and code, read from its files', page('sample-info', async (p) => {
  await p.goto(host.url + 'Cascading.aspx');
  const info = await p.$eval('.sample-info', (aside) => ({
    notice: aside.querySelector('.notice').textContent,
    rows: [...aside.querySelectorAll('table.properties tbody tr')].map((tr) => [...tr.cells].map((c) => c.textContent).join('|')),
    sources: [...aside.querySelectorAll('details summary')].map((s) => s.textContent),
    markup: aside.querySelector('details pre').textContent,
  }));
  assert.match(info.notice, /fills the next by callback/);
  assert.ok(info.rows.includes('Region|ParentControlID|Country'), info.rows.join('; '));
  assert.ok(info.rows.includes('City|LoadingText|Loading cities...'));
  assert.deepEqual(info.sources, ['Markup: Cascading.aspx', 'Code-behind: Cascading.aspx.cs']);
  assert.match(info.markup, /<cc:CascadingDropDown ID="Region"/);
}));

test('CountryCities tells cities of the same name apart by their region', page('sample-same-names', async (p) => {
  await p.goto(host.url + 'CountryCities.aspx');
  await p.selectOption('#Country', 'US');
  await p.waitForFunction(() => document.querySelectorAll('#Cities option').length === 100);
  await p.fill('#Cities_Filter', 'abbeville');
  await p.waitForFunction(() => document.querySelectorAll('#Cities option').length >= 4 && document.querySelectorAll('#Cities option').length < 100);
  const abbevilles = await p.$$eval('#Cities option', (os) => os.map((o) => o.textContent).filter((t) => /^Abbeville\b/.test(t)));
  assert.ok(abbevilles.length >= 4);
  assert.equal(new Set(abbevilles).size, abbevilles.length, abbevilles.join(', '));
}));

test('a "Saved" result is cleared as soon as a choice changes', page('sample-stale-saved', async (p) => {
  await p.goto(host.url + 'CountryCities.aspx');
  await p.selectOption('#Country', 'FR');
  await p.waitForFunction(() => document.querySelectorAll('#Cities option').length === 100);
  await p.selectOption('#Cities', [await p.$eval('#Cities option:nth-child(3)', (o) => o.value)]);
  await Promise.all([p.waitForNavigation(), p.click('#Save')]);
  assert.match(await p.textContent('#Chosen'), /1 chosen/);
  await p.selectOption('#Country', 'DE');
  assert.equal(await p.textContent('#Chosen'), '');
}));

test('LiveMetrics: every refreshing chart has its own pause toggle, a 24 px target that pauses only its chart', page('sample-pause', async (p) => {
  await p.goto(host.url + 'LiveMetrics.aspx');
  await p.waitForFunction(() => window.Cpu && window.Memory && window.Requests);
  const buttons = p.locator('button.cc-chart-pause');
  assert.equal(await buttons.count(), 3);
  for (let i = 0; i < 3; i++) {
    const box = await buttons.nth(i).boundingBox();
    assert.ok(box.width >= 24 && box.height >= 24, `a 24 px target: ${box.width} x ${box.height}`);
    assert.equal(await buttons.nth(i).getAttribute('aria-pressed'), 'false');
  }
  await p.click('#Memory > button.cc-chart-pause');
  assert.deepEqual(await p.evaluate(() => [Cpu.isRunning, Memory.isRunning, Requests.isRunning]), [true, false, true]);
  assert.equal(await p.getAttribute('#Memory > button.cc-chart-pause', 'aria-pressed'), 'true');
}));

test('LiveMetrics: each chart is a tab stop after its pause toggle; the keys read the Requests columns and outline the one reached', page('sample-keys', async (p) => {
  await p.goto(host.url + 'LiveMetrics.aspx');
  await p.waitForFunction(() => window.Cpu && window.Memory && window.Requests && document.querySelectorAll('.cc-chart-keys').length === 3);
  // The first paint of a fresh server may have no rate yet: a refresh (every 2 s) brings columns.
  await p.waitForFunction(() => document.querySelectorAll('#Requests .cc-chart-series > rect').length >= 2, null, { timeout: 15000 });
  // Paused, so that no refresh moves the last column while the test compares it with the ring.
  await p.evaluate(() => Requests.pause());
  await p.focus('#Requests > button.cc-chart-pause');
  await p.keyboard.press('Tab');
  assert.equal(await p.evaluate(() => document.activeElement === document.querySelector('#Requests .cc-chart-keys')), true);
  await p.keyboard.press('End');
  const read = await p.textContent('#Requests .cc-chart-live');
  assert.match(read, /^Requests\/s, \d\d:\d\d:\d\d, \d+(\.\d+)?$/);
  // The ring around a column is an outline (a rect) drawn over the last column, whose tooltip is what was read.
  const ring = await p.evaluate(() => {
    const outline = document.querySelector('#Requests .cc-chart-focus .cc-chart-focus-ring');
    const columns = [...document.querySelectorAll('#Requests .cc-chart-series > rect')];
    const last = columns[columns.length - 1].getBBox();
    const box = outline.getBBox();
    return { shape: outline.localName, around: box.x < last.x && box.x + box.width > last.x + last.width, title: columns[columns.length - 1].querySelector('title').textContent };
  });
  assert.deepEqual(ring, { shape: 'rect', around: true, title: read.replace(/^Requests\/s, /, 'Requests/s: ') });
}));
