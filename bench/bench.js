'use strict';
// Drives the whole benchmark (bench/run.sh calls it; ./build.sh bench builds first):
//   host floors (a bare .ashx on the minimal host, the dev host and nginx); cascading refresh, five
//   variants x two hosts x two passes; the chart; the soak.
// Raw results go to .tmp/bench/results.json, the tables to docs/RESULTS.md (report.js).
//
// Environment:
//   BENCH_QUICK=1          a smoke run: a few seconds per measurement, short soak
//   BENCH_PARTS=floors,cascade,session,burst,find,chart,soak,push   which parts to run (default all)
//   BENCH_HOSTS=dev,nginx  which hosts the cascading part uses (default both; nginx: nginx in front of
//                          fastcgi-mono-server4)
//   BENCH_PASSES=N         passes of the cascading part (default 2)
//   BENCH_NO_WAIT=1        do not wait for a quiet machine before a full run
//   BENCH_NO_REPORT=1      leave docs/RESULTS.md alone
//   BENCH_SOAK_SECONDS=N   the soak's length (default 300; 1800 is the 30-minute soak, all measurements at once)
//   BENCH_PUSH_SECONDS=N   the push fan-out's length on each host (default 120; 600 is the 10 minutes);
//                          more push settings at the top of bench/push.js
// A run of some parts (BENCH_PARTS) keeps the other parts of the last full run in the report.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const harness = require('../tests/browser/harness.js');
const { OUT, SITE, loadAverage, sleep, log, faultsOf } = require('./common.js');
const cascade = require('./cascade.js');

const QUICK = process.env.BENCH_QUICK === '1';
const PARTS = (process.env.BENCH_PARTS || 'floors,cascade,session,burst,find,chart,soak,push').split(',');
const HOSTS = (process.env.BENCH_HOSTS || 'dev,nginx').split(',');
const PASSES = Number(process.env.BENCH_PASSES || 2);

const SETTINGS = QUICK
  ? { changes: 20, warmup: 3, turn: 5, wrkSeconds: 2, wrkSlices: 2, wrkWarmupSeconds: 1, connections: 8 }
  : { changes: 200, warmup: 10, turn: 10, wrkSeconds: 10, wrkSlices: 5, wrkWarmupSeconds: 3, connections: 8 };

/** Waits (up to 20 minutes) until the 1-minute load average is below 0.7, so other work does not skew a full run. */
async function waitForQuiet() {
  if (QUICK || process.env.BENCH_NO_WAIT === '1') return { waitedSeconds: 0, quiet: null };
  const started = Date.now();
  let load = loadAverage();
  while (load.one >= 0.7 && Date.now() - started < 20 * 60 * 1000) {
    log(`waiting for a quiet machine: 1-minute load ${load.one} (want < 0.7)`);
    await sleep(30000);
    load = loadAverage();
  }
  return { waitedSeconds: Math.round((Date.now() - started) / 1000), quiet: load.one < 0.7 };
}

function command(file, args) {
  try {
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (e) {
    return `${(e.stdout || '').trim()}${(e.stderr || '').trim()}`.trim() || 'unknown';
  }
}

function machine() {
  const pkg = (name) => command('dpkg-query', ['-W', '-f=${Version}', name]);
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0] && os.cpus()[0].model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: (fs.readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="(.*)"$/m) || [])[1],
    kernel: os.release(),
    mono: command('mono', ['--version']).split('\n')[0],
    nginx: pkg('nginx-light'),
    fastcgi: pkg('mono-fastcgi-server4'),
    wrk: pkg('wrk'),
    chromium: pkg('chromium'),
    node: process.version,
    configuration: process.env.CONFIGURATION || 'Debug',
  };
}

async function startHost(id) {
  if (id === 'dev') return harness.startDevHost(SITE);
  return harness.startNginxHost(SITE);
}

/**
 * What each host costs by itself: bench/hosting.sh's floors (wrk -t2 -c8 on a bare .ashx of the bench
 * site, every reply checked) on the reference minimal host (bench/MinimalHost: HttpListener inside the
 * ASP.NET domain, nothing else), the dev host and nginx, once per pass.
 */
