'use strict';
// samples/CallbackControls.Sample/UpdatePanel.aspx in Chromium: a ScriptManager page whose UpdatePanel
// (refreshed by an asp:Timer and an async Save) holds a CascadingDropDown chain and a RefreshingChart,
// with a second chain outside the panel. Each partial update replaces the panel's HTML; the controls
// in it must start again on the new HTML and keep working.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startDevHost, launchBrowser, browserTest } = require('./harness');

let host;
let context;
const page = browserTest(() => context);

before(async () => {
  host = await startDevHost('samples/CallbackControls.Sample');
  context = await launchBrowser();
});

after(async () => {
  if (context) await context.close();
  if (host) await host.stop();
});

const optionTexts = (p, id) => p.$$eval(`#${id} option`, (os) => os.map((o) => o.textContent));
const regionsArrived = (p, id, region) => p.waitForFunction(
  ([list, text]) => Array.from(document.querySelectorAll(`#${list} option`)).some((o) => o.textContent === text), [id, region]);

/** Opens the page and remembers the first client objects so a test can tell when they were replaced. */
async function open(p) {
  await p.goto(host.url + 'UpdatePanel.aspx');
  await p.waitForFunction(() => window.Sys && Sys.WebForms && window.PanelRegion && window.PanelChart && window.Region);
  await p.evaluate(() => {
    window.first = { PanelRegion, PanelChart, Region };
    window.panelUpdates = 0;
    Sys.WebForms.PageRequestManager.getInstance().add_endRequest(() => { window.panelUpdates += 1; });
  });
}

/** Records callbacks by control, from the __CALLBACKID each POST carries. */
function recordCallbacks(p) {
  const calls = [];
  p.on('request', (r) => {
    if (r.method() !== 'POST') return;
    const id = new URLSearchParams(r.postData() || '').get('__CALLBACKID');
    if (id) calls.push(id);
  });
  return calls;
}

test('under a ScriptManager the control scripts come through ScriptResource.axd, with no script on the page', page('updatepanel-scripts', async (p) => {
  await open(p);
  const scripts = await p.evaluate(() => Array.from(document.scripts).map((s) => ({ src: s.getAttribute('src') || '', text: s.textContent })));
  const served = await Promise.all(scripts.filter((s) => s.src).map(async (s) => ({
    src: s.src,
    body: await (await p.request.get(new URL(s.src, host.url).href)).text(),
  })));
  const runtime = served.find((s) => s.body.includes('CallbackControls client runtime, part 2 of 2'));
  const cascading = served.find((s) => s.body.includes('the CascadingDropDown client type'));
  assert.ok(runtime && cascading, 'both scripts are loaded');
  assert.match(runtime.src, /ScriptResource\.axd/, 'the runtime is registered through the ScriptManager');
  assert.match(cascading.src, /ScriptResource\.axd/);
  assert.ok(served.indexOf(runtime) < served.indexOf(cascading), 'the runtime loads before the control type');
  assert.deepEqual(scripts.filter((s) => !s.src && /PanelRegion|PanelChart|CallbackControls/.test(s.text)), [], 'no inline script names the controls');
}));

test('after an async postback the chain in the panel is re-created, keeps its choice and still cascades', page('updatepanel-save', async (p) => {
  await open(p);
  const calls = recordCallbacks(p);
  let navigations = 0;
  p.on('framenavigated', () => { navigations += 1; });

  await p.selectOption('#PanelCountry', 'FR');
  await regionsArrived(p, 'PanelRegion', 'Île-de-France');
  await p.selectOption('#PanelRegion', 'FR-IDF');
  await p.click('#Save');
  await p.waitForFunction(() => /^Saved:/.test(document.getElementById('Saved').textContent));
  assert.equal(await p.textContent('#Saved'), 'Saved: France / Île-de-France');
  assert.match(await p.textContent('#Stamp'), /by (Save|Ticker)\.$/);

  const restarted = await p.evaluate(() => ({
    replaced: window.PanelRegion !== first.PanelRegion,
    oldDisposed: first.PanelRegion.disposed === true,
    chartReplaced: window.PanelChart !== first.PanelChart,
  }));
  assert.deepEqual(restarted, { replaced: true, oldDisposed: true, chartReplaced: true });
  assert.equal(await p.inputValue('#PanelCountry'), 'FR', 'the parent keeps its choice');
  assert.equal(await p.inputValue('#PanelRegion'), 'FR-IDF', 'the child comes back filled and selected');

  // The re-created objects on the new HTML: a new parent value is answered by callback.
  const before = calls.filter((id) => id === 'PanelRegion').length;
  await p.selectOption('#PanelCountry', 'JP');
  await regionsArrived(p, 'PanelRegion', 'Tokyo');
  assert.ok(await optionTexts(p, 'PanelRegion').then((ts) => !ts.includes('Île-de-France')), 'the old regions are gone');
  assert.ok(calls.filter((id) => id === 'PanelRegion').length > before, 'the regions came by callback');
  assert.equal(navigations, 0, 'no full postback');
  assert.deepEqual(p.pageErrors, []);
}));

