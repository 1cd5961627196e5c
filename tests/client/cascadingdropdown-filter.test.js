'use strict';
// Type to find (a CascadingDropDown with FilterMode): the find box's typing pause, Enter, Escape and
// Down, the field that posts its text encoded, what a search sends, latest text wins and the per-text
// cache, the choice kept through every search, the announcements, the rows the server pins, the next
// page as the list is scrolled, Try again after a failed search, a parent change, an empty level and a
// disabled list. A fake DOM, the fake transport, fake timers (as cascadingdropdown.test.js).

const path = require('node:path');
const { test, describe, beforeEach, afterEach, mock } = require('node:test');
const assert = require('node:assert/strict');
const S = require('./support');

const { installHeldTransport, started, restoreFakes, statusRegion, flush, ok } = S;
// Loaded before any fake document exists, so registering the type starts nothing.
const Cascading = require(path.join(__dirname, '..', '..', 'src', 'CallbackControls', 'CascadingDropDown', 'CascadingDropDown.js'));

/* ------------------------------------------------------------------------------------------
 * A fake DOM: selects that hold options, fire 'change', take the focus and record any markup
 * written to them; the Try again button; the find box is support.js's text box
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
    // A list box's scrolling, as _maybeLoadMore reads it: 20 px a row, 5 rows visible.
    this.scrollTop = 0;
    this.clientHeight = 100;
    recordsMarkup(this);
  }

  /** Only ever set to '' by the control, which removes every option (as the DOM does). */
  set textContent(value) {
    assert.equal(value, '', 'the list is only ever emptied through textContent');
    this.options = [];
  }

  get textContent() { return this.options.map((o) => o.textContent).join(''); }

  /** The chosen options, as the browser keeps them (the control pins these through a search). */
  get selectedOptions() { return this.options.filter((o) => o.selected); }

  get scrollHeight() { return this.options.length * 20; }

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

  get selectedIndex() { return this.options.findIndex((o) => o.selected); }

  setAttribute(name, value) { this.attributes[name] = String(value); }
  getAttribute(name) { return Object.prototype.hasOwnProperty.call(this.attributes, name) ? this.attributes[name] : null; }
  removeAttribute(name) { delete this.attributes[name]; }

  focus() { doc.activeElement = this; }

  /** What the user does: chooses an option and the browser fires 'change'. */
  choose(value) {
    for (const o of this.options) o.selected = o.value === value;
    this.dispatchEvent(new Event('change'));
  }

  texts() { return this.options.map((o) => o.textContent); }
}

/** The Try again button the control puts after its status region. */
class FakeButton extends EventTarget {
  constructor() {
    super();
    this.tagName = 'BUTTON';
    this.type = '';
    this.className = '';
    this.textContent = '';
    this.parentNode = null;
    this.attributes = {};
    recordsMarkup(this);
  }

  setAttribute(name, value) { this.attributes[name] = String(value); }
  getAttribute(name) { return Object.prototype.hasOwnProperty.call(this.attributes, name) ? this.attributes[name] : null; }
  focus() { doc.activeElement = this; }
  click() { this.dispatchEvent(new Event('click')); }
}

/** The element holding the status region: where Try again is inserted, and removed from. */
function holder() {
  return {
    children: [],
    insertBefore(node) { node.parentNode = this; this.children.push(node); return node; },
    removeChild(node) { this.children.splice(this.children.indexOf(node), 1); node.parentNode = null; return node; }
  };
}

function fakeDocument() {
  const byId = {};
  return {
    activeElement: null,
    add(element) { byId[element.id] = element; return element; },
    getElementById(id) { return byId[id] || null; },
    inputs: [],
    createElement(tag) {
      assert.ok(tag === 'option' || tag === 'button' || tag === 'input', 'the control creates nothing but options, its Try again button and the find box\'s posted field');
      if (tag === 'input') {
        const field = { tagName: 'INPUT', type: '', name: '', value: '', parentNode: null };
        this.inputs.push(field);
        return field;
      }
      return tag === 'option' ? fakeOption() : new FakeButton();
    },
    createDocumentFragment() {
      return { isFragment: true, children: [], appendChild(node) { this.children.push(node); return node; }, get firstChild() { return this.children[0] || null; } };
    }
  };
}

/* ------------------------------------------------------------------------------------------
 * A page as the server renders it: Region (a plain list, Île-de-France chosen) → City, a
 * filtered level labelled "City" showing the first 3 of its 8 cities
 * ---------------------------------------------------------------------------------------- */

const REGIONS = [['Choose a region', ''], ['Île-de-France', 'IDF'], ['Bretagne', 'BRE']];
const FIRST_PAGE = [['Paris', 'PAR'], ['Versailles', 'VER'], ['Meaux', 'MEA']];
const ALL_CITIES = 8;

const ENGLISH = {
  countText: '{0} matches',
  countOneText: '{0} match',
  partialText: '{0} of {1} matches shown; type more to narrow them',
  noMatchesText: 'No matches'
};

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

function plainList(id, items, chosen) {
  const list = doc.add(new FakeSelect(id));
  for (const [text, value] of items) list.appendChild(fakeOption(text, value));
  // Chosen once every option is in (appendChild selects the first while none is).
  if (chosen !== undefined) for (const o of list.options) o.selected = o.value === chosen;
  theForm.elements.push(list);
  theForm.elements[id] = list;
  return list;
}

