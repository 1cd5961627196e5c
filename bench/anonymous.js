'use strict';
// What an anonymous request can make a site spend: calls with no valid token must be refused before
// anything they name is looked up or kept, and before a large body is read.
//
//   node bench/anonymous.js [--host nginx|dev] [--calls 40000]
//
// On bench/BenchSite behind nginx + fastcgi-mono-server4 (the default: the Linux deployment) or on the
// dev host; Release builds (./build.sh bench builds them). Prints one JSON object and a table:
//   - memory of the back end (RSS and managed heap after a full collection, from Gc.ashx) before and
//     after N tokenless page-method calls, each naming a distinct 4,000-character method;
//   - server time of 1 MB calls: tokenless, with a token of the wrong shape, with a genuine-looking
//     token of the right shape that is not genuine, and a plain 1 MB postback for comparison, each
//     measured as the back end's CPU time per request (the transfer itself is nginx's).
const { SITE, request, cpuMs, percentile, log, sitePid, serverMemory } = require('./common.js');
const harness = require('../tests/browser/harness.js');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && at + 1 < args.length ? args[at + 1] : fallback;
};
const HOST = option('--host', 'nginx');
const CALLS = Number(option('--calls', '40000'));
// --page Bare.ashx sends the same flood to a handler of the site's own that knows nothing of the library:
// what the host itself keeps per request.
const FLOOD_PAGE = option('--page', 'PageMethod.aspx');
// --same-name sends one name on every call: whether what is kept grows with distinct values or with requests.
const SAME_NAME = args.includes('--same-name');
// --name-length N: the length of each method name (4,000 by default, as in the security review).
const NAME_LENGTH = Number(option('--name-length', '4000'));
const SETTLE_SECONDS = Number(option('--settle', '0'));
const CONCURRENCY = 8;

/** N requests, CONCURRENCY at a time; every reply must have the expected status. */
async function flood(count, make, expectedStatus) {
  let next = 0;
  let wrong = 0;
  async function worker() {
    while (next < count) {
      const i = next++;
      const reply = await request(...make(i));
      if (reply.status !== expectedStatus) wrong++;
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return wrong;
}

/** Back-end CPU ms per request for `count` sequential requests of one kind (after 3 unmeasured ones). */
async function cpuPerRequest(pid, count, make) {
  for (let i = 0; i < 3; i++) await request(...make());
  const before = cpuMs(pid);
  const statuses = new Set();
  const wall = [];
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    const reply = await request(...make());
    wall.push(Number(process.hrtime.bigint() - started) / 1e6);
    statuses.add(reply.status);
  }
  return { cpuMs: (cpuMs(pid) - before) / count, wallP50Ms: percentile(wall, 50), statuses: [...statuses] };
}

async function main() {
  const host = HOST === 'dev' ? await harness.startDevHost(SITE) : await harness.startNginxHost(SITE);
  const base = host.url;
  try {
    const pid = sitePid(HOST, host);
    if (!pid) throw new Error('no fastcgi-mono-server4 back end found under run.sh');
    const page = `${base}PageMethod.aspx`;
    const html = (await request(page, { timeout: 120000 })).body;
    const city = harness.controlOptions(html).City;
    const formHeaders = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const methodCall = (i) => [`${base}${FLOOD_PAGE}`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain; charset=UTF-8', 'X-CallbackControls-Method': `M${SAME_NAME ? 0 : i}`.padEnd(NAME_LENGTH, 'x'), 'X-CallbackControls-Target': 'City' },
      body: '{"v":1,"arg":"","state":null}'
    }];
    // Warm up the refusal path, then read memory, flood, read again.
    const refused = FLOOD_PAGE === 'PageMethod.aspx' ? 403 : 200;
    await flood(500, methodCall, refused);
    const before = await serverMemory(base, pid);
    log(`anonymous: ${CALLS} tokenless page-method calls with distinct 4,000-character names`);
    const wrong = await flood(CALLS, methodCall, refused);
    const after = await serverMemory(base, pid);
    // Optionally again after a pause: memory held for a while (Mono's request timers) is told from memory kept.
    const settled = SETTLE_SECONDS > 0 ? (await new Promise((r) => setTimeout(r, SETTLE_SECONDS * 1000)), await serverMemory(base, pid)) : null;

    const megabyte = 'a'.repeat(1024 * 1024);
    const callBody = `__EVENTTARGET=&__CALLBACKID=City&__CALLBACKPARAM=${encodeURIComponent(JSON.stringify({ v: 1, arg: megabyte }))}`;
    const postBody = `__EVENTTARGET=&x=${megabyte}`;
    const post = (body, headers) => () => [page, { method: 'POST', headers: { ...formHeaders, ...headers }, body, timeout: 60000 }];
    const large = {
      tokenless: await cpuPerRequest(pid, 20, post(callBody, {})),
      wrongShapeToken: await cpuPerRequest(pid, 20, post(callBody, { 'X-CallbackControls-Token': 'x' })),
      rightShapeForgedToken: await cpuPerRequest(pid, 20, post(callBody, { 'X-CallbackControls-Token': 'A'.repeat(city.token.length) })),
      plainPostback: await cpuPerRequest(pid, 20, post(postBody, {})),
      // The same refusal with a 1-character argument: what the refusal itself costs, without the body.
      tokenlessSmall: await cpuPerRequest(pid, 20, post(`__EVENTTARGET=&__CALLBACKID=City&__CALLBACKPARAM=${encodeURIComponent('{"v":1,"arg":"a"}')}`, {}))
    };
    const result = { host: HOST, page: FLOOD_PAGE, sameName: SAME_NAME, nameLength: NAME_LENGTH, calls: CALLS, wrongReplies: wrong, before, after, settled, largeCalls: large };
    console.log(JSON.stringify(result, null, 2));
    console.log(`\n| ${HOST}, ${FLOOD_PAGE}, names of ${NAME_LENGTH} | before | after ${CALLS} calls | ratio |\n| --- | ---: | ---: | ---: |`);
    console.log(`| managed heap after full GC | ${(before.managedBytes / 1048576).toFixed(1)} MB | ${(after.managedBytes / 1048576).toFixed(1)} MB | ${(after.managedBytes / before.managedBytes).toFixed(2)}x |`);
    console.log(`| RSS | ${(before.rssKb / 1024).toFixed(0)} MB | ${(after.rssKb / 1024).toFixed(0)} MB | ${(after.rssKb / before.rssKb).toFixed(2)}x |`);
    console.log('\n| 1 MB request | status | back-end CPU per request | wall p50 |\n| --- | --- | ---: | ---: |');
    for (const [name, row] of Object.entries(large)) console.log(`| ${name} | ${row.statuses.join(',')} | ${row.cpuMs.toFixed(1)} ms | ${row.wallP50Ms.toFixed(1)} ms |`);
  } finally {
    await host.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
