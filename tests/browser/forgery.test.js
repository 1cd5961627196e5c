'use strict';
// No call can be forged from another site. A forged call has the victim's cookies (the browser adds
// them) but not what only the page itself has: the control's token in a custom header, bound to the
// page, the control and the page's ViewStateUserKey. Each refused call must answer 403 (405 for a GET)
// with a `forbidden` envelope and run no page code: TestSite/Forgery.aspx and Template/Forgery.aspx count
// every Page_Load of a postback and every handler run, read through Forgery.aspx?counts=1, and every
// refusal asserts that no counter moved. Template/Default.aspx (Visual Studio's template, behind a
// login) is attacked alongside its counting twin, which has the same master and control UniqueIDs.
// Requests are sent by hand with Node's fetch and explicit cookies, and by Chromium from a second
// origin (a node server on 127.0.0.2: another site, not only another port).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { startDevHost, launchBrowser, browserTest, controlOptions, decodeHtml } = require('./harness');

// One set-up hook (the dev host, then everything that needs it): Node runs a file's top-level
// before() hooks without waiting for one another, so useDevHostSite's host could still be starting.
let host;
let browser;
const page = browserTest(() => browser);
const url = (path) => host.url + path;

const TOKEN_HEADER = 'X-CallbackControls-Token';
const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';
const EVIL = 'http://evil.example';
const TEMPLATE = 'Template/Default.aspx';
const TEMPLATE_TWIN = 'Template/Forgery.aspx';
const TEMPLATE_PAGES = [TEMPLATE, TEMPLATE_TWIN];
const ROOT_TWIN = 'Forgery.aspx';
const ECHO_PAGE = 'Echo.aspx';
const ECHO = 'ctl00$MainContent$Echo';
const COUNTRY = 'ctl00$MainContent$Country';

// ---- sessions, pages and calls, by hand ---------------------------------------------------------

/** A visitor: a cookie jar sent on every request and filled from every reply, as a browser does. */
const visitor = () => ({ cookies: new Map() });
const cookieHeader = (v) => [...v.cookies].map(([k, val]) => `${k}=${val}`).join('; ');

async function request(path, { as = null, method = 'GET', headers = {}, body } = {}) {
  const h = { ...headers };
  if (as && as.cookies.size) h.Cookie = cookieHeader(as);
  if (body !== undefined) h['Content-Type'] = FORM;
  const r = await fetch(url(path), { method, headers: h, body, redirect: 'manual', signal: AbortSignal.timeout(20000) });
  for (const c of as ? r.headers.getSetCookie() : []) {
    const [pair] = c.split(';');
    const i = pair.indexOf('=');
    as.cookies.set(pair.slice(0, i), pair.slice(i + 1));
  }
  return { status: r.status, headers: r.headers, text: await r.text(), location: r.headers.get('location') };
}

/** Signs a user in through the template site's test login (forms authentication cookie). */
async function signIn(user) {
  const v = visitor();
  const r = await request(`Template/Login.aspx?user=${user}&ReturnUrl=${encodeURIComponent('/' + TEMPLATE)}`, { as: v });
  assert.equal(r.status, 302, `sign in as ${user}`);
  assert.ok(v.cookies.has('.TESTAUTH'), `${user} has a forms cookie`);
  return v;
}


/** What a visitor's copy of a page holds: each control's options (token, page-state need) and the hidden state fields. */
async function load(path, as = visitor()) {
  const r = await request(path, { as });
  assert.equal(r.status, 200, `GET ${path}: ${r.status} ${r.location || ''}`);
  const controls = controlOptions(r.text);
  const hidden = [...r.text.matchAll(/<input type="hidden" name="(__\w+)" id="\w+" value="([^"]*)"/g)]
    .map((m) => [m[1], decodeHtml(m[2])])
    .filter(([name]) => name !== '__EVENTTARGET' && name !== '__EVENTARGUMENT');
  return { path, as, controls, hidden, token: (id) => { assert.ok(controls[id], `${id} on ${path}`); return controls[id].token; } };
}

/**
 * Sends a callback as the client runtime does, from a visitor's copy of a page: its page state when
 * the control needs it, the control's token in the header, the visitor's cookies. Each option
 * replaces one part, which is how the cases forge: token (null: no header), as (another visitor's
 * cookies), hidden (another copy's state), path (another page), headers, method.
 */
