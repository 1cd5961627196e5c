'use strict';
// Accessibility, verified in Chromium: an axe-core audit (WCAG 2.1 A and AA) of every sample page and the
// main test-site pages in the states a user reaches; a chain driven by the keyboard alone; what a screen
// reader is given (names and descriptions from Chromium's accessibility tree, the polite live region's
// announcements in order); reduced motion; the contrast of chart text and series.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { AxeBuilder } = require('@axe-core/playwright');
const { startDevHost, launchBrowser, browserTest } = require('./harness');

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let sample;
let testSite;
let context;
before(async () => {
  [sample, testSite] = await Promise.all([startDevHost('samples/CallbackControls.Sample'), startDevHost('tests/TestSite')]);
  context = await launchBrowser();
});
after(async () => {
  if (context) await context.close();
  await Promise.all([sample && sample.stop(), testSite && testSite.stop()]);
});
const page = browserTest(() => context);
const sampleUrl = (path) => sample.url + path;
const siteUrl = (path) => testSite.url + path;

/* ------------------------------------------------------------------------------------------------
 * Helpers
 * ---------------------------------------------------------------------------------------------- */

/**
 * Runs axe on the page as it is now and fails with every violation listed (rule, element, what to fix).
 * @param {import('playwright-core').Page} p
 * @param {string} state what the page shows, for the message
 */
async function audit(p, state) {
  const { violations } = await new AxeBuilder({ page: p }).withTags(TAGS).analyze();
  const lines = [];
  for (const v of violations) {
    for (const node of v.nodes) {
      lines.push(`${v.id} (${v.impact}) at ${node.target.join(' ')}: ${v.help}. ${(node.failureSummary || '').replace(/\s+/g, ' ')}`);
    }
  }
  assert.equal(lines.length, 0, `${state}: ${lines.length} axe violation(s)\n  ${lines.join('\n  ')}`);
}

// Every call of the runtime carries its token header, whether it posts a form or (a page method) the bare envelope.
const isCallback = (request) => request.method() === 'POST' && request.headers()['x-callbackcontrols-token'] !== undefined;

/** Holds every callback of the page until release() is called, so the loading state stays on screen. */
async function holdCallbacks(p) {
  const held = [];
  let holding = true;
  const handler = (route) => {
    if (!isCallback(route.request())) return route.continue();
    if (!holding) return route.continue();
    return new Promise((resolve) => held.push(() => resolve(route.continue())));
  };
  await p.route('**/*', handler);
  return {
    get count() { return held.length; },
    async release() {
      holding = false;
      held.splice(0).forEach((go) => go());
      await p.unroute('**/*', handler);
    },
  };
}

/** Answers every callback with the given HTTP status (a server down: 503) until the returned function is called. */
async function failCallbacks(p, status = 503) {
  const handler = (route) => (isCallback(route.request())
    ? route.fulfill({ status, contentType: 'text/plain', body: 'Service Unavailable' })
    : route.continue());
  await p.route('**/*', handler);
  return () => p.unroute('**/*', handler);
}

/** Waits until a chart (its control element) has drawn a new chart body since this call. */
async function nextDrawing(p, chartSelector, count = 1) {
  for (let i = 0; i < count; i++) {
    await p.$eval(`${chartSelector} .cc-chart-body`, (body) => { body.dataset.seen = '1'; });
    await p.waitForFunction((s) => { const b = document.querySelector(`${s} .cc-chart-body`); return b && !b.dataset.seen; }, chartSelector, { timeout: 15000 });
  }
}

/** Waits until the chart shows its back-off: failing class set and its status region says why. */
async function backingOff(p, chartSelector) {
  await p.waitForFunction((s) => {
    const chart = document.querySelector(s);
    return chart.classList.contains('cc-chart-failing') && chart.querySelector('.cc-status').textContent !== '';
  }, chartSelector, { timeout: 15000 });
}

