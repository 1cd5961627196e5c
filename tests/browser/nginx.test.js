'use strict';
// The real Linux deployment in a real browser: the test site behind nginx with two fastcgi-mono-server4
// back ends over Unix sockets (samples/nginx/run.sh, its configuration as shipped), in Chromium.
// No reply says which back end answered (a header saying so would tell every client how the servers
// are laid out): nginx's access log does (upstream=unix:...backend-N.sock), and these tests read it
// to see round robin at work and that a page rendered by one back end calls back into the other.
// Skipped, with the reason, where nginx or fastcgi-mono-server4 is not installed.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { startNginxHost, nginxMissing, launchBrowser, browserTest, sleep } = require('./harness');

const skip = nginxMissing() || false;

let host;
let context;
const page = browserTest(() => context);

before(async () => {
  if (skip) return;
  host = await startNginxHost('tests/TestSite', { backends: 2 });
  context = await launchBrowser();
});

after(async () => {
  if (context) await context.close();
  if (host) await host.stop();
});

/** The access log of a host started by run.sh (it prints "logs: DIR"), one entry per request. */
async function accessLog(h) {
  let found;
  for (let i = 0; i < 50 && !(found = /^logs: (.+)$/m.exec(h.output())); i += 1) await sleep(100);
  assert.ok(found, `run.sh printed where its logs are: ${h.output()}`);
  const file = path.join(found[1].trim(), 'access.log');
  const read = () => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => {
    // upstream= lists every back end tried, "unix:a, unix:b", when nginx asked the next one.
    const m = /"(\S+) (\S+) [^"]*" (\d{3}) .* upstream=(.+)$/.exec(line);
    return m ? { method: m[1], uri: m[2], status: Number(m[3]), upstream: m[4] } : { method: '', uri: '', status: 0, upstream: '', line };
  });
  /** Waits (a bounded number of short polls) until at least `count` entries are logged after `mark`: nginx writes a line just after its reply. */
  const settle = async (mark, count) => {
    for (let i = 0; i < 100 && read().length - mark < count; i += 1) await sleep(20);
    return read().slice(mark);
  };
  return { dir: path.dirname(file), read, mark: () => read().length, settle };
}

/**
 * The back ends (socket paths, "unix:...") that answered the POSTs logged after `mark`, once at least
 * `count` are logged (nginx writes the line just after the reply, so it may trail the browser by a moment).
 */
async function postUpstreams(log, mark, count = 1) {
  let posts = [];
  for (let i = 0; i < 40; i += 1) {
    posts = log.read().slice(mark).filter((e) => e.method === 'POST');
    if (posts.length >= count) break;
    await sleep(50);
  }
  return posts.map((e) => e.upstream);
}

