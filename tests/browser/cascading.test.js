'use strict';
// CascadingDropDown in a real browser: tests/TestSite/Cascading.aspx on the dev host, in Chromium.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useDevHostSite } = require('./harness');

const site = useDevHostSite('tests/TestSite');
const page = site.page;
const host = { get url() { return site.host().url; } };

async function open(p) {
  await p.goto(host.url + 'Cascading.aspx');
  await p.waitForFunction(() => window.Region && window.City && window.Region.list);
}

const optionTexts = (p, id) => p.$$eval(`#${id} option`, (os) => os.map((o) => o.textContent));
const countPosts = (p) => {
  const counter = { posts: 0 };
  p.on('request', (r) => { if (r.method() === 'POST') counter.posts += 1; });
  return counter;
};

test('choosing a country fills its regions by callback with no navigation, then regions fill cities', page('cascade', async (p) => {
  await open(p);
  let navigations = 0;
  p.on('framenavigated', () => { navigations += 1; });
  assert.equal(await p.isDisabled('#Region'), true, 'a child waits for its parent');
  await p.selectOption('#Country', 'fr');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 3);
  assert.deepEqual(await optionTexts(p, 'Region'), ['Choose a region', 'Île-de-France', 'Provence']);
  assert.equal(await p.isDisabled('#Region'), false);
  await p.selectOption('#Region', 'pac');
  await p.waitForFunction(() => document.querySelectorAll('#City option').length === 3);
  assert.deepEqual(await optionTexts(p, 'City'), ['Choose a city', 'Marseille', 'Nice']);
  assert.equal(navigations, 0);
  assert.deepEqual(p.pageErrors, []);
}));

test('changing a level clears and refills every level below it', page('clear-below', async (p) => {
  await open(p);
  await p.selectOption('#Country', 'fr');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 3);
  await p.selectOption('#Region', 'idf');
  await p.waitForFunction(() => document.querySelectorAll('#City option').length === 3);
  await p.selectOption('#City', 'paris');
  await p.selectOption('#Country', 'jp');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 2);
  assert.deepEqual(await optionTexts(p, 'Region'), ['Choose a region', '関東']);
  assert.deepEqual(await optionTexts(p, 'City'), ['Choose a city']);
  assert.equal(await p.isDisabled('#City'), true);
}));

test('after a postback the server sees every level, raises SelectedIndexChanged, and the chain comes back filled without callbacks', page('postback', async (p) => {
  await open(p);
  await p.selectOption('#Country', 'fr');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 3);
  await p.selectOption('#Region', 'idf');
  await p.waitForFunction(() => document.querySelectorAll('#City option').length === 3);
  await p.selectOption('#City', 'versailles');
  await Promise.all([p.waitForNavigation(), p.click('#Submit')]);
  const counter = countPosts(p);
  await p.waitForFunction(() => window.City && window.City.list);
  assert.equal(await p.textContent('#result'), 'country=fr;region=idf;city=versailles;continentCountry=;changed=Country,Region,City;valid=True');
  assert.equal(await p.inputValue('#Country'), 'fr');
  assert.equal(await p.inputValue('#Region'), 'idf');
  assert.equal(await p.inputValue('#City'), 'versailles');
  // A level that needed a call would have one in flight from its start (init sends at once): none has.
  assert.deepEqual(await p.evaluate(() => [Country, Region, City].map((c) => c.isCallbackPending)), [false, false, false], 'no callback at load');
  assert.equal(counter.posts, 0, 'no callback at load');
  // A second postback with nothing changed raises no change event.
  await Promise.all([p.waitForNavigation(), p.click('#Submit')]);
  assert.equal(await p.textContent('#result'), 'country=fr;region=idf;city=versailles;continentCountry=;changed=;valid=True');
}));

test('a tampered value is rejected with a clear message, never accepted, and the rest of the form is kept', page('tampered', async (p) => {
  await open(p);
  await p.selectOption('#Country', 'fr');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 3);
  await p.selectOption('#Region', 'idf');
  await p.waitForFunction(() => document.querySelectorAll('#City option').length === 3);
  // Offer a city of another region, as a hand-edited request would.
  await p.evaluate(() => {
    const option = document.createElement('option');
    option.value = 'tokyo';
    option.textContent = 'Tokyo (forged)';
    document.getElementById('City').appendChild(option);
    document.getElementById('City').value = 'tokyo';
  });
  const response = await Promise.all([p.waitForNavigation(), p.click('#Submit')]).then(([r]) => r);
  assert.equal(response.status(), 200);
  assert.equal(await p.textContent('#result'), 'country=fr;region=idf;city=;continentCountry=;changed=Country,Region;valid=False');
  assert.match(await p.textContent('#City_Container .cc-status'), /not available for the chosen parent/);
  assert.equal(await p.getAttribute('#City', 'aria-invalid'), 'true');
  assert.equal(await p.inputValue('#Region'), 'idf', 'the valid levels are kept');
}));

