'use strict';
// One user, many calls at once: the session benchmark (issue 10, "a user's burst settles at once").
// On each page of bench/BenchSite below, the City list's calls are run with wrk (cascade.lua, every
// reply checked) twice, interleaved slice by slice: with no cookie (each connection its own visitor),
// then with every connection sending the one cookie of a stored session (one user's tabs and quick
// changes, as the issue measured). ASP.NET runs requests of one session one at a time when the page
// takes the session's exclusive lock; read-only and no session do not queue.
//   SessionOn.aspx        default path, session state on (the default)
//   SessionReadOnly.aspx  default path, EnableSessionState="ReadOnly"
//   SessionMethod.aspx    page method with [CallbackMethod(EnableSession = true)] (read-only)
// bench.js runs it as the "session" part; results.session.
const fs = require('node:fs');
const path = require('node:path');
const { OUT, request, runWrk, tokenOf, log, faultsOf } = require('./common.js');
const { combineSlices } = require('./cascade.js');

const LUA = path.join(__dirname, 'cascade.lua');
const VARIANTS = [
  { id: 'on', page: 'SessionOn.aspx', label: 'default path, session state on (exclusive lock)' },
  { id: 'readonly', page: 'SessionReadOnly.aspx', label: 'default path, EnableSessionState="ReadOnly"' },
  { id: 'method', page: 'SessionMethod.aspx', label: 'page method, [CallbackMethod(EnableSession = true)] (read-only)', method: 'GetCitiesForVisitor' },
];

function countryCodes(html) {
  const list = html.slice(html.indexOf('id="Country"'));
  const codes = [...list.slice(0, list.indexOf('</select>')).matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
  if (codes.length < 10) throw new Error('the session page lists no countries');
  return codes;
}

/** The request file cascade.lua reads: the City list's call for every country, with or without the shared cookie. */
function requestFile(variant, token, codes, cookie) {
  const type = variant.method ? 'text/plain; charset=UTF-8' : 'application/x-www-form-urlencoded; charset=UTF-8';
  const lines = [`H\tcontent-type: ${type}`, `H\tx-callbackcontrols-token: ${token}`];
  // A page-method call posts the bare envelope and names its control in a header.
  if (variant.method) lines.push(`H\tx-callbackcontrols-method: ${variant.method}`, 'H\tx-callbackcontrols-target: City');
  if (cookie) lines.push(`H\tcookie: ${cookie}`);
  for (const code of codes) {
    const json = JSON.stringify({ v: 1, arg: '', state: { ancestors: [code] } });
    const body = variant.method
      ? json
      : `__EVENTTARGET=&Country=${encodeURIComponent(code)}&__CALLBACKID=City&__CALLBACKPARAM=${encodeURIComponent(json)}`;
    lines.push(`R\tPOST\t/${variant.page}\tjson\t"ok":true\t${body}`);
  }
  const file = path.join(OUT, `session-${variant.id}-${cookie ? 'shared' : 'none'}.txt`);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

async function run({ base, quick, connections = 8 }) {
  const seconds = quick ? 2 : 10;
  const slices = quick ? 2 : 5;
  const visit = await request(`${base}Visit.ashx`);
  const cookie = (visit.headers['set-cookie'] || []).map((c) => c.split(';')[0]).find((c) => /SessionId=/i.test(c));
  if (visit.status !== 200 || !cookie) throw new Error('Visit.ashx handed out no session cookie');
  const runs = [];
  for (const variant of VARIANTS) {
    const url = `${base}${variant.page}`;
    const page = await request(url, { timeout: 120000 });
    const token = await tokenOf(url, 'City');
    const codes = countryCodes(page.body);
    const files = { none: requestFile(variant, token, codes, null), shared: requestFile(variant, token, codes, cookie) };
    for (const kind of ['none', 'shared']) await runWrk({ url: base, script: LUA, args: [files[kind]], seconds: 1, connections });
    const slicesOf = { none: [], shared: [] };
    for (let i = 0; i < slices; i++) {
      for (const kind of ['none', 'shared']) slicesOf[kind].push(await runWrk({ url: base, script: LUA, args: [files[kind]], seconds: seconds / slices, connections }));
    }
    const sum = (list) => {
      const c = combineSlices(list);
      return { rps: c.rps, requests: c.requests, faults: faultsOf(c.wrong, c.errors), p50_ms: c.p50_ms };
    };
    const entry = { id: variant.id, label: variant.label, none: sum(slicesOf.none), shared: sum(slicesOf.shared) };
    entry.ratio = entry.shared.rps / entry.none.rps;
    log(`session ${variant.id}: ${Math.round(entry.none.rps)}/s without a cookie, ${Math.round(entry.shared.rps)}/s sharing one session (${entry.ratio.toFixed(2)}x), ${entry.none.faults + entry.shared.faults} wrong or failed`);
    runs.push(entry);
  }
  return { seconds, connections, runs };
}

module.exports = { run, VARIANTS };