function call(view, id, { arg = 'x', token = view.token(id), as = view.as, hidden, path = view.path, headers = {}, method = 'POST' } = {}) {
  const state = hidden || (view.controls[id] && view.controls[id].pageState ? view.hidden : []);
  const fields = new URLSearchParams([['__EVENTTARGET', ''], ...state, ['__CALLBACKID', id], ['__CALLBACKPARAM', JSON.stringify({ v: 1, arg, state: null })]]);
  const h = { ...headers };
  if (token !== null) h[TOKEN_HEADER] = token;
  return method === 'GET'
    ? request(`${path}?${fields}`, { as, headers: h })
    : request(path, { as, method, headers: h, body: fields.toString() });
}

/** The envelope of a reply in either framing (`s{...}`, `<n>|<n chars>{...}`), or null. */
function envelope(text) {
  const m = /^(\d{1,9})\|/.exec(text);
  const payload = text.startsWith('s') ? text.slice(1) : m ? text.slice(m[0].length + Number(m[1])) : null;
  try { return JSON.parse(payload); } catch { return null; }
}

const excerpt = (reply) => `${reply.status} ${reply.text.replace(/\s+/g, ' ').slice(0, 160)}`;

function assertAnswered(reply, result) {
  const env = envelope(reply.text);
  assert.equal(reply.status, 200, excerpt(reply));
  assert.ok(env && env.cc === 1 && env.ok === true, excerpt(reply));
  assert.equal(env.result, result);
}

function assertForbidden(reply, status = 403) {
  assert.equal(reply.status, status, excerpt(reply));
  assert.match(reply.text, /^s\{"cc":1,"ok":false,"error":\{"code":"forbidden"/, excerpt(reply));
}

// ---- counters: what ran on the server -----------------------------------------------------------

const counts = async () => JSON.parse((await request(`${ROOT_TWIN}?counts=1`)).text);

/**
 * Runs an attempt and asserts it moved no counter: no Page_Load of a postback, no handler. `report`
 * sees the outcome first, so the test output shows the reply even when the assertion fails.
 */
async function withoutEffect(attempt, report) {
  const was = await counts();
  const outcome = await attempt();
  report(outcome);
  assert.deepEqual(await counts(), was, 'a refused call runs no page code and no handler');
  return outcome;
}

/** One refused call: the reply reported in the test output, nothing run, the refusal. */
async function refused(t, label, send, status = 403) {
  const reply = await withoutEffect(send, (r) => t.diagnostic(`${label}: ${excerpt(r)}${r.location ? ' -> ' + r.location : ''}`));
  assertForbidden(reply, status);
}

// ---- alice and bob, each with their own copy of the template pages ------------------------------

let alice;
let bob;
const views = {}; // path -> { alice, bob }
async function signInBoth() {
  alice = await signIn('alice');
  bob = await signIn('bob');
  for (const path of TEMPLATE_PAGES) views[path] = { alice: await load(path, alice), bob: await load(path, bob) };
  // Distinct anti-XSRF cookies, so distinct ViewStateUserKeys: what binds a token to its user.
  assert.notEqual(alice.cookies.get('__AntiXsrfToken'), bob.cookies.get('__AntiXsrfToken'));
}

/** Sends one forged call to each template page (the template itself and its counting twin). */
async function refusedOnTemplatePages(t, label, forge, status = 403) {
  for (const path of TEMPLATE_PAGES) await refused(t, `${path} ${label}`, () => forge(views[path]), status);
}

// ---- another site: pages served from 127.0.0.2 ---------------------------------------------------

let evil;
async function startEvilSite() {
  const pages = new Map();
  const server = http.createServer((req, res) => {
    const html = pages.get(req.url);
    res.writeHead(html ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html || '');
  });
  await new Promise((resolve, reject) => { server.once('error', reject); server.listen(0, '127.0.0.2', resolve); });
  const origin = `http://127.0.0.2:${server.address().port}`;
  let n = 0;
  evil = {
    origin,
    /** Serves a page on the other site and returns its address. */
    serve(body) { const path = `/attack${n += 1}`; pages.set(path, `<!DOCTYPE html><html><body>${body}</body></html>`); return origin + path; },
    // Chromium keeps idle connections open: drop them, or close() waits for them.
    close: () => new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); }),
  };
}

