import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CandleStore } from '../src/lib/candles.js';
import { HistoryLoader, INTERVALS, klinesUrl } from '../src/lib/history.js';

const MIN = 60_000;
const k = (openTime, close, closed = true) => ({
  interval: '1m', openTime, closeTime: openTime + MIN - 1, open: '10', high: '20', low: '5', close, volume: '1',
  trades: 1, closed,
});
const rows = (store) => store.bars.map((b) => [b.openTime / MIN, b.close, b.closed, b.source]);

test('history fills the bars before the live ones: no duplicate, no hole', () => {
  const store = new CandleStore();
  store.merge(k(5 * MIN, '55', false)); // live snapshot: the open candle
  const r = store.mergeHistory([k(2 * MIN, '2'), k(3 * MIN, '3'), k(4 * MIN, '4'), k(5 * MIN, '50', false)]);
  assert.equal(r.added, 3);
  assert.deepEqual(rows(store), [[2, 2, true, 'rest'], [3, 3, true, 'rest'], [4, 4, true, 'rest'],
    [5, 55, false, 'live']]);
});

test('a live candle replaces the REST one with the same openTime', () => {
  const store = new CandleStore();
  store.mergeHistory([k(1 * MIN, '1'), k(2 * MIN, '20', false)]);
  assert.equal(store.merge(k(2 * MIN, '21', false)).action, 'update');
  assert.equal(store.merge(k(3 * MIN, '30', false)).action, 'append');
  assert.deepEqual(rows(store), [[1, 1, true, 'rest'], [2, 21, false, 'live'], [3, 30, false, 'live']]);
});

test('a REST answer read before later live updates does not roll the open candle back', () => {
  const store = new CandleStore();
  store.merge(k(2 * MIN, '22', false)); // live, newer than the answer
  const r = store.mergeHistory([k(1 * MIN, '1'), k(2 * MIN, '20', false)]);
  assert.equal(r.added, 1);
  assert.equal(r.replaced, 0);
  assert.deepEqual(rows(store), [[1, 1, true, 'rest'], [2, 22, false, 'live']]);
});

test('the closed state of a candle from REST finishes a live candle left open', () => {
  const store = new CandleStore();
  store.merge(k(2 * MIN, '22', false));
  store.merge(k(3 * MIN, '30', false)); // the close of minute 2 was missed (subscribed in between)
  const r = store.mergeHistory([k(2 * MIN, '23')]);
  assert.equal(r.replaced, 1);
  assert.deepEqual(rows(store), [[2, 23, true, 'rest'], [3, 30, false, 'live']]);
  // and a closed live candle is never reopened or replaced by an older REST answer
  store.merge(k(3 * MIN, '31', true));
  store.mergeHistory([k(3 * MIN, '29', false), k(3 * MIN, '28', true)]);
  assert.deepEqual(rows(store).at(-1), [3, 31, true, 'live']);
});

test('an open REST candle that live data has passed is reported stale', () => {
  const store = new CandleStore();
  store.merge(k(3 * MIN, '30', false));
  const r = store.mergeHistory([k(1 * MIN, '1'), k(2 * MIN, '20', false)]);
  assert.deepEqual(r.stale.map((b) => b.openTime), [2 * MIN]);
  assert.deepEqual(store.mergeHistory([k(2 * MIN, '21')]).stale, []);
});

test('older pages are prepended in order; repeated pages change nothing', () => {
  const store = new CandleStore();
  store.mergeHistory([k(10 * MIN, '10'), k(11 * MIN, '11')]);
  assert.equal(store.mergeHistory([k(7 * MIN, '7'), k(8 * MIN, '8'), k(9 * MIN, '9')]).added, 3);
  assert.deepEqual(store.mergeHistory([k(8 * MIN, '8'), k(9 * MIN, '9')]), { added: 0, replaced: 2, stale: [] });
  assert.deepEqual(store.bars.map((b) => b.openTime / MIN), [7, 8, 9, 10, 11]);
});

test('a full store takes no bar older than its oldest', () => {
  const store = new CandleStore(3);
  store.mergeHistory([k(5 * MIN, '5'), k(6 * MIN, '6'), k(7 * MIN, '7')]);
  assert.equal(store.mergeHistory([k(4 * MIN, '4')]).added, 0);
  assert.deepEqual(store.bars.map((b) => b.openTime / MIN), [5, 6, 7]);
});

