'use strict';
// Lint of every JavaScript file of the repository: `./build.sh test` runs it as a suite of its own.
// The recommended rules, plus the habits the code already keeps (strict equality, no var hoisting
// tricks, no unused names). Run from the repository root:
//   tests/client/node_modules/.bin/eslint --config tests/client/eslint.config.js
const js = require('@eslint/js');
const globals = require('globals');

module.exports = [
  { ignores: ['**/node_modules/**', '**/bin/**', '**/obj/**', '.tmp/**', 'samples/data/**/*.json'] },
  js.configs.recommended,
  {
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-unused-vars': ['error', { args: 'none', caughtErrors: 'none' }],
      'no-implicit-globals': 'error',
      'no-shadow-restricted-names': 'error',
    },
  },
  {
    // The scripts the browser loads (and node --test loads through CommonJS): ES5 syntax, with the
    // built-ins every supported browser has (Promise, typed arrays).
    files: ['src/**/*.js', 'tests/TestSite/**/*.js', 'samples/CallbackControls.Sample/**/*.js', 'bench/BenchSite/**/*.js'],
    languageOptions: { ecmaVersion: 5, sourceType: 'script', globals: { ...globals.browser, ...globals.es2021, module: 'writable', require: 'readonly' } },
  },
  {
    // Page scripts of the samples and test pages: they use the client names the page's controls publish.
    files: ['tests/TestSite/**/*.js', 'samples/CallbackControls.Sample/**/*.js', 'bench/BenchSite/**/*.js'],
    rules: { 'no-undef': 'off' },
  },
  {
    // Node programs: tests, benchmarks, scripts.
    files: ['tests/client/**/*.js', 'tests/browser/**/*.js', 'tests/perf/**/*.js', 'bench/*.js', 'samples/*.js', 'samples/data/*.js', 'nuget/**/*.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'commonjs', globals: { ...globals.node } },
  },
  {
    // Browser tests and benchmarks hand functions to page.evaluate: they run in the page, among the
    // page's own globals (its controls' client names, Sys, test hooks), which no lint can know.
    files: ['tests/browser/**/*.js', 'bench/*.js', 'samples/screenshots.js'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: { 'no-undef': 'off' },
  },
];