/** The role, name and description Chromium's accessibility tree gives the first element matching a selector. */
async function accessible(p, selector) {
  const cdp = await p.context().newCDPSession(p);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    assert.ok(nodeId, `no element ${selector}`);
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
    const node = nodes[0];
    const value = (property) => (node[property] && node[property].value) || '';
    return { role: value('role'), name: value('name'), description: value('description') };
  } finally {
    await cdp.detach();
  }
}

/**
 * Records what the polite status regions say, as a screen reader is told it: one entry per change of a
 * region's text that leaves text in it (an emptied region says nothing). Installed before any page script.
 */
async function recordAnnouncements(p) {
  await p.addInitScript(() => {
    window.__announcements = [];
    new MutationObserver((mutations) => {
      const changed = new Set();
      for (const m of mutations) {
        const target = m.target.nodeType === 1 ? m.target : m.target.parentElement;
        const region = target && target.closest('[aria-live="polite"], [role="status"]');
        if (region) changed.add(region);
      }
      for (const region of changed) {
        const text = region.textContent.trim();
        if (text) {
          const control = region.closest('[data-cc-control]');
          window.__announcements.push({ control: control ? control.id : region.id, text });
        }
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  return {
    all: () => p.evaluate(() => window.__announcements.slice()),
    of: async (control) => (await p.evaluate(() => window.__announcements.slice())).filter((a) => a.control === control).map((a) => a.text),
    clear: () => p.evaluate(() => { window.__announcements.length = 0; }),
  };
}

/** How the focused element shows focus: an outline or a box shadow, and whether it matches :focus-visible. */
const focusStyle = (p) => p.evaluate(() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    id: el.id,
    visible: el.matches(':focus-visible'),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== 'none',
  };
});

/** WCAG 2.x contrast ratio of two CSS rgb()/rgba() colours (the first composited over the second when translucent). */
function contrast(foreground, background) {
  const parse = (c) => (c.match(/[\d.]+/g) || []).map(Number);
  const [br, bg, bb] = parse(background);
  const [fr, fg, fb, fa = 1] = parse(foreground);
  const mix = [fr * fa + br * (1 - fa), fg * fa + bg * (1 - fa), fb * fa + bb * (1 - fa)];
  const luminance = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const [a, b] = [luminance(mix), luminance([br, bg, bb])];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/* ------------------------------------------------------------------------------------------------
 * The audit: every page, every state a user reaches
 * ---------------------------------------------------------------------------------------------- */

test('axe: sample pages on first load', page('a11y-sample-load', async (p) => {
  for (const path of ['Default.aspx', 'CallbackDemo.aspx', 'Cascading.aspx', 'CountryCities.aspx', 'SqlDataSource.aspx',
    'UpdatePanel.aspx', 'LiveMetrics.aspx', 'ChartRanges.aspx', 'ChartHooks.aspx']) {
    await p.goto(sampleUrl(path));
    await p.waitForFunction(() => document.readyState === 'complete');
    await audit(p, `${path} on first load`);
  }
}));

test('axe: sample chains mid-load, filled, and showing an error', page('a11y-sample-chain', async (p) => {
  await p.goto(sampleUrl('Cascading.aspx'));
  await p.waitForFunction(() => window.Region && window.Region.list);
  const hold = await holdCallbacks(p);
  await p.selectOption('#Country', 'FR');
  // The loading state shows once a held call has taken 100 ms.
  await p.waitForFunction(() => document.getElementById('Region').getAttribute('aria-busy') === 'true' && document.querySelector('.cc-status[data-kind="loading"]'));
  await audit(p, 'Cascading.aspx with Region loading');
  await hold.release();
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length > 10);
  await p.selectOption('#Region', 'FR-IDF');
  await p.waitForFunction(() => document.querySelectorAll('#City option').length > 100);
  await audit(p, 'Cascading.aspx with the chain filled');
  const restore = await failCallbacks(p);
  await p.selectOption('#Country', 'JP');
  await p.waitForFunction(() => document.querySelector('#Region_Container .cc-status').getAttribute('data-kind') === 'error');
  await audit(p, 'Cascading.aspx with an error shown');
  await restore();

  await p.goto(sampleUrl('CountryCities.aspx'));
  await p.waitForFunction(() => window.Cities && window.Cities.list);
  await p.selectOption('#Country', 'JP');
  await p.waitForFunction(() => document.querySelectorAll('#Cities option').length === 100);
  await audit(p, 'CountryCities.aspx filled');
  await p.fill('#Cities_Filter', 'kyo');
  await p.waitForFunction(() => document.querySelectorAll('#Cities option').length < 100);
  await audit(p, 'CountryCities.aspx searched');

  await p.goto(sampleUrl('SqlDataSource.aspx'));
  await p.waitForFunction(() => window.Region && window.Region.list);
  await p.selectOption('#Country', 'JP');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length > 40);
  await audit(p, 'SqlDataSource.aspx filled');

  await p.goto(sampleUrl('CallbackDemo.aspx'));
  await p.fill('#Word', '   ');
  await p.click('#LookUp');
  await p.waitForFunction(() => /Error/.test(document.getElementById('Answer').textContent));
  await audit(p, 'CallbackDemo.aspx with an error shown');
}));

test('axe: sample charts after a refresh and in back-off', page('a11y-sample-charts', async (p) => {
  await p.goto(sampleUrl('LiveMetrics.aspx'));
  await nextDrawing(p, '#Cpu');
  await audit(p, 'LiveMetrics.aspx after a refresh');
  let restore = await failCallbacks(p);
  await backingOff(p, '#Cpu');
  await audit(p, 'LiveMetrics.aspx in back-off');
  await restore();

  await p.goto(sampleUrl('ChartRanges.aspx'));
  await p.waitForFunction(() => window.Chart1 && Chart1.callback);
  await p.click('[data-range="1h"]');
  await p.waitForFunction(() => /last hour/.test(document.querySelector('#Chart1 svg title').textContent));
  await audit(p, 'ChartRanges.aspx after a range refresh');
  restore = await failCallbacks(p);
  await p.click('[data-range="1m"]');
  await backingOff(p, '#Chart1');
  await audit(p, 'ChartRanges.aspx in back-off');
  await restore();

  await p.goto(sampleUrl('ChartHooks.aspx'));
  await p.waitForFunction(() => window.Chart1 && Chart1.callback);
  await p.click('#Fail');
  await backingOff(p, '#Chart1');
  await audit(p, 'ChartHooks.aspx with the server failing');

  await p.goto(sampleUrl('UpdatePanel.aspx'));
  await p.waitForFunction(() => document.querySelector('[data-cc-control="refreshingchart"]'));
  await nextDrawing(p, '[data-cc-control="refreshingchart"]');
  await audit(p, 'UpdatePanel.aspx after a chart refresh');
}));

test('axe: test-site pages on first load, chains in every state, charts refreshed and backing off', page('a11y-testsite', async (p) => {
  for (const path of ['Cascading.aspx', 'Chart.aspx', 'Echo.aspx', 'Rows/GridView.aspx?reset=1', 'Rows/Lists.aspx', 'Rows/Charts.aspx', 'Template/Login.aspx', 'FastPath.aspx', 'Localized.aspx', 'Localized.aspx?lang=de', 'Scale/FindCity.aspx']) {
    await p.goto(siteUrl(path));
    await p.waitForFunction(() => document.readyState === 'complete');
    await audit(p, `${path} on first load`);
  }

  await p.goto(siteUrl('Cascading.aspx'));
  await p.waitForFunction(() => window.Region && window.Region.list);
  const hold = await holdCallbacks(p);
  await p.selectOption('#Country', 'fr');
  // The loading state shows once a held call has taken 100 ms.
  await p.waitForFunction(() => document.getElementById('Region').getAttribute('aria-busy') === 'true' && document.querySelector('.cc-status[data-kind="loading"]'));
  await audit(p, 'Cascading.aspx with Region loading');
  await hold.release();
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 3);
  await p.selectOption('#Region', 'idf');
  await p.waitForFunction(() => document.querySelectorAll('#City option').length === 3);
  await p.selectOption('#Continent', 'eu');
  await p.waitForFunction(() => document.querySelectorAll('#ContinentCountry option').length === 3);
  await audit(p, 'Cascading.aspx with the chains filled');
  await p.selectOption('#Country', 'none');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 2);
  await p.selectOption('#Region', 'empty');
  await p.waitForFunction(() => document.querySelector('#City option').textContent === 'No cities');
  await audit(p, 'Cascading.aspx with an empty list');

  const restore = await failCallbacks(p);
  await p.selectOption('#Country', 'jp');
  await p.waitForFunction(() => document.querySelector('#Region_Container .cc-status').getAttribute('data-kind') === 'error');
  await audit(p, 'Cascading.aspx with an error shown');
  await restore();

  await p.goto(siteUrl('Chart.aspx?frequency=300'));
  await nextDrawing(p, '#Chart1', 2);
  await audit(p, 'Chart.aspx after a refresh');
  const restoreChart = await failCallbacks(p);
  await backingOff(p, '#Chart1');
  await audit(p, 'Chart.aspx in back-off');
  await restoreChart();

  await p.goto(siteUrl('Rows/GridView.aspx?reset=1'));
  await Promise.all([p.waitForNavigation(), p.click('tr:nth-child(3) input[value="Edit"]')]);
  await audit(p, 'Rows/GridView.aspx with a row in edit mode');

  await p.goto(siteUrl('Rows/Lists.aspx'));
  await p.selectOption('.repeater select[name$="Country"] >> nth=0', { index: 1 });
  await p.waitForFunction(() => document.querySelector('.repeater select[name$="City"]').options.length > 1);
  await audit(p, 'Rows/Lists.aspx with a row filled');

  await p.goto(siteUrl(`Template/Login.aspx?user=alice&ReturnUrl=${encodeURIComponent('/Template/Default.aspx')}`));
  await p.waitForFunction(() => window.TemplateEcho && window.TemplateChart);
  await p.selectOption('select[name$="Country"]', 'ch');
  await p.waitForFunction(() => document.querySelector('select[name$="City"]').options.length === 3);
  await audit(p, 'Template/Default.aspx signed in, chain filled');

  await p.goto(siteUrl('Scale/FindCity.aspx'));
  await p.waitForFunction(() => window.City && window.City.list);
  await p.selectOption('#Country', 'US');
  await p.waitForFunction(() => document.querySelectorAll('#City option').length === 101);
  // The find box is named after its list and described by the list's status.
  assert.equal(await p.getAttribute('#City_Filter', 'aria-label'), 'City, Type to find');
  assert.equal(await p.getAttribute('#City_Filter', 'aria-describedby'), 'City_status');
  await p.fill('#City_Filter', 'nowhere');
  await p.waitForFunction(() => document.querySelectorAll('#City option').length === 1);
  await audit(p, 'Scale/FindCity.aspx with no match');
}));

