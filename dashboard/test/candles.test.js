import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CandleStore, klineToBar, klinesOf } from '../src/lib/candles.js';

const k = (openTime, close, closed = false) => ({
  interval: '1s', openTime, closeTime: openTime + 999, open: '10', high: '12.5', low: '9', close, volume: '3.25',
  trades: 4, closed,
});

test('converts a wire kline into a chart bar (epoch seconds, numbers)', () => {
  assert.deepEqual(klineToBar(k(1_700_000_001_000, '11.75', true)), {
    time: 1_700_000_001, openTime: 1_700_000_001_000, open: 10, high: 12.5, low: 9, close: 11.75, volume: 3.25,
    closed: true,
  });
  assert.equal(klineToBar({ openTime: 'x', open: '1', high: '1', low: '1', close: '1' }), null);
  assert.equal(klineToBar(null), null);
  assert.equal(klineToBar({ ...k(1000, '1'), high: 'abc' }), null);
});

test('updates of the open candle replace it; a new openTime appends', () => {
  const store = new CandleStore();
  assert.equal(store.merge(k(1000, '10')).action, 'append');
  assert.equal(store.merge(k(1000, '11')).action, 'update');
  assert.equal(store.merge(k(1000, '11.5', true)).action, 'update');
  assert.equal(store.merge(k(2000, '12')).action, 'append');
  assert.equal(store.count, 2);
  assert.deepEqual(store.bars.map((b) => [b.time, b.close, b.closed]), [[1, 11.5, true], [2, 12, false]]);
});

test('a closed candle is not reopened by a stale update for the same time', () => {
  const store = new CandleStore();
  store.merge(k(1000, '11', true));
  assert.equal(store.merge(k(1000, '10')).action, 'ignored');
  assert.equal(store.last.close, 11);
  assert.equal(store.merge(k(1000, '11.1', true)).action, 'update');
});

test('older candles are replaced in place or inserted in order', () => {
  const store = new CandleStore();
  store.merge(k(1000, '1'));
  store.merge(k(3000, '3'));
  assert.equal(store.merge(k(1000, '1.5', true)).action, 'historical');
  assert.equal(store.merge(k(2000, '2', true)).action, 'insert');
  assert.deepEqual(store.bars.map((b) => [b.time, b.close]), [[1, 1.5], [2, 2], [3, 3]]);
});

test('keeps at most max bars, dropping the oldest', () => {
  const store = new CandleStore(3);
  for (let i = 1; i <= 5; i++) store.merge(k(i * 1000, String(i)));
  assert.deepEqual(store.bars.map((b) => b.time), [3, 4, 5]);
});

test('malformed klines are rejected without changing the store', () => {
  const store = new CandleStore();
  store.merge(k(1000, '1'));
  assert.equal(store.merge({ openTime: 5000 }).action, 'rejected');
  assert.equal(store.count, 1);
});

test('klinesOf accepts one kline, an array, or {klines}', () => {
  assert.equal(klinesOf(k(1, '1')).length, 1);
  assert.equal(klinesOf([k(1, '1'), k(2, '1')]).length, 2);
  assert.equal(klinesOf({ klines: [k(1, '1')] }).length, 1);
  assert.equal(klinesOf(null).length, 0);
});