test('klinesUrl asks for the latest page or the page before a time', () => {
  assert.equal(klinesUrl('http://h', 'b.X.kline.1m'), 'http://h/api/v1/klines?topic=b.X.kline.1m&limit=500');
  assert.equal(klinesUrl('http://h', 'b.X.kline.1m', { to: 59_999, limit: 10 }),
    'http://h/api/v1/klines?topic=b.X.kline.1m&limit=10&to=59999');
  assert.deepEqual(INTERVALS, ['1s', '1m', '5m', '15m', '1h', '4h', '1d']);
});

/** A scripted fetch: every request waits until the test answers it. */
function scriptedFetch() {
  const pending = [];
  const fetch = (url) => new Promise((resolve) => pending.push({ url, resolve }));
  const answer = (i, status, body) => pending[i].resolve({ ok: status === 200, status, json: async () => body });
  return { fetch, pending, answer };
}
const tick = () => new Promise((r) => setImmediate(r));

test('an answer for a topic the user has left is dropped', async () => {
  const { fetch, pending, answer } = scriptedFetch();
  const got = [];
  const loader = new HistoryLoader({ fetch, base: '', onKlines: (ks, kind) => got.push([kind, ks.length]) });
  const first = loader.open('b.X.kline.1m');
  const second = loader.open('b.X.kline.5m');
  answer(1, 200, { klines: [k(0, '1'), k(MIN, '2')] });
  answer(0, 200, { klines: [k(0, '1')] }); // the slow answer for 1m arrives last
  await Promise.all([first, second]);
  assert.deepEqual(got, [['latest', 2]]);
  assert.match(pending[1].url, /kline\.5m/);
});

test('scrolling left asks for to = first openTime - 1, one request at a time, until nothing is older', async () => {
  const { fetch, pending, answer } = scriptedFetch();
  let exhausted = 0;
  const got = [];
  const loader = new HistoryLoader({
    fetch, base: '', limit: 2, onKlines: (ks, kind) => got.push([kind, ks.length]), onExhausted: () => exhausted++,
  });
  loader.open('b.X.kline.1m');
  answer(0, 200, { klines: [k(10 * MIN, '1'), k(11 * MIN, '2')] });
  await tick();
  const p = loader.older(10 * MIN);
  loader.older(10 * MIN); // while the first is in flight: no second request
  assert.equal(pending.length, 2);
  assert.match(pending[1].url, new RegExp(`to=${10 * MIN - 1}`));
  answer(1, 200, { klines: [k(8 * MIN, '1'), k(9 * MIN, '2')] });
  await p;
  const q = loader.older(8 * MIN);
  answer(2, 200, { klines: [] });
  await q;
  await loader.older(8 * MIN);
  assert.equal(pending.length, 3, 'no request once exhausted');
  assert.equal(exhausted, 1);
  assert.deepEqual(got, [['latest', 2], ['older', 2], ['older', 0]]);
});

test('errors are reported and lose nothing already shown', async () => {
  const { fetch, answer } = scriptedFetch();
  const errors = [];
  const loader = new HistoryLoader({ fetch, base: '', onKlines: () => assert.fail('no klines'), onError: (m) => errors.push(m) });
  const a = loader.open('b.X.kline.1m');
  answer(0, 400, { error: 'topic: unknown' });
  await a;
  const b = loader.latest();
  answer(1, 200, { nothing: true });
  await b;
  const failing = new HistoryLoader({ fetch: async () => { throw new TypeError('Failed to fetch'); }, base: '',
    onKlines: () => {}, onError: (m) => errors.push(m) });
  await failing.open('b.X.kline.1m');
  assert.deepEqual(errors, ['history: HTTP 400 topic: unknown', 'history: answer without klines',
    'history: Failed to fetch']);
});

test('no older page is asked for before the latest page has come', async () => {
  const { fetch, pending, answer } = scriptedFetch();
  const loader = new HistoryLoader({ fetch, base: '', onKlines: () => {} });
  const latest = loader.open('b.X.kline.1m');
  loader.older(5 * MIN); // the live snapshot's candle is the only bar yet
  assert.equal(pending.length, 1);
  answer(0, 200, { klines: [k(4 * MIN, '4')] });
  await latest;
  loader.older(4 * MIN);
  assert.equal(pending.length, 2);
});