/* ------------------------------------------------------------------------------------------------
 * Keyboard only
 * ---------------------------------------------------------------------------------------------- */

test('keyboard only: Country, Region, City chosen with Tab, typing and arrows; a filling list never takes the focus; Save by Enter', page('a11y-keyboard-chain', async (p) => {
  await p.setViewportSize({ width: 800, height: 400 });
  await p.goto(sampleUrl('Cascading.aspx'));
  await p.waitForFunction(() => window.Region && window.Region.list && window.City && window.City.list);
  await p.evaluate(() => {
    // Every focus change, to prove no callback moved the focus even for a moment.
    window.__focus = [];
    document.addEventListener('focusin', (e) => window.__focus.push(e.target.id || e.target.tagName));
  });
  const active = () => p.evaluate(() => document.activeElement.id);

  await p.keyboard.press('Tab'); // the "All samples" link
  await p.keyboard.press('Tab');
  assert.equal(await active(), 'Country');
  assert.deepEqual(await focusStyle(p), { id: 'Country', visible: true, outline: true, shadow: false }, 'focus is visible on the list');

  await p.keyboard.type('France');
  await p.waitForFunction(() => document.getElementById('Country').value === 'FR');
  const scrolled = await p.evaluate(() => window.scrollY);
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length > 10);
  assert.equal(await active(), 'Country', 'the focus stays on Country while Region fills');
  assert.equal(await p.evaluate(() => window.scrollY), scrolled, 'filling Region does not scroll');

  await p.keyboard.press('Tab');
  assert.equal(await active(), 'Region');
  await p.keyboard.type('Bretagne');
  await p.waitForFunction(() => document.getElementById('Region').value === 'FR-BRE');
  await p.waitForFunction(() => document.querySelectorAll('#City option').length > 100);
  assert.equal(await active(), 'Region', 'the focus stays on Region while City fills');

  await p.keyboard.press('Tab');
  assert.equal(await active(), 'City');
  const city = () => p.$eval('#City', (s) => s.options[s.selectedIndex].textContent);
  await p.keyboard.type('Rennes');
  assert.equal(await city(), 'Rennes');
  await p.keyboard.press('ArrowDown');
  assert.notEqual(await city(), 'Rennes', 'an arrow moves the choice');
  await p.keyboard.press('ArrowUp');
  assert.equal(await city(), 'Rennes');

  await p.keyboard.press('Tab');
  assert.equal(await active(), 'Save');
  assert.equal((await focusStyle(p)).visible && ((await focusStyle(p)).outline || (await focusStyle(p)).shadow), true, 'focus is visible on the button');
  assert.deepEqual(await p.evaluate(() => window.__focus), ['A', 'Country', 'Region', 'City', 'Save'], 'the focus went only where Tab took it (the link first)');
  await Promise.all([p.waitForNavigation(), p.keyboard.press('Enter')]);
  assert.equal(await p.textContent('#Chosen'), 'Saved: France / Bretagne / Rennes');
}));