before(async () => {
  host = await startDevHost('tests/TestSite');
  browser = await launchBrowser();
  await startEvilSite();
  await signInBoth();
});
after(async () => {
  if (browser) await browser.close();
  if (evil) await evil.close();
  if (host) await host.stop();
});

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const callbackFields = (id, arg) => [['__EVENTTARGET', ''], ['__CALLBACKID', id], ['__CALLBACKPARAM', JSON.stringify({ v: 1, arg, state: null })]];

/**
 * Chromium visits a page of the other site that sends the victim's browser to a callback (a
 * top-level navigation or an auto-submitted form) and lands on the victim's reply. Resolves to that
 * reply and whether the browser attached the victim's cookies.
 */
async function crossSiteVisit(p, attackHtml, target) {
  const attackUrl = evil.serve(attackHtml);
  const replied = p.waitForResponse((r) => r.url().startsWith(url(target)) && r.request().frame() === p.mainFrame());
  await p.goto(attackUrl);
  const response = await replied;
  const headers = await response.request().allHeaders();
  return { status: response.status(), text: await response.text(), cookies: headers.cookie || '', location: response.headers().location || null };
}

const navigationAttack = (target, id) => `<script>location = ${JSON.stringify(`${url(target)}?${new URLSearchParams(callbackFields(id, 'navigated'))}`)};</script>`;
const formAttack = (target, id) => `<form method="post" action="${esc(url(target))}">${
  callbackFields(id, 'posted').map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`).join('')
}</form><script>document.forms[0].submit();</script>`;

const visitReport = (t, label) => (r) => t.diagnostic(`${label} (cookies sent: ${!!r.cookies}): ${excerpt(r)}${r.location ? ' -> ' + r.location : ''}`);

/** A cross-site request Chromium sent without the victim's cookies meets the login page instead. */
function assertRefusedOrLogin(reply) {
  if (reply.status === 302) assert.match(reply.location, /Login\.aspx/);
  else assertForbidden(reply);
}

/** Signs alice in inside Chromium, as the victim browsing the template site. */
async function signInBrowser(p) {
  await p.goto(url(`Template/Login.aspx?user=alice&ReturnUrl=${encodeURIComponent('/' + TEMPLATE)}`));
  await p.waitForFunction(() => window.TemplateEcho && window.TemplateEcho.callback);
}

// ---- the cases ----------------------------------------------------------------------------------

test('1. the legitimate call from the page answers, in Chromium and by hand, for alice and bob', page('legit', async (p, t) => {
  await signInBrowser(p);
  assert.equal(await p.evaluate(() => TemplateEcho.callback('x')), 'echo:x as alice');

  // The counting twin: one call runs Page_Load once and the handler once (the counters work).
  const was = await counts();
  await p.goto(url(TEMPLATE_TWIN));
  await p.waitForFunction(() => window.TemplateEcho && window.TemplateEcho.callback);
  assert.equal(await p.evaluate(() => TemplateEcho.callback('x')), 'echo:x as alice');
  const afterCall = await counts();
  assert.equal((afterCall['template:calls'] || 0) - (was['template:calls'] || 0), 1);
  assert.equal((afterCall['template:loads'] || 0) - (was['template:loads'] || 0), 1);

  // The hand-built call the forgeries below start from works unchanged: each refusal is then
  // caused by the one part a case forges, not by a malformed request.
  for (const path of TEMPLATE_PAGES) {
    for (const user of ['alice', 'bob']) {
      const reply = await call(views[path][user], ECHO);
      t.diagnostic(`${path} as ${user}: ${excerpt(reply)}`);
      assertAnswered(reply, `echo:x as ${user}`);
    }
  }
  assert.deepEqual(p.pageErrors, []);
}));

test('2. the right token and the victim\'s cookies with a foreign Origin: 403', async (t) => {
  await refusedOnTemplatePages(t, `Origin ${EVIL}`, (v) => call(v.alice, ECHO, { headers: { Origin: EVIL } }));
  await refusedOnTemplatePages(t, 'Origin null', (v) => call(v.alice, ECHO, { headers: { Origin: 'null' } }));
});

test('3. Sec-Fetch-Site other than same-origin: 403', async (t) => {
  for (const site of ['cross-site', 'same-site', 'none']) {
    await refusedOnTemplatePages(t, `Sec-Fetch-Site ${site}`, (v) => call(v.alice, ECHO, { headers: { 'Sec-Fetch-Site': site } }));
  }
});

test('4. no token, an empty token, garbage, a tampered token: 403', async (t) => {
  const tampered = (token) => token.slice(0, 10) + (token[10] === 'A' ? 'B' : 'A') + token.slice(11);
  const tokens = {
    'no token header': () => null,
    'empty token': () => '',
    'garbage token': () => 'garbage',
    'well-formed random token': () => 'A'.repeat(86) + '0',
    'tampered token': (v) => tampered(v.alice.token(ECHO)),
  };
  for (const [label, token] of Object.entries(tokens)) {
    await refusedOnTemplatePages(t, label, (v) => call(v.alice, ECHO, { token: token(v) }));
  }
});

test('5. bob\'s token (bob signed in separately) with alice\'s cookies and page: 403', async (t) => {
  await refusedOnTemplatePages(t, 'bob\'s token', (v) => call(v.alice, ECHO, { token: v.bob.token(ECHO) }));
});

test('6. a token for another page or another control: 403', async (t) => {
  const echoPage = await load(ECHO_PAGE);
  const [template, twin] = TEMPLATE_PAGES.map((path) => views[path].alice);
  const cases = [
    [`${ECHO_PAGE}'s Echo token on ${TEMPLATE}`, () => call(template, ECHO, { token: echoPage.token('Echo') })],
    [`${TEMPLATE}'s Echo token on ${ECHO_PAGE}`, () => call(echoPage, 'Echo', { token: template.token(ECHO), as: alice })],
    // Same control UniqueID, same user, same master: only the page path differs.
    [`${TEMPLATE_TWIN}'s Echo token on ${TEMPLATE}`, () => call(template, ECHO, { token: twin.token(ECHO) })],
    [`${TEMPLATE}'s Echo token on ${TEMPLATE_TWIN}`, () => call(twin, ECHO, { token: template.token(ECHO) })],
  ];
  for (const [label, send] of cases) await refused(t, label, send);
  // Same page and user: only the control differs.
  await refusedOnTemplatePages(t, 'the Country token for the Echo control', (v) => call(v.alice, ECHO, { token: v.alice.token(COUNTRY) }));
});

