'use strict';
// The CascadingDropDown client: a parent change clears and refills the child (and clears every level
// below), the per-parent cache, the loading state, prompt and empty texts, its events, latest reply
// wins, hostile text kept as text, and encoded values. A fake DOM, the fake transport, fake timers.

const path = require('node:path');
const { test, describe, beforeEach, afterEach, mock } = require('node:test');
const assert = require('node:assert/strict');
const S = require('./support');

const { CC, installHeldTransport, started, restoreFakes, statusRegion, flush, rejection, ok } = S;
// Loaded before any fake document exists, so registering the type starts nothing.
const Cascading = require(path.join(__dirname, '..', '..', 'src', 'CallbackControls', 'CascadingDropDown', 'CascadingDropDown.js'));

/* ------------------------------------------------------------------------------------------
 * A fake DOM: selects that hold options, fire 'change' and record any markup written to them
 * ---------------------------------------------------------------------------------------- */

/** Every innerHTML write anywhere in the fake document: the control must never make one. */
let markupWrites;

function recordsMarkup(node) {
  Object.defineProperty(node, 'innerHTML', { set(value) { markupWrites.push(value); }, get() { return ''; } });
  return node;
}

function fakeOption(text, value, selected) {
  return recordsMarkup({
    tagName: 'OPTION', textContent: text || '', value: value || '', selected: !!selected, disabled: false, attributes: {},
    setAttribute(name, attributeValue) {
      if (!/^[A-Za-z_][\w.-]*$/.test(name)) throw new Error('InvalidCharacterError');
      this.attributes[name] = String(attributeValue);
    }
  });
}

class FakeSelect extends EventTarget {
  constructor(id, multiple) {
    super();
    this.id = id;
    this.name = id;
    this.tagName = 'SELECT';
    this.type = multiple ? 'select-multiple' : 'select-one';
    this.multiple = !!multiple;
    this.disabled = false;
    this.options = [];
    this.parentNode = null;
    this.attributes = {};
    recordsMarkup(this);
  }

  /** Only ever set to '' by the control, which removes every option (as the DOM does). */
  set textContent(value) {
    assert.equal(value, '', 'the list is only ever emptied through textContent');
    this.options = [];
  }

  get textContent() { return this.options.map((o) => o.textContent).join(''); }

  appendChild(node) {
    this.options.push(...(node.isFragment ? node.children.splice(0) : [node]));
    // A single-selection list always has one option selected, the first when none is chosen.
    if (!this.multiple && this.options.length && !this.options.some((o) => o.selected)) this.options[0].selected = true;
    return node;
  }

  get value() {
    const chosen = this.options.find((o) => o.selected);
    return chosen ? chosen.value : '';
  }

  setAttribute(name, value) { this.attributes[name] = String(value); }
  getAttribute(name) { return Object.prototype.hasOwnProperty.call(this.attributes, name) ? this.attributes[name] : null; }
  removeAttribute(name) { delete this.attributes[name]; }

  /** What the user does: chooses an option and the browser fires 'change'. */
  choose(value) {
    for (const o of this.options) o.selected = o.value === value;
    this.dispatchEvent(new Event('change'));
  }

  texts() { return this.options.map((o) => o.textContent); }
}

function fakeDocument() {
  const byId = {};
  return {
    add(element) { byId[element.id] = element; return element; },
    getElementById(id) { return byId[id] || null; },
    createElement(tag) {
      assert.equal(tag, 'option', 'the control creates nothing but options');
      return fakeOption();
    },
    createDocumentFragment() {
      return { isFragment: true, children: [], appendChild(node) { this.children.push(node); return node; }, get firstChild() { return this.children[0] || null; } };
    }
  };
}

/* ------------------------------------------------------------------------------------------
 * A chain as the server renders it: Country (a plain list) → Region → City
 * ---------------------------------------------------------------------------------------- */

const COUNTRIES = [['Choose a country', ''], ['France', 'FR'], ['Germany', 'DE']];
const FRANCE = [['Île-de-France', 'IDF'], ['Bretagne', 'BRE']];
const GERMANY = [['Bayern', 'BY']];

let transport;
let doc;
let theForm;

beforeEach(() => {
  transport = installHeldTransport();
  markupWrites = [];
  doc = fakeDocument();
  globalThis.document = doc;
  theForm = S.form([]);
});

afterEach(() => {
  delete globalThis.document;
  restoreFakes();
});

