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
