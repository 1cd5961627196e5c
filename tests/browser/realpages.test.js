'use strict';
// Real pages: Visual Studio's Web Forms template (behind a login, its master's anti-XSRF check on
// every postback) and lists and charts in data-bound rows bound once under !IsPostBack. Nothing on
// these pages is set for CallbackControls; every control must work as it is.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useDevHostSite } = require('./harness');

const site = useDevHostSite('tests/TestSite');
const page = site.page;
const url = (path) => site.host().url + path;

/** Records every callback POST: status and whether it carried the ViewState. */
function recordCalls(p) {
  const calls = [];
  p.on('requestfinished', async (r) => {
    const body = r.postData() || '';
    if (r.method() !== 'POST' || !body.includes('__CALLBACKID')) return;
    const response = await r.response();
    calls.push({ status: response && response.status(), viewState: /(^|&)__VIEWSTATE=/.test(body), token: !!(await r.allHeaders())['x-callbackcontrols-token'] });
  });
  return calls;
}

const options = (p, selector) => p.$$eval(`${selector} option`, (os) => os.map((o) => o.textContent));
const waitOptions = (p, selector, n) => p.waitForFunction(([s, count]) => document.querySelectorAll(`${s} option`).length === count, [selector, n]);

async function signIn(p, user) {
  await p.goto(url(`Template/Login.aspx?user=${user}&ReturnUrl=${encodeURIComponent('/Template/Default.aspx')}`));
  await p.waitForFunction(() => window.TemplateEcho && window.TemplateChart);
}

test('template site: a chain, a CallbackControl and a refreshing chart work on a content page of the template master, then a postback keeps the chain', page('template', async (p) => {
  const calls = recordCalls(p);
  await signIn(p, 'alice');
  assert.equal(await p.textContent('#user'), 'alice');

  await p.selectOption('select[name$="Country"]', 'ch');
  await waitOptions(p, 'select[name$="City"]', 3);
  assert.deepEqual(await options(p, 'select[name$="City"]'), ['Choose a city', 'Zürich', 'Genève']);
  await p.selectOption('select[name$="City"]', 'Genève');

  assert.equal(await p.evaluate(() => TemplateEcho.callback('hi')), 'echo:hi as alice');

  await p.waitForFunction(() => /tick [2-9]/.test(document.querySelector('[data-cc-control="refreshingchart"] svg desc').textContent));

  await Promise.all([p.waitForNavigation(), p.click('input[value="Save"]')]);
  assert.equal(await p.textContent('span[id$="Saved"]'), 'Saved: ch / Genève (valid: True)');
  assert.equal(await p.$eval('select[name$="City"]', (s) => s.value), 'Genève');

  assert.ok(calls.length >= 4, `calls seen: ${calls.length}`);
  assert.ok(calls.every((c) => c.status === 200 && c.viewState && c.token), JSON.stringify(calls));
  assert.deepEqual(p.pageErrors, []);
  assert.deepEqual(p.consoleErrors, []);
}));

test('GridView: edit a row in place, its chain cascades by callback, Update saves it; a forged city in the row is rejected', page('gridview', async (p) => {
  await p.goto(url('Rows/GridView.aspx?reset=1'));
  await Promise.all([p.waitForNavigation(), p.click('tr:nth-child(3) input[value="Edit"]')]);
  const country = 'tr:nth-child(3) select[name$="Country"]';
  const city = 'tr:nth-child(3) select[name$="City"]';
  await p.waitForFunction(() => window.CallbackControls && Array.from(document.querySelectorAll('[data-cc-control]')).filter((el) => el.__callbackControl).length === 2);
  assert.equal(await p.$eval(country, (s) => s.value), 'jp');
  assert.equal(await p.$eval(city, (s) => s.value), '東京');

  await p.selectOption(country, 'xx');
  await waitOptions(p, city, 5);
  assert.deepEqual(await options(p, city), ['City', '<script>x</script>', '\uFF1Cscript\uFF1E', '<\tb', '&#60;']);
  await p.selectOption(city, { label: '\uFF1Cscript\uFF1E' });
  await Promise.all([p.waitForNavigation(), p.click('input[value="Update"]')]);
  assert.match(await p.textContent('span[id$="Status"]'), /^Row 1: xx \/ \uFF1Cscript\uFF1E$/);
  assert.equal(await p.textContent('tr:nth-child(3) .place'), 'xx / \uFF1Cscript\uFF1E');

  // Edit another row and forge its city: the list refuses it (the GridView then does not raise
  // RowUpdating, as for any failed validator), and nothing is saved.
  await Promise.all([p.waitForNavigation(), p.click('tr:nth-child(2) input[value="Edit"]')]);
  await p.waitForSelector('tr:nth-child(2) select[name$="City"]');
  await p.$eval('tr:nth-child(2) select[name$="City"]', (s) => { s.options[1].value = 'Atlantis'; s.value = 'Atlantis'; });
  await Promise.all([p.waitForNavigation(), p.click('input[value="Update"]')]);
  assert.equal(await p.$eval('tr:nth-child(2) select[name$="City"]', (s) => s.getAttribute('aria-invalid')), 'true');
  assert.match(await p.textContent('tr:nth-child(2) .cc-status >> nth=1'), /not available/);
  await Promise.all([p.waitForNavigation(), p.click('input[value="Cancel"]')]);
  assert.equal(await p.textContent('tr:nth-child(2) .place'), 'fr / Paris');
  assert.equal(await p.textContent('tr:nth-child(3) .place'), 'xx / \uFF1Cscript\uFF1E');
  assert.deepEqual(p.pageErrors, []);
}));