/** A request sent as written: no client normalizes its path (%2e, //, a trailing dot stay). */
function rawGet(base, rawPath, headers = {}) {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: rawPath, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function openEcho(p) {
  const response = await p.goto(host.url + 'Echo.aspx');
  assert.equal(response.status(), 200);
  await p.waitForFunction(() => window.CallbackControls && window.Echo && window.Echo.callback);
}

test('Mono serves the runtime through WebResource.axd; nginx serves static files and hides the rest', { skip }, page('nginx-files', async (p) => {
  const log = await accessLog(host);
  const mark = log.mark();
  const replies = [];
  p.on('response', (r) => replies.push(r));
  await openEcho(p);
  const runtime = replies.find((r) => r.url().includes('/WebResource.axd'));
  assert.ok(runtime, 'the page loaded a script from WebResource.axd');
  assert.equal(runtime.status(), 200);
  assert.match(runtime.headers()['content-type'], /javascript/);
  // The page's own request and the runtime's are both logged before the log is read.
  await log.settle(mark, 2);
  const axd = log.read().filter((e) => e.uri.startsWith('/WebResource.axd'));
  assert.ok(axd.length && axd.every((e) => /backend-[12]\.sock$/.test(e.upstream)), `WebResource.axd came from Mono: ${JSON.stringify(axd)}`);
  assert.match(await runtime.text(), /CallbackControls/);
  // Only the back end that rendered the page knows this URL so far (this test runs first);
  // nginx retries a 404 from WebResource.axd on the next back end, so every fetch succeeds.
  for (let i = 0; i < 4; i += 1) {
    const again = await p.request.get(runtime.url());
    assert.equal(again.status(), 200, `fetch ${i + 1}`);
  }

  const hooks = replies.find((r) => r.url().endsWith('/hooks.js'));
  assert.equal(hooks.status(), 200);
  const hooksLogged = log.read().filter((e) => e.uri === '/hooks.js');
  assert.ok(hooksLogged.length && hooksLogged.every((e) => e.upstream === '-'), `a static .js file is served by nginx itself: ${JSON.stringify(hooksLogged)}`);

  for (const hidden of ['Web.config', 'Hidden/Web.config', 'bin/CallbackControls.dll', 'BIN/TestSite.dll', 'EchoBox.ascx', 'TestSite.csproj']) {
    const r = await p.request.get(host.url + hidden);
    assert.equal(r.status(), 404, hidden);
  }
}));

test('repeated calls through nginx all answer, and both back ends serve them', { skip }, page('nginx-calls', async (p) => {
  await openEcho(p);
  const log = await accessLog(host);
  const mark = log.mark();
  const results = [];
  for (let i = 0; i < 8; i += 1) results.push(await p.evaluate(() => Echo.callback('x')));
  assert.deepEqual(results, Array(8).fill('echo:x'));
  const upstreams = await postUpstreams(log, mark, 8);
  assert.equal(upstreams.length, 8);
  assert.ok(upstreams.every((u) => /^unix:.*backend-[12]\.sock$/.test(u)), `upstreams: ${upstreams.join(', ')}`);
  assert.equal(new Set(upstreams).size, 2, `both back ends answered: ${upstreams.join(', ')}`);
  assert.deepEqual(p.pageErrors, []);
}));

test('a chart that keeps its points grows tick by tick while the ticks land on both back ends (no shared memory)', { skip }, page('nginx-kept-points', async (p) => {
  const log = await accessLog(host);
  const mark = log.mark();
  await p.goto(host.url + 'Migration/LiveChart.aspx');
  const count = () => p.$$eval('#Chart1 .cc-chart-markers circle', (c) => c.length);
  assert.equal(await count(), 1);
  // Each tick adds one reading to the points the last reply kept, whichever back end answers it.
  for (let n = 2; n <= 5; n += 1) {
    await p.waitForFunction((want) => document.querySelectorAll('#Chart1 .cc-chart-markers circle').length === want, n, { timeout: 15000 });
  }
  const upstreams = await postUpstreams(log, mark, 4);
  assert.equal(new Set(upstreams).size, 2, `both back ends answered ticks: ${upstreams.join(', ')}`);
  assert.deepEqual(p.pageErrors, []);
}));

test('ViewState rendered by one back end is accepted by the other (shared machineKey)', { skip }, page('nginx-viewstate', async (p) => {
  await openEcho(p);
  const log = await accessLog(host);
  const mark = log.mark();
  const results = [];
  // PostFullForm posts __VIEWSTATE and __EVENTVALIDATION from the first render.
  for (let i = 0; i < 4; i += 1) results.push(await p.evaluate(() => FullForm.callback('viewstate')));
  assert.deepEqual(results, Array(4).fill('viewstate:from-first-render'));
  const upstreams = await postUpstreams(log, mark, 4);
  assert.equal(new Set(upstreams).size, 2, `both back ends answered: ${upstreams.join(', ')}`);
}));

test('hooks run in the documented order behind nginx', { skip }, page('nginx-hooks-order', async (p) => {
  await openEcho(p);
  await p.evaluate(() => Echo.callback('order'));
  assert.deepEqual(await p.evaluate(() => TestHooks.log),
    ['before:order', 'after:order:200', 'beforeResponse:"echo:order"', 'afterResponse:"echo:order"']);
}));

test('cascading and chart callbacks succeed on both back ends in turn', { skip }, page('nginx-controls', async (p) => {
  // Cascading: every change of the country is a callback; round robin spreads them over both back ends.
  await p.goto(host.url + 'Cascading.aspx');
  await p.waitForFunction(() => window.Region && window.Region.list);
  const log = await accessLog(host);
  let mark = log.mark();
  const countries = [['fr', 'Île-de-France'], ['jp', '関東'], ['none', 'Empty region'], ['xx', '<script>window.pwned=1</script>']];
  for (const [country, firstRegion] of countries) {
    await p.selectOption('#Country', country);
    await p.waitForFunction((text) => {
      const options = document.querySelectorAll('#Region option');
      return options.length > 1 && options[1].textContent === text;
    }, firstRegion);
  }
  const upstreams = await postUpstreams(log, mark, countries.length);
  assert.equal(upstreams.length, countries.length);
  assert.equal(new Set(upstreams).size, 2, `cascading calls on both back ends: ${upstreams.join(', ')}`);

  // Chart: the timer refreshes it by callback; each refresh may land on either back end.
  await p.goto(host.url + 'Chart.aspx?frequency=200');
  await p.waitForFunction(() => window.Chart1 && window.Chart1.callback);
  mark = log.mark();
  await p.waitForFunction(() => /Refresh [1-9]/.test(document.querySelector('#Chart1 svg title').textContent), null, { timeout: 15000 });
  const started = Date.now();
  let chartUpstreams = [];
  while (chartUpstreams.length < 6 && Date.now() - started < 15000) {
    chartUpstreams = log.read().slice(mark).filter((e) => e.method === 'POST').map((e) => e.upstream);
    await p.waitForTimeout(100);
  }
  assert.ok(chartUpstreams.length >= 6, `chart refreshed ${chartUpstreams.length} times`);
  assert.equal(new Set(chartUpstreams).size, 2, `chart refreshes on both back ends: ${chartUpstreams.join(', ')}`);
  assert.deepEqual(p.pageErrors, []);
}));

test('page methods answer on either back end: the token of a page rendered by one is valid on the other', { skip }, page('nginx-page-methods', async (p) => {
  const log = await accessLog(host);
  const mark = log.mark();
  await p.goto(host.url + 'FastPath.aspx');
  await p.waitForFunction(() => window.Region && window.EchoCall);
  const answers = await p.evaluate(async () => {
    const results = [];
    for (let i = 0; i < 4; i += 1) results.push((await EchoCall.callback('n' + i)).echo);
    return results;
  });
  assert.deepEqual(answers, ['n0', 'n1', 'n2', 'n3']);
  await p.selectOption('#Country', 'fr');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 3);
  const upstreams = await postUpstreams(log, mark, 5);
  assert.equal(new Set(upstreams).size, 2, `calls reached both back ends: ${upstreams.join(', ')}`);
}));