/** A plain list (the top level), with the given [text, value] items, the first selected. */
function plainList(id, items) {
  const list = doc.add(new FakeSelect(id));
  for (const [text, value] of items) list.appendChild(fakeOption(text, value));
  theForm.elements.push(list);
  theForm.elements[id] = list;
  return list;
}

/**
 * A CascadingDropDown as the server renders it while its parent has no choice yet (the prompt
 * only, disabled), started the way the runtime starts it.
 */
function cascading(id, parent, options, hooks) {
  const list = plainList(id, []);
  const status = statusRegion();
  const prompt = options && options.prompt !== undefined ? options.prompt : { text: 'Choose a ' + id.toLowerCase(), value: '' };
  if (prompt) list.appendChild(fakeOption(prompt.text, prompt.value, true));
  list.disabled = true;
  const wrapper = {
    id: id + '_Container',
    closest: (selector) => (selector === 'form' ? theForm : null),
    querySelector: (selector) => (selector === '.cc-status' ? status : null)
  };
  list.parentNode = wrapper;
  const client = new Cascading(wrapper, Object.assign({
    name: id, callbackId: id, url: '/Chain.aspx', timeout: 30000,
    listId: id, parentId: parent.id, ancestors: [], fields: [],
    loadingText: 'Loading…', emptyText: '', cache: false, multiple: false,
    // The loading state at once, so the tests of it need no clock; its delay has tests of its own.
    loadingDelay: 0,
    hooks: hooks || {}
  }, options || {}, { prompt: prompt }));
  // The runtime links the element to its object; the levels below find their parent's object so.
  wrapper.__callbackControl = client;
  client.init();
  started(client);
  return { client, list, status };
}

/** Country → Region → City; options and hooks apply to Region (City gets the same options). */
function chain(options, hooks) {
  const country = plainList('Country', COUNTRIES);
  const region = cascading('Region', country, Object.assign({ ancestors: [''], fields: ['Country'] }, options), hooks);
  const city = cascading('City', region.list, Object.assign({ ancestors: ['', ''], fields: ['Country', 'Region'] }, options));
  return { country, region, city };
}

/** The chain with France chosen and its regions shown. */
async function franceChosen(options, hooks) {
  const levels = chain(options, hooks);
  levels.country.choose('FR');
  await answer(ok(FRANCE));
  return levels;
}

/** The chain with the countries chosen one after the other, each choice's request sent. */
async function chosenInTurn(countries, options, hooks) {
  const levels = chain(options, hooks);
  for (const value of countries) {
    levels.country.choose(value);
    await flush();
  }
  return levels;
}

/** What each request asked for: the ancestors it sent in its state. */
function askedFor() {
  return transport.calls.map((c) => JSON.parse(c.body.get('__CALLBACKPARAM')).state.ancestors);
}

/** Lets the newest request go out, answers request number index (the newest by default) and lets its reply be applied. */
async function answer(text, index) {
  await flush();
  transport.calls[index === undefined ? transport.calls.length - 1 : index].respond(200, text);
  await flush();
  await flush();
}

function errorReply(message) {
  return 's' + JSON.stringify({ cc: 1, ok: false, error: { code: 'handler', message: message } });
}

function encoded(value) {
  return '~' + Buffer.from(value, 'utf8').toString('base64url');
}

/* ------------------------------------------------------------------------------------------
 * Tests
 * ---------------------------------------------------------------------------------------- */