function runFloors(results) {
  const seconds = QUICK ? 3 : 10;
  const hosts = { 'minimal host (reference)': 'minimal', 'dev host': 'dev', 'nginx + fastcgi-mono-server4 (1 back end)': 'nginx' };
  results.floors = { seconds, passes: [] };
  for (let pass = 1; pass <= PASSES; pass++) {
    log(`pass ${pass}: host floors, ${seconds} s each`);
    const out = execFileSync('bash', [path.join(__dirname, 'hosting.sh'), String(seconds)], {
      encoding: 'utf8', env: { ...process.env, HOSTING_PARTS: 'floors' }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    const entry = { pass, hosts: {} };
    for (const line of out.split('\n')) {
      const m = line.match(/^(.*?)\s+requests\/s=([\d.]+) p50_ms=([\d.]+) .* checked=(\d+) wrong=(\d+) errors\(connect\/read\/write\/status\/timeout\)=([\d/]+)/);
      if (!m || !hosts[m[1].trim()]) continue;
      const [connect, read, write, status, timeout] = m[6].split('/').map(Number);
      const faults = faultsOf(Number(m[5]), { connect, read, write, status, timeout });
      entry.hosts[hosts[m[1].trim()]] = { rps: Number(m[2]), p50_ms: Number(m[3]), checked: Number(m[4]), faults };
      log(`pass ${pass} floor ${hosts[m[1].trim()]}: ${m[2]} requests/s, ${faults} wrong or failed`);
    }
    if (!entry.hosts.minimal || !entry.hosts.dev) throw new Error(`bench/hosting.sh gave no floor for every host:\n${out}`);
    results.floors.passes.push(entry);
    save(results);
  }
}

/** One user's calls at once: bench/session.js on the dev host. */
async function runSession(results) {
  const host = await startHost('dev');
  try {
    results.session = await require('./session.js').run({ base: host.url, quick: QUICK });
  } finally {
    await host.stop();
  }
  save(results);
}

/** Big levels found by typing, in Chromium and with wrk, on the dev host and nginx: bench/find.js. */
async function runFind(results) {
  const hosts = {};
  const context = await harness.launchBrowser();
  try {
    for (const id of HOSTS) hosts[id] = await startHost(id);
    results.find = await require('./find.js').run({ hosts, context, quick: QUICK });
  } finally {
    await context.close();
    for (const host of Object.values(hosts)) await host.stop();
  }
  save(results);
}

/** A burst of 100 parent changes at 10 ms, in Chromium on the dev host: bench/burst.js. */
async function runBurst(results) {
  const host = await startHost('dev');
  const context = await harness.launchBrowser();
  try {
    results.burst = await require('./burst.js').run({ base: host.url, context, quick: QUICK });
  } finally {
    await context.close();
    await host.stop();
  }
  save(results);
}

async function runCascade(results) {
  const all = cascade.VARIANTS.map((v) => v.id);
  results.cascade = { settings: SETTINGS, passes: [] };
  const context = await harness.launchBrowser();
  try {
    for (let pass = 1; pass <= PASSES; pass++) {
      // The second pass runs the variants in reverse order, so a drift of the machine does not favour one.
      const order = pass % 2 === 1 ? all : [...all].reverse();
      const entry = { pass, order, hosts: {} };
      results.cascade.passes.push(entry);
      for (const hostId of HOSTS) {
        const host = await startHost(hostId);
        try {
          const truth = await cascade.loadTruth(host.url);
          if (!results.cascade.weights) {
            results.cascade.weights = await cascade.pageWeights(host.url);
            results.cascade.cities = truth.reduce((n, c) => n + c.cities.length, 0);
          }
          const loadBefore = loadAverage();
          entry.hosts[hostId] = await cascade.runHost({ base: host.url, hostId, pass, context, truth, settings: { ...SETTINGS, order } });
          entry.load = { ...entry.load, [hostId]: { start: loadBefore, end: loadAverage() } };
        } finally {
          await host.stop();
        }
        save(results);
      }
    }
  } finally {
    await context.close().catch(() => {});
  }
}

function save(results) {
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(results, null, 1));
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const wait = await waitForQuiet();
  const results = {
    quick: QUICK,
    started: new Date().toISOString(),
    machine: machine(),
    load: { start: loadAverage(), wait },
  };
  // A run of some parts keeps the others from the last results, so the report stays whole; each part
  // says when it was measured.
  const previousFile = path.join(OUT, 'results.json');
  if (fs.existsSync(previousFile)) {
    const previous = JSON.parse(fs.readFileSync(previousFile, 'utf8'));
    if (!previous.quick || QUICK) {
      for (const part of ['floors', 'cascade', 'session', 'burst', 'find', 'chart', 'soak', 'push']) {
        if (!PARTS.includes(part) && previous[part]) {
          results[part] = previous[part];
          results.measured = { ...results.measured, [part]: (previous.measured && previous.measured[part]) || previous.started };
        }
      }
    }
  }
  for (const part of PARTS) results.measured = { ...results.measured, [part]: results.started };
  if (PARTS.includes('floors')) runFloors(results);
  if (PARTS.includes('cascade')) await runCascade(results);
  if (PARTS.includes('session')) await runSession(results);
  if (PARTS.includes('burst')) await runBurst(results);
  if (PARTS.includes('find')) await runFind(results);
  if (PARTS.includes('chart')) results.chart = await require('./chart.js').run({ quick: QUICK, startHost });
  save(results);
  if (PARTS.includes('soak')) results.soak = await require('./soak.js').run({ quick: QUICK, startHost });
  if (PARTS.includes('push')) {
    results.push = await require('./push.js').run({ quick: QUICK, startHost, launchBrowser: harness.launchBrowser });
    save(results);
  }
  results.load.end = loadAverage();
  results.finished = new Date().toISOString();
  save(results);
  if (process.env.BENCH_NO_REPORT !== '1') require('./report.js').write(results);
  log(`done: ${path.join(OUT, 'results.json')}`);
}

main().catch((e) => {
  console.error(e && e.stack || e);
  process.exit(1);
});