/**
 * The page: Region with Île-de-France chosen, and City as the server rendered it for that choice:
 * the prompt, the first page of matches (chosen: the value selected among them), the find box with
 * the typed text. options.filter is merged into the filter settings; the rest into the options.
 */
function findCity(options, hooks, rendered) {
  const r = Object.assign({ items: FIRST_PAGE, total: ALL_CITIES, chosen: '', text: '' }, rendered);
  const region = plainList('Region', REGIONS, 'IDF');
  const list = plainList('City', [['Choose a city', ''], ...r.items], r.chosen);
  list.labels = [{ textContent: 'City' }];
  const box = doc.add(S.textBox('City_Filter', r.text, { 'aria-label': 'Type to find', 'aria-controls': 'City' }));
  const status = statusRegion();
  const around = holder();
  status.parentNode = around;
  const wrapper = {
    id: 'City_Container',
    closest: (selector) => (selector === 'form' ? theForm : null),
    querySelector: (selector) => (selector === '.cc-status' ? status : null)
  };
  list.parentNode = wrapper;
  const own = Object.assign({}, options);
  const filter = Object.assign({ mode: 'contains', delay: 250, take: 3, text: r.text, shown: r.items.length, total: r.total }, ENGLISH, own.filter);
  delete own.filter;
  const client = new Cascading(wrapper, Object.assign({
    name: 'City', callbackId: 'City', url: '/FindCity.aspx', timeout: 30000,
    listId: 'City', parentId: 'Region', ancestors: ['IDF'], fields: ['Region'],
    loadingText: 'Loading…', emptyText: '', cache: false, multiple: false, loadingDelay: 0,
    prompt: { text: 'Choose a city', value: '' },
    hooks: hooks || {}
  }, own, { filter: filter }));
  wrapper.__callbackControl = client;
  client.init();
  started(client);
  // Every 'change' the list fires after the start: the levels below clear and refill on each.
  const changes = [];
  list.addEventListener('change', () => changes.push(list.value));
  return { client, region, list, box, status, around, changes };
}

/** One page of a filtered list's reply (ListMatches). */
function matches(items, total, skip) {
  return { items: items, skip: skip || 0, total: total === undefined ? items.length : total };
}

/** What each call sent as the control's state. */
function sentStates() {
  return transport.calls.map((c) => JSON.parse(c.body.get('__CALLBACKPARAM')).state);
}

/** What each call asked for: "text@skip". */
function askedFor() {
  return sentStates().map((s) => s.filter + '@' + s.skip);
}

/** Lets the newest request go out, answers request number index (the newest by default) and lets its reply be applied. */
async function answer(text, index) {
  await flush();
  transport.calls[index === undefined ? transport.calls.length - 1 : index].respond(200, text);
  await flush();
  await flush();
  await flush();
}

function errorReply(message) {
  return 's' + JSON.stringify({ cc: 1, ok: false, error: { code: 'handler', message: message } });
}

/** Types a text and presses Enter (a search at once, whatever the delay). */
async function searchFor(box, text) {
  box.typeText(text);
  box.press('Enter');
  await flush();
}

function chosenValues(list) {
  return list.options.filter((o) => o.selected).map((o) => o.value);
}

/* ------------------------------------------------------------------------------------------
 * Tests
 * ---------------------------------------------------------------------------------------- */

