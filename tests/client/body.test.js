'use strict';
// What a call posts: the callback fields, the envelope, and the form fields it names (or all).

const { test, describe, beforeEach, afterEach, mock } = require('node:test');
const assert = require('node:assert/strict');
const S = require('./support');

const { CC, input, option, select, form, element, replyTransport, ok } = S;

beforeEach(() => { mock.method(console, 'error', () => {}); });
afterEach(() => { mock.restoreAll(); CC.transport = S.realTransport; });

/** The fields of a typical Web Forms page, including state fields a call must not carry. */
function pageForm() {
  return form([
    input('__EVENTTARGET', 'ctl00$Stale', { type: 'hidden' }),
    input('__EVENTARGUMENT', 'staleArg', { type: 'hidden' }),
    input('__VIEWSTATE', '/wEPDwUKLTk2', { type: 'hidden' }),
    input('__VIEWSTATEGENERATOR', 'CA0B0334', { type: 'hidden' }),
    input('__EVENTVALIDATION', '/wEdAAN', { type: 'hidden' }),
    input('__CALLBACKID', 'StaleCallback', { type: 'hidden' }),
    input('__CALLBACKPARAM', 'staleParam', { type: 'hidden' }),
    input('Name', 'Ada'),
    input('NameSuffix', 'not me'),
    input('Other', 'other'),
    input('List$0', 'on', { type: 'checkbox', checked: true }),
    input('List$1', 'on', { type: 'checkbox', checked: false }),
    input('List$2', 'on', { type: 'checkbox', checked: true })
  ], '/Echo.aspx');
}

async function bodyOf(options, theForm, argument) {
  const transport = replyTransport(200, ok('done'));
  CC.transport = transport;
  const client = new CC.CallbackClient(element(theForm), Object.assign({ name: 'Cb', callbackId: 'ctl00$Main$Cb' }, options));
  await client.callback(argument === undefined ? 'arg' : argument);
  assert.equal(transport.requests.length, 1);
  return { params: new URLSearchParams(transport.requests[0].body), request: transport.requests[0] };
}

describe('request body (page method)', () => {
  test('a page-method call posts the bare envelope as text, its control and method in headers, nothing of the form', async () => {
    const { request } = await bodyOf({ method: 'GetCities', fields: ['Name'], fullForm: false }, pageForm(), '<b>&"x"</b>');
    assert.equal(request.headers['Content-Type'], 'text/plain; charset=UTF-8');
    assert.equal(request.headers['X-CallbackControls-Method'], 'GetCities');
    assert.equal(request.headers['X-CallbackControls-Target'], 'ctl00$Main$Cb');
    assert.deepEqual(JSON.parse(request.body), { v: 1, arg: '<b>&"x"</b>', state: null });
    assert.doesNotMatch(request.body, /[<>&]/, 'markup characters travel escaped, as in every envelope');
    assert.doesNotMatch(request.body, /Ada|__VIEWSTATE|__CALLBACKID/, 'no form field, not even a named one');
  });

  test('a default-path call names no target header: its control travels in the form', async () => {
    const { request } = await bodyOf({ fields: [] }, pageForm());
    assert.equal(request.headers['X-CallbackControls-Target'], undefined);
    assert.equal(request.headers['Content-Type'], 'application/x-www-form-urlencoded; charset=UTF-8');
  });
});