describe('filling from the parent', { timeout: 5000 }, () => {
  test('the type is registered with the runtime under "cascadingdropdown" and published under its client name', () => {
    const country = plainList('Country', COUNTRIES);
    const list = plainList('Region', []);
    const wrapper = {
      id: 'Region_Container',
      getAttribute: (name) => (name === 'data-cc-control' ? 'cascadingdropdown'
        : name === 'data-cc-options' ? JSON.stringify({ name: 'RegionList', callbackId: 'Region', listId: 'Region', parentId: country.id, ancestors: [''] }) : null),
      closest: () => theForm,
      querySelector: () => null
    };
    list.parentNode = wrapper;
    const instance = CC.internals.createInstance(wrapper);
    started(instance);
    assert.ok(instance instanceof Cascading);
    assert.ok(instance instanceof CC.CallbackClient);
    assert.equal(globalThis.RegionList, instance);
    CC.disposeAll();
    assert.equal(globalThis.RegionList, undefined);
  });

  test('an unchanged parent sends nothing at start; a parent restored by the browser (back button) refills at once', async () => {
    chain();
    await flush();
    assert.equal(transport.calls.length, 0);
    const country = plainList('Country2', COUNTRIES);
    country.options[1].selected = true;
    country.options[0].selected = false;
    cascading('Region2', country, { ancestors: [''], fields: ['Country2'] });
    await flush();
    assert.deepEqual(askedFor(), [['FR']]);
  });

  test('a parent change asks for the chain as it stands now, posts the parent field, and fills the child', async () => {
    const { country, region } = chain();
    country.choose('FR');
    await flush();
    assert.equal(transport.calls.length, 1);
    const call = transport.calls[0];
    assert.equal(call.body.get('__CALLBACKID'), 'Region');
    assert.equal(call.body.get('Country'), 'FR');
    assert.deepEqual(askedFor(), [['FR']]);
    await answer(ok(FRANCE));
    assert.deepEqual(region.list.texts(), ['Choose a region', 'Île-de-France', 'Bretagne']);
    assert.equal(region.list.options[0].selected, true, 'the prompt is selected');
    assert.equal(region.list.disabled, false);
    assert.equal(region.client.getSelectedValue(), '');
  });

  test('the list is disabled, busy and says it is loading while the call is in flight', async () => {
    const { country, region } = chain();
    country.choose('FR');
    await flush();
    assert.deepEqual(region.list.texts(), ['Loading…']);
    assert.equal(region.list.disabled, true);
    assert.equal(region.list.getAttribute('aria-busy'), 'true');
    assert.equal(region.status.textContent, 'Loading…');
    assert.equal(region.status.getAttribute('data-kind'), 'loading');
    await answer(ok(FRANCE));
    assert.equal(region.list.disabled, false);
    assert.equal(region.list.getAttribute('aria-busy'), null);
    assert.equal(region.status.textContent, '2 items', 'the loading message gives way to what the list now offers');
    assert.equal(region.status.getAttribute('data-kind'), 'count');
  });

  test('a reply within 100 ms (fake clock) fills the list without the loading state ever showing', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const { country, region } = chain({ loadingDelay: undefined, countText: '{0} regions' });
    const said = [];
    const record = region.client.showStatus.bind(region.client);
    region.client.showStatus = (text, kind) => { said.push(kind + ': ' + text); record(text, kind); };
    country.choose('FR');
    await flush();
    mock.timers.tick(99);
    await flush();
    assert.deepEqual(region.list.texts(), ['Choose a region'], 'cleared and disabled at once, not yet "loading"');
    assert.equal(region.list.disabled, true);
    await answer(ok(FRANCE));
    mock.timers.tick(1000);
    await flush();
    assert.deepEqual(region.list.texts(), ['Choose a region', 'Île-de-France', 'Bretagne']);
    assert.deepEqual(said, ['count: 2 regions'], 'nothing said of loading for a quick reply');
  });

  test('a reply slower than 100 ms (fake clock) shows the loading state at 100 ms, then the items', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const { country, region } = chain({ loadingDelay: undefined });
    country.choose('FR');
    await flush();
    mock.timers.tick(100);
    await flush();
    assert.deepEqual(region.list.texts(), ['Loading…']);
    assert.equal(region.status.textContent, 'Loading…');
    await answer(ok(FRANCE));
    assert.deepEqual(region.list.texts(), ['Choose a region', 'Île-de-France', 'Bretagne']);
    assert.equal(region.status.getAttribute('data-kind'), 'count');
  });

  test('the status region describes the list and says what it offers: its count, then its empty text, then nothing while it waits', async () => {
    const { country, region } = chain({ emptyText: 'No regions', countText: '{0} regions' });
    assert.equal(region.list.getAttribute('aria-describedby'), 'Region_status');
    assert.equal(region.status.id, 'Region_status');
    country.choose('FR');
    await answer(ok(FRANCE));
    assert.equal(region.status.textContent, '2 regions');
    country.choose('DE');
    await answer(ok([]), 1);
    assert.equal(region.status.textContent, 'No regions');
    country.choose('');
    await flush();
    assert.equal(region.status.textContent, '', 'a list waiting for its parent announces nothing and keeps no stale count');
  });

  test('a parent change clears every level below; a level whose parent has no choice waits without asking', async () => {
    const { country, region, city } = await franceChosen();
    region.list.choose('IDF');
    await flush();
    assert.deepEqual(askedFor(), [['FR'], ['FR', 'IDF']]);
    await answer(ok([['Paris', 'PAR']]));
    city.list.choose('PAR');
    assert.equal(city.client.getSelectedValue(), 'PAR');

    country.choose('DE');
    await flush();
    assert.deepEqual(city.list.texts(), ['Choose a city'], 'the city list is back to its prompt');
    assert.equal(city.list.disabled, true);
    assert.equal(city.client.getSelectedValue(), '');
    assert.deepEqual(askedFor(), [['FR'], ['FR', 'IDF'], ['DE']], 'nothing is asked for the city while the region has no choice');
  });

  test('a call of a lower level still in flight is dropped when a level above changes', async () => {
    const { country, region, city } = await franceChosen();
    region.list.choose('IDF');
    await flush();
    const cityCall = transport.calls[1];
    country.choose('DE');
    await flush();
    assert.equal(cityCall.request.signal.aborted, false, 'a call to the page goes on: the server finishes it anyway');
    cityCall.respond(200, ok([['Paris', 'PAR']]));
    await flush();
    assert.deepEqual(city.list.texts(), ['Choose a city'], 'the late city reply is not shown');
    assert.equal(city.status.textContent, '');
  });

  test('a disabled control (Enabled="false") stays disabled when a parent change refills it: the server takes nothing posted under its name', async () => {
    const { country, region } = chain({ disabled: true });
    country.choose('FR');
    await answer(ok(FRANCE));
    assert.deepEqual(region.list.texts(), ['Choose a region', 'Île-de-France', 'Bretagne']);
    assert.equal(region.list.disabled, true);
  });

  test('a call made by page script returns its result to the promise and leaves the list alone', async () => {
    const { region } = chain();
    const call = region.client.callback('custom');
    await flush();
    await answer(ok([['X', 'x']]));
    assert.deepEqual(await call, [['X', 'x']]);
    assert.deepEqual(region.list.texts(), ['Choose a region']);
  });
});

