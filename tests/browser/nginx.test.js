'use strict';
// The real Linux deployment in a real browser: the test site behind nginx with two FastCGI back
// ends over Unix sockets (samples/nginx/run.sh), in Chromium; every test runs twice, once with
// fastcgi-mono-server4 and once with the dev host's FastCGI mode as the back ends.
// nginx adds X-Upstream (the back end's socket) to every reply it got from Mono, so the test can
// see round robin at work and that a page rendered by one back end calls back into the other.
// Skipped, with the reason, where nginx or fastcgi-mono-server4 is not installed.
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startNginxHost, nginxMissing, launchBrowser, browserTest } = require('./harness');

const skip = nginxMissing() || false;
const BACKENDS = { mono: 'fastcgi-mono-server4', devhost: 'the dev host (--fastcgi)' };

for (const [backend, label] of Object.entries(BACKENDS)) {
  describe(`nginx + ${label}`, () => suite(backend));
}

function suite(backend) {
let host;
let context;
const basePage = browserTest(() => context);
const page = (name, body) => basePage(`${backend}-${name}`, body);

before(async () => {
  if (skip) return;
  host = await startNginxHost('tests/TestSite', { backends: 2, backend });
  context = await launchBrowser();
});

after(async () => {
  if (context) await context.close();
  if (host) await host.stop();
});

async function openEcho(p) {
  const response = await p.goto(host.url + 'Echo.aspx');
  assert.equal(response.status(), 200);
  await p.waitForFunction(() => window.CallbackControls && window.Echo && window.Echo.callback);
}

/** Records the X-Upstream header of every callback POST the page makes. */
function recordUpstreams(p) {
  const upstreams = [];
  p.on('response', (r) => {
    if (r.request().method() === 'POST') upstreams.push(r.headers()['x-upstream'] || '(none)');
  });
  return upstreams;
}

test('Mono serves the runtime through WebResource.axd; nginx serves static files and hides the rest', { skip }, page('nginx-files', async (p) => {
  const replies = [];
  p.on('response', (r) => replies.push(r));
  await openEcho(p);
  const runtime = replies.find((r) => r.url().includes('/WebResource.axd'));
  assert.ok(runtime, 'the page loaded a script from WebResource.axd');
  assert.equal(runtime.status(), 200);
  assert.match(runtime.headers()['content-type'], /javascript/);
  assert.match(runtime.headers()['x-upstream'] || '', /backend-[12]\.sock$/, 'WebResource.axd came from Mono');
  assert.match(await runtime.text(), /CallbackControls/);
  // Only the back end that rendered the page knows this URL so far (this test runs first);
  // nginx retries a 404 from WebResource.axd on the next back end, so every fetch succeeds.
  for (let i = 0; i < 4; i += 1) {
    const again = await p.request.get(runtime.url());
    assert.equal(again.status(), 200, `fetch ${i + 1} via ${again.headers()['x-upstream']}`);
  }

  const hooks = replies.find((r) => r.url().endsWith('/hooks.js'));
  assert.equal(hooks.status(), 200);
  assert.equal(hooks.headers()['x-upstream'], undefined, 'a static .js file is served by nginx itself');

  for (const hidden of ['Web.config', 'Hidden/Web.config', 'bin/CallbackControls.dll', 'BIN/TestSite.dll', 'EchoBox.ascx', 'TestSite.csproj']) {
    const r = await p.request.get(host.url + hidden);
    assert.equal(r.status(), 404, hidden);
  }
}));

test('repeated calls through nginx all answer, and both back ends serve them', { skip }, page('nginx-calls', async (p) => {
  await openEcho(p);
  const upstreams = recordUpstreams(p);
  const results = [];
  for (let i = 0; i < 8; i += 1) results.push(await p.evaluate(() => Echo.callback('x')));
  assert.deepEqual(results, Array(8).fill('echo:x'));
  assert.equal(upstreams.length, 8);
  assert.ok(upstreams.every((u) => /^unix:.*backend-[12]\.sock$/.test(u)), `upstreams: ${upstreams.join(', ')}`);
  assert.equal(new Set(upstreams).size, 2, `both back ends answered: ${upstreams.join(', ')}`);
  assert.deepEqual(p.pageErrors, []);
}));

test('ViewState rendered by one back end is accepted by the other (shared machineKey)', { skip }, page('nginx-viewstate', async (p) => {
  await openEcho(p);
  const upstreams = recordUpstreams(p);
  const results = [];
  // PostFullForm posts __VIEWSTATE and __EVENTVALIDATION from the first render.
  for (let i = 0; i < 4; i += 1) results.push(await p.evaluate(() => FullForm.callback('viewstate')));
  assert.deepEqual(results, Array(4).fill('viewstate:from-first-render'));
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
  const upstreams = recordUpstreams(p);
  const countries = [['fr', 'Île-de-France'], ['jp', '関東'], ['none', 'Empty region'], ['xx', '<script>window.pwned=1</script>']];
  for (const [country, firstRegion] of countries) {
    await p.selectOption('#Country', country);
    await p.waitForFunction((text) => {
      const options = document.querySelectorAll('#Region option');
      return options.length > 1 && options[1].textContent === text;
    }, firstRegion);
  }
  assert.equal(upstreams.length, countries.length);
  assert.equal(new Set(upstreams).size, 2, `cascading calls on both back ends: ${upstreams.join(', ')}`);

  // Chart: the timer refreshes it by callback; each refresh may land on either back end.
  await p.goto(host.url + 'Chart.aspx?frequency=200');
  await p.waitForFunction(() => window.Chart1 && window.Chart1.callback);
  const chartUpstreams = recordUpstreams(p);
  await p.waitForFunction(() => /Refresh [1-9]/.test(document.querySelector('#Chart1 svg title').textContent), null, { timeout: 15000 });
  const started = Date.now();
  while (chartUpstreams.length < 6 && Date.now() - started < 15000) await p.waitForTimeout(100);
  assert.ok(chartUpstreams.length >= 6, `chart refreshed ${chartUpstreams.length} times`);
  assert.equal(new Set(chartUpstreams).size, 2, `chart refreshes on both back ends: ${chartUpstreams.join(', ')}`);
  assert.deepEqual(p.pageErrors, []);
}));

test('page methods answer on either back end: the token of a page rendered by one is valid on the other', { skip }, page('nginx-page-methods', async (p) => {
  const upstreams = recordUpstreams(p);
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
  assert.equal(new Set(upstreams).size, 2, `calls reached both back ends: ${upstreams.join(', ')}`);
}));

async function scaleOut(t, backends) {
  const { execFileSync } = require('node:child_process');
  const own = await startNginxHost('tests/TestSite', { backends, backend, env: { SURVIVE_BACKEND_EXIT: '1' } });
  t.after(() => own.stop());
  const p = await context.newPage();
  t.after(() => p.close());
  const upstreams = recordUpstreams(p);
  await p.goto(own.url + 'FastPath.aspx');
  await p.waitForFunction(() => window.EchoCall && window.Region);
  const before = await p.evaluate(async (n) => {
    const out = [];
    for (let i = 0; i < 2 * n; i += 1) out.push((await EchoCall.callback('a' + i)).echo);
    return out;
  }, backends);
  assert.deepEqual(before, Array.from({ length: 2 * backends }, (_, i) => 'a' + i));
  assert.equal(new Set(upstreams).size, backends, 'every back end served');
  // The socket path nginx reports names the back end; its process has it on its command line.
  const victim = upstreams[0].replace(/^unix:/, '');
  execFileSync('pkill', ['-KILL', '-f', `unix:${victim}`]);
  // Gone, not dying: a call already accepted by the dying process is "in flight on it" and may fail.
  const alive = () => { try { execFileSync('pgrep', ['-f', `unix:${victim}`]); return true; } catch { return false; } };
  while (alive()) await new Promise((resolve) => setTimeout(resolve, 50));
  upstreams.length = 0;
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
}
