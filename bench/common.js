'use strict';
// Helpers shared by the benchmark scripts: plain HTTP on loopback, statistics, wrk, host memory.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const zlib = require('node:zlib');
const { controlOptions } = require('../tests/browser/harness.js');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, '.tmp', 'bench');
const SITE = 'bench/BenchSite';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/**
 * One HTTP request; resolves with status, headers and body (text). Loopback only.
 * @param {string} url absolute URL
 * @param {{method?: string, headers?: object, body?: string, timeout?: number}} [options]
 */
function request(url, { method = 'GET', headers = {}, body, timeout = 30000 } = {}) {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1' && target.hostname !== 'localhost') throw new Error(`not a loopback URL: ${url}`);
  return new Promise((resolve, reject) => {
    const req = http.request(target, { method, headers: body === undefined ? headers : { ...headers, 'Content-Length': Buffer.byteLength(body) }, agent, timeout }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const data = Buffer.concat(chunks);
        // bytes: what travelled; body: the text, decoded when the reply was compressed.
        const encoding = res.headers['content-encoding'];
        let text;
        try {
          text = encoding === 'gzip' ? zlib.gunzipSync(data) : encoding === 'deflate' ? zlib.inflateRawSync(data) : data;
        } catch (e) {
          reject(new Error(`undecodable ${encoding} reply from ${url}: ${e.message}`));
          return;
        }
        resolve({ status: res.statusCode, headers: res.headers, body: text.toString('utf8'), bytes: data.length, decodedBytes: text.length });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeout} ms: ${method} ${url}`)));
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/**
 * The payload of an ASP.NET callback reply: `<n>|<n characters of __EVENTVALIDATION><payload>` (Mono,
 * and .NET with event validation) or `s<payload>` (.NET without); null for anything else.
 */
function callbackPayload(body) {
  const framed = /^(\d+)\|/.exec(body);
  if (framed) return body.slice(framed[0].length + Number(framed[1]));
  return body.startsWith('s') ? body.slice(1) : null;
}

/** The p-th percentile (0-100) of numbers, by linear interpolation between closest ranks. */
function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

/** A seeded permutation (xorshift32 + Fisher-Yates), so every run visits the countries in the same order. */
function shuffled(items, seed) {
  const result = [...items];
  let state = seed >>> 0 || 1;
  const next = () => { state ^= state << 13; state >>>= 0; state ^= state >>> 17; state ^= state << 5; state >>>= 0; return state; };
  for (let i = result.length - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}

/**
 * Runs wrk with a Lua script for a fixed duration and returns the JSON the script prints on a
 * "RESULT " line. Killed if it overruns its duration by 60 s.
 */
function runWrk({ url, script, args = [], seconds, connections, timeoutSeconds = 5 }) {
  const argv = [`-t${connections}`, `-c${connections}`, `-d${seconds}s`, `--timeout`, `${timeoutSeconds}s`, '-s', script, url, '--', ...args];
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 60) * 1000);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) { reject(new Error(`wrk ${argv.join(' ')} failed (${code}): ${err}${out}`)); return; }
      const result = JSON.parse(line.slice('RESULT '.length));
      result.stderr = err.trim().split('\n').filter(Boolean).slice(0, 5);
      resolve(result);
    });
  });
}

/** Resident memory of a process in KB (VmRSS), or null when it is gone. */
/** CPU time (user + system) the process has used so far, in ms; null when it cannot be read. */
function cpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime (fields 14 and 15 of stat(5)), in clock ticks of 10 ms (USER_HZ = 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

function rssKb(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * The process that runs the site: the dev host itself, or the back end samples/nginx/run.sh started
 * (fastcgi-mono-server4).
 */
function sitePid(hostId, host) {
  if (hostId === 'dev') return host.process.pid;
  const backend = /fastcgi-mono-server/;
  for (const entry of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === host.process.pid && backend.test(fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8'))) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

/** The site's managed heap after a full collection (its Gc.ashx), its cache counts, and the process's RSS. */
async function serverMemory(base, pid) {
  const reply = await request(`${base}Gc.ashx`, { timeout: 60000 });
  const { managedBytes, cacheEntries, internalCacheEntries } = JSON.parse(reply.body);
  return { rssKb: rssKb(pid), managedBytes, cacheEntries, internalCacheEntries };
}

/** The 1-, 5- and 15-minute load averages. */
function loadAverage() {
  const [one, five, fifteen] = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').map(Number);
  return { one, five, fifteen };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function log(...parts) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${parts.join(' ')}\n`);
}

/**
 * The token a page renders for one control (its data-cc-options), which every call must carry in
 * X-CallbackControls-Token; cached per page and control (the machine key is shared by every back end).
 */
const tokens = new Map();
async function tokenOf(pageUrl, callbackId) {
  const key = `${pageUrl}|${callbackId}`;
  if (!tokens.has(key)) {
    const page = await request(pageUrl, { timeout: 120000 });
    const found = controlOptions(page.body)[callbackId];
    if (!found) throw new Error(`${pageUrl} has no control ${callbackId}`);
    tokens.set(key, found.token);
  }
  return tokens.get(key);
}

/**
 * Replies that were wrong or never came, from a wrk script's counts: the wrong ones (every script
 * here checks each reply's status and body) plus the socket errors and timeouts. wrk's own status
 * errors are not added: a reply with a bad status is already among the wrong ones.
 * @param {number} wrong
 * @param {{connect: number, read: number, write: number, status: number, timeout: number}} errors
 */
function faultsOf(wrong, errors) {
  return wrong + errors.connect + errors.read + errors.write + errors.timeout;
}

module.exports = { ROOT, OUT, SITE, request, callbackPayload, percentile, mean, shuffled, runWrk, rssKb, cpuMs, loadAverage, sleep, log, tokenOf, faultsOf, sitePid, serverMemory };