describe('the find box', { timeout: 5000 }, () => {
  test('is named after the list it searches and described by its status region; the start asks nothing', async () => {
    const { box } = findCity();
    await flush();
    assert.equal(box.getAttribute('aria-label'), 'City, Type to find');
    assert.equal(box.getAttribute('aria-describedby'), 'City_status');
    assert.equal(box.disabled, false);
    assert.equal(transport.calls.length, 0);
  });

  test('keys typed within the delay send one call, after the delay, for the text as the server matches it', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const seen = [];
    const { client, box } = findCity({}, { populating: (e) => seen.push(e.filter) });
    box.typeText('p');
    mock.timers.tick(100);
    box.typeText('pa  r');
    mock.timers.tick(100);
    box.typeText('  Par \t is ');
    mock.timers.tick(249);
    await flush();
    assert.equal(transport.calls.length, 0, 'nothing sent while the keys keep coming');
    mock.timers.tick(1);
    await flush();
    assert.equal(transport.calls.length, 1);
    assert.deepEqual(sentStates()[0], { ancestors: ['IDF'], filter: 'Par is', skip: 0, mode: 'contains', take: 3 });
    assert.equal(transport.calls[0].body.get('Region'), 'IDF', 'the parent field is posted');
    assert.deepEqual(seen, ['Par is'], 'populating sees the text searched');
    assert.equal(client.getFilter(), 'Par is');
    mock.timers.tick(5000);
    await flush();
    assert.equal(transport.calls.length, 1, 'one call for the whole burst');
  });

  test('the mode and the page size sent are the list\'s own', async () => {
    const { box } = findCity({ filter: { mode: 'startsWith', take: 50 } });
    await searchFor(box, 'Ver');
    assert.deepEqual(sentStates(), [{ ancestors: ['IDF'], filter: 'Ver', skip: 0, mode: 'startsWith', take: 50 }]);
  });

  test('Enter searches at once and never submits the form; the typing pause then sends nothing more', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const { box } = findCity();
    box.typeText('Lyon');
    const enter = box.press('Enter');
    assert.equal(enter.defaultPrevented, true, 'Enter is kept from the form');
    await flush();
    assert.deepEqual(askedFor(), ['Lyon@0'], 'sent without waiting for the delay');
    mock.timers.tick(1000);
    await flush();
    assert.equal(transport.calls.length, 1, 'the pending typing pause was cancelled');
  });

  test('Enter on the text already shown asks nothing, and is still kept from the form', async () => {
    const { box } = findCity();
    const enter = box.press('Enter');
    await flush();
    assert.equal(enter.defaultPrevented, true);
    assert.equal(transport.calls.length, 0);
  });

  test('Escape clears the text, is kept from the page, and shows the first page again', async () => {
    const { box, list, status } = findCity();
    await searchFor(box, 'Ver');
    await answer(ok(matches([['Versailles', 'VER']])));
    assert.deepEqual(list.texts(), ['Choose a city', 'Versailles']);
    const escape = box.press('Escape');
    assert.equal(escape.defaultPrevented, true);
    assert.equal(box.value, '');
    await flush();
    assert.deepEqual(askedFor(), ['Ver@0', '@0'], 'the first page, without a text');
    await answer(ok(matches(FIRST_PAGE, ALL_CITIES)));
    assert.deepEqual(list.texts(), ['Choose a city', 'Paris', 'Versailles', 'Meaux']);
    assert.equal(status.textContent, 'City: 3 of 8 matches shown; type more to narrow them');
  });

  test('Escape in an empty box is let through (a dialog around may close on it) and asks nothing', async () => {
    const { box, list } = findCity();
    const escape = box.press('Escape');
    await flush();
    assert.equal(escape.defaultPrevented, false);
    assert.equal(transport.calls.length, 0);
    assert.deepEqual(list.texts(), ['Choose a city', 'Paris', 'Versailles', 'Meaux']);
  });

  test('Down arrow moves to the list of matches; other keys are left alone', () => {
    const { box, list } = findCity();
    const down = box.press('ArrowDown');
    assert.equal(down.defaultPrevented, true, 'the box does not move its caret as well');
    assert.equal(doc.activeElement, list);
    doc.activeElement = box;
    assert.equal(box.press('ArrowUp').defaultPrevented, false);
    assert.equal(box.press('a').defaultPrevented, false);
    assert.equal(doc.activeElement, box);
  });

  test('what is typed posts encoded ("~" + base64url of its UTF-8) in a field put under the box\'s name, so "<b" never trips request validation', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const { region, box } = findCity({}, {}, { text: 'Pa' });
    assert.equal(doc.inputs.length, 1, 'the control creates the field at start');
    const field = doc.inputs[0];
    assert.equal(field.type, 'hidden');
    assert.equal(field.name, 'City_Filter', 'the name the server reads the text from');
    assert.equal(field.value, '~UGE', 'the text the server rendered, encoded from the start');
    box.typeText('<b');
    assert.equal(field.value, '~PGI');
    box.typeText('Évry ~~~???');
    assert.equal(field.value, '~w4l2cnkgfn5-Pz8_', 'base64url: - and _, no padding');
    box.press('Escape');
    assert.equal(field.value, '', 'Escape empties the field with the box');
    box.typeText('Ver');
    assert.equal(field.value, '~VmVy');
    region.choose('BRE');
    assert.equal(box.value, '');
    assert.equal(field.value, '', 'a parent change empties it too');
    box.typeText('Ren');
    region.choose('');
    assert.equal(field.value, '', 'and so does a parent with no choice');
  });

  test('Escape that clears the text stops there (a dialog around the list stays open); in an empty box it goes on', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const { box } = findCity();
    box.typeText('Ver');
    const clearing = box.press('Escape');
    assert.equal(clearing.defaultPrevented, true);
    assert.equal(clearing.cancelBubble, true, 'stopPropagation: handlers around the list never see it');
    const empty = box.press('Escape');
    assert.equal(empty.defaultPrevented, false);
    assert.equal(empty.cancelBubble, false);
  });

  test('Enter for the text whose call is in flight sends nothing more; the one reply fills the list as a search, the choice kept', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const populated = [];
    const { box, list, changes } = findCity({}, { populated: (e) => populated.push(e.filter) }, { chosen: 'PAR' });
    box.typeText('Ver');
    mock.timers.tick(250);
    await flush();
    assert.deepEqual(askedFor(), ['Ver@0']);
    const enter = box.press('Enter');
    await flush();
    assert.equal(enter.defaultPrevented, true);
    assert.deepEqual(askedFor(), ['Ver@0'], 'the reply on its way will show that text');
    await answer(ok(matches([['Versailles', 'VER', { selected: true }], ['Verrières', 'VRR']])));
    assert.deepEqual(list.texts(), ['Choose a city', 'Paris', 'Versailles', 'Verrières']);
    assert.equal(list.value, 'PAR', 'a search keeps the choice; a refill would have taken the server\'s default');
    assert.deepEqual(changes, [], 'nothing reaches the levels below');
    assert.equal(list.getAttribute('aria-busy'), null);
    assert.deepEqual(populated, ['Ver']);
    mock.timers.tick(1000);
    await flush();
    assert.equal(transport.calls.length, 1);
  });
});

