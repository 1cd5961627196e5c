'use strict';
// A live chart walked by the keyboard and announcing its new data (issue 27 item 4), on
// tests/TestSite/Scale/LiveKeys.aspx in Chromium: one tab stop per chart; arrows, Home and End move over the
// drawn points, which are ringed and read politely on the key press only; the point and the focus survive a
// refresh (a point gone off the moving window gives the first one left); announcements are off by default
// and, on, come at most once per interval and only when the latest values changed (the page's clock decides
// when); axe passes with a point focused, in forced colors and under reduced motion.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { AxeBuilder } = require('@axe-core/playwright');
const { useDevHostSite, launchBrowser, browserTest } = require('./harness');

const site = useDevHostSite('tests/TestSite');
const page = site.page;

/** Records every text the chart's polite region is given, in order, from before any page script runs. */
async function recordLiveRegion(p) {
  await p.addInitScript(() => {
    window.__said = [];
    new MutationObserver((mutations) => {
      for (const m of mutations) {
        const target = m.target.nodeType === 1 ? m.target : m.target.parentElement;
        const region = target && target.closest('.cc-chart-live');
        if (region && region.textContent.trim() && m.type === 'childList') window.__said.push(region.textContent.trim());
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  return () => p.evaluate(() => window.__said.slice());
}

async function open(p, query = '') {
  await p.goto(site.host().url + 'Scale/LiveKeys.aspx' + query);
  await p.waitForFunction(() => window.Chart1 && document.querySelector('#Chart1 .cc-chart-keys svg'));
}

/** Refreshes the chart by script; the promise settles once the new drawing is on the page. Returns the handler's data. */
const refresh = (p, argument = '') => p.evaluate((arg) => window.Chart1.callback(arg).then((r) => r.data), argument);

const live = (p) => p.$eval('#Chart1 .cc-chart-live', (r) => r.textContent);

/** Where the ring is, and the drawn point (by its series and X) whose centre it rings; null when there is no ring. */
const ringState = (p) => p.evaluate(() => {
  const ring = document.querySelector('#Chart1 svg .cc-chart-focus .cc-chart-focus-ring');
  if (!ring) return null;
  const cx = Number(ring.getAttribute('cx'));
  const cy = Number(ring.getAttribute('cy'));
  const hit = [...document.querySelectorAll('#Chart1 svg .cc-chart-series .cc-chart-markers > *')].find((m) => {
    const b = m.getBBox();
    return Math.abs(b.x + b.width / 2 - cx) < 0.01 && Math.abs(b.y + b.height / 2 - cy) < 0.01;
  });
  return hit ? { series: hit.closest('.cc-chart-series').getAttribute('data-name'), title: hit.querySelector('title').textContent } : { series: null };
});

const focusIsPlot = (p) => p.evaluate(() => document.activeElement === document.querySelector('#Chart1 .cc-chart-keys'));

test('keyboard: one tab stop, named and hinted; arrows, Home and End move over the points, each ringed and read as "series, x, y"', page('chart-keys-walk', async (p) => {
  const said = await recordLiveRegion(p);
  await open(p);
  await p.focus('#before');
  await p.keyboard.press('Tab');
  assert.equal(await focusIsPlot(p), true, 'Tab from the link before the chart reaches its drawing');
  assert.deepEqual(await p.$eval('#Chart1 .cc-chart-keys', (plot) => ({
    role: plot.getAttribute('role'),
    name: plot.getAttribute('aria-label'),
    roleDescription: plot.getAttribute('aria-roledescription'),
    hint: document.getElementById(plot.getAttribute('aria-describedby')).textContent,
  })), {
    role: 'application', name: 'Live load', roleDescription: 'chart',
    hint: 'Left and Right arrows move along a series, Up and Down to the next series, Home and End to its first and last point.',
  });
  assert.equal(await ringState(p), null, 'focus alone rings no point');
  // Tab scrolled the chart into view; from here the keys are the chart's, not the page's.
  const scrolled = await p.evaluate(() => window.scrollY);
  assert.deepEqual(await said(), [], 'focus alone says nothing in the live region');

  const steps = [
    ['End', 'Load, 12:00:10, 10'],
    ['Home', 'Load, 12:00:01, 1'],
    ['ArrowLeft', 'Load, 12:00:01, 1'],
    ['ArrowRight', 'Load, 12:00:02, 2'],
    ['ArrowDown', 'Memory, 12:00:02, 104'],
    ['ArrowDown', 'Memory, 12:00:02, 104'],
    ['End', 'Memory, 12:00:10, 120'],
    ['ArrowUp', 'Load, 12:00:10, 10'],
  ];
  for (const [key, text] of steps) {
    await p.keyboard.press(key);
    assert.equal(await live(p), text, `after ${key}`);
    const [series, rest] = text.split(/, (.*)/);
    assert.deepEqual(await ringState(p), { series, title: `${series}: ${rest}` }, `the ring after ${key}`);
  }
  assert.equal(await p.evaluate(() => window.scrollY), scrolled, 'the keys do not scroll the page');
  await p.keyboard.press('Tab');
  assert.equal(await p.evaluate(() => document.activeElement.id), 'after', 'the chart is one tab stop: the next Tab leaves it');
  assert.equal(await ringState(p), null, 'leaving the chart takes the ring away');
  assert.deepEqual(p.pageErrors, []);
}));

test('keyboard across refresh ticks: the focus stays on the chart, the point stays the same reading (found again by its X), nothing is said', page('chart-keys-refresh', async (p) => {
  const said = await recordLiveRegion(p);
  await open(p);
  await p.focus('#Chart1 .cc-chart-keys');
  await p.evaluate(() => { window.keptPlot = document.activeElement; });
  await p.keyboard.press('Home');
  await p.keyboard.press('ArrowRight');
  assert.equal(await live(p), 'Load, 12:00:02, 2');
  const before = (await said()).length;

  assert.equal(await refresh(p), 11);
  assert.match(await p.$eval('#Chart1 svg desc', (d) => d.textContent), /latest 11 /);
  assert.deepEqual(await p.evaluate(() => ({ same: document.activeElement === window.keptPlot, connected: window.keptPlot.isConnected })),
    { same: true, connected: true }, 'the drawing\'s tab stop is kept, and its focus');
  assert.deepEqual(await ringState(p), { series: 'Load', title: 'Load: 12:00:02, 2' }, 'the ring is on the same reading in the new drawing');
  assert.equal((await said()).length, before, 'a tick says nothing');
  await p.keyboard.press('ArrowRight');
  assert.equal(await live(p), 'Load, 12:00:03, 3', 'the keys go on from where they were');

  // The oldest readings leave the window (MaxPoints 12): a point gone gives the first one left.
  await p.keyboard.press('Home');
  assert.equal(await live(p), 'Load, 12:00:01, 1');
  await refresh(p);
  await refresh(p);
  assert.match(await p.$eval('#Chart1 svg desc', (d) => d.textContent), /latest 13 /);
  assert.equal(await focusIsPlot(p), true);
  assert.deepEqual(await ringState(p), { series: 'Load', title: 'Load: 12:00:02, 2' }, 'clamped to the first point left');
  await p.keyboard.press('ArrowRight');
  assert.equal(await live(p), 'Load, 12:00:03, 3');
  assert.deepEqual(p.pageErrors, []);
}));

test('announcements are off by default: refreshes with new values say nothing', page('chart-announce-off', async (p) => {
  const said = await recordLiveRegion(p);
  await open(p);
  const options = await p.$eval('#Chart1', (c) => JSON.parse(c.getAttribute('data-cc-options')));
  assert.equal(options.announceInterval, undefined);
  assert.equal(await p.$eval('#Chart1 .cc-chart-body', (b) => b.hasAttribute('data-latest')), false);
  await refresh(p);
  await refresh(p);
  assert.match(await p.$eval('#Chart1 svg desc', (d) => d.textContent), /latest 12 /);
  // An announcement is made as the reply is applied, or by a timer the page's clock would run: there is none.
  assert.deepEqual(await said(), []);
}));

/** A test that drives the page's clock gets a browser of its own: an installed clock stays with its context. */
const clockPage = (name, body) => async (t) => {
  const own = await launchBrowser();
  t.after(() => own.close());
  return browserTest(() => own)(name, body)(t);
};

test('announcements on: the latest values are said when they change, at most once per 10 s (the newest when the wait is over), never when they did not change', clockPage('chart-announce-on', async (p) => {
  const said = await recordLiveRegion(p);
  await p.clock.install();
  await open(p, '?announce=1');
  await p.clock.pauseAt((await p.evaluate(() => Date.now())) + 1000);
  const options = await p.$eval('#Chart1', (c) => JSON.parse(c.getAttribute('data-cc-options')));
  assert.equal(options.announceInterval, 10000);
  assert.deepEqual(await said(), [], 'the first paint is not news');

  await refresh(p);
  assert.deepEqual(await said(), ['Latest value of Load is 11. Latest value of Memory is 122.'], 'the first change is said as it arrives');
  await refresh(p);
  assert.equal((await said()).length, 1, 'a change within 10 s of the last announcement waits');
  await p.clock.runFor(9999);
  assert.equal((await said()).length, 1, 'nothing before the 10 s are over');
  await p.clock.runFor(1);
  assert.deepEqual((await said()).slice(1), ['Latest value of Load is 12. Latest value of Memory is 124.'], 'said once the 10 s are over');

  // A new drawing with the same latest values (a new title): nothing to say, however long the clock runs.
  await refresh(p, 'retitle');
  assert.match(await p.$eval('#Chart1 svg title', (t) => t.textContent), /12 readings/);
  await p.clock.runFor(20000);
  assert.equal((await said()).length, 2, 'the same values are not said again');

  // Two changes in a row after a quiet spell: the first at once, the second only once its 10 s are over.
  await refresh(p);
  await refresh(p);
  await p.clock.runFor(10000);
  assert.deepEqual((await said()).slice(2), [
    'Latest value of Load is 13. Latest value of Memory is 126.',
    'Latest value of Load is 14. Latest value of Memory is 128.',
  ]);
  assert.deepEqual(p.pageErrors, []);
}));

async function audit(p, state) {
  const { violations } = await new AxeBuilder({ page: p }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const lines = violations.flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}: ${v.help}`));
  assert.deepEqual(lines, [], `${state}: axe violations`);
}

test('axe with a point focused, in forced colors (lines, markers and ring in system colours) and under reduced motion (nothing moves)', page('chart-keys-axe', async (p) => {
  await open(p, '?announce=1');
  await p.focus('#Chart1 .cc-chart-keys');
  await p.keyboard.press('End');
  await refresh(p);
  await audit(p, 'a point focused, after a refresh');

  await p.emulateMedia({ forcedColors: 'active' });
  assert.equal(await p.evaluate(() => matchMedia('(forced-colors: active)').matches), true);
  const colours = await p.evaluate(() => {
    const probe = document.createElement('span');
    document.body.appendChild(probe);
    const system = (name) => { probe.style.color = name; return getComputedStyle(probe).color; };
    const result = {
      canvasText: system('CanvasText'),
      highlight: system('Highlight'),
      lines: [...document.querySelectorAll('#Chart1 .cc-chart-line')].map((l) => getComputedStyle(l).stroke),
      markers: [...document.querySelectorAll('#Chart1 .cc-chart-markers')].map((m) => getComputedStyle(m).fill),
      ring: getComputedStyle(document.querySelector('#Chart1 .cc-chart-focus-ring')).stroke,
      text: [...new Set([...document.querySelectorAll('#Chart1 svg text')].map((t) => getComputedStyle(t).fill))],
    };
    probe.remove();
    return result;
  });
  assert.deepEqual(colours.lines, [colours.canvasText, colours.canvasText], 'every line in the text colour');
  assert.deepEqual(colours.markers, [colours.canvasText, colours.canvasText]);
  assert.equal(colours.ring, colours.highlight, 'the ring in the highlight colour');
  assert.deepEqual(colours.text, [colours.canvasText]);
  await audit(p, 'forced colors, a point focused');

  await p.emulateMedia({ forcedColors: 'none', reducedMotion: 'reduce' });
  await p.keyboard.press('Home');
  await p.keyboard.press('ArrowRight');
  assert.deepEqual(await p.evaluate(() => document.getAnimations().map((a) => a.constructor.name)), [], 'no animation or transition runs');
  const durations = await p.$$eval('#Chart1 .cc-chart-keys, #Chart1 .cc-chart-keys *', (all) => [...new Set(all.map((el) => getComputedStyle(el).transitionDuration + '/' + getComputedStyle(el).animationName))]);
  assert.deepEqual(durations, ['0s/none']);
  await audit(p, 'reduced motion, a point focused');
}));