test('keyboard only: the range and timer buttons are reachable and named; a refresh neither takes the focus nor scrolls', page('a11y-keyboard-chart', async (p) => {
  await p.setViewportSize({ width: 800, height: 300 });
  await p.goto(sampleUrl('ChartRanges.aspx'));
  await p.waitForFunction(() => window.Chart1 && Chart1.callback);
  const reached = [];
  for (let i = 0; i < 12; i++) {
    await p.keyboard.press('Tab');
    const focused = await p.evaluate(() => ({ tag: document.activeElement.tagName, id: document.activeElement.id, range: document.activeElement.getAttribute('data-range') }));
    if (focused.tag === 'BUTTON') {
      const selector = focused.range ? `[data-range="${focused.range}"]` : `#${focused.id}`;
      if (reached.length && selector === '[data-range="1m"]') break; // round the page once
      const node = await accessible(p, selector);
      reached.push(`${node.role} "${node.name}"`);
      const style = await focusStyle(p);
      assert.ok(style.visible && (style.outline || style.shadow), `focus visible on ${selector}`);
    }
  }
  assert.deepEqual(reached, ['button "Last minute"', 'button "Last 5 minutes"', 'button "Last 15 minutes"', 'button "Last hour"', 'button "Stop"', 'button "Start"']);
  const groups = await p.locator('.toolbar').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  assert.deepEqual(groups, ['Time range', 'Timer']);

  // Enter on "Last hour", then stay there while the chart refreshes (every 2 s), scrolled down a little.
  await p.focus('[data-range="1h"]');
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => /last hour/.test(document.querySelector('#Chart1 svg title').textContent));
  await p.evaluate(() => window.scrollTo(0, 120));
  const scrolled = await p.evaluate(() => window.scrollY);
  assert.ok(scrolled > 0, 'the page scrolls at this size');
  await nextDrawing(p, '#Chart1', 2);
  assert.equal(await p.evaluate(() => document.activeElement.getAttribute('data-range')), '1h', 'the focus stays on the button');
  assert.equal(await p.evaluate(() => window.scrollY), scrolled, 'a refresh does not scroll');

  // Stop and Start by keyboard.
  await p.focus('#Stop');
  await p.keyboard.press('Enter');
  assert.equal(await p.evaluate(() => Chart1.isRunning), false);
  await p.keyboard.press('Tab');
  await p.keyboard.press('Space');
  assert.equal(await p.evaluate(() => Chart1.isRunning), true);
}));