describe('request body (named fields)', () => {
  test('a call posts an empty __EVENTTARGET, __CALLBACKID and the envelope as __CALLBACKPARAM', async () => {
    const { params } = await bodyOf({ fields: [] }, pageForm(), 'hello');
    assert.deepEqual(params.getAll('__EVENTTARGET'), ['']);
    assert.deepEqual(params.getAll('__CALLBACKID'), ['ctl00$Main$Cb']);
    assert.deepEqual(params.getAll('__CALLBACKPARAM').map(JSON.parse), [{ v: 1, arg: 'hello', state: null }]);
  });

  test('a call posts only the named fields, their "$" children and __EVENTVALIDATION, never __VIEWSTATE', async () => {
    const { params } = await bodyOf({ fields: ['Name', 'List'] }, pageForm());
    // __EVENTVALIDATION goes along because input controls validate their posted values against it.
    // The text box's text travels in the envelope (below); the list's items are form pairs.
    assert.deepEqual([...params.keys()].sort(), ['List$0', 'List$2', '__CALLBACKID', '__CALLBACKPARAM', '__EVENTTARGET', '__EVENTVALIDATION']);
    assert.deepEqual(JSON.parse(params.get('__CALLBACKPARAM')).fields, [['Name', 'Ada']]);
    assert.equal(params.has('__VIEWSTATE'), false);
    assert.equal(params.has('NameSuffix'), false, 'a name that merely starts with a field name is not that field');
    assert.equal(params.get('__CALLBACKID'), 'ctl00$Main$Cb', 'the stale __CALLBACKID field is not posted');
    assert.equal(params.getAll('__EVENTTARGET').length, 1);
  });

  test('a call leaves __EVENTVALIDATION out when the server says its fields do not need it', async () => {
    const { params } = await bodyOf({ fields: ['Name'], eventValidation: false }, pageForm());
    assert.deepEqual(JSON.parse(params.get('__CALLBACKPARAM')).fields, [['Name', 'Ada']]);
    assert.equal(params.has('__EVENTVALIDATION'), false);
    assert.equal(params.has('__VIEWSTATE'), false);
  });

  test('a call without fields posts no form field at all', async () => {
    const { params } = await bodyOf({}, pageForm());
    assert.deepEqual([...params.keys()], ['__EVENTTARGET', '__CALLBACKID', '__CALLBACKPARAM']);
  });

  test('a call reads field values at call time, not when the control started', async () => {
    const name = input('Name', 'first');
    const theForm = form([name]);
    const transport = replyTransport(200, ok('done'));
    CC.transport = transport;
    const client = new CC.CallbackClient(element(theForm), { callbackId: 'Cb', fields: ['Name'] });
    await client.callback('1');
    name.value = 'second & <third>';
    await client.callback('2');
    const typed = transport.bodies().map((body) => JSON.parse(body.get('__CALLBACKPARAM')).fields);
    assert.deepEqual(typed, [[['Name', 'first']], [['Name', 'second & <third>']]]);
  });

  test('typed text of a named field travels in the envelope as typed, with no markup character left for request validation', async () => {
    const texts = ['<b>', 'a&#b', '\uff1cscript\uff1e', 'x < y', 'Zoë 東京'];
    for (const text of texts) {
      const theForm = form([input('Comment', text), input('Notes', text, { tagName: 'TEXTAREA', type: 'textarea' }), input('Key', text, { type: 'hidden' })]);
      const { params } = await bodyOf({ fields: ['Comment', 'Notes', 'Key'], eventValidation: false }, theForm);
      const raw = params.get('__CALLBACKPARAM');
      assert.doesNotMatch(raw, /[<>&\uff1c\uff1e\uff06]/, `"${text}" is escaped in transit`);
      assert.deepEqual(JSON.parse(raw).fields, [['Comment', text], ['Notes', text], ['Key', text]]);
      assert.deepEqual([...params.keys()], ['__EVENTTARGET', '__CALLBACKID', '__CALLBACKPARAM'], 'no named text is also a form pair');
    }
  });

  test('a list named with a hidden companion field of the same name stays all form pairs (the list reads both)', async () => {
    const theForm = form([input('Country', '', { type: 'hidden' }), select('Country', [option('FR', true)]), input('Word', '<b>')]);
    const { params } = await bodyOf({ fields: ['Country', 'Word'], eventValidation: false }, theForm);
    assert.deepEqual(params.getAll('Country'), ['', 'FR']);
    assert.deepEqual(JSON.parse(params.get('__CALLBACKPARAM')).fields, [['Word', '<b>']]);
  });

  test('a named field that is not typed text (a list, a check box) stays a form pair, as the browser posts it', async () => {
    const theForm = form([
      select('Country', [option('fr', true)]),
      input('Agree', 'on', { type: 'checkbox', checked: true }),
    ]);
    const { params } = await bodyOf({ fields: ['Country', 'Agree'], eventValidation: false }, theForm);
    assert.equal(params.get('Country'), 'fr');
    assert.equal(params.get('Agree'), 'on');
    assert.equal(JSON.parse(params.get('__CALLBACKPARAM')).fields, undefined);
  });

  test('a call posts hostile argument text that JSON.parse returns exactly', async () => {
    const hostile = '<script>alert(1)</script> "q" &#39; ; | 😀 Привет';
    const { params } = await bodyOf({}, form([]), hostile);
    assert.equal(JSON.parse(params.get('__CALLBACKPARAM')).arg, hostile);
    assert.ok(!/[<>&]/.test(params.get('__CALLBACKPARAM')), 'markup characters are escaped in the envelope');
  });

  test('a call sends a non-string argument as JSON text', async () => {
    const { params } = await bodyOf({}, form([]), { id: 7, tags: ['a'] });
    assert.equal(JSON.parse(params.get('__CALLBACKPARAM')).arg, '{"id":7,"tags":["a"]}');
  });

  test('a call sends the state getState returns', async () => {
    const transport = replyTransport(200, ok('done'));
    CC.transport = transport;
    const client = new CC.CallbackClient(element(form([])), { callbackId: 'Cb' });
    client.getState = () => ({ page: 3 });
    await client.callback('x');
    assert.deepEqual(JSON.parse(transport.bodies()[0].get('__CALLBACKPARAM')).state, { page: 3 });
  });

  test('a call posts to options.url, else the form action', async () => {
    const withUrl = await bodyOf({ url: '/Other.aspx?x=1' }, pageForm());
    assert.equal(withUrl.request.url, '/Other.aspx?x=1');
    const fromForm = await bodyOf({}, pageForm());
    assert.equal(fromForm.request.url, '/Echo.aspx');
  });
});

