import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OrderBook } from '../src/lib/book.js';

const snapshot = {
  bids: [['100.0', '1'], ['99.5', '2'], ['101', '0.5']],
  asks: [['102', '1'], ['101.5', '3'], ['103.25', '4']],
};

test('snapshot sorts each side best first and keeps texts as received', () => {
  const book = new OrderBook();
  assert.deepEqual(book.applySnapshot(snapshot), { applied: 6, rejected: 0 });
  assert.deepEqual(book.top(10), {
    bids: [['101', '0.5'], ['100.0', '1'], ['99.5', '2']],
    asks: [['101.5', '3'], ['102', '1'], ['103.25', '4']],
  });
});

test('deltas insert, update and remove levels; zero quantity removes', () => {
  const book = new OrderBook();
  book.applySnapshot(snapshot);
  book.applyDelta({ bids: [['100.5', '7'], ['100.00', '9'], ['99.5', '0']], asks: [['101.5', '0.000'], ['104', '1']] });
  assert.deepEqual(book.top(10), {
    bids: [['101', '0.5'], ['100.5', '7'], ['100.00', '9']],
    asks: [['102', '1'], ['103.25', '4'], ['104', '1']],
  });
  // Removing a level that does not exist is a no-op.
  book.applyDelta({ bids: [['1', '0']] });
  assert.equal(book.depth.bids, 3);
});

test('a snapshot mid-stream replaces the whole book', () => {
  const book = new OrderBook();
  book.applySnapshot(snapshot);
  book.applyDelta({ bids: [['98', '1']] });
  book.applySnapshot({ bids: [['50', '1']], asks: [['51', '2']] });
  assert.deepEqual(book.top(10), { bids: [['50', '1']], asks: [['51', '2']] });
});

test('top(n) limits each side', () => {
  const book = new OrderBook();
  const bids = Array.from({ length: 40 }, (_, i) => [String(1000 - i), '1']);
  const asks = Array.from({ length: 40 }, (_, i) => [String(2000 + i), '1']);
  book.applySnapshot({ bids: bids.reverse(), asks });
  const top = book.top(15);
  assert.equal(top.bids.length, 15);
  assert.equal(top.asks.length, 15);
  assert.equal(top.bids[0][0], '1000');
  assert.equal(top.bids[14][0], '986');
  assert.equal(top.asks[0][0], '2000');
});

test('zero levels in a snapshot are not kept', () => {
  const book = new OrderBook();
  book.applySnapshot({ bids: [['1', '0'], ['2', '1']], asks: [] });
  assert.deepEqual(book.top(5).bids, [['2', '1']]);
});

test('malformed levels are counted and skipped, never thrown', () => {
  const book = new OrderBook();
  const r = book.applySnapshot({ bids: [['1', '1'], ['x', '1'], 'nope', [2, 3], ['3']], asks: 'bad' });
  assert.deepEqual(r, { applied: 1, rejected: 5 });
  assert.deepEqual(book.applyDelta(null), { applied: 0, rejected: 1 });
  assert.deepEqual(book.top(5), { bids: [['1', '1']], asks: [] });
});