test('keyboard only: a list that could not be filled says which one failed and offers Try again; pressing it refills the list and the keyboard goes on from it', page('a11y-retry', async (p) => {
  await p.goto(siteUrl('Cascading.aspx'));
  await p.waitForFunction(() => window.Region && window.Region.list);
  const restore = await failCallbacks(p);
  await p.selectOption('#Country', 'fr');
  const retry = p.getByRole('button', { name: 'Try again: Region' });
  await retry.waitFor();
  assert.equal(await p.textContent('#Region_Container .cc-status'), 'Region: The server answered with HTTP 503.');

  // Still failing: pressed from the keyboard, the new button keeps the focus.
  await retry.focus();
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => document.activeElement && document.activeElement.classList.contains('cc-retry') && document.activeElement.isConnected);
  assert.equal(await p.locator('#Region_Container .cc-retry').count(), 1);

  // The server is back: Enter refills the list, the button goes, and the focus is on the list.
  await restore();
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length > 1 && !document.getElementById('Region').disabled);
  await p.waitForFunction(() => document.activeElement && document.activeElement.id === 'Region');
  assert.equal(await p.locator('#Region_Container .cc-retry').count(), 0);
  assert.match(await p.textContent('#Region_Container .cc-status'), /^Region: \d+ items?$/);
  assert.deepEqual(p.pageErrors, []);
}));

