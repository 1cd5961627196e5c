'use strict';
// Where a host's memory goes under the soak's load: the dev host (or fastcgi-mono-server4 behind nginx,
// --host nginx) runs under Mono's log profiler (heap-shots on demand), the soak's pollers drive it
// (bench/soak.js, server part), a heap-shot is taken at two points in time, and the growth between them
// is printed by type, with the types that hold the growers (mprof-report --traces: "references from").
//
//   node bench/heapshot.js [--host dev|nginx] [--seconds 180] [--first 30] [--target chart|floor] [--pollers 50]
//
// ./build.sh heapshot installs the profiler (libmono-profiler, mono-utils), builds Release and runs this.
// Output in .tmp/heapshot/: host.mlpd (the raw profile), report.txt (mprof-report), diff.txt (this summary).
if (!process.env.CONFIGURATION) process.env.CONFIGURATION = 'Release';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const harness = require('../tests/browser/harness.js');
const { ROOT, SITE, request, sleep, log } = require('./common.js');
const { serverSoak, CHART_TICK, FLOOR_POLL, sampleLine } = require('./soak.js');

const OUT = path.join(ROOT, '.tmp', 'heapshot');
const DEVHOST = path.join(ROOT, 'src', 'CallbackControls.DevHost', 'bin', process.env.CONFIGURATION, 'net472', 'CallbackControls.DevHost.exe');

function option(argv, name, fallback) {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
}

/** A loopback port that was free a moment ago, for the profiler's command server. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
  });
}

/** Mono's log profiler, heap-shots only when asked on the command port, with the roots (for "references from"). */
const profilerOption = (profile, commandPort) => `--profile=log:heapshot=ondemand,gcroot,port=${commandPort},output=${profile}`;

/** The dev host under the log profiler. Same shape as harness.startDevHost. */
async function startProfiledDevHost(profile, commandPort) {
  const urlFile = path.join(OUT, 'url');
  fs.rmSync(urlFile, { force: true });
  const args = [profilerOption(profile, commandPort),
    DEVHOST, '--site', path.join(ROOT, SITE), '--port', '0', '--quiet', '--url-file', urlFile];
  const child = spawn('mono', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const running = () => child.exitCode === null && child.signalCode === null;
  const deadline = Date.now() + 90000;
  while (!fs.existsSync(urlFile) || fs.readFileSync(urlFile, 'utf8').trim() === '') {
    if (!running() || Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`profiled dev host did not start: ${output}`); }
    await sleep(100);
  }
  const url = fs.readFileSync(urlFile, 'utf8').trim().replace(/\/?$/, '/');
  async function stop() {
    if (!running()) return;
    // SIGTERM: the host shuts down in order and the runtime's shutdown flushes the profiler's buffers.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    let timer;
    await Promise.race([exited, new Promise((resolve) => { timer = setTimeout(resolve, 30000); })]);
    clearTimeout(timer);
    if (running()) child.kill('SIGKILL');
  }
  return { url, process: child, output: () => output, stop };
}

/** Asks the profiler for a heap-shot, then has Gc.ashx run the full collection that records it. */
async function heapshot(commandPort, base) {
  await new Promise((resolve, reject) => {
    const socket = net.connect(commandPort, '127.0.0.1', () => socket.end('heapshot\n'));
    socket.on('close', resolve);
    socket.on('error', reject);
  });
  await sleep(200);
  await request(`${base}Gc.ashx`, { timeout: 120000 });
}

/**
 * The shots of an mprof-report heapshot report: [{ second, size, objects, classes: Map(name -> {bytes, count, refs})}],
 * refs being the "references from" lines that --traces prints under a class.
 */
function parseReport(text) {
  const shots = [];
  let shot = null;
  let last = null;
  for (const line of text.split('\n')) {
    const head = /^\s*Heap shot (\d+) at ([\d.]+) secs: size: (\d+), object count: (\d+)/.exec(line);
    if (head) {
      shot = { index: Number(head[1]), second: Number(head[2]), size: Number(head[3]), objects: Number(head[4]), classes: new Map() };
      shots.push(shot);
      last = null;
      continue;
    }
    if (!shot) continue;
    const row = /^\s+(\d+)\s+(\d+)\s+(\d+)\s+(.+?)\s*(\(bytes: .*\))?$/.exec(line);
    if (row) {
      last = { bytes: Number(row[1]), count: Number(row[2]), refs: [] };
      shot.classes.set(row[4], last);
      continue;
    }
    if (last && /^\s+\d+ references from: /.test(line)) last.refs.push(line.trim());
  }
  return shots;
}