async function scaleOut(t, backends) {
  const own = await startNginxHost('tests/TestSite', { backends, env: { SURVIVE_BACKEND_EXIT: '1' } });
  t.after(() => own.stop());
  const p = await context.newPage();
  t.after(() => p.close());
  const log = await accessLog(own);
  let mark = log.mark();
  await p.goto(own.url + 'FastPath.aspx');
  await p.waitForFunction(() => window.EchoCall && window.Region);
  const before = await p.evaluate(async (n) => {
    const out = [];
    for (let i = 0; i < 2 * n; i += 1) out.push((await EchoCall.callback('a' + i)).echo);
    return out;
  }, backends);
  assert.deepEqual(before, Array.from({ length: 2 * backends }, (_, i) => 'a' + i));
  let upstreams = await postUpstreams(log, mark, 2 * backends);
  assert.equal(new Set(upstreams).size, backends, 'every back end served');
  // The socket path nginx reports names the back end; its process has it on its command line.
  const victim = upstreams[0].replace(/^unix:/, '');
  execFileSync('pkill', ['-KILL', '-f', `unix:${victim}`]);
  // Gone, not dying: a call already accepted by the dying process is "in flight on it" and may fail.
  const alive = () => { try { execFileSync('pgrep', ['-f', `unix:${victim}`]); return true; } catch { return false; } };
  while (alive()) await new Promise((resolve) => setTimeout(resolve, 50));
  mark = log.mark();
  // Page methods, a default-path chain and a plain callback: all answered, by the survivors.
  const after = await p.evaluate(async () => {
    const out = [];
    for (let i = 0; i < 6; i += 1) out.push(await EchoCall.callback('b' + i).then((r) => r.echo, (e) => 'failed: ' + e.kind + ' ' + e.status + ' ' + e.message));
    return out;
  });
  // A call nginx had already handed to the dying process is lost with it (nginx never resends a POST
  // it sent): it reports an error the user sees, and the same call made again succeeds. Every other
  // call is answered by the survivor (nginx skips a socket nobody listens on by itself).
  const lost = after.filter((answer) => answer.startsWith('failed'));
  assert.ok(lost.length <= 1, after.join(', '));
  for (const failure of lost) assert.match(failure, /^failed: (http 502|network)/);
  if (lost.length) assert.equal(await p.evaluate(() => EchoCall.callback('again').then((r) => r.echo)), 'again', 'the lost call, retried');
  assert.deepEqual(after.filter((answer) => !answer.startsWith('failed')), ['b0', 'b1', 'b2', 'b3', 'b4', 'b5'].filter((_, i) => !after[i].startsWith('failed')));
  await p.selectOption('#Country', 'jp');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 2);
  await p.goto(own.url + 'Cascading.aspx');
  await p.waitForFunction(() => window.Region && window.Region.list);
  await p.selectOption('#Country', 'fr');
  await p.waitForFunction(() => document.querySelectorAll('#Region option').length === 3);
  upstreams = await postUpstreams(log, mark, 7);
  assert.ok(upstreams.length >= 7, upstreams.join(', '));
  assert.ok(upstreams.filter((u) => u === `unix:${victim}`).length <= lost.length, 'nothing but the lost call went to the dead back end alone');
}

