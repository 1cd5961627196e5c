'use strict';
// The controls speak the page's language: tests/TestSite/Localized.aspx sets the UI culture to
// French (German with ?lang=de); every text the controls show comes from the library's resources.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useDevHostSite } = require('./harness');

const { host, page } = useDevHostSite('tests/TestSite');

async function open(p, query = '') {
  await p.goto(host().url + 'Localized.aspx' + query);
  await p.waitForFunction(() => window.Region && window.Echo);
}

const status = (p, id) => p.$eval(`#${id}_Container .cc-status, #${id} .cc-status`, (s) => s.textContent);

test('a French page: loading, a filled chain and the runtime\'s failures read in French', page('l10n-fr', async (p) => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await p.route('**/Localized.aspx*', async (route) => {
    if (route.request().method() === 'POST' && route.request().headers()['x-callbackcontrols-token']) await held;
    await route.continue();
  });
  await open(p);
  await p.selectOption('#Country', 'fr');
  await p.waitForFunction(() => document.querySelector('#Region option').textContent === 'Chargement...');
  assert.equal(await status(p, 'Region'), 'Chargement...');
  release();
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 3);
  assert.deepEqual(await p.$$eval('#Region option', (o) => o.map((x) => x.textContent)), ['Choisissez une région', 'Bretagne', 'Provence']);
  assert.equal(await status(p, 'Region'), 'Région: 2 éléments');

  await p.unroute('**/Localized.aspx*');
  await p.route('**/Localized.aspx*', (route) => (route.request().method() === 'POST' ? route.abort('connectionrefused') : route.continue()));
  const network = await p.evaluate(() => Echo.callback('x').then(() => null, (e) => e.kind));
  assert.equal(network, 'network');
  assert.equal(await status(p, 'Echo'), 'Le serveur est injoignable.');

  await p.unroute('**/Localized.aspx*');
  await p.route('**/Localized.aspx*', (route) => (route.request().method() === 'POST' ? route.fulfill({ status: 503, body: 'maintenance' }) : route.continue()));
  await p.evaluate(() => Echo.callback('x').catch(() => {}));
  assert.equal(await status(p, 'Echo'), 'Le serveur a répondu avec le code HTTP 503.');
}));

test('a French page: the server\'s own texts (no-script button, a refused choice) are French too', page('l10n-fr-server', async (p) => {
  await open(p);
  assert.match(await p.$eval('#Region_Container noscript', (n) => n.textContent), /value="Mettre à jour"/);
  // A region of another country, posted by hand: refused, in French.
  await p.selectOption('#Country', 'de');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 2);
  await p.evaluate(() => { const o = document.createElement('option'); o.value = 'bre'; o.textContent = 'Bretagne'; document.getElementById('Region').appendChild(o); document.getElementById('Region').value = 'bre'; });
  await Promise.all([p.waitForNavigation(), p.click('#Submit')]);
  assert.equal(await status(p, 'Region'), 'L\'élément choisi n\'est pas disponible pour ce choix. Veuillez choisir à nouveau.');
}));

test('a German page reads in German', page('l10n-de', async (p) => {
  await open(p, '?lang=de');
  await p.route('**/Localized.aspx*', (route) => (route.request().method() === 'POST' ? route.abort('connectionrefused') : route.continue()));
  await p.evaluate(() => Echo.callback('x').catch(() => {}));
  assert.equal(await status(p, 'Echo'), 'Der Server ist nicht erreichbar.');
}));

test('an English page sends no texts: the runtime\'s own messages serve', page('l10n-en', async (p) => {
  const html = await (await p.request.get(host().url + 'Echo.aspx')).text();
  assert.doesNotMatch(html, /&quot;texts&quot;/);
}));
