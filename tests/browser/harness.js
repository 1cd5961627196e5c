'use strict';
// Shared set-up of the browser tests: start a site on the dev host, start Debian's Chromium,
// and keep a screenshot of every page whose test failed.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const CONFIGURATION = process.env.CONFIGURATION || 'Debug';
const DEVHOST = path.join(ROOT, 'src', 'CallbackControls.DevHost', 'bin', CONFIGURATION, 'net472', 'CallbackControls.DevHost.exe');
const SCREENSHOTS = path.join(ROOT, '.tmp', 'screenshots');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the dev host on a free loopback port for a site folder and waits until it answers.
 * @param {string} siteDir the physical folder of the site (relative to the repository root)
 * @returns {Promise<{url: string, stop: () => Promise<void>, process: import('child_process').ChildProcess}>}
 */
async function startDevHost(siteDir) {
  const urlFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cc-host-')), 'url');
  const child = spawn('mono', [DEVHOST, '--site', path.join(ROOT, siteDir), '--port', '0', '--quiet', '--url-file', urlFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const deadline = Date.now() + 60000;
  while (!fs.existsSync(urlFile) || fs.readFileSync(urlFile, 'utf8').trim() === '') {
    if (child.exitCode !== null) throw new Error(`dev host exited (${child.exitCode}): ${output}`);
    if (Date.now() > deadline) { child.kill(); throw new Error(`dev host did not start: ${output}`); }
    await sleep(100);
  }
  const url = fs.readFileSync(urlFile, 'utf8').trim().replace(/\/?$/, '/');
  return {
    url,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(10000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** Starts headless Chromium with a fresh profile; flags keep it off the closed network. */
async function launchBrowser() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  return context;
}

/**
 * Opens a page that records console errors and uncaught exceptions, and saves a screenshot
 * when the test using it fails.
 */
async function openPage(context, t) {
  const page = await context.newPage();
  page.consoleErrors = [];
  page.pageErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => page.pageErrors.push(String(e)));
  if (t && typeof t.after === 'function') {
    t.after(async () => { await page.close().catch(() => {}); });
  }
  page.screenshotOnFailure = async (name) => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name.replace(/[^\w.-]+/g, '_')}.png`), fullPage: true }).catch(() => {});
  };
  return page;
}

/**
 * Wraps a test body: on failure it saves a screenshot of the page before rethrowing.
 * @param {() => import('playwright-core').BrowserContext} getContext
 */
function browserTest(getContext) {
  return (name, body) => async (t) => {
    const page = await openPage(getContext(), t);
    try {
      await body(page, t);
    } catch (err) {
      await page.screenshotOnFailure(name || t.name);
      throw err;
    }
  };
}

module.exports = { ROOT, startDevHost, launchBrowser, openPage, browserTest, sleep };