for (const backends of [2, 4]) {
  test(`scale out, ${backends} back ends: one killed in the middle of use loses at most the call in flight on it; every other call is answered by the survivors`, { skip }, (t) => scaleOut(t, backends));
}

test('a large chart reply comes through nginx gzipped by the library, once, and draws', { skip }, page('nginx-gzip', async (p) => {
  await p.goto(host.url + 'ChartPerf.aspx');
  await p.waitForFunction(() => window.Chart1 && typeof window.Chart1.callback === 'function');
  await p.evaluate(() => { window.__firstSvg = document.querySelector('#Chart1 svg'); });
  const replied = p.waitForResponse((r) => r.request().method() === 'POST' && /ChartPerf\.aspx/.test(r.url()));
  await p.evaluate(() => window.Chart1.callback('points=1000000;decimate=1;tips=1'));
  const response = await replied;
  const wireBytes = (await response.request().sizes()).responseBodySize;
  assert.equal(response.headers()['content-encoding'], 'gzip');
  assert.ok(wireBytes <= 15 * 1024, `${wireBytes} bytes on the wire`);
  await p.waitForFunction(() => {
    const svg = document.querySelector('#Chart1 svg');
    return svg && svg !== window.__firstSvg && svg.querySelector('g.cc-chart-series path, g.cc-chart-series polyline');
  });
  assert.deepEqual(p.pageErrors, []);
}));

// Everything below reads the configuration as shipped (samples/nginx/nginx.conf.template).

/** Paths that must never be served, in the spellings a client may try: case, %2e, %5c, a trailing dot or space, more path after it. */
const PROTECTED = [
  '/Web.config', '/web.CONFIG', '/Web.config.', '/Web.config%20', '/Web%2econfig', '/Web.config/x.aspx', '/Web.config/x.axd',
  '/Hidden/Web.config', '/Template/Web.config/',
  '/bin/TestSite.dll', '/BIN/TestSite.dll', '/%62in/TestSite.dll', '/bin%5cTestSite.dll', '/bin/x.dll/a', '/bin./TestSite.dll', '/bin', '/Rows/bin/x',
  '/App_Data/world.db', '/app_data/WORLD.DB', '/App_Data./world.db', '/App_Data%2fworld.db', '/App_Data/machineKey.config',
  '/file.db/x', '/world.DB./x.aspx', '/TestSite.pdb', '/EchoBox.ascx', '/EchoBox.ascx/x.aspx', '/Site.master', '/TestSite.csproj',
  '/ReadmeStubs.cs', '/ReadmeStubs.cs/', '/obj/project.assets.json',
  '/.git/config', '/x/.env', '/%2egit/HEAD', '/Template/.hidden',
];

test('nginx refuses every protected path and spelling with 404, without asking a back end; ordinary pages are served', { skip }, async () => {
  const log = await accessLog(host);
  const mark = log.mark();
  const wrong = [];
  for (const rawPath of PROTECTED) {
    const r = await rawGet(host.url, rawPath);
    if (r.status !== 404) wrong.push(`${rawPath}: ${r.status}`);
    if (/configuration|machineKey|MZ\x90/.test(r.body)) wrong.push(`${rawPath}: body shows the file`);
  }
  assert.deepEqual(wrong, []);
  const logged = await log.settle(mark, PROTECTED.length);
  assert.ok(logged.length >= PROTECTED.length, `every probe is logged (${logged.length} of ${PROTECTED.length})`);
  const reached = logged.filter((e) => e.upstream !== '-');
  assert.deepEqual(reached.map((e) => `${e.uri} -> ${e.upstream}`), [], 'no protected path reached a back end');
  for (const ordinary of ['/Echo.aspx', '/hooks.js', '/Rows/Lists.aspx']) {
    assert.equal((await rawGet(host.url, ordinary)).status, 200, ordinary);
  }
});

