'use strict';
// Times RefreshingChart refresh callbacks over HTTP on the dev host (tests/TestSite/ChartPerf.aspx) and
// reports the reply size. Not a test: run by hand, copy the table into docs/RESULTS.md.
//   node tests/perf/refreshingchart-http.js
const { startDevHost, controlOptions } = require('../browser/harness');

/** The chart's token from the page (data-cc-options): every call carries it. */
async function tokenOf(url) {
  return controlOptions(await (await fetch(url)).text()).Chart1.token;
}

async function refresh(url, argument, token) {
  const envelope = JSON.stringify({ v: 1, arg: argument, state: { timer: true } });
  const body = new URLSearchParams({ __EVENTTARGET: '', __CALLBACKID: 'Chart1', __CALLBACKPARAM: envelope }).toString();
  const started = process.hrtime.bigint();
  const response = await fetch(url, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-CallbackControls-Token': token } });
  const buffer = Buffer.from(await response.arrayBuffer());
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (response.status !== 200 || !/^\d+\|/.test(buffer.subarray(0, 12).toString())) throw new Error('bad reply ' + response.status);
  return { ms, bytes: buffer.length };
}

(async () => {
  const host = await startDevHost('tests/TestSite');
  try {
    const url = host.url + 'ChartPerf.aspx';
    const token = await tokenOf(url); // also compiles the page
    console.log('| points | decimation | tooltips | round trip ms (median) | reply bytes |');
    console.log('| ---: | --- | --- | ---: | ---: |');
    for (const points of [100, 10000, 1000000]) {
      for (const decimate of [1, 0]) {
        for (const tips of [1, 0]) {
          const argument = `points=${points};decimate=${decimate};tips=${tips}`;
          const runs = points >= 1000000 ? 5 : 25;
          await refresh(url, argument, token); // warm-up
          const times = [];
          let bytes = 0;
          for (let i = 0; i < runs; i++) {
            const r = await refresh(url, argument, token);
            times.push(r.ms);
            bytes = r.bytes;
          }
          times.sort((a, b) => a - b);
          console.log(`| ${points.toLocaleString('en-US')} | ${decimate ? 'on' : 'off'} | ${tips ? 'on' : 'off'} | ${times[Math.floor(times.length / 2)].toFixed(1)} | ${bytes.toLocaleString('en-US')} |`);
        }
      }
    }
  } finally {
    await host.stop();
  }
})().catch((error) => { console.error(error); process.exit(1); });