describe('latest text wins', { timeout: 5000 }, () => {
  test('with a call in flight, typing more leaves at most one call waiting: the newest text', async () => {
    const { box, list } = findCity({ filter: { delay: 0 } });
    box.typeText('a');
    await flush();
    for (const text of ['ab', 'abc', 'abcd', 'abc']) {
      box.typeText(text);
      await flush();
    }
    assert.deepEqual(askedFor(), ['a@0'], 'the texts typed meanwhile wait, not sent beside the one in flight');
    await answer(ok(matches([['Arras', 'ARR'], ['Albi', 'ALB']])), 0);
    assert.deepEqual(list.texts(), ['Choose a city', 'Paris', 'Versailles', 'Meaux'], 'the reply for "a" is not shown: the box says "abc"');
    assert.equal(list.getAttribute('aria-busy'), 'true', 'still busy: the newest text waits');
    assert.deepEqual(askedFor(), ['a@0', 'abc@0'], 'then only the newest is sent; none in between');
    await answer(ok(matches([['Abcourt', 'ABC']])), 1);
    assert.deepEqual(list.texts(), ['Choose a city', 'Abcourt']);
    assert.equal(list.getAttribute('aria-busy'), null);
  });

  test('the reply for an older text is cached; going back to a text answered before costs no call', async () => {
    const { box, list, status } = findCity({ cache: true, filter: { delay: 0 } });
    box.typeText('a');
    await flush();
    box.typeText('ab');
    await flush();
    await answer(ok(matches([['Arras', 'ARR'], ['Albi', 'ALB']])), 0);
    await answer(ok(matches([['Abbeville', 'ABB']])), 1);
    assert.deepEqual(list.texts(), ['Choose a city', 'Abbeville']);
    box.typeText('a');
    await flush();
    assert.equal(transport.calls.length, 2, '"a" came from the cache although its reply was never shown');
    assert.deepEqual(list.texts(), ['Choose a city', 'Arras', 'Albi']);
    assert.equal(status.textContent, 'City: 2 matches');
    box.typeText('  ab ');
    await flush();
    assert.equal(transport.calls.length, 2, 'the same text once trimmed: from the cache too');
    assert.deepEqual(list.texts(), ['Choose a city', 'Abbeville']);
    assert.equal(list.getAttribute('aria-busy'), null);
  });

  test('a text answered before, typed while calls are pending, shows at once: the waiting call is dropped, the late reply not shown', async () => {
    const { box, list } = findCity({ cache: true, filter: { delay: 0 } });
    box.typeText('a');
    await answer(ok(matches([['Arras', 'ARR'], ['Albi', 'ALB']])));
    box.typeText('ab');
    await flush();
    box.typeText('abc');
    await flush();
    box.typeText('a');
    await flush();
    assert.deepEqual(list.texts(), ['Choose a city', 'Arras', 'Albi']);
    await answer(ok(matches([['Abbeville', 'ABB']])), 1);
    assert.deepEqual(askedFor(), ['a@0', 'ab@0'], '"abc" was never sent');
    assert.deepEqual(list.texts(), ['Choose a city', 'Arras', 'Albi'], 'the reply for "ab" came too late to be shown');
    assert.equal(list.getAttribute('aria-busy'), null);
  });

  test('typing back to the text shown while a newer call waits drops the waiting call and the list is no longer busy', async () => {
    const { box, list, around } = findCity({ filter: { delay: 0 } });
    box.typeText('a');
    await flush();
    box.typeText('ab');
    await flush();
    assert.equal(list.getAttribute('aria-busy'), 'true');
    box.typeText('');
    await flush();
    assert.equal(list.getAttribute('aria-busy'), null, 'nothing the list will show is coming');
    await answer(ok(matches([['Arras', 'ARR'], ['Albi', 'ALB']])), 0);
    assert.deepEqual(askedFor(), ['a@0'], '"ab" was never sent, nor the text already shown');
    assert.deepEqual(list.texts(), ['Choose a city', 'Paris', 'Versailles', 'Meaux'], 'the late reply for "a" is not shown');
    assert.equal(list.getAttribute('aria-busy'), null);
    assert.equal(around.children.length, 0, 'a dropped call is no failure');
  });

  test('with the cache off, a text answered before is asked again', async () => {
    const { box } = findCity({ cache: false, filter: { delay: 0 } });
    box.typeText('a');
    await answer(ok(matches([['Arras', 'ARR']])));
    box.typeText('ab');
    await answer(ok(matches([])));
    box.typeText('a');
    await flush();
    assert.deepEqual(askedFor(), ['a@0', 'ab@0', 'a@0']);
  });
});