/* ------------------------------------------------------------------------------------------------
 * What a screen reader hears
 * ---------------------------------------------------------------------------------------------- */

test('screen reader: each list is named by its label and described by its status; loading, count, empty and error are announced in order, once each', page('a11y-announce-chain', async (p) => {
  const said = await recordAnnouncements(p);
  await p.goto(siteUrl('Cascading.aspx'));
  await p.waitForFunction(() => window.Region && window.Region.list && window.City && window.City.list);

  assert.equal(await p.locator('#Country').ariaSnapshot(), '- combobox "Country":\n  - option "Choose a country" [selected]\n  - option "France"\n  - option "日本"\n  - option "Hostile"\n  - option "Big"\n  - option "Slow"\n  - option "Nowhere"');
  assert.deepEqual(await accessible(p, '#Region'), { role: 'combobox', name: 'Region', description: '' }, 'nothing to say yet');

  await p.selectOption('#Country', 'slow');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 2 && !document.getElementById('Region').disabled);
  await p.selectOption('#Region', 'slow-r');
  await p.waitForFunction(() => document.querySelectorAll('#City option').length === 2);
  assert.deepEqual(await accessible(p, '#City'), { role: 'combobox', name: 'City', description: 'City: 1 item' });

  await p.selectOption('#Country', 'fr');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 3);
  await p.selectOption('#Country', 'none');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 2);
  await p.selectOption('#Region', 'empty');
  await p.waitForFunction(() => document.querySelector('#City option').textContent === 'No cities');
  assert.deepEqual(await accessible(p, '#City'), { role: 'combobox', name: 'City', description: 'City: No cities' });

  const restore = await failCallbacks(p);
  await p.selectOption('#Country', 'jp');
  await p.waitForFunction(() => document.querySelector('#Region_Container .cc-status').getAttribute('data-kind') === 'error');
  await restore();
  assert.deepEqual(await accessible(p, '#Region'), { role: 'combobox', name: 'Region', description: 'Region: The server answered with HTTP 503.' });

  // A loading state shows only once a call has taken 100 ms: the slow region list always says it; the
  // others answer quickly and usually say nothing of loading, but on a busy machine they may. Whatever
  // was said of loading must come once, just before what the list then offers.
  const all = await said.all();
  assert.deepEqual(all.slice(0, 2), [
    { control: 'Region_Container', text: 'Loading regions...' },
    { control: 'Region_Container', text: 'Region: 1 item' },
  ]);
  all.forEach((x, i) => {
    if (/^Loading/.test(x.text)) {
      assert.ok(all[i + 1] && all[i + 1].control === x.control && !/^Loading/.test(all[i + 1].text), `"${x.text}" is followed by what ${x.control} offers: ${JSON.stringify(all)}`);
    }
  });
  assert.deepEqual(all.filter((x) => !/^Loading/.test(x.text)), [
    { control: 'Region_Container', text: 'Region: 1 item' },
    { control: 'City_Container', text: 'City: 1 item' },
    { control: 'Region_Container', text: 'Region: 2 items' },
    { control: 'Region_Container', text: 'Region: 1 item' },
    { control: 'City_Container', text: 'City: No cities' },
    { control: 'Region_Container', text: 'Region: The server answered with HTTP 503.' },
  ]);
}));

