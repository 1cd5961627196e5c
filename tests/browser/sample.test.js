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

test('Country → Cities sample: a list box of thousands of cities, several chosen', page('sample-listbox', async (p) => {
  await p.goto(host.url + 'CountryCities.aspx');
  await p.waitForFunction(() => window.Cities && window.Cities.list);
  await p.selectOption('#Country', 'JP');
  await p.waitForFunction(() => document.querySelectorAll('#Cities option').length > 500);
  assert.equal(await p.getAttribute('#Cities', 'multiple'), 'multiple');
  const picks = await p.$$eval('#Cities option', (os) => os.filter((o) => ['Kyoto', 'Osaka'].includes(o.textContent)).map((o) => o.value));
  await p.selectOption('#Cities', picks);
  await Promise.all([p.waitForNavigation(), p.click('#Save')]);
  assert.match(await p.textContent('#Chosen'), /^2 chosen: (Kyoto, Osaka|Osaka, Kyoto)$/);
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
    'LiveMetrics.aspx', 'ChartRanges.aspx', 'ChartHooks.aspx'];
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
  await p.waitForFunction(() => document.querySelectorAll('#Cities option').length > 100);
  const abbevilles = await p.$$eval('#Cities option', (os) => os.map((o) => o.textContent).filter((t) => /^Abbeville\b/.test(t)));
  assert.ok(abbevilles.length >= 4);
  assert.equal(new Set(abbevilles).size, abbevilles.length, abbevilles.join(', '));
}));

test('a "Saved" result is cleared as soon as a choice changes', page('sample-stale-saved', async (p) => {
  await p.goto(host.url + 'CountryCities.aspx');
  await p.selectOption('#Country', 'FR');
  await p.waitForFunction(() => document.querySelectorAll('#Cities option').length > 100);
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