describe('the choice while typing', { timeout: 5000 }, () => {
  test('the chosen item stays chosen and listed first when the matches leave it out; nothing reaches the levels below', async () => {
    const selections = [];
    const { box, list, changes } = findCity({}, { selectionChanged: (e) => selections.push(e.value) }, { chosen: 'PAR' });
    await searchFor(box, 'Ver');
    await answer(ok(matches([['Versailles', 'VER'], ['Verrières', 'VRR']])));
    assert.deepEqual(list.texts(), ['Choose a city', 'Paris', 'Versailles', 'Verrières']);
    assert.equal(list.value, 'PAR');
    assert.deepEqual(chosenValues(list), ['PAR'], 'one item chosen, the prompt not');
    await searchFor(box, 'zzz');
    await answer(ok(matches([])));
    assert.deepEqual(list.texts(), ['Choose a city', 'Paris'], 'no matches: the choice is still there');
    assert.equal(list.value, 'PAR');
    assert.equal(list.disabled, false, 'and can still be changed');
    assert.deepEqual(changes, [], 'no change event: the levels below keep their items');
    assert.deepEqual(selections, []);
  });

  test('a chosen item among the matches is listed once, where the server put it, and stays chosen', async () => {
    const { box, list, changes } = findCity({}, {}, { chosen: 'VER' });
    await searchFor(box, 'e');
    await answer(ok(matches([['Meaux', 'MEA'], ['Versailles', 'VER'], ['Évry', 'EVR']], 5)));
    assert.deepEqual(list.texts(), ['Choose a city', 'Meaux', 'Versailles', 'Évry']);
    assert.equal(list.value, 'VER');
    box.press('Escape');
    await answer(ok(matches(FIRST_PAGE, ALL_CITIES)));
    assert.deepEqual(list.texts(), ['Choose a city', 'Paris', 'Versailles', 'Meaux'], 'clearing the text: the first page, the choice in its place');
    assert.equal(list.value, 'VER');
    assert.deepEqual(changes, []);
  });

  test('with nothing chosen a search chooses nothing: an item the server marks is not selected by typing', async () => {
    const { box, list } = findCity();
    await searchFor(box, 'Ver');
    await answer(ok(matches([['Versailles', 'VER', { selected: true }], ['Verrières', 'VRR']])));
    assert.deepEqual(list.texts(), ['Choose a city', 'Versailles', 'Verrières']);
    assert.equal(list.value, '', 'the prompt stays selected');
  });

  test('with nothing chosen, a search with no matches sends no change to the levels below', async () => {
    const { box, list, changes } = findCity();
    await searchFor(box, 'zzz');
    await answer(ok(matches([])));
    assert.deepEqual(list.texts(), ['Choose a city']);
    assert.deepEqual(changes, []);
  });

  test('in a list box every chosen item stays chosen, the ones not matching listed first', async () => {
    const { box, list, changes } = findCity({ multiple: true, prompt: null }, {}, { chosen: 'PAR' });
    list.multiple = true;
    list.options.find((o) => o.value === 'MEA').selected = true;
    await searchFor(box, 'Me');
    await answer(ok(matches([['Melun', 'MEL'], ['Meaux', 'MEA']])));
    assert.deepEqual(list.texts(), ['Paris', 'Melun', 'Meaux']);
    assert.deepEqual(chosenValues(list), ['PAR', 'MEA']);
    assert.deepEqual(changes, []);
  });
});

describe('announcements', { timeout: 5000 }, () => {
  /** A reply of count rows, total matching in all. */
  function rows(count) {
    return Array.from({ length: count }, (_, i) => ['City ' + i, 'C' + i]);
  }

  test('the matches are announced in the status region after the list\'s label', async () => {
    const { box, status } = findCity({ filter: { take: 100 } });
    await searchFor(box, 'a');
    await answer(ok(matches(rows(21), 21)));
    assert.equal(status.textContent, 'City: 21 matches');
    assert.equal(status.getAttribute('data-kind'), 'count');
    await searchFor(box, 'Lyon');
    await answer(ok(matches(rows(1), 1)));
    assert.equal(status.textContent, 'City: 1 match');
    await searchFor(box, 'e');
    await answer(ok(matches(rows(100), 2345)));
    assert.equal(status.textContent, 'City: 100 of 2345 matches shown; type more to narrow them');
    await searchFor(box, 'zzz');
    await answer(ok(matches([], 0)));
    assert.equal(status.textContent, 'City: No matches');
    assert.deepEqual(status.innerHTMLWrites, []);
    assert.deepEqual(markupWrites, []);
  });

  test('the words are the page\'s own (options.filter texts)', async () => {
    const { box, status } = findCity({ filter: { countText: '{0} villes', countOneText: 'une ville ({0})', partialText: '{0} villes sur {1}', noMatchesText: 'Aucune ville' } });
    await searchFor(box, 'a');
    await answer(ok(matches(rows(2))));
    assert.equal(status.textContent, 'City: 2 villes');
    await searchFor(box, 'ab');
    await answer(ok(matches(rows(1))));
    assert.equal(status.textContent, 'City: une ville (1)');
    await searchFor(box, 'e');
    await answer(ok(matches(rows(3), 40)));
    assert.equal(status.textContent, 'City: 3 villes sur 40');
    await searchFor(box, 'zzz');
    await answer(ok(matches([])));
    assert.equal(status.textContent, 'City: Aucune ville');
  });
});