describe('the client cache (EnableClientCache)', { timeout: 5000 }, () => {
  test('with the cache on, a parent value seen before fills from the cache without a call', async () => {
    const populated = [];
    const { country, region } = await franceChosen({ cache: true }, { populated: (e) => populated.push(e.items.length) });
    country.choose('DE');
    await answer(ok(GERMANY));
    country.choose('FR');
    await flush();
    assert.deepEqual(askedFor(), [['FR'], ['DE']]);
    assert.deepEqual(region.list.texts(), ['Choose a region', 'Île-de-France', 'Bretagne']);
    assert.equal(region.list.disabled, false);
    assert.deepEqual(populated, [2, 1, 2], 'populated runs for a fill from the cache too');
  });

  test('the cache is per chain: the same region under another country is asked for again', async () => {
    const { country, region } = chain({ cache: true });
    country.choose('FR');
    await answer(ok([['Nord', 'N']]));
    region.list.choose('N');
    await answer(ok([['Lille', 'L']]));
    country.choose('DE');
    await answer(ok([['Nord', 'N']]));
    region.list.choose('N');
    await flush();
    assert.deepEqual(askedFor(), [['FR'], ['FR', 'N'], ['DE'], ['DE', 'N']]);
  });

  test('with the cache off, every parent change asks the server', async () => {
    const { country } = await franceChosen({ cache: false });
    country.choose('DE');
    await answer(ok(GERMANY));
    country.choose('FR');
    await flush();
    assert.deepEqual(askedFor(), [['FR'], ['DE'], ['FR']]);
  });
});

