'use strict';
// The NuGet package as a Web Forms developer meets it: nuget/consumer-test.sh packs the library into a
// local folder feed and builds a fresh site that references the package (never the project); these
// tests read the package and drive that site on the dev host in Chromium.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { ROOT, startDevHost, launchBrowser, browserTest } = require('./harness');

let work;
let consumer; // key=value lines printed by consumer-test.sh: version, package, site, signed
let nupkg;
let host;
let context;
const page = browserTest(() => context);

/** Runs nuget/consumer-test.sh into a fresh folder and returns its closing key=value lines. */
function runConsumerScript(dir) {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [path.join(ROOT, 'nuget', 'consumer-test.sh'), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGTERM'), 240000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) { reject(new Error(`consumer-test.sh failed (${code ?? signal}):\n${stderr}${stdout}`)); return; }
      const values = {};
      for (const line of stdout.split('\n')) {
        const m = /^(\w+)=(.*)$/.exec(line);
        if (m) values[m[1]] = m[2];
      }
      resolve(values);
    });
  });
}

/**
 * Reads every entry of a zip archive (a .nupkg) from its central directory. Enough for packages:
 * stored or deflated entries, no zip64.
 * @returns {Map<string, Buffer>} entry name to its bytes
 */
function readZip(file) {
  const zip = fs.readFileSync(file);
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end -= 1;
  assert.ok(end >= 0, `${file} is a zip archive`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map();
  for (let i = 0; i < count; i += 1) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataStart, dataStart + size);
    entries.set(name, method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-package-'));
  consumer = await runConsumerScript(work);
  nupkg = readZip(consumer.package);
  // startDevHost takes a folder relative to the repository; the consumer site lives outside it.
  host = await startDevHost(path.relative(ROOT, consumer.site));
  context = await launchBrowser();
}, { timeout: 300000 });