describe('more matches', { timeout: 5000 }, () => {
  test('loadMore appends the next page of the text shown, skips values already listed, and stops once all are shown', async () => {
    const { client, box, list, status, changes } = findCity({}, {}, { chosen: 'PAR' });
    await searchFor(box, 'e');
    await answer(ok(matches([['Versailles', 'VER'], ['Meaux', 'MEA'], ['Évry', 'EVR']], 7)));
    assert.deepEqual(list.texts(), ['Choose a city', 'Paris', 'Versailles', 'Meaux', 'Évry']);
    assert.equal(status.textContent, 'City: 3 of 7 matches shown; type more to narrow them');
    client.loadMore();
    client.loadMore();
    await flush();
    assert.deepEqual(askedFor(), ['e@0', 'e@3'], 'the next page: skip = matches shown so far; one call however often asked');
    assert.deepEqual(sentStates()[1], { ancestors: ['IDF'], filter: 'e', skip: 3, mode: 'contains', take: 3 });
    await answer(ok(matches([['Créteil', 'CRE'], ['Paris', 'PAR'], ['Nanterre', 'NAN']], 7, 3)));
    assert.deepEqual(list.texts(), ['Choose a city', 'Paris', 'Versailles', 'Meaux', 'Évry', 'Créteil', 'Nanterre'], 'Paris, listed already as the choice, is not repeated');
    assert.equal(status.textContent, 'City: 6 of 7 matches shown; type more to narrow them');
    client.loadMore();
    await flush();
    assert.deepEqual(askedFor(), ['e@0', 'e@3', 'e@6']);
    await answer(ok(matches([['Melun', 'MEL']], 7, 6)));
    assert.deepEqual(list.texts().slice(-2), ['Nanterre', 'Melun']);
    assert.equal(status.textContent, 'City: 7 matches');
    await client.loadMore();
    await flush();
    assert.equal(transport.calls.length, 3, 'everything is shown: nothing more is asked');
    assert.equal(list.value, 'PAR', 'the choice never moved');
    assert.deepEqual(changes, []);
  });

  test('rows the server pins come first and are not counted among the matches shown: the next page skips only matches', async () => {
    const { client, box, list, status } = findCity();
    await searchFor(box, 'e');
    const page = matches([['Versailles', 'VER'], ['Meaux', 'MEA'], ['Évry', 'EVR']], 7);
    await answer(ok(Object.assign(page, { pinned: [['Anywhere', 'ANY'], ['Abroad', 'ABR']] })));
    assert.deepEqual(list.texts(), ['Choose a city', 'Anywhere', 'Abroad', 'Versailles', 'Meaux', 'Évry']);
    assert.equal(list.value, '', 'a pinned row is not chosen by a search');
    assert.equal(status.textContent, 'City: 3 of 7 matches shown; type more to narrow them');
    client.loadMore();
    await flush();
    assert.deepEqual(askedFor(), ['e@0', 'e@3'], 'after the three matches, not after five rows');
  });

  test('a new chain\'s default pinned by the server comes first, chosen, outside the count', async () => {
    const { client, region, list, status } = findCity();
    region.choose('BRE');
    const page = matches([['Rennes', 'REN'], ['Brest', 'BRS'], ['Quimper', 'QUI']], 12);
    await answer(ok(Object.assign(page, { pinned: [['Vannes', 'VAN', { selected: true }]] })));
    assert.deepEqual(list.texts(), ['Choose a city', 'Vannes', 'Rennes', 'Brest', 'Quimper']);
    assert.equal(list.value, 'VAN');
    assert.equal(status.textContent, 'City: 3 of 12 matches shown; type more to narrow them');
    client.loadMore();
    await flush();
    assert.deepEqual(sentStates()[1], { ancestors: ['BRE'], filter: '', skip: 3, mode: 'contains', take: 3 });
  });

  test('OnClientPopulated runs after a search (e.filter its text) and after a next page (e.items the rows that came)', async () => {
    const populated = [];
    const { client, box } = findCity({ cache: true }, { populated: (e) => populated.push({ filter: e.filter, values: e.items.map((row) => row[1]) }) });
    await searchFor(box, 'e');
    await answer(ok(matches([['Versailles', 'VER'], ['Meaux', 'MEA'], ['Évry', 'EVR']], 5)));
    client.loadMore();
    await answer(ok(matches([['Créteil', 'CRE'], ['Melun', 'MEL']], 5, 3)));
    await searchFor(box, 'Ver');
    await answer(ok(matches([['Versailles', 'VER']])));
    await searchFor(box, 'e');
    assert.equal(transport.calls.length, 3, '"e" again came from the cache');
    assert.deepEqual(populated, [
      { filter: 'e', values: ['VER', 'MEA', 'EVR'] },
      { filter: 'e', values: ['CRE', 'MEL'] },
      { filter: 'Ver', values: ['VER'] },
      { filter: 'e', values: ['VER', 'MEA', 'EVR'] }
    ]);
  });

  test('the first page the server rendered goes on from where it stopped', async () => {
    const { client, list } = findCity();
    client.loadMore();
    await flush();
    assert.deepEqual(sentStates(), [{ ancestors: ['IDF'], filter: '', skip: 3, mode: 'contains', take: 3 }]);
    await answer(ok(matches([['Évry', 'EVR'], ['Melun', 'MEL'], ['Nanterre', 'NAN']], ALL_CITIES, 3)));
    assert.deepEqual(list.texts(), ['Choose a city', 'Paris', 'Versailles', 'Meaux', 'Évry', 'Melun', 'Nanterre']);
  });

  test('a list rendered with every match asks for no more', async () => {
    const { client } = findCity({}, {}, { total: FIRST_PAGE.length });
    await client.loadMore();
    await flush();
    assert.equal(transport.calls.length, 0);
  });

  test('scrolling a list box near its end, or moving there by keys, asks for the next page', async () => {
    const { list } = findCity({}, {}, { items: Array.from({ length: 20 }, (_, i) => ['City ' + i, 'C' + i]), total: 50 });
    list.scrollTop = 0;
    list.dispatchEvent(new Event('scroll'));
    await flush();
    assert.equal(transport.calls.length, 0, 'the top of 21 rows, 5 shown: far from the end');
    list.scrollTop = 220; // rows 11 to 15 of 21 visible: within 5 rows of the end
    list.dispatchEvent(new Event('scroll'));
    await flush();
    assert.deepEqual(askedFor(), ['@20']);
    await answer(ok(matches([['City 20', 'C20']], 50, 20)));
    list.choose('C19');
    list.dispatchEvent(S.keyDown('ArrowDown'));
    await flush();
    assert.deepEqual(askedFor(), ['@20', '@21'], 'Down near the last rows asks too');
  });
});