test('screen reader: a chart is named by its title and described by its summary; refreshing every 300 ms announces nothing; a failure is announced once however long the back-off lasts', page('a11y-announce-chart', async (p) => {
  const said = await recordAnnouncements(p);
  await p.goto(siteUrl('Chart.aspx?frequency=300'));
  await nextDrawing(p, '#Chart1', 1);
  const chart = await accessible(p, '#Chart1 svg');
  assert.equal(chart.role, 'image');
  assert.match(chart.name, /^Refresh \d+$/);
  assert.match(chart.description, /^Combination chart with 2 series: CPU, Memory\./);
  assert.match(await p.locator('#Chart1 svg').ariaSnapshot(), /^- img "Refresh \d+"/);

  await nextDrawing(p, '#Chart1', 6);
  assert.deepEqual(await said.of('Chart1'), [], 'six refreshes, nothing announced');

  const restore = await failCallbacks(p);
  await p.waitForFunction(() => Chart1.failureCount >= 4, null, { timeout: 20000 });
  assert.deepEqual(await said.of('Chart1'), ['The server answered with HTTP 503.'], 'four failed ticks, one announcement');
  await restore();
  await p.waitForFunction(() => Chart1.failureCount === 0, null, { timeout: 10000 });
  assert.equal(await p.textContent('#Chart1 .cc-status'), '', 'recovery clears the message');
  const again = await failCallbacks(p);
  await backingOff(p, '#Chart1');
  await again();
  assert.deepEqual(await said.of('Chart1'), ['The server answered with HTTP 503.', 'The server answered with HTTP 503.'], 'a new failure after recovery is news');
}));

test('screen reader: the ChartRanges sample\'s live output says the range once, not on every tick', page('a11y-announce-ranges', async (p) => {
  const said = await recordAnnouncements(p);
  await p.goto(sampleUrl('ChartRanges.aspx'));
  await p.waitForFunction(() => window.Chart1 && Chart1.callback);
  await p.click('[data-range="1m"]');
  await p.waitForFunction(() => /last minute/.test(document.querySelector('#Chart1 svg title').textContent));
  await nextDrawing(p, '#Chart1', 2);
  assert.deepEqual((await said.all()).map((a) => a.text), ['Range 1m, refreshing every 2 s']);

  // Never, then Start: the page does not claim a refresh that does not happen; Stop and a frequency say what they do.
  await p.selectOption('#Frequency', '0');
  await p.click('#Start');
  await p.click('#Stop');
  await p.selectOption('#Frequency', '1000');
  await p.click('#Start');
  await p.waitForFunction(() => document.getElementById('State').textContent === 'Range 1m, refreshing every 1 s');
  assert.deepEqual((await said.all()).map((a) => a.text), [
    'Range 1m, refreshing every 2 s',
    'Range 1m, not refreshing (choose how often under Every)',
    'Range 1m, stopped',
    'Range 1m, refreshing every 1 s',
  ]);
}));

