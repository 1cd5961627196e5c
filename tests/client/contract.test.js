'use strict';
// The contract between the server and the client scripts: every option name the server writes into
// data-cc-options is read by a client script and declared in the shipped typings, and every option a
// script reads is one the server writes (or is declared client-only below). Names live in three
// languages with nothing else checking that they agree.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const SRC = path.join(__dirname, '..', '..', 'src', 'CallbackControls');
const read = (file) => fs.readFileSync(path.join(SRC, file), 'utf8');

/** The JSON names a C# options class writes: json["name"] = ... */
function serverNames(file) {
  return new Set([...read(file).matchAll(/json\["([A-Za-z]+)"\]\s*=/g)].map((m) => m[1]));
}

/** The option names a script reads from a client object's options: this.options.name, self.options.name... */
function scriptReads(file) {
  const text = read(file);
  return new Set([...text.matchAll(/\b(?:this|self|instance|client)\.options\.([A-Za-z]+)\b/g)].map((m) => m[1]));
}

/** The members of one interface of the typings. */
function typedNames(interfaceName) {
  const text = read('Scripts/callbackcontrols.d.ts');
  const start = text.indexOf(`interface ${interfaceName} `);
  assert.ok(start >= 0, `the typings declare ${interfaceName}`);
  const body = text.slice(text.indexOf('{', start) + 1, text.indexOf('\n  }', start));
  return new Set([...body.matchAll(/^\s*readonly ([A-Za-z]+)\??:/gm)].map((m) => m[1]));
}

const CONTROLS = [
  { name: 'the runtime (every control)', options: 'Core/ClientOptions.cs', scripts: ['Scripts/CallbackControls.Protocol.js', 'Scripts/CallbackControls.js', 'Push/CallbackControls.Push.js'], typed: 'ClientOptions' },
  { name: 'CascadingDropDown', options: 'CascadingDropDown/CascadingDropDownOptions.cs', scripts: ['CascadingDropDown/CascadingDropDown.js'], typed: 'CascadingDropDownOptions' },
  { name: 'RefreshingChart', options: 'RefreshingChart/RefreshingChartOptions.cs', scripts: ['RefreshingChart/RefreshingChart.Accessibility.js', 'RefreshingChart/RefreshingChart.js'], typed: 'RefreshingChartOptions' },
];

// Options a script reads that no server control writes: where calls go (a page script may set it), and
// how long a list waits before it shows its loading state (the client tests set it to 0).
const CLIENT_ONLY = new Set(['url', 'loadingDelay']);

for (const control of CONTROLS) {
  test(`${control.name}: every option the server writes is read by its script and declared in the typings`, () => {
    const written = serverNames(control.options);
    assert.ok(written.size > 0, `${control.options} writes options`);
    const reads = new Set(control.scripts.flatMap((file) => [...scriptReads(file)]));
    const typed = typedNames(control.typed);
    for (const name of written) {
      assert.ok(reads.has(name), `${control.options} writes "${name}", which ${control.scripts.join(', ')} never reads`);
      assert.ok(typed.has(name), `${control.options} writes "${name}", which the typings' ${control.typed} does not declare`);
    }
  });
}

test('every option a script reads is one the server writes (or a documented client-only one)', () => {
  const written = new Set(CONTROLS.flatMap((c) => [...serverNames(c.options)]));
  for (const control of CONTROLS) {
    for (const file of control.scripts) {
      for (const name of scriptReads(file)) {
        assert.ok(written.has(name) || CLIENT_ONLY.has(name), `${file} reads options.${name}, which no server control writes`);
      }
    }
  }
});

test('the runtime hangs no internals on the page: a control script gets them from its define call', () => {
  const runtime = read('Scripts/CallbackControls.js');
  for (const file of ['CascadingDropDown/CascadingDropDown.js', 'RefreshingChart/RefreshingChart.js']) {
    const text = read(file);
    assert.doesNotMatch(text, /CallbackControls\.internals|runtime\.internals/, `${file} reaches internals through the global`);
    assert.match(text, /runtime\.define\(/, `${file} defines its type through the runtime's define`);
  }
  // The object published as window.CallbackControls has no internals member.
  assert.doesNotMatch(runtime.slice(runtime.indexOf('var CallbackControls = {')), /^\s*internals:/m);
});

// The page loads the runtime as two scripts (ClientResources.WithRuntime lists them in this order).
// Run as a browser runs them: plain scripts sharing one global, no module.
function loadAsPage(files) {
  const vm = require('node:vm');
  const page = vm.createContext({ console });
  page.window = page;
  for (const file of files) { vm.runInContext(read(file), page, { filename: file }); }
  return page;
}

test('in a page, the first part hands itself to the second and leaves only window.CallbackControls', () => {
  const page = loadAsPage(['Scripts/CallbackControls.Protocol.js', 'Scripts/CallbackControls.js']);
  assert.equal(typeof page.CallbackControls.define, 'function');
  assert.equal(page.CallbackControls.internals, undefined);
  assert.equal(Object.getOwnPropertyNames(page).filter((n) => /callbackcontrols/i.test(n)).join(), 'CallbackControls');
  // The error type is the protocol's own, so instanceof holds for errors from either part.
  assert.equal(page.CallbackControls.CallbackError.name, 'CallbackError');
});

test('in a page, the runtime loaded without its first part says which script is missing', () => {
  assert.throws(() => loadAsPage(['Scripts/CallbackControls.js']), /CallbackControls\.Protocol\.js must load before CallbackControls\.js/);
});