describe('request body (fullForm)', () => {
  test('fullForm posts every field including __VIEWSTATE', async () => {
    const { params } = await bodyOf({ fullForm: true }, pageForm());
    assert.equal(params.get('__VIEWSTATE'), '/wEPDwUKLTk2');
    assert.equal(params.get('__VIEWSTATEGENERATOR'), 'CA0B0334');
    assert.equal(params.get('__EVENTVALIDATION'), '/wEdAAN');
    assert.equal(params.get('Name'), 'Ada');
    assert.equal(params.get('NameSuffix'), 'not me');
    assert.equal(params.get('Other'), 'other');
    assert.deepEqual(params.getAll('List$0'), ['on']);
    assert.equal(params.has('List$1'), false);
  });

  test('fullForm never posts a stale __CALLBACKID, __CALLBACKPARAM or __EVENTTARGET', async () => {
    const { params } = await bodyOf({ fullForm: true }, pageForm(), 'fresh');
    assert.deepEqual(params.getAll('__CALLBACKID'), ['ctl00$Main$Cb']);
    assert.equal(params.getAll('__CALLBACKPARAM').length, 1);
    assert.equal(JSON.parse(params.get('__CALLBACKPARAM')).arg, 'fresh');
    assert.deepEqual(params.getAll('__EVENTTARGET'), ['']);
    assert.equal(params.has('__EVENTARGUMENT'), false);
  });
});

describe('which fields a browser would post', () => {
  function fullBody(elements) {
    return bodyOf({ fullForm: true }, form(elements)).then((r) => r.params);
  }

  test('unchecked checkboxes and radios are skipped, checked ones posted', async () => {
    const params = await fullBody([
      input('Agree', 'on', { type: 'checkbox', checked: false }),
      input('News', 'yes', { type: 'checkbox', checked: true }),
      input('Size', 'S', { type: 'radio', checked: false }),
      input('Size', 'M', { type: 'radio', checked: true }),
      input('Size', 'L', { type: 'radio', checked: false })
    ]);
    assert.equal(params.has('Agree'), false);
    assert.equal(params.get('News'), 'yes');
    assert.deepEqual(params.getAll('Size'), ['M']);
  });

  test('disabled fields, buttons and file inputs are skipped', async () => {
    const params = await fullBody([
      input('Disabled', 'x', { disabled: true }),
      input('Submit', 'Go', { type: 'submit' }),
      input('Button', 'B', { type: 'button' }),
      input('Reset', 'R', { type: 'reset' }),
      input('Image', 'I', { type: 'image' }),
      input('Upload', 'C:\\fakepath\\a.txt', { type: 'file' }),
      input('Kept', 'yes'),
      input('', 'nameless')
    ]);
    assert.deepEqual([...params.keys()], ['__EVENTTARGET', 'Kept', '__CALLBACKID', '__CALLBACKPARAM']);
  });

  test('a multi-select posts every selected, enabled option', async () => {
    const params = await fullBody([
      select('Colors', [option('red', true), option('green', false), option('blue', true), option('gray', true, { disabled: true })], { multiple: true }),
      select('One', [option('a', false), option('b', true)])
    ]);
    assert.deepEqual(params.getAll('Colors'), ['red', 'blue']);
    assert.deepEqual(params.getAll('One'), ['b']);
  });

  test('a disabled select posts nothing', async () => {
    const params = await fullBody([select('Off', [option('a', true)], { disabled: true })]);
    assert.equal(params.has('Off'), false);
  });

  test('a textarea and hidden field post their values, a missing value posts as empty', async () => {
    const params = await fullBody([
      input('Notes', 'line1\r\nline2', { type: 'textarea', tagName: 'TEXTAREA' }),
      input('Hidden', 'h', { type: 'hidden' }),
      input('Empty', null)
    ]);
    assert.equal(params.get('Notes'), 'line1\r\nline2');
    assert.equal(params.get('Hidden'), 'h');
    assert.equal(params.get('Empty'), '');
  });
});

describe('fieldMatcher and formPairs', () => {
  const { fieldMatcher, formPairs } = CC.internals;

  test('fieldMatcher takes a name and its "$" children only', () => {
    const match = fieldMatcher(['ctl00$Main$List', 'Name']);
    assert.equal(match('ctl00$Main$List'), true);
    assert.equal(match('ctl00$Main$List$0'), true);
    assert.equal(match('ctl00$Main$List$12'), true);
    assert.equal(match('Name'), true);
    assert.equal(match('ctl00$Main$ListBox'), false);
    assert.equal(match('ctl00$Main'), false);
    assert.equal(match('Names'), false);
    assert.equal(match('x$Name'), false);
    assert.equal(match(''), false);
  });

  test('formPairs returns [name, value] pairs in form order and tolerates a missing form', () => {
    const theForm = form([input('A', '1'), input('B', '2'), input('C', '3')]);
    assert.deepEqual(formPairs(theForm, (n) => n !== 'B'), [['A', '1'], ['C', '3']]);
    assert.deepEqual(formPairs(theForm), [['A', '1'], ['B', '2'], ['C', '3']]);
    assert.deepEqual(formPairs(null), []);
  });
});