test('changing the parent quickly never shows a stale child list', page('race', async (p) => {
  await open(p);
  // The slow call is sent (its regions take 1.5 s), then France replaces it.
  const slowSent = p.waitForRequest((r) => r.method() === 'POST' && /Country=slow/.test(r.postData() || ''));
  await p.selectOption('#Country', 'slow');
  const slow = await slowSent;
  await p.selectOption('#Country', 'fr');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 3);
  // The superseded call was aborted by the page; whether its reply still arrives or fails, once it has
  // ended (and the page has had a turn) the list is France's.
  await Promise.race([slow.response(), p.waitForEvent('requestfailed', (r) => r === slow)]).catch(() => {});
  await p.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  assert.deepEqual(await optionTexts(p, 'Region'), ['Choose a region', 'Île-de-France', 'Provence']);
  assert.deepEqual(p.pageErrors, []);
}));

test('hostile texts and values show exactly as given, never run, and post back intact', page('hostile', async (p) => {
  await open(p);
  await p.selectOption('#Country', 'xx');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 2);
  assert.deepEqual(await optionTexts(p, 'Region'), ['Choose a region', '<script>window.pwned=1</script>']);
  await p.selectOption('#Region', { index: 1 });
  await p.waitForFunction(() => document.querySelectorAll('#City option').length === 4);
  assert.deepEqual(await optionTexts(p, 'City'), ['Choose a city', '<img src=x onerror="window.pwned=2">', '🎉 party & "quotes"', '']);
  await p.selectOption('#City', 'emoji');
  assert.equal(await p.evaluate(() => Region.getSelectedValue()), '"\'&;|<b>');
  await Promise.all([p.waitForNavigation(), p.click('#Submit')]);
  assert.equal(await p.textContent('#result'), 'country=xx;region="\'&;|<b>;city=emoji;continentCountry=;changed=Country,Region,City;valid=True');
  assert.deepEqual(await optionTexts(p, 'Region'), ['Choose a region', '<script>window.pwned=1</script>']);
  assert.equal(await p.evaluate(() => window.pwned), undefined);
  assert.equal(await p.$$eval('img', (imgs) => imgs.length), 0);
}));

test('10,000 items in one level stay usable', page('big', async (p) => {
  await open(p);
  await p.selectOption('#Country', 'big');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 2);
  const started = Date.now();
  await p.selectOption('#Region', 'all');
  await p.waitForFunction(() => document.querySelectorAll('#City option').length === 10001);
  const elapsed = Date.now() - started;
  await p.selectOption('#City', 'c9999');
  assert.equal(await p.evaluate(() => City.getSelectedValue()), 'c9999');
  assert.equal(await p.$eval('#City', (s) => s.options[s.selectedIndex].textContent), 'City 09999');
  console.log(`# 10,000 cities filled in ${elapsed} ms`);
}));

test('client events fire, populating can cancel, and the cache answers a parent seen before without a call', page('client-events', async (p) => {
  await open(p);
  const counter = countPosts(p);
  await p.selectOption('#Country', 'fr');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 3);
  await p.selectOption('#Region', 'idf');
  await p.selectOption('#Country', 'jp');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 2);
  const postsBefore = counter.posts;
  await p.selectOption('#Country', 'fr');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 3);
  assert.equal(counter.posts, postsBefore, 'France came from the cache');
  const log = await p.evaluate(() => CascadingLog.log);
  assert.deepEqual(log.slice(0, 5), ['populating:fr', 'populated:2', 'selectionChanged:idf', 'populating:jp', 'populated:1']);
  await p.evaluate(() => { CascadingLog.cancelPopulating = true; });
  const postsBeforeCancel = counter.posts;
  await p.selectOption('#Country', 'none');
  // The populating hook runs inside the change itself: when it cancels, no call is ever started.
  assert.equal(await p.evaluate(() => Region.isCallbackPending), false);
  assert.equal(counter.posts, postsBeforeCancel, 'nothing was sent');
  assert.deepEqual(await optionTexts(p, 'Region'), ['Choose a region'], 'a cancelled populating leaves the list empty');
}));

test('a level with no items shows the empty text and stays disabled', page('empty', async (p) => {
  await open(p);
  await p.selectOption('#Country', 'none');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 2);
  await p.selectOption('#Region', 'empty');
  await p.waitForFunction(() => document.querySelector('#City option').textContent === 'No cities');
  assert.equal(await p.isDisabled('#City'), true);
}));