test('Repeater, ListView and DataList: each row cascades on its own, and a postback keeps every row', page('lists', async (p) => {
  const calls = recordCalls(p);
  await p.goto(url('Rows/Lists.aspx'));
  const rows = await p.$$('.row');
  assert.equal(rows.length, 6);
  const picks = [['fr', 'Lyon'], ['jp', '大阪'], ['ch', 'Genève'], ['fr', 'Paris'], ['xx', '<\tb'], ['jp', '東京']];
  for (let i = 0; i < rows.length; i += 1) {
    const row = `.row >> nth=${i}`;
    await p.locator(row).locator('select[name$="Country"]').selectOption(picks[i][0]);
    await p.waitForFunction((index) => document.querySelectorAll('.row')[index].querySelectorAll('select[name$="City"] option').length > 1, i);
    await p.locator(row).locator('select[name$="City"]').selectOption({ label: picks[i][1] });
  }
  // Another row's choice did not touch this one.
  assert.equal(await p.locator('.row >> nth=0').locator('select[name$="City"]').inputValue(), 'Lyon');
  await Promise.all([p.waitForNavigation(), p.click('input[value="Save"]')]);
  assert.equal(await p.textContent('#saved'), [
    'repeater 0: fr / Lyon', 'repeater 1: jp / 大阪', 'listview 0: ch / Genève', 'listview 1: fr / Paris',
    'datalist 0: xx / <\tb', 'datalist 1: jp / 東京'].join('\n'));
  assert.ok(calls.length >= 6 && calls.every((c) => c.status === 200 && c.viewState), JSON.stringify(calls));
  assert.deepEqual(p.pageErrors, []);
}));

test('a RefreshingChart in each Repeater item refreshes itself with its own row', page('row-charts', async (p) => {
  await p.goto(url('Rows/Charts.aspx'));
  await p.waitForFunction(() => {
    const d = [...document.querySelectorAll('[data-cc-control="refreshingchart"] svg desc')].map((x) => x.textContent);
    return d.length === 2 && /^North tick \d+$/.test(d[0]) && /^South tick \d+$/.test(d[1]);
  });
  assert.deepEqual(p.pageErrors, []);
}));

test('a page without <meta charset> still round-trips non-Latin values: the reply declares UTF-8', page('no-charset', async (p) => {
  const response = await p.goto(url('Mistakes/NoCharset.aspx'));
  assert.equal(response.headers()['content-type'], 'text/html; charset=utf-8');
  await p.waitForFunction(() => window.CallbackControls && Array.from(document.querySelectorAll('[data-cc-control]')).filter((el) => el.__callbackControl).length === 2);
  await p.selectOption('select[name="Country"]', 'Zürich');
  await waitOptions(p, 'select[name="Street"]', 2);
  assert.deepEqual(await options(p, 'select[name="Street"]'), ['Street', 'Bahnhofstraße in Zürich']);
}));

test('an exception in Page_Load during a call reaches the page as the server\'s message, after one resend with the page state', page('load-throws', async (p) => {
  const calls = recordCalls(p);
  await p.goto(url('Mistakes/LoadThrows.aspx'));
  await p.waitForFunction(() => window.Echo);
  const error = await p.evaluate(() => Echo.callback('x').then(() => null, (e) => ({ kind: e.kind, message: e.message })));
  assert.deepEqual(error, { kind: 'server', message: "The page failed before 'Echo' could answer: The orders database is offline." });
  assert.equal(await p.textContent('.cc-status'), error.message);
  assert.deepEqual(calls.map((c) => c.viewState), [false, true]);
}));

test('a misspelled ChartType in markup fails with the list of valid types, not "Requested value was not found"', async () => {
  // Asked of the dev host: a page that does not compile is kept out of the in-process xunit site.
  const response = await fetch(url('Mistakes/Uncompilable/ChartTypeTypo.aspx'));
  const text = (await response.text()).replace(/&#39;/g, "'");
  assert.equal(response.status, 500);
  assert.match(text, /'Lines' is not a ChartType\. Valid values: Line, Spline, Area, StackedArea, Column, StackedColumn, Bar, Scatter, Pie, Doughnut\./);
});
