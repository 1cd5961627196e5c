'use strict';
// Builds App_Data/world.db for the sample site: countries, their regions and cities, from the
// country-state-city package, loaded through the sqlite3 command-line shell (CSV import).
// Usage: node build-world-db.js <output.db>
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const output = path.resolve(process.argv[2] || path.join(__dirname, '..', 'CallbackControls.Sample', 'App_Data', 'world.db'));
const assets = path.join(__dirname, 'node_modules', 'country-state-city', 'lib', 'assets');
const countries = JSON.parse(fs.readFileSync(path.join(assets, 'country.json'), 'utf8'));
const states = JSON.parse(fs.readFileSync(path.join(assets, 'state.json'), 'utf8'));
const cities = JSON.parse(fs.readFileSync(path.join(assets, 'city.json'), 'utf8')); // [name, country, state, lat, lon]

const csv = (rows) => rows.map((r) => r.map((v) => `"${String(v).replace(/"/g, '""')}"`).join(',')).join('\n') + '\n';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'world-db-'));
fs.writeFileSync(path.join(work, 'countries.csv'), csv(countries.map((c) => [c.isoCode, c.name])));
// A region code is unique only within its country, so regions are keyed "FR-IDF".
fs.writeFileSync(path.join(work, 'regions.csv'), csv(states.map((s) => [`${s.countryCode}-${s.isoCode}`, s.countryCode, s.name])));
fs.writeFileSync(path.join(work, 'cities.csv'), csv(cities.map((c, i) => [i + 1, `${c[1]}-${c[2]}`, c[1], c[0]])));

const script = `
CREATE TABLE countries (code TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE regions (code TEXT PRIMARY KEY, country_code TEXT NOT NULL REFERENCES countries(code), name TEXT NOT NULL);
CREATE TABLE cities (id INTEGER PRIMARY KEY, region_code TEXT NOT NULL, country_code TEXT NOT NULL, name TEXT NOT NULL);
.mode csv
.import ${path.join(work, 'countries.csv')} countries
.import ${path.join(work, 'regions.csv')} regions
.import ${path.join(work, 'cities.csv')} cities
CREATE INDEX regions_by_country ON regions(country_code, name);
CREATE INDEX cities_by_region ON cities(region_code, name);
CREATE INDEX cities_by_country ON cities(country_code, name);
ANALYZE;
`;
fs.mkdirSync(path.dirname(output), { recursive: true });
const temp = `${output}.tmp`;
fs.rmSync(temp, { force: true });
execFileSync('sqlite3', [temp], { input: script, stdio: ['pipe', 'inherit', 'inherit'] });
fs.renameSync(temp, output);
fs.rmSync(work, { recursive: true, force: true });
console.log(`world.db: ${countries.length} countries, ${states.length} regions, ${cities.length} cities -> ${output}`);
