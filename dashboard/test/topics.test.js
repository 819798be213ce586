import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultGroup, groupTopics, parseTopic, topicMatches } from '../src/lib/topics.js';

test('parses topics whose channel or symbol hold dots or dashes', () => {
  assert.deepEqual(parseTopic('binance.BTCUSDT.kline.1m'), { source: 'binance', symbol: 'BTCUSDT', channel: 'kline.1m' });
  assert.deepEqual(parseTopic('okx.BTC-USDT.book.top'), { source: 'okx', symbol: 'BTC-USDT', channel: 'book.top' });
  for (const bad of ['binance.BTCUSDT', 'a..b', '.a.b', 'a.b.', '', null]) assert.equal(parseTopic(bad), null, String(bad));
});

test('wildcards match exactly one segment', () => {
  assert.ok(topicMatches('binance.*.trade', 'binance.ETHUSDT.trade'));
  assert.ok(!topicMatches('binance.*.trade', 'binance.ETHUSDT.kline.1m'));
  assert.ok(!topicMatches('binance.BTCUSDT.trade', 'binance.BTCUSDT.ticker'));
});

test('groups by source and symbol in server order and prefers binance.BTCUSDT', () => {
  const groups = groupTopics([
    { topic: 'sim.AAPL.trade' }, { topic: 'binance.BTCUSDT.trade' }, 'binance.BTCUSDT.kline.1s',
    { topic: 'sim.AAPL.book' }, { nope: 1 }, { topic: 'bad' }, null,
  ]);
  assert.deepEqual(groups.map((g) => [g.key, [...g.channels]]), [
    ['sim.AAPL', ['trade', 'book']], ['binance.BTCUSDT', ['trade', 'kline.1s']],
  ]);
  assert.equal(defaultGroup(groups).key, 'binance.BTCUSDT');
  assert.equal(defaultGroup(groups.slice(0, 1)).key, 'sim.AAPL');
  assert.equal(defaultGroup([]), undefined);
  assert.deepEqual(groupTopics({ not: 'a list' }), []);
});

test('application topics (custom.*, user.*) are not offered as symbols', () => {
  const groups = groupTopics(['custom.signals.alpha', 'user.alice.inbox', 'binance.BTCUSDT.trade',
    { topic: 'custom.x.y' }]);
  assert.deepEqual(groups.map((g) => g.key), ['binance.BTCUSDT']);
});
