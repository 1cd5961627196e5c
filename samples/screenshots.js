'use strict';
// Pictures of the samples: the home page gallery's thumbnails (samples/CallbackControls.Sample/images)
// and the README's screenshots (docs/images), taken in Chromium from the sample site on the dev host,
// each after the interaction its sample is about. Run after a build; commit the pictures it writes.
//   node samples/screenshots.js
const fs = require('node:fs');
const path = require('node:path');
const harness = require('../tests/browser/harness.js');

const ROOT = path.resolve(__dirname, '..');
const THUMBS = path.join(ROOT, 'samples', 'CallbackControls.Sample', 'images');
const DOCS = path.join(ROOT, 'docs', 'images');

/** What to do on each sample before its picture is taken. */
const SAMPLES = {
  CallbackDemo: async (p) => { await p.click('#LookUp'); await p.waitForFunction(() => document.getElementById('Answer').textContent !== ''); },
  Cascading: async (p) => {
    await p.selectOption('#Country', 'FR');
    await p.waitForFunction(() => document.querySelectorAll('#Region option').length > 10);
    await p.selectOption('#Region', 'FR-IDF');
    await p.waitForFunction(() => document.querySelectorAll('#City option').length > 100);
    await p.selectOption('#City', { label: 'Paris' });
  },
  CountryCities: async (p) => {
    await p.selectOption('#Country', 'US');
    await p.waitForFunction(() => document.querySelectorAll('#Cities option').length > 50);
  },
  SqlDataSource: async (p) => {
    await p.selectOption('#Country', 'JP');
    await p.waitForFunction(() => document.querySelectorAll('#Region option').length > 10);
  },
  UpdatePanel: async (p) => { await p.waitForTimeout(2500); },
  LiveMetrics: async (p) => { await p.waitForTimeout(4500); },
  PushDashboard: async (p) => {
    await p.waitForFunction(() => window.CallbackControls.push && window.CallbackControls.push.available && window.CallbackControls.push.lastId);
    await p.click('#PlaceTen');
    await p.waitForFunction(() => /orders/.test(document.getElementById('Latest').textContent));
    await p.waitForTimeout(1000);
  },
  ChartRanges: async (p) => { await p.click('button[data-range="5m"]'); await p.waitForTimeout(1500); },
  ChartHooks: async (p) => { await p.waitForTimeout(3500); },
};

(async () => {
  fs.mkdirSync(THUMBS, { recursive: true });
  fs.mkdirSync(DOCS, { recursive: true });
  const host = await harness.startDevHost('samples/CallbackControls.Sample');
  const context = await harness.launchBrowser();
  try {
    const p = await context.newPage();
    await p.setViewportSize({ width: 1280, height: 800 });
    for (const [name, act] of Object.entries(SAMPLES)) {
      await p.goto(host.url + name + '.aspx');
      await act(p);
      // The live part only: the page's form, at a gallery card's proportions.
      const form = await p.$('form');
      const box = await form.boundingBox();
      const clip = { x: box.x, y: box.y, width: Math.min(box.width, 800), height: Math.min(box.height, 500) };
      await p.screenshot({ path: path.join(THUMBS, name + '.png'), clip });
      if (name === 'Cascading' || name === 'LiveMetrics') await p.screenshot({ path: path.join(DOCS, 'sample-' + name.toLowerCase() + '.png') });
      console.log('took', name);
    }
    await p.goto(host.url);
    await p.waitForFunction(() => [...document.images].every((i) => i.complete));
    await p.screenshot({ path: path.join(DOCS, 'sample-home.png') });
  } finally {
    await context.close();
    await host.stop();
  }
})().catch((e) => { console.error(e); process.exit(1); });
