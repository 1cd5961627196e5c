'use strict';
// The typings the package ships (callbackcontrols.d.ts) as a TypeScript page author meets them: the
// compiler, in strict mode, accepts the documented uses and refuses misuses; and every member the
// typings promise exists on the runtime that the browser loads, so the two cannot drift apart.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const ts = require('typescript');
const S = require('./support');

const SRC = path.join(__dirname, '..', '..', 'src', 'CallbackControls');
const TYPINGS = path.join(SRC, 'Scripts', 'callbackcontrols.d.ts');
const Cascading = require(path.join(SRC, 'CascadingDropDown', 'CascadingDropDown.js'));
const Chart = require(path.join(SRC, 'RefreshingChart', 'RefreshingChart.js'));
const Push = require(path.join(SRC, 'Push', 'CallbackControls.Push.js'));

let work;
before(() => { work = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-typings-')); });
after(() => { fs.rmSync(work, { recursive: true, force: true }); });

/** Compiles one page script against the typings, as a TypeScript page would be, and returns its diagnostics. */
function compile(name, source) {
  const file = path.join(work, name);
  fs.writeFileSync(file, source);
  const program = ts.createProgram([TYPINGS, file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2017,
    lib: ['lib.es2017.d.ts', 'lib.dom.d.ts'],
    types: [],
    noUnusedLocals: false
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file) { return { file: null, line: 0, code: d.code, text }; }
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    return { file: d.file.fileName, line: line + 1, code: d.code, text };
  });
}

const format = (diagnostics) => diagnostics.map((d) => `${d.file ? path.basename(d.file) : ''}:${d.line} TS${d.code} ${d.text}`).join('\n');

test('the documented uses compile under strict with no diagnostic', () => {
  const diagnostics = compile('page.ts', `
declare const LetterCount: CallbackControls.CallbackClient<{ word: string; letters: number }>;
declare const Chart1: CallbackControls.RefreshingChartClient<{ points: number }>;
declare const City: CallbackControls.CascadingDropDownClient;

async function count(): Promise<number> {
  const result = await LetterCount.callback('count', { from: 'button' });
  const reply = await Chart1.callback({ range: 'hour' });
  const markup: string = reply.chart;
  const items = await City.callback();
  const firstText: string = items.length ? items[0][0] : markup;
  return result.letters + reply.data.points + firstText.length;
}

async function safely(): Promise<string> {
  try {
    await LetterCount.callback();
    return 'ok';
  } catch (err) {
    if (err instanceof CallbackControls.CallbackError) {
      if (err.kind === 'superseded' || err.kind === 'cancelled' || err.kind === 'disposed') { return 'quiet'; }
      if (err.kind === 'http') { return 'HTTP ' + (err.status ?? 0); }
      return err.kind + ': ' + err.message + (err.code ? ' (' + err.code + ')' : '');
    }
    throw err;
  }
}

// Hooks named in markup: BeforeCallbackScript="App.onBefore", CallbackErrorScript="App.onError", ...
const App = {
  onBefore(this: CallbackControls.CallbackClient, e: CallbackControls.CallbackEvent): void {
    if (e.argument === '') { e.cancel = true; }
    this.showStatus('Asking ' + this.name + '...', 'info');
  },
  onError(e: CallbackControls.CallbackEvent): void {
    if (e.error && e.error.kind === 'forbidden') { e.handled = true; alert('Reload the page.'); }
  },
  onResult(e: CallbackControls.CallbackEvent<{ word: string }>): void {
    if (e.result) { console.log(e.result.word, e.status, e.reply && e.reply.ok); }
  },
  onPopulating: function (e) {
    if (e.parentValue === 'none') { e.cancel = true; }
    console.log(this.getSelectedValue(), e.ancestors.join('/'));
  } as CallbackControls.Hook<CallbackControls.PopulatingEvent, CallbackControls.CascadingDropDownClient>,
  onPopulated(e: CallbackControls.PopulatedEvent): void {
    for (const [text, value] of e.items) { console.log(text, value); }
  },
  onSelectionChanged(e: CallbackControls.SelectionChangedEvent): void {
    console.log(e.value, e.values.length, e.control.ancestorValues());
  }
};

function controlChart(): void {
  const chart = CallbackControls.get<CallbackControls.RefreshingChartClient>('Chart1');
  if (!chart) { return; }
  if (chart.isRunning && !chart.isRefreshing) { chart.setRefreshFrequency(chart.refreshFrequency * 2); }
  chart.stop();
  chart.start();
  console.log(chart.failureCount, chart.options.refreshBackoffLimit);
}

const runtime: typeof CallbackControls = window.CallbackControls;
const previous = runtime.transport;
runtime.transport = (request) => {
  console.log(request.url, request.headers['X-CallbackControls-Token']);
  return previous(request);
};
CallbackControls.start(document.body);
City.refresh().then(() => City.getSelectedValue().toUpperCase());
console.log(runtime.version, count, safely, App, controlChart);
`);
  assert.equal(format(diagnostics), '');
});

test('misuses are refused by the compiler, each on its own line', () => {
  const misuses = [
    ['a result member that does not exist', "LetterCount.callback('x').then((r) => r.lettrs);", 2551],
    ['an error kind that does not exist', "declare const err: CallbackControls.CallbackError; if (err.kind === 'timout') {}", 2367],
    ['a frequency given as text', "Chart1.setRefreshFrequency('5s');", 2345],
    ['a chart method on a plain control', 'LetterCount.stop();', 2339],
    ['writing a read-only member', "LetterCount.name = 'Other';", 2540],
    ['an item read by a name it does not have', "declare const e: CallbackControls.PopulatedEvent; e.items[0].text;", 2339],
    ['a lookup that may find nothing', "CallbackControls.get('Chart1').callback();", 2531]
  ];
  const prelude = [
    'declare const LetterCount: CallbackControls.CallbackClient<{ word: string; letters: number }>;',
    'declare const Chart1: CallbackControls.RefreshingChartClient;'
  ];
  const diagnostics = compile('misuse.ts', prelude.concat(misuses.map((m) => m[1])).join('\n') + '\n');
  const typingsErrors = diagnostics.filter((d) => d.file !== path.join(work, 'misuse.ts'));
  assert.equal(format(typingsErrors), '', 'the typings themselves compile');
  misuses.forEach(([what, , code], i) => {
    const line = prelude.length + i + 1;
    const found = diagnostics.filter((d) => d.line === line);
    assert.ok(found.some((d) => d.code === code), `${what} (line ${line}) is refused with TS${code}; got: ${format(found) || 'nothing'}`);
  });
  assert.equal(diagnostics.length, misuses.length, `one diagnostic per misuse:\n${format(diagnostics)}`);
});

/** Names of the members a declaration in the typings' CallbackControls namespace promises. */
function declaredMembers() {
  const source = ts.createSourceFile(TYPINGS, fs.readFileSync(TYPINGS, 'utf8'), ts.ScriptTarget.Latest, true);
  const namespace = source.statements.find((s) => ts.isModuleDeclaration(s) && s.name.text === 'CallbackControls');
  const values = [];
  const members = {};
  for (const statement of namespace.body.statements) {
    if (ts.isFunctionDeclaration(statement)) { values.push(statement.name.text); }
    if (ts.isVariableStatement(statement)) { statement.declarationList.declarations.forEach((d) => values.push(d.name.text)); }
    if (ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement)) {
      if (ts.isClassDeclaration(statement)) { values.push(statement.name.text); }
      members[statement.name.text] = statement.members
        .filter((m) => m.name && !ts.isConstructorDeclaration(m))
        .map((m) => m.name.text);
    }
  }
  return { values, members };
}