describe('a failed search', { timeout: 5000 }, () => {
  test('offers Try again, which asks for the same text again, the box and the list as they were', async () => {
    const { box, list, status, around } = findCity();
    await searchFor(box, 'Lyon');
    await answer(errorReply('The cities are not available.'));
    assert.equal(status.textContent, 'City: The cities are not available.');
    assert.equal(status.getAttribute('data-kind'), 'error');
    assert.equal(list.getAttribute('aria-busy'), null);
    assert.deepEqual(list.texts(), ['Choose a city', 'Paris', 'Versailles', 'Meaux'], 'the list as it was');
    assert.equal(around.children.length, 1);
    const retry = around.children[0];
    assert.equal(retry.textContent, 'Try again');
    assert.equal(retry.getAttribute('aria-label'), 'Try again: City');
    retry.click();
    await flush();
    assert.equal(box.value, 'Lyon', 'the typed text stays (a refresh would clear it)');
    assert.deepEqual(sentStates()[1], { ancestors: ['IDF'], filter: 'Lyon', skip: 0, mode: 'contains', take: 3 });
    assert.equal(around.children.length, 0, 'the button goes while it asks');
    await answer(ok(matches([['Lyons-la-Forêt', 'LYF']])));
    assert.deepEqual(list.texts(), ['Choose a city', 'Lyons-la-Forêt']);
    assert.equal(status.textContent, 'City: 1 match');
  });

  test('a failure of a search for a text no longer in the box is not reported', async () => {
    const { box, status, around } = findCity({ filter: { delay: 0 } });
    box.typeText('Ly');
    await flush();
    box.typeText('');
    transport.calls[0].respond(200, errorReply('The cities are not available.'));
    await flush();
    await flush();
    assert.equal(around.children.length, 0, 'no Try again for a text the user has left');
    assert.notEqual(status.getAttribute('data-kind'), 'count');
  });

  test('a later successful search withdraws Try again', async () => {
    const { box, around } = findCity();
    await searchFor(box, 'Lyon');
    await answer(errorReply('The cities are not available.'));
    assert.equal(around.children.length, 1);
    await searchFor(box, 'Ly');
    await answer(ok(matches([['Lyon', 'LYS']])));
    assert.equal(around.children.length, 0, 'the list is fine again: no Try again beside it');
  });

  test('Try again after a failed next page asks for that page again, keeping the text', async () => {
    const { client, box, around } = findCity();
    await searchFor(box, 'e');
    await answer(ok(matches([['Versailles', 'VER'], ['Meaux', 'MEA'], ['Évry', 'EVR']], 7)));
    client.loadMore();
    await answer(errorReply('The cities are not available.'));
    assert.equal(around.children.length, 1);
    around.children[0].click();
    await flush();
    assert.equal(box.value, 'e');
    assert.deepEqual(askedFor().at(-1), 'e@3');
  });
});