test('the list that had the focus has it again after an async postback replaces the panel', page('updatepanel-focus', async (p) => {
  await open(p);
  await p.selectOption('#PanelCountry', 'FR');
  await regionsArrived(p, 'PanelRegion', 'Île-de-France');
  await p.focus('#PanelRegion');
  const stamp = await p.textContent('#Stamp');
  // An update the user did not make (a script's click; a Timer tick does the same): the panel's HTML is replaced.
  await p.evaluate(() => document.getElementById('Save').click());
  await p.waitForFunction((before) => document.getElementById('Stamp').textContent !== before, stamp);
  await p.waitForFunction(() => document.activeElement && document.activeElement.id === 'PanelRegion');
  assert.equal(await p.evaluate(() => document.activeElement === document.getElementById('PanelRegion') && document.activeElement.isConnected), true);
  assert.deepEqual(p.pageErrors, []);
}));

test('after Timer ticks the chart keeps refreshing and both chains still cascade', page('updatepanel-timer', async (p) => {
  await open(p);
  const calls = recordCallbacks(p);
  await p.waitForFunction(() => /by Ticker\.$/.test(document.getElementById('Stamp').textContent), null, { timeout: 15000 });
  assert.ok(await p.evaluate(() => window.panelUpdates >= 1));

  // The chart in the replaced HTML is a new object, not disposed, and its own timer still calls the server.
  assert.deepEqual(await p.evaluate(() => [window.PanelChart !== first.PanelChart, window.PanelChart.disposed === true]), [true, false]);
  const chartTitle = () => p.evaluate(() => document.querySelector('#PanelChart svg title').textContent);
  const titleAfterTick = await chartTitle();
  const chartCalls = calls.filter((id) => id === 'PanelChart').length;
  await p.waitForFunction((t) => document.querySelector('#PanelChart svg title').textContent !== t, titleAfterTick, { timeout: 10000 });
  assert.ok(calls.filter((id) => id === 'PanelChart').length > chartCalls, 'the new drawing came by callback');

  await p.selectOption('#PanelCountry', 'FR');
  await regionsArrived(p, 'PanelRegion', 'Île-de-France');

  // Outside the panel nothing was replaced: the same client object answers throughout.
  await p.selectOption('#Country', 'JP');
  await regionsArrived(p, 'Region', 'Tokyo');
  assert.equal(await p.evaluate(() => window.Region === first.Region && !first.Region.disposed), true);
  assert.deepEqual(p.pageErrors, []);
}));

test('the result line is announced once, when it changes: not on every Timer tick, and the stamp is not a live region', page('updatepanel-announce', async (p) => {
  await open(p);
  // What a screen reader hears comes from live regions: the stamp (its time changes every tick) is none,
  // the result in the panel is none (each update re-inserts it), the announcer outside the panel is one.
  assert.equal(await p.evaluate(() => document.getElementById('Stamp').tagName), 'P');
  assert.equal(await p.getAttribute('#Stamp', 'role'), null);
  assert.equal(await p.getAttribute('#Stamp', 'aria-live'), null);
  assert.equal(await p.getAttribute('#Saved', 'aria-live'), 'off');
  assert.equal(await p.getAttribute('#Announcer', 'role'), 'status');
  await p.evaluate(() => {
    window.announcements = [];
    new MutationObserver(() => window.announcements.push(document.getElementById('Announcer').textContent))
      .observe(document.getElementById('Announcer'), { childList: true, characterData: true, subtree: true });
  });
  const tick = async () => {
    const before = await p.evaluate(() => window.panelUpdates);
    await p.evaluate(() => __doPostBack('Ticker', ''));
    await p.waitForFunction((n) => window.panelUpdates > n, before);
  };

  await tick();
  await tick();
  assert.deepEqual(await p.evaluate(() => window.announcements), [], 'ticks announce nothing');

  await p.selectOption('#PanelCountry', 'FR');
  await regionsArrived(p, 'PanelRegion', 'Île-de-France');
  await p.selectOption('#PanelRegion', 'FR-IDF');
  await p.click('#Save');
  await p.waitForFunction(() => window.announcements.length > 0);
  await tick();
  await tick();
  assert.deepEqual(await p.evaluate(() => window.announcements), ['Saved: France / Île-de-France'], 'the result once, then nothing on later ticks');
  assert.deepEqual(p.pageErrors, []);
}));
