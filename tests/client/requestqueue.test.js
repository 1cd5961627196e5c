'use strict';
// The request queue on its own: what becomes of a request submitted while another is in flight,
// by strategy ('replace', 'queue-last', 'join-or-queue-last'), and abort(). Requests here are plain promises.

const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const S = require('./support');

const { CC, flush, rejection } = S;
const { RequestQueue } = CC.internals;

/**
 * A request the test settles by hand. started counts how often the queue started it; an abort from
 * the queue rejects it with the queue's error, as a real call does.
 */
function request(options) {
  const r = { started: 0, left: null };
  r.start = (slot) => {
    r.started += 1;
    r.promise = new Promise((resolve, reject) => {
      r.resolve = (value) => { r.left = slot.leave(); resolve(value); };
      r.reject = reject;
      if (options && options.cancel) {
        reject(new CC.CallbackError('cancelled', 'cancelled before sending'));
        return;
      }
      slot.enter((error) => { r.left = slot.leave(); reject(error); });
    });
    r.promise.catch(() => {});
    return r.promise;
  };
  return r;
}

/**
 * A queue given two requests in a row, each as [key, strategy]: a is submitted first, b while a is
 * in flight.
 */
function submitTwo(first, second) {
  const queue = new RequestQueue();
  const a = request();
  const b = request();
  const pa = queue.submit(first[0], a.start, first[1]);
  const pb = queue.submit(second[0], b.start, second[1]);
  return { queue, a, b, pa, pb };
}

/** A tick in flight (under join-or-queue-last) and a request with another key waiting behind it. */
function tickWithWaiting(waitingStrategy) {
  return submitTwo(['', 'join-or-queue-last'], ['n', waitingStrategy]);
}

describe('replace', () => {
  test('a newer request aborts the one in flight, which rejects "superseded" and no longer counts as in flight', async () => {
    const { queue, a, b, pa, pb } = submitTwo(['a', 'replace'], ['b', 'replace']);
    assert.equal((await rejection(pa)).kind, 'superseded');
    assert.equal(a.left, true, 'the replaced request was still current when it left, so it clears its own busy state');
    assert.equal(b.started, 1);
    assert.equal(queue.inFlight, true);
    b.resolve('B');
    assert.equal(await pb, 'B');
    assert.equal(queue.inFlight, false);
  });

  test('the same key does not join: latest wins whatever the argument', async () => {
    const { pa, pb } = submitTwo(['x'], ['x']);
    assert.notEqual(pa, pb);
    assert.equal((await rejection(pa)).kind, 'superseded');
  });

  test('a request that ends before sending (cancelled) leaves the one in flight alone', async () => {
    const queue = new RequestQueue();
    const a = request();
    const pa = queue.submit('a', a.start);
    const error = await rejection(queue.submit('b', request({ cancel: true }).start));
    assert.equal(error.kind, 'cancelled');
    assert.equal(queue.inFlight, true);
    a.resolve('A');
    assert.equal(await pa, 'A');
  });
});

describe('join-or-queue-last', () => {
  test('a request with the key in flight joins it: the same promise, nothing started', async () => {
    const { b, pa, pb } = submitTwo(['', 'join-or-queue-last'], ['']);
    assert.equal(pb, pa);
    assert.equal(b.started, 0);
  });

  test('another key waits until the one in flight has settled, then starts; the newest waiting one wins', async () => {
    const queue = new RequestQueue();
    const tick = request();
    const first = request();
    const second = request();
    queue.submit('', tick.start, 'join-or-queue-last');
    const p1 = queue.submit('a', first.start);
    const p1again = queue.submit('a', request().start);
    assert.equal(p1again, p1, 'the waiting key joins the waiting request');
    const p2 = queue.submit('b', second.start);
    assert.equal(queue.waiting, true);
    assert.equal((await rejection(p1)).kind, 'superseded');
    assert.equal(first.started, 0);
    assert.equal(second.started, 0, 'nothing more is sent while the tick is in flight');
    tick.resolve('tick');
    await flush();
    assert.equal(second.started, 1);
    assert.equal(queue.waiting, false);
    second.resolve('b');
    assert.equal(await p2, 'b');
  });

  test('the waiting request is started when the one in flight fails too', async () => {
    const { a, b, pb } = tickWithWaiting();
    a.reject(new CC.CallbackError('http', 'boom'));
    await flush();
    assert.equal(b.started, 1);
    b.resolve('n');
    assert.equal(await pb, 'n');
  });

  test('the strategy belongs to the request in flight: a started waiting request (under replace) is replaced', async () => {
    const { queue, a, pb } = tickWithWaiting('replace');
    a.resolve('t');
    await flush();
    const later = request();
    queue.submit('m', later.start, 'replace');
    assert.equal((await rejection(pb)).kind, 'superseded');
    assert.equal(later.started, 1);
  });
});

describe('queue-last', () => {
  test('a burst of requests sends only the one in flight and the newest: the ones in between never start', async () => {
    const queue = new RequestQueue();
    const inFlight = request();
    const p0 = queue.submit('', inFlight.start, 'queue-last');
    const burst = Array.from({ length: 50 }, () => request());
    const promises = burst.map((r) => queue.submit('', r.start, 'queue-last'));
    assert.equal(inFlight.started, 1);
    assert.deepEqual(burst.map((r) => r.started), Array(50).fill(0), 'nothing more is sent while one is in flight');
    for (const p of promises.slice(0, -1)) assert.equal((await rejection(p)).kind, 'superseded');
    inFlight.resolve('old');
    assert.equal(await p0, 'old', 'the request in flight is not aborted: the server finishes it anyway');
    await flush();
    assert.deepEqual(burst.map((r) => r.started), [...Array(49).fill(0), 1]);
    burst[49].resolve('newest');
    assert.equal(await promises[49], 'newest');
    assert.equal(queue.inFlight, false);
  });

  test('dropWaiting rejects the waiting request and leaves the one in flight running', async () => {
    const { queue, a, pa, pb } = submitTwo(['', 'queue-last'], ['', 'queue-last']);
    queue.dropWaiting('superseded', 'a newer choice');
    assert.equal((await rejection(pb)).kind, 'superseded');
    assert.equal(queue.inFlight, true);
    a.resolve('a');
    assert.equal(await pa, 'a');
    await flush();
    assert.equal(queue.inFlight, false);
  });

  test('the same key does not join: a list asking again for another parent is another question', async () => {
    const { a, b, pb } = submitTwo(['', 'queue-last'], ['', 'queue-last']);
    assert.equal(b.started, 0);
    a.resolve('a');
    await flush();
    assert.equal(b.started, 1);
    b.resolve('b');
    assert.equal(await pb, 'b');
  });
});

describe('abort and names', () => {
  test('abort(kind) rejects the waiting request and the one in flight with that kind; nothing starts later', async () => {
    const { queue, b, pa, pb } = tickWithWaiting();
    queue.abort('disposed', 'gone');
    assert.equal((await rejection(pb)).kind, 'disposed');
    assert.equal((await rejection(pa)).kind, 'disposed');
    await flush();
    assert.equal(b.started, 0);
    assert.equal(queue.inFlight, false);
    assert.equal(queue.waiting, false);
  });

  test('an unknown strategy is a programming error, said at once', () => {
    assert.throws(() => new RequestQueue().submit('a', request().start, 'queue-all'), /no request strategy "queue-all"/);
  });
});