after(async () => {
  if (context) await context.close();
  if (host) await host.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('the package holds the assembly, its XML docs, readme, icon, license, typings and the web.config transforms', () => {
  const names = [...nupkg.keys()];
  for (const name of ['lib/net472/CallbackControls.dll', 'lib/net472/CallbackControls.xml', 'README.md', 'icon.png', 'LICENSE',
    'content/web.config.install.xdt', 'content/web.config.uninstall.xdt']) {
    assert.ok(names.includes(name), `${name} is in the package (has: ${names.join(', ')})`);
  }
  assert.deepEqual([...nupkg.get('icon.png').subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'icon.png is a PNG');
  assert.match(nupkg.get('lib/net472/CallbackControls.xml').toString('utf8'), /<member name="T:CallbackControls\.CascadingDropDown">/);
  assert.match(nupkg.get('README.md').toString('utf8'), /## Installing/);
  assert.match(nupkg.get('LICENSE').toString('utf8'), /^MIT License\s+Copyright \(c\) 2026 CallbackControls contributors/);

  const install = nupkg.get('content/web.config.install.xdt').toString('utf8');
  assert.match(install, /<add tagPrefix="cc" namespace="CallbackControls" assembly="CallbackControls"/);
  assert.match(install, /xdt:Transform="InsertIfMissing"/);
  assert.match(nupkg.get('content/web.config.uninstall.xdt').toString('utf8'), /xdt:Transform="RemoveAll"/);

  // The client typings, copied into packages.config projects at Scripts/typings/callbackcontrols/.
  const typings = nupkg.get('content/Scripts/typings/callbackcontrols/callbackcontrols.d.ts');
  assert.ok(typings, 'the typings are in the package');
  assert.ok(typings.equals(fs.readFileSync(path.join(ROOT, 'src', 'CallbackControls', 'Scripts', 'callbackcontrols.d.ts'))),
    'the packaged typings are the ones tests/client/typings.test.js compiles');
});

test('the nuspec declares the MIT expression, readme, icon, repository and System.Web', () => {
  const nuspec = nupkg.get('CallbackControls.nuspec').toString('utf8');
  assert.match(nuspec, new RegExp(`<version>${consumer.version.replace(/\./g, '\\.')}</version>`));
  assert.match(nuspec, /<license type="expression">MIT<\/license>/);
  assert.match(nuspec, /<readme>README\.md<\/readme>/);
  assert.match(nuspec, /<icon>icon\.png<\/icon>/);
  assert.match(nuspec, /<repository type="git" url="https:\/\/[^"]+"/);
  assert.match(nuspec, /<frameworkAssembly assemblyName="System\.Web" targetFramework="\.NETFramework4\.7\.2" \/>/);
  assert.doesNotMatch(nuspec, /<dependency /, 'the library needs no other package');
});

test('the release notes are the CHANGELOG section of the version packed, or its Unreleased section', () => {
  const nuspec = nupkg.get('CallbackControls.nuspec').toString('utf8');
  const notes = /<releaseNotes>([\s\S]*?)<\/releaseNotes>/.exec(nuspec);
  assert.ok(notes, 'the nuspec has release notes');
  const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8').replace(/\r/g, '');
  const base = consumer.version.replace(/-.*$/, '');
  const headingAt = (name) => changelog.search(new RegExp(`^## \\[${name.replace(/\./g, '\\.')}\\]`, 'm'));
  const at = headingAt(base) >= 0 ? headingAt(base) : headingAt('Unreleased');
  assert.ok(at >= 0, 'CHANGELOG.md has a section for the version or an Unreleased one');
  const rest = changelog.slice(changelog.indexOf('\n', at) + 1);
  const end = rest.search(/^(## \[|\[[^\]]+\]: )/m);
  const section = (end < 0 ? rest : rest.slice(0, end)).trim();
  const decoded = notes[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  assert.equal(decoded, section);
});

test('a symbols package (.snupkg) with the portable pdb sits beside the package', () => {
  const snupkg = consumer.package.replace(/\.nupkg$/, '.snupkg');
  assert.ok(fs.existsSync(snupkg), `${snupkg} exists`);
  const pdb = readZip(snupkg).get('lib/net472/CallbackControls.pdb');
  assert.ok(pdb, 'the .snupkg holds lib/net472/CallbackControls.pdb');
  assert.equal(pdb.toString('ascii', 0, 4), 'BSJB', 'a portable pdb (metadata signature)');
});

test('the consumer site runs on the assembly from the package, not on the repository build', () => {
  const bin = fs.readFileSync(path.join(consumer.site, 'bin', 'CallbackControls.dll'));
  assert.ok(bin.equals(nupkg.get('lib/net472/CallbackControls.dll')), 'bin/CallbackControls.dll is the packaged one');
  const project = fs.readFileSync(path.join(consumer.site, 'ConsumerSite.csproj'), 'utf8');
  assert.match(project, /<PackageReference Include="CallbackControls" Version="[^"]+" \/>/);
  assert.doesNotMatch(project, /ProjectReference/);
});

test('the packaged library is strong-named: the site runs on it and a signed library references it', page('package-strong-name', async (p) => {
  // The token of src/CallbackControls/CallbackControls.snk (StrongNameTests asserts the same in xunit).
  const token = '7325c8333c433d6a';
  await p.goto(host.url + 'Default.aspx');
  assert.match(await p.textContent('#Library'), new RegExp(`^CallbackControls, Version=[\\d.]+, Culture=neutral, PublicKeyToken=${token}$`));
  // consumer-test.sh built it signed with warnings as errors, so a reference without a strong name
  // (CS8002) would have failed; its reference to the library carries the token.
  const signed = fs.readFileSync(consumer.signed);
  assert.ok(signed.includes(Buffer.from(token, 'hex')), 'SignedLibrary.dll references the library by its public key token');
}));

test('consumer site: choosing a country brings its cities by callback, and a postback keeps them', page('package-cascade', async (p) => {
  await p.goto(host.url + 'Cascade.aspx');
  await p.waitForFunction(() => window.City && window.City.list);
  // No script include on the page: the runtime is embedded in the packaged assembly.
  const sources = await p.$$eval('script[src*="WebResource.axd"]', (ss) => ss.map((s) => s.src));
  const bodies = await Promise.all(sources.map(async (src) => (await p.request.get(src)).text()));
  assert.ok(bodies.some((b) => b.includes('CallbackControls client runtime')), 'WebResource.axd serves the runtime');
  assert.equal(await p.isDisabled('#City'), true, 'the child waits for its parent');

  const callbacks = [];
  p.on('request', (r) => { if (r.method() === 'POST' && /__CALLBACKID=City/.test(r.postData() || '')) callbacks.push(r.url()); });
  let navigations = 0;
  p.on('framenavigated', () => { navigations += 1; });
  await p.selectOption('#Country', 'fr');
  await p.waitForFunction(() => document.querySelectorAll('#City option').length === 4);
  assert.deepEqual(await p.$$eval('#City option', (os) => os.map((o) => o.textContent)), ['Choose a city', 'Lyon', 'Marseille', 'Paris']);
  assert.equal(callbacks.length, 1, 'one callback filled the list');
  assert.equal(navigations, 0, 'no postback');

  await p.selectOption('#City', 'paris');
  await Promise.all([p.waitForNavigation(), p.click('#Save')]);
  assert.equal(await p.textContent('#Saved'), 'Saved: France / Paris');
  assert.equal(await p.inputValue('#City'), 'paris');
  assert.deepEqual(p.pageErrors, []);
}));

test('consumer site: the chart redraws itself every RefreshFrequency by callback', page('package-chart', async (p) => {
  await p.goto(host.url + 'Chart.aspx');
  const title = () => p.evaluate(() => document.querySelector('#Load svg title').textContent);
  assert.equal(await title(), 'Refresh 0', 'the first paint is drawn by the server');
  await p.waitForFunction(() => /^Refresh [1-9]/.test(document.querySelector('#Load svg title').textContent));
  const first = Number((await title()).split(' ')[1]);
  await p.waitForFunction((n) => Number(document.querySelector('#Load svg title').textContent.split(' ')[1]) > n, first);
  assert.deepEqual(p.pageErrors, []);
}));