test('7. bob\'s whole form and token replayed with alice\'s cookies: 403', async (t) => {
  await refusedOnTemplatePages(t, 'bob\'s form and token', (v) => call(v.alice, ECHO, { token: v.bob.token(ECHO), hidden: v.bob.hidden }));
});

test('8. a GET callback: 405, by hand and as a cross-site navigation or form post in Chromium', page('get', async (p, t) => {
  const root = await load(ROOT_TWIN);
  await refused(t, `GET ${ROOT_TWIN}`, () => call(root, 'Echo', { method: 'GET' }), 405);
  await refused(t, `GET ${ECHO_PAGE}`, async () => call(await load(ECHO_PAGE), 'Echo', { method: 'GET' }), 405);
  await refusedOnTemplatePages(t, 'GET with alice\'s cookies', (v) => call(v.alice, ECHO, { method: 'GET' }), 405);

  await signInBrowser(p);
  const targets = [[ROOT_TWIN, 'Echo'], [TEMPLATE_TWIN, ECHO]];
  for (const [target, id] of targets) {
    const navigated = await withoutEffect(() => crossSiteVisit(p, navigationAttack(target, id), target), visitReport(t, `cross-site navigation to a GET callback of ${target}`));
    assertForbidden(navigated, 405);

    // A form is a POST: it has no token and Chromium sends its Origin (without cookies the login
    // page would answer instead: refused all the same).
    const posted = await withoutEffect(() => crossSiteVisit(p, formAttack(target, id), target), visitReport(t, `cross-site form POST to ${target}`));
    assertRefusedOrLogin(posted);
  }
}));