describe('prompt and empty texts', { timeout: 5000 }, () => {
  test('no items: the empty text alone, disabled', async () => {
    const { country, region } = chain({ emptyText: 'No regions' });
    country.choose('FR');
    await answer(ok([]));
    assert.deepEqual(region.list.texts(), ['No regions']);
    assert.equal(region.list.disabled, true);
  });

  test('no items and no empty text: the prompt alone, disabled', async () => {
    const { country, region } = chain();
    country.choose('FR');
    await answer(ok([]));
    assert.deepEqual(region.list.texts(), ['Choose a region']);
    assert.equal(region.list.disabled, true);
  });

  test('while the parent has no choice the prompt is shown, never the empty text', async () => {
    const { country, region } = await franceChosen({ emptyText: 'No regions' });
    country.choose('');
    await flush();
    assert.deepEqual(region.list.texts(), ['Choose a region']);
    assert.equal(region.list.disabled, true);
    assert.equal(transport.calls.length, 1);
  });

  test('without a prompt the first item is selected; a multiple-selection list selects none', async () => {
    const single = chain({ prompt: null });
    single.country.choose('FR');
    await answer(ok(FRANCE));
    assert.deepEqual(single.region.list.texts(), ['Île-de-France', 'Bretagne']);
    assert.equal(single.region.client.getSelectedValue(), 'IDF');
    const country = plainList('Country3', COUNTRIES);
    const multiple = cascading('Multi', country, { prompt: null, multiple: true, ancestors: [''], fields: ['Country3'] });
    multiple.list.multiple = true;
    country.choose('DE');
    await answer(ok([['Bayern', 'BY'], ['Berlin', 'BE']]));
    assert.deepEqual(multiple.client.getValues(), []);
  });

  test('a failed call leaves the list empty (the prompt, not the empty text) and disabled, the message in the status region', async () => {
    const { country, region } = chain({ emptyText: 'No regions' });
    country.choose('FR');
    await answer(errorReply('The regions are not available.'));
    assert.deepEqual(region.list.texts(), ['Choose a region']);
    assert.equal(region.list.disabled, true);
    assert.equal(region.list.getAttribute('aria-busy'), null);
    assert.equal(region.status.textContent, 'The regions are not available.');
    assert.equal(region.status.getAttribute('data-kind'), 'error');
  });

  test('a call that times out (fake clock) ends the same way, with kind "timeout" for the error hook', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const errors = [];
    const { country, region } = chain({ timeout: 5000 }, { error: (e) => { errors.push(e.error.kind); } });
    country.choose('FR');
    await flush();
    mock.timers.tick(4999);
    await flush();
    assert.deepEqual(region.list.texts(), ['Loading…']);
    mock.timers.tick(1);
    await flush();
    assert.deepEqual(errors, ['timeout']);
    assert.equal(transport.calls[0].request.signal.aborted, true);
    assert.deepEqual(region.list.texts(), ['Choose a region']);
    assert.equal(region.list.disabled, true);
    assert.match(region.status.textContent, /5000 ms/);
  });
});

describe('a burst of keyboard changes', { timeout: 5000 }, () => {
  /** What a user holding an arrow key does: a key press on the list, then its change. */
  function keyTo(list, value) {
    list.dispatchEvent(new Event('keydown'));
    list.choose(value);
  }

  test('arrow keys through the parent fetch only the choice the user stops on, 150 ms after the last key', async () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    const { country, region } = chain();
    for (let i = 0; i < 10; i += 1) {
      keyTo(country, i % 2 ? 'FR' : 'DE');
      mock.timers.tick(40);
      await flush();
    }
    assert.equal(transport.calls.length, 0, 'nothing sent while the keys keep coming');
    assert.deepEqual(region.list.texts(), ['Loading…'], 'the list waits, loading, never showing a passed-over value');
    assert.equal(region.list.disabled, true);
    mock.timers.tick(109);
    await flush();
    assert.equal(transport.calls.length, 0);
    mock.timers.tick(1);
    await flush();
    assert.deepEqual(askedFor(), [['FR']]);
    await answer(ok(FRANCE));
    assert.deepEqual(region.list.texts(), ['Choose a region', 'Île-de-France', 'Bretagne']);
  });

  test('a click (no key pressed on the parent) is fetched at once', async () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    const { country } = chain();
    country.choose('FR');
    await flush();
    assert.deepEqual(askedFor(), [['FR']]);
  });

  test('a keyboard change to a parent value in the cache fills at once, without waiting or calling', async () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    const { country, region } = await franceChosen({ cache: true });
    mock.timers.tick(2000);
    keyTo(country, 'DE');
    mock.timers.tick(150);
    await answer(ok(GERMANY));
    keyTo(country, 'FR');
    await flush();
    assert.equal(transport.calls.length, 2, 'France came from the cache');
    assert.deepEqual(region.list.texts(), ['Choose a region', 'Île-de-France', 'Bretagne']);
  });

  test('dispose during the quiet period sends nothing', async () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    const { country, region } = chain();
    keyTo(country, 'FR');
    region.client.dispose();
    mock.timers.tick(1000);
    await flush();
    assert.equal(transport.calls.length, 0);
  });
});