test('the list is busy and announced while loading', page('loading', async (p) => {
  await open(p);
  await p.selectOption('#Country', 'slow');
  // A reply within 100 ms never shows the loading state; this one takes 1.5 s, so it shows.
  await p.waitForFunction(() => document.querySelector('#Region_Container .cc-status').getAttribute('data-kind') === 'loading');
  assert.equal(await p.getAttribute('#Region', 'aria-busy'), 'true');
  assert.equal(await p.isDisabled('#Region'), true);
  assert.equal(await p.textContent('#Region_Container .cc-status'), 'Loading regions...');
  assert.equal(await p.getAttribute('#Region_Container .cc-status', 'aria-live'), 'polite');
  await p.waitForFunction(() => document.getElementById('Region').getAttribute('aria-busy') === null, null, { timeout: 5000 });
  assert.equal(await p.textContent('#Region_Container .cc-status'), 'Region: 1 item', 'loading gives way to the count');
}));

test('a plain DropDownList bound only on the first request can be the parent', page('plain-parent', async (p) => {
  await open(p);
  await p.selectOption('#Continent', 'eu');
  await p.waitForFunction(() => document.querySelectorAll('#ContinentCountry option').length === 3);
  assert.deepEqual(await optionTexts(p, 'ContinentCountry'), ['Choose a country', 'France', 'Deutschland']);
  await p.selectOption('#ContinentCountry', 'de');
  await Promise.all([p.waitForNavigation(), p.click('#Submit')]);
  assert.match(await p.textContent('#result'), /continentCountry=de;/);
}));

test('the keyboard works as with a native select', page('keyboard', async (p) => {
  await open(p);
  await p.focus('#Country');
  await p.keyboard.press('ArrowDown'); // France
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 3);
  await p.keyboard.press('Tab');
  assert.equal(await p.evaluate(() => document.activeElement.id), 'Region');
}));

test('without JavaScript the page still works: the parent posts back and the server fills the child', async () => {
  // A persistent context cannot switch script off, so the page is switched off through DevTools.
  const p = await site.context().newPage();
  try {
    const cdp = await site.context().newCDPSession(p);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    await p.goto(host.url + 'Cascading.aspx');
    // The noscript button is only clickable when script is really off.
    assert.equal(await p.isVisible('input[name="Region$Refresh"]'), true);
    await p.selectOption('#Country', 'jp');
    await Promise.all([p.waitForNavigation(), p.click('input[name="Region$Refresh"]')]);
    assert.deepEqual(await optionTexts(p, 'Region'), ['Choose a region', '関東']);
    assert.equal(await p.isDisabled('#Region'), false);
    assert.equal(await p.inputValue('#Country'), 'jp');
  } finally {
    await p.close();
  }
});

test('arrow keys through the parent send one call, for the country the user stops on', page('keyboard-burst', async (p) => {
  await open(p);
  const counter = countPosts(p);
  await p.focus('#Country');
  // Prompt → France → 日本 → Hostile → Big: four changes, one keydown each, as fast as keys repeat.
  for (let i = 0; i < 4; i += 1) await p.keyboard.press('ArrowDown');
  const lastKey = Date.now();
  assert.equal(await p.$eval('#Country', (s) => s.value), 'big');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 2 && !document.getElementById('Region').disabled);
  const settled = Date.now() - lastKey;
  assert.deepEqual(await optionTexts(p, 'Region'), ['Choose a region', 'Everything']);
  assert.equal(counter.posts, 1, 'only the last choice was fetched');
  assert.equal(await p.evaluate(() => document.activeElement.id), 'Country', 'focus stays on the list being used');
  console.log(`# keyboard burst settled ${settled} ms after the last key`);
}));

test('a hundred quick changes of the parent (script, wheel) on a page with session state: few calls, none in between, the last choice shown', page('burst', async (p) => {
  const cityCalls = [];
  p.on('request', (r) => {
    if (r.method() !== 'POST') return;
    const form = new URLSearchParams(r.postData() || '');
    if (form.get('__CALLBACKID') === 'City') cityCalls.push(JSON.parse(form.get('__CALLBACKPARAM')).state.ancestors[0]);
  });
  await p.goto(site.host().url + 'Habits/QuickChanges.aspx');
  await p.waitForFunction(() => window.City && document.querySelectorAll('#Country option').length === 41);
  await p.evaluate(() => new Promise((resolve) => {
    const country = document.getElementById('Country');
    let i = 0;
    const timer = setInterval(() => {
      i += 1;
      country.value = 'C' + (i % 40 + 1);
      country.dispatchEvent(new Event('change', { bubbles: true }));
      if (i === 100) { clearInterval(timer); resolve(); }
    }, 10);
  }));
  const last = 'C' + (100 % 40 + 1);
  await p.waitForFunction((v) => Array.from(document.querySelectorAll('#City option')).some((o) => o.value === v + '-1'), last);
  assert.equal(await p.getAttribute('#City', 'aria-busy'), null);
  assert.equal(cityCalls[cityCalls.length - 1], last, 'the last call is for the last choice');
  // One call in flight at a time (each takes at least 60 ms on the server): over a second of changes
  // that is a handful, never one per change.
  assert.ok(cityCalls.length <= 25, `${cityCalls.length} calls for 100 changes`);
  assert.deepEqual(p.pageErrors, []);
  assert.deepEqual(p.consoleErrors, []);
}));