function diff(a, b, top = 25) {
  const rows = [];
  for (const [name, after] of b.classes) {
    const before = a.classes.get(name) || { bytes: 0, count: 0 };
    rows.push({ name, bytes: after.bytes - before.bytes, count: after.count - before.count, bytesAfter: after.bytes, countAfter: after.count, refs: after.refs });
  }
  return rows.sort((x, y) => y.bytes - x.bytes).slice(0, top);
}

async function main(argv) {
  const hostId = option(argv, 'host', 'dev');
  const seconds = Number(option(argv, 'seconds', 180));
  const first = Number(option(argv, 'first', 30));
  const pollers = Number(option(argv, 'pollers', 50));
  const targetName = option(argv, 'target', 'chart');
  const target = { chart: CHART_TICK, floor: FLOOR_POLL }[targetName];
  if (!target || !(seconds > first) || !['dev', 'nginx'].includes(hostId)) throw new Error('usage: node bench/heapshot.js [--host dev|nginx] [--seconds 180] [--first 30] [--target chart|floor] [--pollers 50]');
  fs.mkdirSync(OUT, { recursive: true });
  const profile = path.join(OUT, 'host.mlpd');
  const commandPort = await freePort();
  const shotsAt = [];
  fs.rmSync(profile, { force: true });
  log(`heapshot: ${pollers} pollers at 1/s, ${target.label}, ${hostId} host under the log profiler, ${seconds} s; shots at ${first} s and at the end`);
  // nginx: samples/nginx/run.sh starts the program FASTCGI_MONO_SERVER names: a launcher with the profiler
  // on mono's command line (not MONO_OPTIONS, which the compiler ASP.NET runs for the pages would inherit).
  const launcher = path.join(OUT, 'fastcgi-mono-server4-profiled');
  fs.writeFileSync(launcher, `#!/bin/sh\nexec mono ${profilerOption(profile, commandPort)} /usr/lib/mono/4.5/fastcgi-mono-server4.exe "$@"\n`, { mode: 0o755 });
  const startHost = hostId === 'dev' ? () => startProfiledDevHost(profile, commandPort)
    : () => harness.startNginxHost(SITE, { env: { FASTCGI_MONO_SERVER: launcher } });
  const result = await serverSoak(startHost, seconds, target, hostId, {
    pollers,
    async onSample(sample, host) {
      log(sampleLine(sample));
      if (sample.second === first || sample.second >= seconds) {
        await heapshot(commandPort, host.url);
        shotsAt.push(sample.second);
        log(`heap-shot ${shotsAt.length} taken at ${sample.second} s`);
      }
    },
  });
  log(`${result.ok} ok, ${result.errors} errors`);
  const reportFile = path.join(OUT, 'report.txt');
  execFileSync('mprof-report', ['--reports=heapshot', '--traces', `--out=${reportFile}`, profile], { stdio: 'inherit', maxBuffer: 1 << 30 });
  const shots = parseReport(fs.readFileSync(reportFile, 'utf8'));
  if (shots.length < 2) throw new Error(`expected 2 heap-shots in ${reportFile}, found ${shots.length}`);
  const [a, b] = shots.slice(-2);
  const requests = result.ok * ((seconds - first) / seconds);
  const lines = [
    `${hostId} host; heap-shots at ${shotsAt.join(' s and ')} s of load (${pollers} pollers, ${target.label}); ${result.ok} ok, ${result.errors} errors`,
    `shot ${a.index}: ${(a.size / 1048576).toFixed(1)} MB, ${a.objects} objects; shot ${b.index}: ${(b.size / 1048576).toFixed(1)} MB, ${b.objects} objects`,
    `growth: ${((b.size - a.size) / 1048576).toFixed(1)} MB, ${b.objects - a.objects} objects, about ${((b.size - a.size) / requests / 1024).toFixed(1)} KB per request`,
    '',
    `${'bytes +'.padStart(12)} ${'count +'.padStart(9)} ${'bytes'.padStart(12)} ${'count'.padStart(9)}  type`,
  ];
  for (const row of diff(a, b)) {
    lines.push(`${String(row.bytes).padStart(12)} ${String(row.count).padStart(9)} ${String(row.bytesAfter).padStart(12)} ${String(row.countAfter).padStart(9)}  ${row.name}`);
    for (const ref of row.refs.slice(0, 4)) lines.push(`${''.padStart(46)}${ref}`);
  }
  const text = lines.join('\n');
  fs.writeFileSync(path.join(OUT, 'diff.txt'), `${text}\n`);
  console.log(text);
  log(`raw profile ${profile}; full report ${reportFile}`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e) => { console.error(e); process.exitCode = 1; });
}

module.exports = { parseReport, diff };