describe('a parent change', { timeout: 5000 }, () => {
  test('clears the find box and asks for the first page of the new chain, which takes the server\'s default', async () => {
    const populated = [];
    const { region, box, list, status } = findCity({}, { populated: (e) => populated.push({ filter: e.filter, items: e.items.length }) });
    await searchFor(box, 'Ver');
    await answer(ok(matches([['Versailles', 'VER']])));
    region.choose('BRE');
    assert.equal(box.value, '', 'the text typed for Île-de-France would hide Bretagne\'s cities');
    await flush();
    assert.deepEqual(sentStates()[1], { ancestors: ['BRE'], filter: '', skip: 0, mode: 'contains', take: 3 });
    assert.deepEqual(list.texts(), ['Loading…']);
    await answer(ok(matches([['Rennes', 'REN'], ['Brest', 'BRS', { selected: true }], ['Quimper', 'QUI']], 12)));
    assert.deepEqual(list.texts(), ['Choose a city', 'Rennes', 'Brest', 'Quimper']);
    assert.equal(list.value, 'BRS', 'a new chain\'s first page takes the server\'s default');
    assert.equal(list.disabled, false);
    assert.equal(status.textContent, 'City: 3 of 12 matches shown; type more to narrow them');
    // The search's fill runs the hook too (with its text), then the new chain's first page.
    assert.deepEqual(populated, [{ filter: 'Ver', items: 1 }, { filter: '', items: 3 }]);
  });

  test('the next page after a parent change is the new chain\'s', async () => {
    const { client, region } = findCity();
    region.choose('BRE');
    await answer(ok(matches([['Rennes', 'REN'], ['Brest', 'BRS'], ['Quimper', 'QUI']], 12)));
    client.loadMore();
    await flush();
    assert.deepEqual(sentStates()[1], { ancestors: ['BRE'], filter: '', skip: 3, mode: 'contains', take: 3 });
  });

  test('a parent with no choice empties and disables the box and asks nothing; a choice brings it back', async () => {
    const { region, box, list } = findCity();
    await searchFor(box, 'Ver');
    await answer(ok(matches([['Versailles', 'VER']])));
    region.choose('');
    await flush();
    assert.equal(box.value, '');
    assert.equal(box.disabled, true);
    assert.equal(list.disabled, true);
    assert.equal(transport.calls.length, 1);
    region.choose('BRE');
    await answer(ok(matches([['Rennes', 'REN']])));
    assert.equal(box.disabled, false);
    assert.deepEqual(list.texts(), ['Choose a city', 'Rennes']);
  });

  test('with the cache on, a chain seen before shows its first page without a call', async () => {
    const { region, box, list } = findCity({ cache: true });
    region.choose('BRE');
    await answer(ok(matches([['Rennes', 'REN']])));
    region.choose('IDF');
    await answer(ok(matches(FIRST_PAGE, ALL_CITIES)));
    await searchFor(box, 'Ver');
    await answer(ok(matches([['Versailles', 'VER']])));
    region.choose('BRE');
    await flush();
    assert.equal(transport.calls.length, 3);
    assert.equal(box.value, '');
    assert.deepEqual(list.texts(), ['Choose a city', 'Rennes']);
  });

  test('a keyboard change of the parent to a chain in the cache fills at once', async () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    const { region, list } = findCity({ cache: true });
    region.choose('BRE');
    await answer(ok(matches([['Rennes', 'REN']])));
    mock.timers.tick(2000);
    region.dispatchEvent(S.keyDown('ArrowUp'));
    region.choose('IDF');
    mock.timers.tick(150);
    await answer(ok(matches(FIRST_PAGE, ALL_CITIES)));
    mock.timers.tick(2000);
    region.dispatchEvent(S.keyDown('ArrowDown'));
    region.choose('BRE');
    await flush();
    assert.equal(transport.calls.length, 2);
    assert.deepEqual(list.texts(), ['Choose a city', 'Rennes'], 'no quiet period for a chain the cache holds');
  });

  test('during a search in flight, the new chain\'s first page is still filled as a new chain\'s', async () => {
    const populated = [];
    const { region, box, list } = findCity({}, { populated: (e) => populated.push(e.filter) });
    await searchFor(box, 'Ver');
    region.choose('BRE');
    await answer(ok(matches([['Versailles', 'VER']])), 0);
    await answer(ok(matches([['Rennes', 'REN'], ['Brest', 'BRS', { selected: true }]])), 1);
    assert.deepEqual(list.texts(), ['Choose a city', 'Rennes', 'Brest']);
    assert.equal(list.value, 'BRS');
    assert.deepEqual(populated, ['']);
  });

  test('a parent change while the typing pause runs sends one call', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const { region, box } = findCity();
    box.typeText('Ver');
    region.choose('BRE');
    mock.timers.tick(1000);
    await flush();
    await answer(ok(matches([['Rennes', 'REN']])), 0);
    assert.deepEqual(askedFor(), ['@0']);
  });

  test('a chain with nothing under it shows the empty text, disabled, and disables the find box; a text with no matches does not', async () => {
    const { region, box, list, status } = findCity({ emptyText: 'No cities' });
    await searchFor(box, 'zzz');
    await answer(ok(matches([], 0)));
    assert.deepEqual(list.texts(), ['Choose a city'], 'no matches for a text: the prompt, the box still there to type another');
    assert.equal(box.disabled, false);
    region.choose('BRE');
    await answer(ok(matches([], 0)));
    assert.deepEqual(list.texts(), ['No cities']);
    assert.equal(list.disabled, true);
    assert.equal(box.disabled, true, 'nothing to find');
    assert.equal(status.textContent, 'City: No cities');
    region.choose('IDF');
    await answer(ok(matches(FIRST_PAGE, ALL_CITIES)));
    assert.equal(list.disabled, false);
    assert.equal(box.disabled, false);
  });
});

describe('a disabled list', { timeout: 5000 }, () => {
  test('options.filter.disabled keeps the find box and the list disabled, at start and after each fill', async () => {
    const { client, region, box, list } = findCity({ filter: { disabled: true } }, {}, { chosen: 'PAR' });
    assert.equal(box.disabled, true, 'at start, whatever the parent');
    region.choose('BRE');
    await answer(ok(matches([['Rennes', 'REN'], ['Brest', 'BRS']], 2)));
    assert.deepEqual(list.texts(), ['Choose a city', 'Rennes', 'Brest']);
    assert.equal(list.disabled, true);
    assert.equal(box.disabled, true);
    box.value = 'Bre';
    client.search();
    await answer(ok(matches([['Brest', 'BRS']])));
    assert.deepEqual(list.texts(), ['Choose a city', 'Brest']);
    assert.equal(list.disabled, true, 'a search by script does not enable it either');
    assert.equal(box.disabled, true);
  });
});