test('every value and member the typings declare exists in the runtime as loaded', () => {
  const { values, members } = declaredMembers();
  const CC = S.CC;
  // RefreshingChartClient is a value of the namespace once RefreshingChart.js has loaded (required above).
  assert.deepEqual(values.filter((name) => !(name in CC)), [], 'namespace values missing from window.CallbackControls');

  const element = { querySelector: () => null, setAttribute() {}, removeAttribute() {}, classList: { toggle() {} } };
  const instances = {
    CallbackClient: new CC.CallbackClient(element, { name: 'A' }),
    RefreshingChartClient: new Chart(element, { name: 'B', refreshFrequency: 0 }),
    CascadingDropDownClient: new Cascading(element, { name: 'C' }),
    CallbackError: new CC.CallbackError('http', 'm', { status: 500, code: 'page', detail: 'd', cause: null }),
    PushConnection: Push
  };
  for (const [type, names] of Object.entries(members)) {
    if (!instances[type]) { continue; } // shapes of data (events, options, replies), checked by the compile tests
    const missing = names.filter((name) => !(name in instances[type]));
    assert.deepEqual(missing, [], `${type}: declared but not in the runtime`);
  }
  assert.ok(instances.RefreshingChartClient instanceof CC.CallbackClient);
  assert.ok(instances.CascadingDropDownClient instanceof CC.CallbackClient);
  assert.equal(CC.RefreshingChartClient, Chart, 'the chart type is published on the namespace');
  assert.equal(CC.push, Push, 'the push connection is published on the namespace');
  Object.values(instances).forEach((i) => { if (typeof i.dispose === 'function') { i.dispose(); } });
});

test('every error kind the typings list is one the runtime documents', () => {
  const typings = fs.readFileSync(TYPINGS, 'utf8');
  const union = /type CallbackErrorKind =([\s\S]*?);/.exec(typings)[1];
  const declared = [...union.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]).sort();
  const runtime = fs.readFileSync(path.join(SRC, 'Scripts', 'CallbackControls.Protocol.js'), 'utf8');
  const documented = /A failed call\. kind is one of:([\s\S]*?)\* @constructor/.exec(runtime)[1];
  const listed = [...documented.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]).sort();
  assert.deepEqual(declared, listed);
});