/* ------------------------------------------------------------------------------------------------
 * Motion and contrast
 * ---------------------------------------------------------------------------------------------- */

test('reduced motion: with prefers-reduced-motion: reduce nothing on any sample page moves', page('a11y-motion', async (p) => {
  await p.emulateMedia({ reducedMotion: 'reduce' });
  for (const path of ['Default.aspx', 'CallbackDemo.aspx', 'Cascading.aspx', 'UpdatePanel.aspx', 'LiveMetrics.aspx', 'ChartRanges.aspx', 'ChartHooks.aspx']) {
    await p.goto(sampleUrl(path));
    const moving = await p.evaluate(() => [...document.querySelectorAll('*')].filter((el) => {
      const s = getComputedStyle(el);
      const seconds = (list) => list.split(',').map((t) => parseFloat(t) * (/ms$/.test(t.trim()) ? 0.001 : 1));
      return seconds(s.transitionDuration).some((t) => t > 0) || (s.animationName !== 'none' && seconds(s.animationDuration).some((t) => t > 0));
    }).map((el) => el.tagName + (el.id ? '#' + el.id : '') + (el.className && el.className.baseVal === undefined ? '.' + el.className : '')));
    assert.deepEqual(moving, [], `${path}: transitions or animations under reduced motion`);
  }
}));

test('contrast: chart text 4.5:1 and series 3:1 against the page behind them', page('a11y-contrast', async (p) => {
  const checks = [];
  for (const [url, selector] of [[sampleUrl('LiveMetrics.aspx'), '#Memory'], [sampleUrl('LiveMetrics.aspx'), '#Requests'],
    [sampleUrl('ChartRanges.aspx'), '#Chart1'], [sampleUrl('ChartHooks.aspx'), '#Chart1'], [siteUrl('Chart.aspx'), '#Chart1']]) {
    await p.goto(url);
    const colours = await p.$eval(selector, (chart) => {
      let bg = 'rgb(255, 255, 255)';
      for (let el = chart; el; el = el.parentElement) {
        const c = getComputedStyle(el).backgroundColor;
        if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') { bg = c; break; }
      }
      const text = [...chart.querySelectorAll('svg text')].filter((t) => t.textContent.trim()).map((t) => getComputedStyle(t).fill);
      const series = [...chart.querySelectorAll('.cc-chart-series path.cc-chart-line, .cc-chart-series rect, .cc-chart-legend-item line, .cc-chart-legend-item rect')]
        .map((g) => { const s = getComputedStyle(g); return s.stroke !== 'none' ? s.stroke : s.fill; });
      return { bg, text: [...new Set(text)], series: [...new Set(series)] };
    });
    assert.ok(colours.series.length > 0, `${selector} draws series`);
    for (const c of colours.text) checks.push({ what: `${url} ${selector} text ${c}`, ratio: contrast(c, colours.bg), need: 4.5 });
    for (const c of colours.series) checks.push({ what: `${url} ${selector} series ${c}`, ratio: contrast(c, colours.bg), need: 3 });
  }
  const failing = checks.filter((c) => c.ratio < c.need).map((c) => `${c.what}: ${c.ratio.toFixed(2)}:1 < ${c.need}:1`);
  assert.deepEqual(failing, []);
}));

test('series told apart without colour: in a grey-scale view the lines still differ by dash, and so do their swatches', page('a11y-no-colour', async (p) => {
  await p.goto(siteUrl('Chart.aspx?frequency=0&nocolor=1'));
  await p.waitForFunction(() => window.Chart1);
  await p.emulateMedia({ colorScheme: 'light' });
  const strokes = await p.$$eval('#Chart1 .cc-chart-line', (lines) => lines.map((l) => getComputedStyle(l).strokeDasharray));
  const swatches = await p.$$eval('#Chart1 .cc-chart-legend line', (lines) => lines.map((l) => getComputedStyle(l).strokeDasharray));
  assert.equal(new Set(strokes).size, strokes.length, strokes.join(' | '));
  assert.deepEqual(strokes.slice(0, swatches.length), swatches);
}));
