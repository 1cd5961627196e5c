'use strict';
// Hostile and malformed callback requests, sent by hand (Node's fetch, no browser) to the test site on
// the dev host, and on nginx + fastcgi-mono-server4. Whatever arrives, the server must answer in time
// with a known status, leak no stack trace or server path, and keep serving: every case is sent four
// times at once and followed by an ordinary call that must still answer `echo:ok`.
// Where a request is clearly one of ours (our token header, a control of ours) the exact outcome is
// asserted too, as "<status> <envelope code>" labels; a compact table of outcomes is printed per host.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startDevHost, startNginxHost, nginxMissing, controlOptions } = require('./harness');

const TIMEOUT_MS = 20000; // a reply slower than this counts as a hang
const COPIES = 4; // each case is sent this many times concurrently
const STATUSES = new Set([200, 400, 403, 404, 405, 413, 500]);
const TOKEN_HEADER = 'X-CallbackControls-Token';
const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';
const MAX_REQUEST_BYTES = 4 * 1024 * 1024; // ASP.NET's default maxRequestLength, and nginx's client_max_body_size here

// What a reply must never show: stack frames (Mono "  at X.Y () [0x..]", .NET "   at X.Y(...)"), source
// lines, the server's folders, exception dumps.
const LEAKS = [
  ['stack frame', /(^|\n)[ \t]+at [\w.`<>$+[\]]+ ?[([]/],
  ['source line', /\.cs:line/],
  ['server path /work/', /\/work\//],
  ['server path /tmp/', /\/tmp\//],
  ['exception with stack text', /System\.[\w.]*Exception[\s\S]*?\bat [\w.]+/],
  ['stack overflow', /StackOverflow/i],
];

// ---- building requests --------------------------------------------------------------------------

/** Form-encodes like a hand-written attack: JSON punctuation stays raw (form parsers accept it), so a
 * 10^6-deep nesting is 1 MB on the wire rather than 3. */
const enc = (s) => encodeURIComponent(s).replace(/%(5B|5D|7B|7D|22|3A|2C)/g, (m) => decodeURIComponent(m));
const formBody = (pairs) => pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');

/** The fields of a call as the client runtime sends them; param undefined leaves __CALLBACKPARAM out. */
function callbackFields(id, param, extra = []) {
  const pairs = [['__EVENTTARGET', ''], ...extra, ['__CALLBACKID', id]];
  if (param !== undefined) pairs.push(['__CALLBACKPARAM', param]);
  return pairs;
}

const envelope = (arg, state = null) => JSON.stringify({ v: 1, arg, state });
const OK_PARAM = envelope('ok');

/** A call to the Echo control; `spec` overrides any part of the request (token, headers, content type...). */
const echoCall = (param, extra = [], spec = {}) => (ctx) => ({ body: formBody(callbackFields('Echo', param, extra)), ...resolve(spec, ctx) });
const resolve = (value, ctx) => (typeof value === 'function' ? value(ctx) : value);
/** A call to Echo carrying extra fields that need the page (its state, its __EVENTVALIDATION). */
const withState = (fields, spec = {}, param = OK_PARAM) => (ctx) => ({ body: formBody(callbackFields('Echo', param, resolve(fields, ctx))), ...resolve(spec, ctx) });

/** Nesting of `open` n deep, closed again: `[[...]]` or `{"a":{"a":...0}}`. */
function nest(open, n) {
  return open === '[' ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + '0' + '}'.repeat(n);
}

// ---- reading replies ----------------------------------------------------------------------------

/** The envelope of a callback reply in either framing (`s{...}`, `<n>|<n chars>{...}`), or null. */
function readEnvelope(text) {
  let payload = null;
  if (text.startsWith('s')) payload = text.slice(1);
  else {
    const m = /^(\d{1,9})\|/.exec(text);
    if (m) payload = text.slice(m[0].length + Number(m[1]));
  }
  try {
    const env = JSON.parse(payload);
    return env && env.cc === 1 && typeof env.ok === 'boolean' ? env : null;
  } catch {
    return null;
  }
}

/** "<status> <what>": the envelope's code (or ok), else the kind of body. Compared with a case's `expect`. */
function label(status, text, env) {
  const what = env ? (env.ok ? 'ok' : String(env.error && env.error.code))
    : text === '' ? 'empty' : /<html/i.test(text) ? 'html' : text.startsWith('e') ? 'e-reply' : 'text';
  return `${status} ${what}`;
}

// ---- the hosts' pages: tokens, page state, cookies ------------------------------------------------

const PAGES = ['Echo.aspx', 'Cascading.aspx', 'Chart.aspx'];

/** GETs the pages once and keeps what the cases need: each control's token, each page's hidden state, cookies. */
async function loadContext(host) {
  const tokens = {};
  const hidden = {};
  const cookies = new Map();
  for (const page of PAGES) {
    const r = await fetch(host.url + page, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    assert.equal(r.status, 200, `GET ${page}`);
    // Sent back on every request: without it Mono opens a session per request (see PLATFORM.md).
    for (const c of r.headers.getSetCookie()) { const [pair] = c.split(';'); const i = pair.indexOf('='); cookies.set(pair.slice(0, i), pair.slice(i + 1)); }
    const html = await r.text();
    for (const options of Object.values(controlOptions(html))) tokens[`${page}#${options.callbackId}`] = options.token;
    hidden[page] = Object.fromEntries([...html.matchAll(/<input type="hidden" name="(__\w+)" id="\w+" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  }
  const ctx = {
    token: (page, id) => { const t = tokens[`${page}#${id}`]; assert.ok(t, `a token for ${id} on ${page}`); return t; },
    hidden: (page, name) => { const v = hidden[page][name]; assert.ok(v, `${name} on ${page}`); return v; },
    cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
  };
  ctx.echoToken = ctx.token('Echo.aspx', 'Echo');
  return ctx;
}

/** Sends one request built from a case's spec; resolves to what the invariants and the table need. */
async function send(host, ctx, spec) {
  const { page = 'Echo.aspx', method = 'POST', query = '', body, contentType = FORM, headers = {} } = spec;
  const token = 'token' in spec ? spec.token : ctx.echoToken;
  const h = { ...headers };
  if (body !== undefined && contentType) h['Content-Type'] = contentType;
  if (token !== null) h[TOKEN_HEADER] = token;
  if (ctx.cookie) h.Cookie = ctx.cookie;
  const started = Date.now();
  const r = await fetch(host.url + page + query, { method, body, headers: h, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
  const text = await r.text();
  const env = readEnvelope(text);
  return { status: r.status, text, env, label: label(r.status, text, env), ms: Date.now() - started };
}

// ---- the cases ----------------------------------------------------------------------------------
// expect: the labels a reply may have ("200 bad-request"); omitted where the request is not clearly
// ours and only the invariants apply. result: the handler result a successful reply must carry.

const BAD = ['200 bad-request'];
const FORBIDDEN = ['403 forbidden'];
const NOT_GET = ['405 forbidden'];
const REQUEST_VALIDATION = ['200 page']; // Mono's request validation refused a field: answered by our guard

const cases = [];
const add = (name, build, more = {}) => cases.push({ name, build, ...more });

// Deep nesting in the argument, in the state and as the whole parameter, 10^3 to 10^6 levels. Our
// shape check refuses anything beyond 32 levels before a recursive reader runs. A request over the
// 4 MB request limit (`{"a":` 10^6 times) is refused before it is read: by Mono ("Upload size exceeds
// httpRuntime limit", answered as a page error by our module), or by nginx itself (413).
// The dev host refuses a body over maxRequestLength itself, before reading it, as IIS Express does (413).
const TOO_BIG = { expect: ['200 page'], nginx: ['413 html'], dev: ['413 text'] };
for (const open of ['[', '{"a":']) {
  for (const exp of [3, 4, 5, 6]) {
    const n = 10 ** exp;
    const inner = nest(open, n);
    const params = {
      arg: `{"v":1,"arg":${inner},"state":null}`,
      state: `{"v":1,"arg":"x","state":${inner}}`,
      top: inner,
    };
    for (const [where, param] of Object.entries(params)) {
      add(`nest ${open} 1e${exp} in ${where}`, echoCall(param), param.length > MAX_REQUEST_BYTES ? TOO_BIG : { expect: BAD });
    }
  }
}

// A bracket underflow cannot hide depth from the counter: ]]] first, then 10^5 [ (and invalid JSON anyway).
add('bracket underflow then 1e5 [', echoCall(`{"v":1,"arg":"x","state":${']'.repeat(100)}${'['.repeat(100000)}}`), { expect: BAD });

// Raw control characters U+0000..U+001F inside a JSON string: JSON allows none, the client sends none.
for (let c = 0; c < 0x20; c += 1) {
  add(`raw %${c.toString(16).toUpperCase().padStart(2, '0')} in arg`, echoCall(`{"v":1,"arg":"a${String.fromCharCode(c)}b","state":null}`), { expect: BAD });
}
add('raw %00 between tokens', echoCall('{"v":1,\u0000"arg":"x","state":null}'), { expect: BAD });
// Tab/newline between tokens is ordinary JSON whitespace: the call goes through.
add('raw tab+newline between tokens', echoCall('{"v":1,\t"arg":"ws",\r\n"state":null}'), { expect: ['200 ok'], result: 'echo:ws' });

// Invalid UTF-8: raw bytes in the body, percent-encoded bytes, an overlong NUL, an encoded surrogate,
// a sequence cut off at the end. The decoder turns them into U+FFFD; nothing else may happen.
const utf8Body = (...parts) => () => ({ body: Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p)))) });
const echoPrefix = '__EVENTTARGET=&__CALLBACKID=Echo&__CALLBACKPARAM=';
add('raw invalid UTF-8 bytes in arg', utf8Body(`${echoPrefix}{"v":1,"arg":"a`, [0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1], '","state":null}'), { expect: ['200 ok', ...BAD] });
add('%FF%FE in arg', utf8Body(`${echoPrefix}{"v":1,"arg":"a%FF%FEb","state":null}`), { expect: ['200 ok', ...BAD] });
add('overlong NUL %C0%80 in arg', utf8Body(`${echoPrefix}{"v":1,"arg":"a%C0%80b","state":null}`), { expect: ['200 ok', ...BAD] });
add('encoded surrogate %ED%A0%80 in arg', utf8Body(`${echoPrefix}{"v":1,"arg":"a%ED%A0%80b","state":null}`), { expect: ['200 ok', ...BAD] });
add('cut-off UTF-8 at end of body', utf8Body(`${echoPrefix}{"v":1,"arg":"a","state":null}&junk=%E2%82`), { expect: ['200 ok'], result: 'echo:a' });
add('invalid UTF-8 in a field name', utf8Body(`${echoPrefix}{"v":1,"arg":"a","state":null}&`, [0xff, 0xc0], '=1'), { expect: ['200 ok'], result: 'echo:a' });

// Lone surrogates written as JSON escapes: refused, or read and written back as U+FFFD; nothing else.
add('lone high surrogate, escaped', echoCall('{"v":1,"arg":"a\\ud800b","state":null}'), { expect: ['200 ok', ...BAD] });
add('lone low surrogate, escaped', echoCall('{"v":1,"arg":"\\udc00","state":null}'), { expect: ['200 ok', ...BAD] });
add('reversed surrogate pair, escaped', echoCall('{"v":1,"arg":"\\udc00\\ud800","state":null}'), { expect: ['200 ok', ...BAD] });

// Size: a 3 MB field no control reads, a 3 MB field the handler reads back (a TextBox: its value is
// accepted only with the page's __EVENTVALIDATION), a 3 MB envelope (over the 1 MiB limit), a 5 MB
// body (over the 4 MB request limit).
const MB3 = 'x'.repeat(3 * 1024 * 1024);
add('3 MB unread form field', echoCall(OK_PARAM, [['junk', MB3]]), { expect: ['200 ok'], result: 'echo:ok' });
add('3 MB in Field1, read back', withState((ctx) => [['Field1', MB3], ['__EVENTVALIDATION', ctx.hidden('Echo.aspx', '__EVENTVALIDATION')]], {}, envelope('field')),
  { expect: ['200 ok'], result: `field:${MB3}` });
add('3 MB envelope', echoCall(envelope(MB3)), { expect: BAD });
add('5 MB body', echoCall(envelope('x'.repeat(5 * 1024 * 1024))), TOO_BIG);

// GET (and other verbs): a callback by query string is what a cross-site link would send.
const getQuery = (id) => `?__EVENTTARGET=&__CALLBACKID=${id}&__CALLBACKPARAM=${encodeURIComponent(OK_PARAM)}`;
add('GET callback with token', () => ({ method: 'GET', query: getQuery('Echo') }), { expect: NOT_GET });
add('GET callback without token', () => ({ method: 'GET', query: getQuery('Echo'), token: null }), { expect: NOT_GET });
add('GET callback unknown id', () => ({ method: 'GET', query: getQuery('Nope'), token: null }), { expect: NOT_GET });
add('HEAD callback', () => ({ method: 'HEAD', query: getQuery('Echo') }), { expect: ['405 empty'] });
add('PUT callback with token', echoCall(OK_PARAM, [], { method: 'PUT' }), { expect: FORBIDDEN });

// Which control: unknown, not a callback control, empty, repeated, absurd.
const idCall = (id, spec) => (ctx) => ({ body: formBody(callbackFields(id, OK_PARAM)), ...resolve(spec, ctx) });
add('unknown __CALLBACKID with token', idCall('Nope'), { expect: ['200 needs-page-state'] });
add('unknown __CALLBACKID with page state', (ctx) => ({ body: formBody(callbackFields('Nope', OK_PARAM, [['__VIEWSTATE', ctx.hidden('Echo.aspx', '__VIEWSTATE')]])) }), { expect: ['200 page'] });
add('unknown __CALLBACKID without token', idCall('Nope', { token: null }), { expect: ['404 page'] });
// Not a callback control: the framework refuses it; on a call without page state our guard asks for it first.
add('__CALLBACKID of a TextBox', idCall('Field1'), { expect: ['200 needs-page-state', '200 page'] });
add('__CALLBACKID empty', idCall(''));
add('__CALLBACKID 10 KB long', idCall('E'.repeat(10240)), { expect: ['200 needs-page-state'] });
add('__CALLBACKID <script>', idCall('<script>alert(1)</script>'), { expect: REQUEST_VALIDATION });
add('duplicate __CALLBACKID Echo,Echo', () => ({ body: formBody([...callbackFields('Echo', OK_PARAM), ['__CALLBACKID', 'Echo']]) }), { expect: ['200 needs-page-state'] });
add('duplicate __CALLBACKID Echo,Other', () => ({ body: formBody([...callbackFields('Echo', OK_PARAM), ['__CALLBACKID', 'Other']]) }), { expect: ['200 needs-page-state'] });
add('duplicate __CALLBACKPARAM', echoCall(OK_PARAM, [['__CALLBACKPARAM', OK_PARAM]]), { expect: BAD });
add('non-callback POST', () => ({ body: formBody([['__EVENTTARGET', '']]), token: null }), { expect: ['200 html'] });
// A posted TextBox value without __EVENTVALIDATION fails the framework's event validation.
// An ordinary postback is the framework's and the site's: with customErrors Off (as the test site
// has, to show handler messages) ASP.NET shows its own error page. Not a callback, not ours.
add('non-callback POST, field w/o validation', () => ({ body: formBody([['__EVENTTARGET', ''], ['Field1', 'posted']]), token: null }),
  { expect: ['500 html'], framework: true });
add('non-callback POST, same, with token', () => ({ body: formBody([['__EVENTTARGET', ''], ['Field1', 'posted']]) }), { expect: ['200 page'] });

// Forged page state: garbage, not base64, truncated; ViewState MAC and event validation must refuse it
// without showing how.
const half = (s) => s.slice(0, Math.floor(s.length / 2));
add('__VIEWSTATE garbage base64', withState([['__VIEWSTATE', 'AAAAAAAAAAAAAAAAAAAAAAAA']]), { expect: ['200 page'] });
add('__VIEWSTATE not base64', withState([['__VIEWSTATE', '!!not*base64??']]), { expect: ['200 page'] });
add('__VIEWSTATE truncated', withState((ctx) => [['__VIEWSTATE', half(ctx.hidden('Echo.aspx', '__VIEWSTATE'))]]), { expect: ['200 page'] });
// A call for our control without its token: refused by our guard, whatever else the request holds.
add('__VIEWSTATE garbage, no token', withState([['__VIEWSTATE', 'AAAAAAAAAAAAAAAAAAAAAAAA']], { token: null }), { expect: FORBIDDEN });
add('__VIEWSTATEFIELDCOUNT 1e6', withState([['__VIEWSTATEFIELDCOUNT', '1000000'], ['__VIEWSTATE', 'AAAA']]), { expect: ['200 page'] });
// Without ViewState the guard first asks the client for the page state (needs-page-state); with it, a page error.
add('__EVENTVALIDATION garbage', withState([['Field1', 'x'], ['__EVENTVALIDATION', 'AAAAAAAAAAAAAAAAAAAAAAAA']]), { expect: ['200 needs-page-state'] });
add('__EVENTVALIDATION truncated', withState((ctx) => [['Field1', 'x'], ['__EVENTVALIDATION', half(ctx.hidden('Echo.aspx', '__EVENTVALIDATION'))]]), { expect: ['200 needs-page-state'] });
add('__EVENTVALIDATION garbage + real state', withState((ctx) => [['__VIEWSTATE', ctx.hidden('Echo.aspx', '__VIEWSTATE')], ['Field1', 'x'], ['__EVENTVALIDATION', 'AAAAAAAAAAAAAAAAAAAAAAAA']]), { expect: ['200 page'] });

// Markup in the argument and in other fields. Escaped (as the client sends it) it round-trips as data;
// raw it is refused by request validation, answered as our error envelope.
add('<script> raw in arg', echoCall('{"v":1,"arg":"<script>alert(1)</script>","state":null}'), { expect: REQUEST_VALIDATION });
add('<script> escaped in arg', echoCall(envelope('<script>alert(1)</script>').replace(/</g, '\\u003c').replace(/>/g, '\\u003e')),
  { expect: ['200 ok'], result: 'echo:<script>alert(1)</script>', noRawMarkup: true });
add('full-width ＜script＞ raw in arg', echoCall('{"v":1,"arg":"＜script＞alert(1)＜/script＞","state":null}'), { expect: ['200 ok', ...REQUEST_VALIDATION], noRawMarkup: true });
add('<script> in Field1', echoCall(OK_PARAM, [['Field1', '<script>alert(1)</script>']]), { expect: REQUEST_VALIDATION });
add('full-width ＜script＞ in Field1', echoCall(OK_PARAM, [['Field1', '＜script＞alert(1)＜/script＞']]), { expect: ['200 ok', ...REQUEST_VALIDATION] });
add('<script> in a field name', echoCall(OK_PARAM, [['<script>alert(1)</script>', 'x']]), { expect: ['200 ok', ...REQUEST_VALIDATION] });
add('numeric char reference in arg', echoCall('{"v":1,"arg":"&#60;script&#62;","state":null}'), { expect: ['200 ok', ...REQUEST_VALIDATION], noRawMarkup: true });

// __CALLBACKPARAM that is not an envelope of ours.
// Without __CALLBACKPARAM Mono does not treat the request as a callback and renders the page.
const PARAMS = {
  missing: undefined, empty: '', null: 'null', 'JSON string': '"hello"', number: '42', 'array []': '[]', '{"v":9}': '{"v":9}',
  '{} (no v)': '{}', '"v":"1" (string)': '{"v":"1","arg":"x"}', 'arg a number': '{"v":1,"arg":5}', 'arg an object': '{"v":1,"arg":{"a":1}}',
  'state an array': '{"v":1,"arg":"x","state":[1]}', 'truncated {"v":1,"arg":"ab': '{"v":1,"arg":"ab', 'truncated, closing brace': '{"v":1,"arg":"ab}',
  'trailing garbage': '{"v":1,"arg":"x"}{"v":1}', 'single quotes': "{'v':1,'arg':'x'}", 'bad escape x41': '{"v":1,"arg":"\\x41"}',
  'huge number v': '{"v":1e999999,"arg":"x"}',
};
for (const [name, param] of Object.entries(PARAMS)) add(`__CALLBACKPARAM ${name}`, echoCall(param), { expect: param === undefined ? ['200 bad-request', '200 html'] : BAD });
add('duplicate key arg', echoCall('{"v":1,"arg":"a","arg":"b","state":null}'), { expect: ['200 ok', ...BAD] });

// Other content types: JSON, multipart with garbage, a bogus charset, text/plain.
const rawCall = formBody(callbackFields('Echo', OK_PARAM));
add('application/json body', () => ({ body: OK_PARAM, contentType: 'application/json' }));
add('text/plain body', () => ({ body: rawCall, contentType: 'text/plain' }));
add('multipart garbage', () => ({ body: '--zz\r\n\u0000\u0001garbage\r\nContent-Disposition: form-data; name\r\n\r\n--', contentType: 'multipart/form-data; boundary=zz' }));
add('multipart no boundary', () => ({ body: rawCall, contentType: 'multipart/form-data' }));
add('multipart well formed', () => {
  const parts = callbackFields('Echo', OK_PARAM).map(([k, v]) => `--b0\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  return { body: parts.join('') + '--b0--\r\n', contentType: 'multipart/form-data; boundary=b0' };
}, { expect: ['200 ok'], result: 'echo:ok' });
add('form charset=x-bogus', () => ({ body: rawCall, contentType: 'application/x-www-form-urlencoded; charset=x-bogus' }));
add('form charset=utf-16', () => ({ body: rawCall, contentType: 'application/x-www-form-urlencoded; charset=utf-16' }));

// The token and the browser's origin headers.
add('token missing', echoCall(OK_PARAM, [], { token: null }), { expect: FORBIDDEN });
add('token empty', echoCall(OK_PARAM, [], { token: '' }), { expect: FORBIDDEN });
add('token garbage', echoCall(OK_PARAM, [], { token: 'garbage!!' }), { expect: FORBIDDEN });
// The last character of a URL token is its padding count: a non-digit there is what Mono's decoder trips on.
add('token not base64url, digit last', echoCall(OK_PARAM, [], { token: 'not*a*token0' }), { expect: FORBIDDEN });
add('token ending in "/"', echoCall(OK_PARAM, [], { token: 'abc/' }), { expect: FORBIDDEN });
// nginx refuses a header line over its 8 KB buffers itself (400) before Mono sees it.
add('token 10 KB', echoCall(OK_PARAM, [], { token: 'A'.repeat(10240) }), { expect: FORBIDDEN, nginx: ['400 html'] });
add('token of another control', echoCall(OK_PARAM, [], (ctx) => ({ token: ctx.token('Echo.aspx', 'Other') })), { expect: FORBIDDEN });
add('token of another page', echoCall(OK_PARAM, [], (ctx) => ({ token: ctx.token('Cascading.aspx', 'Country') })), { expect: FORBIDDEN });
add('Origin another site', echoCall(OK_PARAM, [], { headers: { Origin: 'http://evil.example' } }), { expect: FORBIDDEN });
add('Origin null', echoCall(OK_PARAM, [], { headers: { Origin: 'null' } }), { expect: FORBIDDEN });
add('Sec-Fetch-Site cross-site', echoCall(OK_PARAM, [], { headers: { 'Sec-Fetch-Site': 'cross-site' } }), { expect: FORBIDDEN });

// Many fields: Mono does not cap them; the call must still answer (and not take long).
const manyFields = (n, name) => Array.from({ length: n }, (_, i) => [name || `f${i}`, 'x']);
add('10,000 form fields', echoCall(OK_PARAM, manyFields(10000)), { expect: ['200 ok'], result: 'echo:ok' });
add('10,000 fields of one name', echoCall(OK_PARAM, manyFields(10000, 'junk')), { expect: ['200 ok'], result: 'echo:ok' });

// The other controls: a cascading level with a tampered parent, a chart with a deep or odd state.
const cascade = (id, extra, param = envelope('')) => (ctx) => ({
  page: 'Cascading.aspx', body: formBody(callbackFields(id, param, extra)), token: ctx.token('Cascading.aspx', id) });
add('Region, parent value not offered', cascade('Region', [['Country', 'zz']]), { expect: ['200 handler', '200 ok'] });
add('Region, parent ~ + bad base64', cascade('Region', [['Country', '~!!!*']]), { expect: ['200 handler', '200 ok'] });
add('City, 10 KB region value', cascade('City', [['Country', 'fr'], ['Region', 'r'.repeat(10240)]]), { expect: ['200 handler', '200 ok'] });
add('Region, Country token', (ctx) => ({ ...cascade('Region', [['Country', 'fr']])(ctx), token: ctx.token('Cascading.aspx', 'Country') }), { expect: FORBIDDEN });
add('Region, deep state', cascade('Region', [['Country', 'fr']], `{"v":1,"arg":"","state":${nest('[', 100000)}}`), { expect: BAD });
const chart = (param) => (ctx) => ({ page: 'Chart.aspx', body: formBody(callbackFields('Chart1', param)), token: ctx.token('Chart.aspx', 'Chart1') });
add('Chart1, state.timer a string', chart('{"v":1,"arg":"","state":{"timer":"yes"}}'), { expect: ['200 ok'] });
add('Chart1, deep state', chart(`{"v":1,"arg":"","state":{"timer":${nest('{"a":', 10000)}}}`), { expect: BAD });

// ---- the run --------------------------------------------------------------------------------------

/** Checks the invariants every reply must keep, and the case's own expectation (`nginx` or `dev` overrides it on that host). */
function checkReply(c, reply, where, behindNginx) {
  const expect = (behindNginx ? c.nginx : c.dev) || c.expect;
  assert.ok(STATUSES.has(reply.status), `${where}: status ${reply.status} is not one of ${[...STATUSES].join('/')}: ${reply.text.slice(0, 300)}`);
  for (const [what, pattern] of c.framework ? [] : LEAKS) {
    const m = pattern.exec(reply.text);
    assert.ok(!m, `${where}: the reply shows a ${what}: ...${m && reply.text.slice(Math.max(0, m.index - 200), m.index + 300)}...`);
  }
  if (expect) assert.ok(expect.includes(reply.label), `${where}: got "${reply.label}", expected ${expect.map((e) => `"${e}"`).join(' or ')}: ${reply.text.slice(0, 300)}`);
  if (c.result !== undefined && reply.env && reply.env.ok) assert.deepEqual(reply.env.result, c.result, `${where}: result`);
  if (c.noRawMarkup) assert.doesNotMatch(reply.text, /<script|＜script/i, `${where}: markup came back unescaped`);
}

/** After each case the host must be alive and answer an ordinary call. */
async function checkHealthy(host, ctx, where) {
  assert.equal(host.process.exitCode, null, `${where}: the host process exited`);
  const reply = await send(host, ctx, echoCall(OK_PARAM)(ctx));
  assert.equal(reply.label, '200 ok', `${where}: the follow-up call failed: ${reply.text.slice(0, 300)}`);
  assert.equal(reply.env.result, 'echo:ok', `${where}: the follow-up call`);
  assert.equal(host.process.exitCode, null, `${where}: the host process exited`);
}

/** Registers every case against one host, and prints the host's table of outcomes at the end. */
function hostSuite(hostName, start, { unavailable = '', behindNginx = false } = {}) {
  describe(hostName, () => {
    let host;
    let ctx;
    const rows = [];
    before(async () => {
      if (unavailable) return;
      host = await start();
      ctx = await loadContext(host);
    });
    after(async () => {
      if (host) await host.stop();
      if (rows.length) printTable(hostName, rows);
    });

    if (unavailable) {
      // Installed on this machine: a missing server is a failure to see, not a silent skip.
      test(`${hostName}: what it needs is installed`, () => assert.fail(unavailable));
      return;
    }
    for (const c of cases) {
      test(c.name, async () => {
        const where = `${hostName} / ${c.name}`;
        const spec = c.build(ctx);
        const row = { name: c.name, labels: [], ms: 0 };
        rows.push(row);
        let replies;
        try {
          replies = await Promise.all(Array.from({ length: COPIES }, () => send(host, ctx, spec)));
        } catch (err) {
          row.labels = [err.name === 'TimeoutError' ? 'TIMEOUT' : `FAILED ${err.name}`];
          throw new Error(`${where}: no reply: ${err.message} (${err.cause ? err.cause.message : ''})`);
        }
        row.labels = [...new Set(replies.map((r) => r.label))];
        row.ms = Math.max(...replies.map((r) => r.ms));
        row.leak = !c.framework && replies.some((r) => LEAKS.some(([, p]) => p.test(r.text)));
        // Both checks run, so a broken reply and a host that stopped answering are both reported.
        const failures = [];
        try { replies.forEach((r, i) => checkReply(c, r, `${where} (copy ${i + 1})`, behindNginx)); } catch (err) { row.failed = true; failures.push(err); }
        try { await checkHealthy(host, ctx, where); } catch (err) { row.unhealthy = true; failures.push(err); }
        if (failures.length === 1) throw failures[0];
        if (failures.length > 1) throw new Error(failures.map((e) => e.message).join('\n'));
      });
    }
  });
}

function printTable(hostName, rows) {
  const width = Math.max(...rows.map((r) => r.name.length));
  const lines = rows.map((r) => `  ${r.name.padEnd(width)}  ${r.labels.join(' / ').padEnd(24)} ${String(r.ms).padStart(6)} ms`
    + (r.failed ? '  FAIL' : '') + (r.leak ? ' (leak)' : '') + (r.unhealthy ? '  UNHEALTHY' : ''));
  console.log(`\nHostile requests on ${hostName}: case, status and code (of ${COPIES} concurrent copies), slowest reply\n${lines.join('\n')}`);
}

hostSuite('dev host', () => startDevHost('tests/TestSite'));
hostSuite('nginx + fastcgi-mono-server4', () => startNginxHost('tests/TestSite'), { unavailable: nginxMissing(), behindNginx: true });