test('9. a script on another site cannot send the token header: the CORS preflight is never granted', page('cors', async (p, t) => {
  await signInBrowser(p);
  const targets = [[await load(ROOT_TWIN), 'Echo'], [views[TEMPLATE_TWIN].alice, ECHO]];
  await p.goto(evil.serve('<p>another site</p>'));
  for (const [view, id] of targets) {
    // Even with a valid token (say it leaked), the browser never sends the header cross-origin.
    const body = new URLSearchParams(callbackFields(id, 'fetched')).toString();
    await withoutEffect(() => p.evaluate(async ([target, header, token, form]) => {
      try {
        const r = await fetch(target, { method: 'POST', credentials: 'include', headers: { [header]: token, 'Content-Type': 'application/x-www-form-urlencoded' }, body: form });
        return `answered ${r.status}`;
      } catch (err) {
        return String(err);
      }
    }, [url(view.path), TOKEN_HEADER, view.token(id), body]), (outcome) => {
      t.diagnostic(`fetch() with the header from ${evil.origin} to ${view.path}: ${outcome}`);
      assert.match(outcome, /TypeError/);
    });
    // Why: the server answers the preflight like any other request, granting nothing.
    const preflight = await request(view.path, { as: alice, method: 'OPTIONS', headers: {
      Origin: evil.origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': TOKEN_HEADER.toLowerCase() } });
    const granted = [...preflight.headers.keys()].filter((name) => name.startsWith('access-control-'));
    t.diagnostic(`preflight OPTIONS ${view.path}: ${preflight.status}, access-control headers: ${granted.join(', ') || 'none'}`);
    assert.deepEqual(granted, []);

    // Without the header the request is "simple" and does arrive: refused (no token, a foreign Origin).
    const arrived = p.waitForResponse((r) => r.url() === url(view.path) && r.request().method() === 'POST');
    const reply = await withoutEffect(async () => {
      await p.evaluate(([target, form]) => fetch(target, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form }), [url(view.path), body]);
      const r = await arrived;
      return { status: r.status(), text: await r.text().catch(() => ''), cookies: (await r.request().allHeaders()).cookie || '', location: r.headers().location || null };
    }, visitReport(t, `no-cors fetch() without the header to ${view.path}`));
    // The reply says nosniff, so Chromium's opaque-response blocking withholds its body from the other
    // site's no-cors fetch: the status shows the refusal, withoutEffect that nothing ran.
    if (reply.text === '') assert.equal(reply.status, 403, excerpt(reply));
    else assertRefusedOrLogin(reply);
  }
}));

test('10. a page without ViewStateUserKey: the legitimate call works; a foreign Origin or no token is refused', async (t) => {
  const echoPage = await load(ECHO_PAGE);
  const root = await load(ROOT_TWIN);
  for (const [view, id] of [[echoPage, 'Echo'], [root, 'Echo']]) {
    const reply = await call(view, id);
    t.diagnostic(`${view.path} legitimate: ${excerpt(reply)}`);
    assertAnswered(reply, 'echo:x');
    await refused(t, `${view.path} Origin ${EVIL}`, () => call(view, id, { headers: { Origin: EVIL } }));
    await refused(t, `${view.path} no token`, () => call(view, id, { token: null }));
  }
});

test('11. a control created in Page_Load (rows bound on every request) is refused like the others', page('late-control', async (p, t) => {
  // The page guard checks the token at PreLoad, when this row's control does not exist yet.
  const id = 'Rows$ctl00$RowEcho';
  assert.ok((await load(ROOT_TWIN)).controls[id], `${id} renders with a token`);
  // Page_Load must run here (it creates the control); the row's handler must not.
  const was = await counts();
  const posted = await crossSiteVisit(p, formAttack(ROOT_TWIN, id), ROOT_TWIN);
  const now = await counts();
  t.diagnostic(`cross-site form POST to ${id}: ${excerpt(posted)}; root:rowcalls ${was['root:rowcalls'] || 0} -> ${now['root:rowcalls'] || 0}`);
  assert.equal(now['root:rowcalls'] || 0, was['root:rowcalls'] || 0, 'the row control\'s handler ran for a cross-site form');
  assertForbidden(posted);

  // Sent by hand (no Origin, no token): the control is checked just before its handler, the first
  // moment it exists; the handler does not run. With its own token the call works.
  const view = await load(ROOT_TWIN);
  const before = await counts();
  const forged = await call(view, id, { token: null, arg: 'by hand', hidden: [] }); // lean: the row is created only in Page_Load
  t.diagnostic(`by hand, no token, to ${id}: ${excerpt(forged)}`);
  assert.equal(forged.status, 403, excerpt(forged));
  assert.equal(envelope(forged.text).error.code, 'forbidden', excerpt(forged));
  assert.equal((await counts())['root:rowcalls'] || 0, before['root:rowcalls'] || 0, 'the handler ran without a token');
  assertAnswered(await call(view, id, { arg: 'mine' }), 'row:mine');
}));