test('replies say nothing of the servers (no X-Upstream, X-AspNet-Version, X-Powered-By, version) and all carry nosniff', { skip }, async () => {
  for (const rawPath of ['/Echo.aspx', '/hooks.js', '/Web.config', '/NoSuchPage.aspx', '/Template']) {
    const r = await rawGet(host.url, rawPath);
    const where = `${rawPath} (${r.status})`;
    assert.equal(r.headers['x-upstream'], undefined, where);
    assert.equal(r.headers['x-aspnet-version'], undefined, where);
    assert.equal(r.headers['x-powered-by'], undefined, where);
    assert.equal(r.headers.server, 'nginx', where);
    assert.equal(r.headers['x-content-type-options'], 'nosniff', where);
  }
});

test('no open redirect: a path starting with // or /\\ is refused, and a folder redirect stays on the site', { skip }, async () => {
  const site = new URL(host.url);
  for (const rawPath of ['//evil.example/%2e%2e%2fimages', '//evil.example/', '//evil.example/%2e%2e', '/%2fevil.example/', '/\\evil.example/', '///evil.example/Template']) {
    const r = await rawGet(host.url, rawPath);
    const location = r.headers.location;
    if (location !== undefined) {
      const target = new URL(location, host.url);
      assert.equal(target.host, site.host, `${rawPath} -> ${r.status} Location: ${location}`);
      assert.ok(!/^[/\\]{2}/.test(location), `${rawPath} -> Location: ${location}`);
    }
    assert.notEqual(Math.floor(r.status / 100), 3, `${rawPath} answered ${r.status} Location: ${location}`);
  }
  // Mono's own redirect of a folder to its slash: to this site.
  const folder = await rawGet(host.url, '/Template');
  assert.equal(folder.status, 301);
  assert.equal(new URL(folder.headers.location, host.url).host, site.host);
});

test('a back end restarted while the other serves: every page keeps answering 200 on both (a compilation folder per back end)', { skip }, async (t) => {
  // RESTART_BACKENDS=1: run.sh starts a back end that died again, on its socket, as a service manager would.
  const own = await startNginxHost('tests/TestSite', { backends: 2, env: { RESTART_BACKENDS: '1' } });
  t.after(() => own.stop());
  const log = await accessLog(own);
  const pages = ['Echo.aspx', 'Cascading.aspx', 'Chart.aspx', 'FastPath.aspx', 'Nested.aspx', 'UpdatePanel.aspx', 'Localized.aspx',
    'Rows/Lists.aspx', 'Rows/GridView.aspx', 'Rows/Charts.aspx', 'Template/Login.aspx'];
  /** Requests a page until each back end has answered it once (round robin: two requests, a few more if another client interleaves). */
  async function onEveryBackEnd(page) {
    const answered = new Map();
    // A back end still starting is skipped by nginx for a while (its socket refused a request): keep asking.
    for (let i = 0; i < 100 && answered.size < 2; i += 1) {
      const mark = log.mark();
      const r = await rawGet(own.url, '/' + page);
      await sleep(20);
      const entry = log.read().slice(mark).find((e) => e.uri === '/' + page);
      if (entry) answered.set(entry.upstream.split(', ').pop(), r.status);
      if (answered.size < 2) await sleep(200);
    }
    assert.equal(answered.size, 2, `${page} reached both back ends: ${[...answered.keys()].join(', ')}`);
    return [...answered].map(([upstream, status]) => `${page} ${upstream.replace(/.*\//, '')} ${status}`);
  }
  // Both back ends compile the root folder's pages; then back end 1 dies and comes back.
  await onEveryBackEnd('Echo.aspx');
  const survivorFolder = path.join(path.dirname(log.dir), 'backend-2.tmp');
  const compiledBefore = execFileSync('find', [survivorFolder, '-name', 'App_Web_*.dll']).toString().split('\n').filter(Boolean);
  assert.ok(compiledBefore.length > 0, `back end 2 compiled into its own folder ${survivorFolder}`);
  const socket = path.join(path.dirname(log.dir), 'backend-1.sock');
  const pid = Number(execFileSync('pgrep', ['-f', `socket=unix:${socket}`]).toString().trim().split('\n')[0]);
  process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 300 && !/back end 1 restarted/.test(own.output()); i += 1) await sleep(100);
  assert.match(own.output(), /back end 1 restarted/);
  // Every page, the root's and the subfolders' (compiled now, by both), answers 200 on both back ends.
  const answers = [];
  for (const page of pages) answers.push(...await onEveryBackEnd(page));
  assert.deepEqual(answers.filter((a) => !a.endsWith(' 200')), [], answers.join('\n'));
  // What broke before: the restarted back end emptied the folder the other one had compiled into.
  const missing = compiledBefore.filter((file) => !fs.existsSync(file));
  assert.deepEqual(missing, [], 'the survivor keeps the assemblies it compiled');
});
