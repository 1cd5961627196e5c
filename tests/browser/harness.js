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
 * Starts a host process that writes its base URL to a file once it answers, and waits for that file.
 * The one way every host of the tests is started and stopped.
 * @param {{name: string, command: string, args: (urlFile: string) => string[], startSeconds: number, stopSeconds: number}} spec
 * @returns {Promise<{url: string, stop: () => Promise<void>, output: () => string, process: import('child_process').ChildProcess}>}
 */
async function startHostProcess({ name, command, args, startSeconds, stopSeconds, env }) {
  const urlFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cc-host-')), 'url');
  const child = spawn(command, args(urlFile), { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const running = () => child.exitCode === null && child.signalCode === null;
  async function stop() {
    if (running()) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      let timer; // cleared: a pending timer would keep node (and the test run) alive
      await Promise.race([exited, new Promise((resolve) => { timer = setTimeout(resolve, stopSeconds * 1000); })]);
      clearTimeout(timer);
      if (running()) child.kill('SIGKILL');
    }
    fs.rmSync(path.dirname(urlFile), { recursive: true, force: true });
  }
  const deadline = Date.now() + startSeconds * 1000;
  while (!fs.existsSync(urlFile) || fs.readFileSync(urlFile, 'utf8').trim() === '') {
    const failure = !running() ? `${name} exited (${child.exitCode})`
      : Date.now() > deadline ? `${name} did not start within ${startSeconds} s` : '';
    if (failure) {
      await stop();
      throw new Error(`${failure}: ${output}`);
    }
    await sleep(100);
  }
  const url = fs.readFileSync(urlFile, 'utf8').trim().replace(/\/?$/, '/');
  return { url, process: child, output: () => output, stop };
}

/**
 * Starts the dev host on a loopback port for a site folder and waits until it answers.
 * @param {string} siteDir the physical folder of the site (relative to the repository root)
 * @param {number} [port] the port (a free one when 0 or absent): a test restarting the server gives the same one
 */
function startDevHost(siteDir, port = 0) {
  return startHostProcess({
    name: 'dev host',
    command: 'mono',
    args: (urlFile) => [DEVHOST, '--site', path.join(ROOT, siteDir), '--port', String(port), '--quiet', '--url-file', urlFile],
    startSeconds: 60,
    stopSeconds: 10,
  });
}

const NGINX_RUN = path.join(ROOT, 'samples', 'nginx', 'run.sh');

/** Why the nginx deployment cannot run here (nginx or fastcgi-mono-server4 missing), or '' when it can. */
function nginxMissing() {
  const onPath = (name) => (process.env.PATH || '').split(path.delimiter).concat(['/usr/sbin', '/usr/bin'])
    .some((dir) => { try { fs.accessSync(path.join(dir, name), fs.constants.X_OK); return true; } catch { return false; } });
  const missing = ['nginx', 'fastcgi-mono-server4'].filter((name) => !onPath(name));
  return missing.length ? `not installed: ${missing.join(', ')} (./build.sh nginx installs them)` : '';
}

/** A loopback port that was free a moment ago (nginx cannot report a port it picked itself). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = require('node:net').createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
  });
}

/**
 * Starts a site behind nginx + fastcgi-mono-server4 (samples/nginx/run.sh) on a free loopback port
 * and waits until it answers. Same shape as startDevHost.
 * @param {string} siteDir the physical folder of the site (relative to the repository root)
 * @param {{backends?: number, env?: object}} [options] how many fastcgi-mono-server4 processes (default 1);
 *   environment for samples/nginx/run.sh (SURVIVE_BACKEND_EXIT=1 keeps serving when a back end dies)
 */
/**
 * Starts samples/nginx/run.sh on a site: nginx in front of `backends` FastCGI back ends, each
 * fastcgi-mono-server4 (`backend: 'mono'`) or the dev host's FastCGI mode (`backend: 'devhost'`).
 */
async function startNginxHost(siteDir, { backends = 1, backend = 'mono', env = {} } = {}) {
  // The port is free when picked but could be taken before nginx binds it: try another then.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startNginxHostOn(await freePort(), siteDir, backends, backend, env);
    } catch (err) {
      if (attempt >= 3 || !/port \d+ is in use/.test(err.message)) throw err;
    }
  }
}

function startNginxHostOn(port, siteDir, backends, backend, env) {
  return startHostProcess({
    name: 'nginx/run.sh',
    command: NGINX_RUN,
    args: (urlFile) => ['--url-file', urlFile, '--backend', backend, path.join(ROOT, siteDir), String(port), String(backends)],
    startSeconds: 90,
    // run.sh stops nginx and every back end on SIGTERM; it waits up to 10 s for them itself.
    stopSeconds: 20,
    env: { DEVHOST_EXE: DEVHOST, ...env },
  });
}

/** Why Redis cannot run here ('' when it can): ./build.sh test installs redis-server. */
function redisMissing() {
  try {
    require('node:child_process').execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return '';
  } catch {
    return 'redis-server is not installed (./build.sh test installs it)';
  }
}

/**
 * Starts a throwaway redis-server on a loopback port (a free one when 0), keeping nothing on disk, and waits
 * until it answers PING. stop() ends it; start it again on the same port to see clients reconnect.
 */
async function startRedis(port = 0) {
  const net = require('node:net');
  const chosen = port || await freePort();
  const child = spawn('redis-server', ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const ping = () => new Promise((resolve) => {
    const socket = net.connect(chosen, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.on('data', (d) => { socket.destroy(); resolve(String(d).startsWith('+PONG')); });
    socket.on('error', () => resolve(false));
  });
  for (let i = 0; !(await ping()); i += 1) {
    if (child.exitCode !== null || i > 100) throw new Error('redis-server did not start: ' + output);
    await sleep(50);
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { port: chosen, address: '127.0.0.1:' + chosen, stop };
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

/**
 * Registers the usual set-up of a browser test file: one site on the dev host and one Chromium for
 * every test of the file, both stopped after the last test.
 * @param {string} siteDir the site folder, relative to the repository root
 * @returns {{host: () => object, context: () => object, page: ReturnType<typeof browserTest>}}
 */
function useDevHostSite(siteDir) {
  const { before, after } = require('node:test');
  let host;
  let context;
  before(async () => {
    host = await startDevHost(siteDir);
    context = await launchBrowser();
  });
  after(async () => {
    if (context) await context.close();
    if (host) await host.stop();
  });
  return { host: () => host, context: () => context, page: browserTest(() => context) };
}

/** Text of an HTML attribute value as the server wrote it (the entities ASP.NET's writer uses). */
const decodeHtml = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * The client options of every CallbackControls control in a rendered page, by callbackId (the
 * control's UniqueID): each holds the token its calls carry in X-CallbackControls-Token.
 * @param {string} html the page
 * @returns {Object<string, object>}
 */
function controlOptions(html) {
  const controls = {};
  for (const [, raw] of html.matchAll(/data-cc-options="([^"]*)"/g)) {
    const options = JSON.parse(decodeHtml(raw));
    controls[options.callbackId] = options;
  }
  return controls;
}

module.exports = {
  controlOptions, decodeHtml,
  useDevHostSite, ROOT, startDevHost, startNginxHost, nginxMissing, freePort, startRedis, redisMissing, launchBrowser, openPage, browserTest, sleep };