describe('events', { timeout: 5000 }, () => {
  test('populating sees the chain (decoded) before the call, and may cancel it', async () => {
    const seen = [];
    let cancel = true;
    const { country } = chain({}, { populating: (e) => { seen.push({ parentValue: e.parentValue, ancestors: e.ancestors }); e.cancel = cancel; } });
    country.choose('FR');
    await flush();
    assert.deepEqual(seen, [{ parentValue: 'FR', ancestors: ['FR'] }]);
    assert.equal(transport.calls.length, 0, 'cancelled: nothing is sent');
    cancel = false;
    country.choose('DE');
    await flush();
    assert.equal(transport.calls.length, 1);
  });

  test('a populating hook that throws is logged and sends nothing', async () => {
    const { country } = chain({}, { populating: () => { throw new Error('hook bug'); } });
    country.choose('FR');
    await flush();
    assert.equal(transport.calls.length, 0);
    assert.ok(console.error.mock.calls.some((c) => /populating hook of "Region"/.test(String(c.arguments[0]))));
  });

  test('populated runs after the list is filled, with the items', async () => {
    const seen = [];
    await franceChosen({}, { populated: (e) => seen.push({ items: e.items, texts: e.control.list.texts() }) });
    assert.deepEqual(seen, [{ items: FRANCE, texts: ['Choose a region', 'Île-de-France', 'Bretagne'] }]);
  });

  test('selectionChanged runs for the user\'s choice, not for the control\'s own filling', async () => {
    const changes = [];
    const { region } = await franceChosen({ prompt: null }, { selectionChanged: (e) => changes.push(e.value) });
    assert.equal(region.client.getSelectedValue(), 'IDF', 'filling selected the first item');
    assert.deepEqual(changes, []);
    region.list.choose('BRE');
    assert.deepEqual(changes, ['BRE']);
  });
});

describe('latest reply wins', { timeout: 5000 }, () => {
  test('a reply for an older parent choice is never shown; the newest is sent once the older one has answered', async () => {
    const errors = [];
    const { region } = await chosenInTurn(['FR', 'DE'], {}, { error: (e) => errors.push(e.error.kind) });
    assert.deepEqual(askedFor(), [['FR']], 'one call in flight: the newer waits, since the server finishes the older anyway');
    assert.equal(transport.calls[0].request.signal.aborted, false);
    await answer(ok(FRANCE), 0);
    assert.deepEqual(region.list.texts(), ['Loading…'], 'the older reply is not shown');
    assert.deepEqual(askedFor(), [['FR'], ['DE']]);
    await answer(ok(GERMANY), 1);
    assert.deepEqual(region.list.texts(), ['Choose a region', 'Bayern']);
    assert.deepEqual(errors, [], 'a superseded call is not an error');
    assert.equal(region.status.textContent, '1 item', 'the count is the newer choice\'s');
  });

  test('while the newer call is in flight, the older reply leaves the list loading', async () => {
    const { region } = await chosenInTurn(['FR', 'DE']);
    assert.equal(region.status.textContent, 'Loading…', 'the older call\'s end does not clear the newer call\'s message');
    assert.equal(region.list.getAttribute('aria-busy'), 'true');
    await answer(ok(FRANCE), 0);
    assert.deepEqual(region.list.texts(), ['Loading…']);
    assert.equal(region.status.textContent, 'Loading…');
    await answer(ok(GERMANY), 1);
    assert.deepEqual(region.list.texts(), ['Choose a region', 'Bayern']);
  });

  test('a reply for a chain that changed without a change event is kept in the cache but not shown', async () => {
    const { country, region } = chain({ cache: true });
    country.choose('FR');
    await flush();
    country.options[1].selected = false;
    country.options[2].selected = true; // changed by script, no event yet
    await answer(ok(FRANCE));
    assert.deepEqual(region.list.texts(), ['Loading…']);
    country.choose('FR');
    await flush();
    assert.equal(transport.calls.length, 1, 'France came from the cache');
    assert.deepEqual(region.list.texts(), ['Choose a region', 'Île-de-France', 'Bretagne']);
  });

  test('a parent cleared while a call is in flight drops the call: its late reply is not shown', async () => {
    const { region } = await chosenInTurn(['FR', '']);
    assert.deepEqual(region.list.texts(), ['Choose a region']);
    assert.equal(region.list.getAttribute('aria-busy'), null);
    await answer(ok(FRANCE), 0);
    assert.deepEqual(region.list.texts(), ['Choose a region']);
    assert.equal(region.list.getAttribute('aria-busy'), null);
  });

  test('a parent cleared while a page-method call is in flight aborts it (no session lock to wait for)', async () => {
    const { region } = await chosenInTurn(['FR', ''], { method: 'Regions' });
    assert.equal(transport.calls[0].request.signal.aborted, true);
    assert.equal(region.client.isCallbackPending, false);
  });

  test('dispose drops the call in flight and stops listening to the parent', async () => {
    const { country, region } = chain();
    country.choose('FR');
    await flush();
    const pending = region.client.callback('x');
    await flush();
    region.client.dispose();
    assert.equal((await rejection(pending)).kind, 'disposed', 'the call waiting behind the one in flight is dropped');
    assert.equal(transport.calls[0].request.signal.aborted, true, 'the call in flight is aborted');
    country.choose('DE');
    await flush();
    assert.equal(transport.calls.filter((c) => c.body.get('__CALLBACKID') === 'Region').length, 1, 'nothing after dispose');
  });
});

