'use strict';
// RefreshingChart.Accessibility.js: where the keys go over a drawing's points, how a point is found again
// in the next drawing, what is read, and when new data is announced (fake clock). The DOM side (the ring,
// the focus across a refresh) is driven in Chromium by tests/browser/chart-keys.test.js.

const path = require('node:path');
const { test, describe, beforeEach, afterEach, mock } = require('node:test');
const assert = require('node:assert/strict');

const A = require(path.join(__dirname, '..', '..', 'src', 'CallbackControls', 'RefreshingChart', 'RefreshingChart.Accessibility.js'));

/** A drawing's series as the script reads them: names, and each point's X and tooltip. */
function drawing(spec) {
  return spec.map(([name, xs]) => ({ name, points: xs.map((x) => ({ x, text: `${name}: t${x}, ${x * 10}` })) }));
}

describe('keys', () => {
  const series = drawing([['CPU', [1, 2, 3, 4]], ['Empty', []], ['Memory', [1.4, 2.6, 3.9]]]);

  test('the first key picks the first series\' latest point; Home its first', () => {
    assert.deepEqual(A.move(series, null, 'ArrowRight'), { series: 0, index: 3 });
    assert.deepEqual(A.move(series, null, 'ArrowUp'), { series: 0, index: 3 });
    assert.deepEqual(A.move(series, null, 'Home'), { series: 0, index: 0 });
  });

  test('Left and Right move along the series and stop at its ends; Home and End go to them', () => {
    assert.deepEqual(A.move(series, { series: 0, index: 1 }, 'ArrowLeft'), { series: 0, index: 0 });
    assert.deepEqual(A.move(series, { series: 0, index: 0 }, 'ArrowLeft'), { series: 0, index: 0 });
    assert.deepEqual(A.move(series, { series: 0, index: 2 }, 'ArrowRight'), { series: 0, index: 3 });
    assert.deepEqual(A.move(series, { series: 0, index: 3 }, 'ArrowRight'), { series: 0, index: 3 });
    assert.deepEqual(A.move(series, { series: 2, index: 1 }, 'Home'), { series: 2, index: 0 });
    assert.deepEqual(A.move(series, { series: 2, index: 0 }, 'End'), { series: 2, index: 2 });
  });

  test('Down and Up go to the next and previous series with points, to the point nearest in X; at the last series they stay', () => {
    assert.deepEqual(A.move(series, { series: 0, index: 2 }, 'ArrowDown'), { series: 2, index: 1 }, 'x 3 is nearest 2.6, past the empty series');
    assert.deepEqual(A.move(series, { series: 0, index: 3 }, 'ArrowDown'), { series: 2, index: 2 });
    assert.deepEqual(A.move(series, { series: 2, index: 0 }, 'ArrowUp'), { series: 0, index: 0 });
    assert.deepEqual(A.move(series, { series: 2, index: 2 }, 'ArrowDown'), { series: 2, index: 2 });
    assert.deepEqual(A.move(series, { series: 0, index: 1 }, 'ArrowUp'), { series: 0, index: 1 });
  });

  test('other keys, and a drawing with no point, move nowhere', () => {
    assert.equal(A.move(series, { series: 0, index: 1 }, 'Enter'), null);
    assert.equal(A.move(series, null, 'PageDown'), null);
    assert.equal(A.move(drawing([['CPU', []]]), null, 'End'), null);
    assert.equal(A.move([], null, 'End'), null);
  });

  test('a point is read as "series, x, y"; a tooltip of the page\'s own is read after the series\' name', () => {
    assert.equal(A.reading(series, { series: 2, index: 1 }), 'Memory, t2.6, 26');
    const own = [{ name: 'CPU', points: [{ x: 1, text: 'Peak after the deploy' }] }];
    assert.equal(A.reading(own, { series: 0, index: 0 }), 'CPU, Peak after the deploy');
  });
});

describe('a refresh', () => {
  test('finds the point again by its X in the same series, wherever the window moved it', () => {
    const next = drawing([['CPU', [2, 3, 4, 5]], ['Memory', [2, 3, 4, 5]]]);
    assert.deepEqual(A.refind(next, { series: 0, x: 3 }), { series: 0, index: 1 });
    assert.deepEqual(A.refind(next, { series: 1, x: 5 }), { series: 1, index: 3 });
  });

  test('a point gone off the window gives the end it left by; an X between points the nearest', () => {
    const next = drawing([['CPU', [2, 3, 4, 5]]]);
    assert.deepEqual(A.refind(next, { series: 0, x: 1 }), { series: 0, index: 0 });
    assert.deepEqual(A.refind(next, { series: 0, x: 9 }), { series: 0, index: 3 });
    assert.deepEqual(A.refind(next, { series: 0, x: 3.4 }), { series: 0, index: 1 });
  });

  test('a series gone or emptied gives the nearest series with points; nothing at all gives nothing', () => {
    assert.deepEqual(A.refind(drawing([['CPU', [1, 2]]]), { series: 2, x: 2 }), { series: 0, index: 1 });
    assert.deepEqual(A.refind(drawing([['CPU', [1, 2]], ['Memory', []]]), { series: 1, x: 1 }), { series: 0, index: 0 });
    assert.deepEqual(A.refind(drawing([['CPU', []], ['Memory', [5]]]), { series: 0, x: 1 }), { series: 1, index: 0 });
    assert.equal(A.refind(drawing([['CPU', []]]), { series: 0, x: 1 }), null);
    assert.equal(A.refind([], { series: 0, x: 1 }), null);
    assert.equal(A.refind(drawing([['CPU', [1]]]), null), null);
  });
});

describe('announcements', () => {
  let said;
  let announcer;
  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 100000 });
    said = [];
    announcer = new A.UpdateAnnouncer(10000, (text) => said.push(text), 'latest 1');
  });
  afterEach(() => {
    announcer.dispose();
    mock.timers.reset();
  });

  test('what the first paint showed is not news; the first change is said at once', () => {
    announcer.update('latest 1');
    assert.deepEqual(said, []);
    announcer.update('latest 2');
    assert.deepEqual(said, ['latest 2']);
  });

  test('a change within the interval waits for its end, and the newest of several is said, once', () => {
    announcer.update('latest 2');
    mock.timers.tick(3000);
    announcer.update('latest 3');
    mock.timers.tick(3000);
    announcer.update('latest 4');
    mock.timers.tick(3999);
    assert.deepEqual(said, ['latest 2']);
    mock.timers.tick(1);
    assert.deepEqual(said, ['latest 2', 'latest 4']);
    mock.timers.tick(60000);
    assert.deepEqual(said, ['latest 2', 'latest 4']);
  });

  test('a change after a quiet interval is said at once', () => {
    announcer.update('latest 2');
    mock.timers.tick(10000);
    announcer.update('latest 3');
    assert.deepEqual(said, ['latest 2', 'latest 3']);
  });

  test('values that went back to what was said, or that are absent, are not said', () => {
    announcer.update('latest 2');
    mock.timers.tick(2000);
    announcer.update('latest 3');
    announcer.update('latest 2');
    announcer.update(null);
    mock.timers.tick(60000);
    assert.deepEqual(said, ['latest 2']);
  });

  test('dispose drops what waits', () => {
    announcer.update('latest 2');
    announcer.update('latest 3');
    announcer.dispose();
    mock.timers.tick(60000);
    assert.deepEqual(said, ['latest 2']);
  });
});