describe('a burst of parent changes', { timeout: 5000 }, () => {
  test('a hundred changes while one call is in flight send two calls in all: the one in flight and the last choice', async () => {
    const { country, region } = chain();
    const choices = ['FR', 'DE'];
    for (let i = 0; i < 100; i++) {
      country.choose(choices[i % 2]);
      await flush();
    }
    assert.deepEqual(askedFor(), [['FR']]);
    await answer(ok(FRANCE), 0);
    assert.deepEqual(askedFor(), [['FR'], ['DE']], 'the newest waited; none in between was sent');
    await answer(ok(GERMANY), 1);
    assert.deepEqual(region.list.texts(), ['Choose a region', 'Bayern']);
    assert.equal(region.list.getAttribute('aria-busy'), null);
  });

  test('with a page method too, one call in flight and the newest waiting: the server is not asked a hundred times', async () => {
    const { country } = chain({ method: 'Regions' });
    for (let i = 0; i < 100; i++) {
      country.choose(i % 2 ? 'DE' : 'FR');
      await flush();
    }
    assert.equal(transport.calls.length, 1);
    await answer(ok(FRANCE), 0);
    assert.equal(transport.calls.length, 2);
  });
});

describe('hostile text and encoded values', { timeout: 5000 }, () => {
  const HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>';

  test('item texts and values, prompt, loading and empty texts are set as text, never markup', async () => {
    const { country, region } = chain({ prompt: { text: HOSTILE, value: '' }, loadingText: HOSTILE + ' loading', emptyText: HOSTILE + ' empty' });
    country.choose('FR');
    await flush();
    assert.deepEqual(region.list.texts(), [HOSTILE + ' loading']);
    assert.equal(region.status.textContent, HOSTILE + ' loading');
    await answer(ok([[HOSTILE, 'v&<b>'], ['&amp; &#60;', '2']]));
    assert.deepEqual(region.list.texts(), [HOSTILE, HOSTILE, '&amp; &#60;']);
    assert.equal(region.list.options[1].value, 'v&<b>');
    country.choose('DE');
    await answer(ok([]));
    assert.deepEqual(region.list.texts(), [HOSTILE + ' empty']);
    assert.deepEqual(markupWrites, []);
    assert.deepEqual(region.status.innerHTMLWrites, []);
  });

  test('a hostile server message reaches the status region as text', async () => {
    const { country, region } = chain();
    country.choose('FR');
    await answer(errorReply(HOSTILE));
    assert.equal(region.status.textContent, HOSTILE);
    assert.deepEqual(region.status.innerHTMLWrites, []);
    assert.deepEqual(markupWrites, []);
  });

  test('getSelectedValue() decodes "~" + base64url values; getValue() keeps the form posted', async () => {
    const changes = [];
    const { country, region } = chain({}, { selectionChanged: (e) => changes.push({ value: e.value, values: e.values }) });
    country.choose('FR');
    const bold = encoded('<b>bold</b>');
    const unicode = encoded('Zürich ✓ 東京');
    await answer(ok([['Bold', bold], ['Unicode', unicode], ['Broken', '~%%%'], ['Plain', 'plain']]));
    region.list.choose(bold);
    assert.equal(region.client.getSelectedValue(), '<b>bold</b>');
    assert.equal(region.client.getValue(), bold);
    region.list.choose(unicode);
    assert.equal(region.client.getSelectedValue(), 'Zürich ✓ 東京');
    region.list.choose('~%%%');
    assert.equal(region.client.getSelectedValue(), '~%%%', 'a value that does not decode is returned as it is');
    region.list.choose('plain');
    assert.equal(region.client.getSelectedValue(), 'plain');
    assert.deepEqual(changes.map((c) => c.value), ['<b>bold</b>', 'Zürich ✓ 東京', '~%%%', 'plain']);
    assert.deepEqual(changes[0].values, ['<b>bold</b>']);
    assert.equal(Cascading.decodeValue(bold), '<b>bold</b>');
  });

  test('an encoded parent value is decoded for the populating hook and sent as it is in the page', async () => {
    const seen = [];
    const country = plainList('Country', [['Choose', ''], ['Tricky', encoded('A&#B')]]);
    cascading('Region', country, { ancestors: [''], fields: ['Country'] }, { populating: (e) => seen.push(e.parentValue) });
    country.choose(encoded('A&#B'));
    await flush();
    assert.deepEqual(seen, ['A&#B']);
    assert.deepEqual(askedFor(), [[encoded('A&#B')]]);
    assert.equal(transport.calls[0].body.get('Country'), encoded('A&#B'));
  });
});

describe('what the server says of an item (a row\'s third member)', () => {
  test('a default chosen by the server is selected in place of the prompt, and the levels below follow it', async () => {
    const { country, region, city } = chain();
    country.choose('FR');
    await answer(ok([['Île-de-France', 'IDF'], ['Bretagne', 'BRE', { selected: true }]]));
    assert.equal(region.list.value, 'BRE');
    assert.deepEqual(askedFor().at(-1), ['FR', 'BRE'], 'the level below asks for the default\'s items');
    assert.equal(city.list.disabled, true);
  });

  test('disabled items and item attributes are applied as values; event-handler attributes and invalid names never', async () => {
    const { country, region } = chain();
    country.choose('FR');
    await answer(ok([
      ['Île-de-France', 'IDF', { attributes: { title: 'Paris and around', 'data-code': '75', onclick: 'alert(1)', ONMOUSEOVER: 'x', 'a b': 'y' } }],
      ['Bretagne', 'BRE', { disabled: true, selected: true }],
    ]));
    const [, idf, bre] = region.list.options;
    assert.deepEqual(idf.attributes, { title: 'Paris and around', 'data-code': '75' });
    assert.equal(bre.disabled, true);
    assert.notEqual(region.list.value, 'BRE', 'a disabled item is not chosen as the default');
    assert.deepEqual(markupWrites, []);
  });

  test('in a multiple list every item the server marks is selected', async () => {
    const { country, region } = chain({ multiple: true, prompt: null });
    region.list.multiple = true;
    country.choose('FR');
    await answer(ok([['Île-de-France', 'IDF', { selected: true }], ['Bretagne', 'BRE', { selected: true }], ['Corse', 'COR']]));
    assert.deepEqual(region.list.options.filter((o) => o.selected).map((o) => o.value), ['IDF', 'BRE']);
  });
});

describe('push (PushTopic)', { timeout: 5000 }, () => {
  test('a notification refills the level in place: asked again once, the choice kept while offered, the levels below left alone', async () => {
    const { region } = await franceChosen();
    region.list.choose('BRE');
    await answer(ok([['Rennes', 'REN']]));
    const calls = transport.calls.length;
    region.client.onPush({ topic: 'regions', data: null, catchUp: false });
    await answer(ok([['Île-de-France', 'IDF'], ['Bretagne', 'BRE'], ['Normandie', 'NOR']]));
    assert.equal(transport.calls.length, calls + 1, 'one call, and none for the city: its parent\'s choice did not change');
    assert.deepEqual(askedFor()[calls], ['FR']);
    assert.deepEqual(region.list.texts(), ['Choose a region', 'Île-de-France', 'Bretagne', 'Normandie']);
    assert.equal(region.list.value, 'BRE');
  });

  test('when the choice is no longer offered, the default comes back and the levels below empty', async () => {
    const { region, city } = await franceChosen();
    region.list.choose('BRE');
    await answer(ok([['Rennes', 'REN']]));
    region.client.onPush({ topic: 'regions', data: null, catchUp: false });
    await answer(ok([['Île-de-France', 'IDF']]));
    assert.equal(region.list.value, '');
    assert.deepEqual(city.list.texts(), ['Choose a city']);
    assert.equal(city.list.disabled, true);
  });

  test('a level still waiting for its parent has nothing to ask again', async () => {
    const { region } = chain();
    region.client.onPush({ topic: 'regions', data: null, catchUp: false });
    await flush();
    assert.equal(transport.calls.length, 0);
  });
});
