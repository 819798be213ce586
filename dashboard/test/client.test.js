import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { Status, TickgateClient } from '../src/tickgate-client.js';
import { FakeSocket, ManualClock } from './support/fakes.js';

let clock;
let statuses;
let gaps;

function newClient(options = {}) {
  const client = new TickgateClient('ws://gw.test/ws', {
    WebSocket: FakeSocket, timers: clock, random: () => 0.5, ...options,
  });
  client.on('status', (s) => statuses.push(s));
  client.on('gap', (g) => gaps.push(g));
  return client;
}

beforeEach(() => {
  FakeSocket.reset();
  clock = new ManualClock();
  statuses = [];
  gaps = [];
});

function subscribedTo(socket, topic, epoch = 'e1', seq = 0, resumed = false) {
  const req = socket.sentOfType('subscribe').findLast((m) => m.topic === topic);
  assert.ok(req, `no subscribe for ${topic}`);
  socket.serverSend({ type: 'subscribed', id: req.id, topic, epoch, seq, resumed });
  return req;
}

test('subscribes after open and delivers subscribed, snapshot and data in order', () => {
  const client = newClient();
  const got = [];
  client.subscribe('binance.BTCUSDT.trade', (m) => got.push(m.type));
  client.connect();
  const ws = FakeSocket.last;
  assert.equal(ws.url, 'ws://gw.test/ws');
  assert.equal(ws.sent.length, 0, 'nothing is sent before open');
  ws.serverOpen();
  subscribedTo(ws, 'binance.BTCUSDT.trade', 'e1', 7);
  ws.serverSend({ type: 'snapshot', topic: 'binance.BTCUSDT.trade', epoch: 'e1', seq: 7, data: { trades: [] } });
  ws.serverSend({ type: 'data', topic: 'binance.BTCUSDT.trade', epoch: 'e1', seq: 8, ts: 1, data: {} });
  ws.serverSend({ type: 'data', topic: 'binance.BTCUSDT.ticker', epoch: 'e1', seq: 1, ts: 1, data: {} });
  assert.deepEqual(got, ['subscribed', 'snapshot', 'data']);
  assert.deepEqual(statuses.map((s) => s.status), [Status.CONNECTING, Status.OPEN]);
  assert.deepEqual(client.position('binance.BTCUSDT.trade'), { epoch: 'e1', seq: 8 });
});

test('listeners share one server subscription; the last unsubscribe is sent once', () => {
  const client = newClient();
  client.connect();
  const ws = FakeSocket.last;
  ws.serverOpen();
  const a = [];
  const b = [];
  const offA = client.subscribe('x.Y.trade', (m) => a.push(m.seq));
  const offB = client.subscribe('x.Y.trade', (m) => b.push(m.seq));
  assert.equal(ws.sentOfType('subscribe').length, 1);
  ws.serverSend({ type: 'data', topic: 'x.Y.trade', epoch: 'e', seq: 1, data: {} });
  offA();
  assert.equal(ws.sentOfType('unsubscribe').length, 0);
  ws.serverSend({ type: 'data', topic: 'x.Y.trade', epoch: 'e', seq: 2, data: {} });
  offB();
  assert.deepEqual(ws.sentOfType('unsubscribe').map((m) => m.topic), ['x.Y.trade']);
  assert.deepEqual([a, b], [[1], [1, 2]]);
});

test('wildcard subscriptions receive matching topics', () => {
  const client = newClient();
  const got = [];
  client.subscribe('binance.*.ticker', (m) => got.push(m.topic ?? m.type));
  client.connect();
  FakeSocket.last.serverOpen();
  FakeSocket.last.serverSend({ type: 'data', topic: 'binance.ETHUSDT.ticker', epoch: 'e', seq: 1, data: {} });
  FakeSocket.last.serverSend({ type: 'data', topic: 'okx.ETH-USDT.ticker', epoch: 'e', seq: 1, data: {} });
  assert.deepEqual(got, ['binance.ETHUSDT.ticker']);
});

test('reports seq gaps and drops replayed duplicates', () => {
  const client = newClient();
  const seqs = [];
  client.subscribe('t.S.trade', (m) => m.seq !== undefined && m.type === 'data' && seqs.push(m.seq));
  client.connect();
  const ws = FakeSocket.last;
  ws.serverOpen();
  for (const seq of [1, 2, 5, 5, 4, 6]) ws.serverSend({ type: 'data', topic: 't.S.trade', epoch: 'e', seq, data: {} });
  assert.deepEqual(seqs, [1, 2, 5, 6]);
  assert.deepEqual(gaps, [{ topic: 't.S.trade', kind: 'gap', epoch: 'e', expected: 3, received: 5, missed: 2 }]);
});

test('reconnects with backoff after a drop and resubscribes every topic with resume', () => {
  const client = newClient();
  client.subscribe('b.BTC.trade', () => {});
  client.subscribe('b.BTC.book', () => {});
  client.connect();
  const first = FakeSocket.last;
  first.serverOpen();
  first.serverSend({ type: 'data', topic: 'b.BTC.trade', epoch: 'e1', seq: 41, data: {} });
  first.serverClose(1006);

  assert.equal(statuses.at(-1).status, Status.RECONNECTING);
  assert.equal(statuses.at(-1).attempt, 1);
  assert.equal(statuses.at(-1).delayMs, 250, 'full jitter with random 0.5 of the 500 ms base');
  clock.advance(249);
  assert.equal(FakeSocket.instances.length, 1, 'waits for the backoff delay');
  clock.advance(1);
  assert.equal(FakeSocket.instances.length, 2);
  const second = FakeSocket.last;
  second.serverOpen();
  const subs = second.sentOfType('subscribe');
  assert.deepEqual(subs.map((m) => [m.topic, m.resume]), [
    ['b.BTC.trade', { epoch: 'e1', seq: 41 }],
    ['b.BTC.book', undefined],
  ]);
  assert.equal(client.reconnects, 1);
});

test('a resume the server cannot serve is reported as reset and the fresh snapshot is delivered', () => {
  const client = newClient();
  const got = [];
  client.subscribe('b.BTC.book', (m) => got.push(`${m.type}:${m.seq}`));
  client.connect();
  FakeSocket.last.serverOpen();
  FakeSocket.last.serverSend({ type: 'snapshot', topic: 'b.BTC.book', epoch: 'old', seq: 900, data: {} });
  FakeSocket.last.serverClose(1001);
  clock.advance(1000);
  const ws = FakeSocket.last;
  ws.serverOpen();
  subscribedTo(ws, 'b.BTC.book', 'new', 3, false);
  ws.serverSend({ type: 'snapshot', topic: 'b.BTC.book', epoch: 'new', seq: 3, data: {} });
  ws.serverSend({ type: 'data', topic: 'b.BTC.book', epoch: 'new', seq: 4, data: {} });
  assert.deepEqual(got, ['snapshot:900', 'subscribed:3', 'snapshot:3', 'data:4']);
  assert.deepEqual(gaps, [{ topic: 'b.BTC.book', kind: 'reset', epoch: 'new', previousEpoch: 'old' }]);
});

test('backoff grows while connecting keeps failing, capped at 30 s, and resets after a stable connection', () => {
  const client = newClient({ random: () => 0.999 });
  client.connect();
  const delays = [];
  for (let i = 0; i < 9; i++) {
    FakeSocket.last.serverClose(1006);
    delays.push(statuses.at(-1).delayMs);
    clock.advance(statuses.at(-1).delayMs);
  }
  assert.deepEqual(delays, [499, 999, 1998, 3996, 7992, 15984, 29970, 29970, 29970]);
  FakeSocket.last.serverOpen();
  clock.advance(10_000);
  FakeSocket.last.serverClose(1006);
  assert.equal(statuses.at(-1).delayMs, 499);
  assert.equal(statuses.at(-1).attempt, 1);
});

test('sends app-level heartbeats and replaces a connection that went silent', () => {
  const client = newClient({ heartbeatMs: 1000, idleTimeoutMs: 3500 });
  client.connect();
  const ws = FakeSocket.last;
  ws.serverOpen();
  clock.advance(1000);
  assert.equal(ws.sentOfType('heartbeat').length, 1);
  ws.serverSend({ type: 'heartbeat', serverTime: 1 });
  clock.advance(2000);
  assert.equal(ws.sentOfType('heartbeat').length, 3);
  assert.equal(FakeSocket.instances.length, 1, 'still alive: a message arrived 2 s ago');
  clock.advance(2000);
  assert.equal(ws.closedWith?.code, 4000, 'silent for 4 s > 3.5 s');
  assert.equal(statuses.at(-1).status, Status.RECONNECTING);
});

test('a socket that does not open within connectTimeoutMs is abandoned and retried', () => {
  const client = newClient({ connectTimeoutMs: 2000 });
  client.connect();
  const stuck = FakeSocket.last;
  clock.advance(1999);
  assert.equal(stuck.closedWith, null);
  clock.advance(1);
  assert.equal(stuck.closedWith?.code, 4000);
  assert.equal(statuses.at(-1).status, Status.RECONNECTING);
  clock.advance(250);
  FakeSocket.last.serverOpen();
  clock.advance(5000);
  assert.equal(FakeSocket.instances.length, 2, 'an open socket is not subject to the connect timeout');
  assert.equal(client.status, Status.OPEN);
});

test('a smaller heartbeat interval from welcome is adopted', () => {
  const client = newClient({ heartbeatMs: 15_000 });
  client.connect();
  const ws = FakeSocket.last;
  ws.serverOpen();
  ws.serverSend({ type: 'welcome', connectionId: 'c', serverTime: 0, heartbeatMs: 5000 });
  clock.advance(5000);
  assert.equal(ws.sentOfType('heartbeat').length, 1);
});

test('close() stops for good; nothing reconnects afterwards', () => {
  const client = newClient();
  client.connect();
  FakeSocket.last.serverOpen();
  client.close();
  assert.equal(statuses.at(-1).status, Status.CLOSED);
  assert.equal(FakeSocket.last.closedWith.code, 1000);
  clock.advance(120_000);
  assert.equal(FakeSocket.instances.length, 1);
});

test('server errors reach the topic listener; bad frames are reported and the connection lives on', () => {
  const client = newClient();
  const errors = [];
  client.on('error', (e) => errors.push(e.code));
  const got = [];
  client.subscribe('nope.X.trade', (m) => got.push(m.type === 'error' ? m.code : m.type));
  client.connect();
  const ws = FakeSocket.last;
  ws.serverOpen();
  const req = ws.sentOfType('subscribe')[0];
  ws.serverSend({ type: 'error', id: req.id, code: 'UNKNOWN_TOPIC', message: 'no such topic' });
  ws.serverSend('{not json');
  ws.serverSend('null');
  ws.serverSend({ type: 'data', seq: 1 });
  assert.deepEqual(got, ['UNKNOWN_TOPIC']);
  assert.deepEqual(errors, ['UNKNOWN_TOPIC', 'BAD_FRAME']);
  assert.equal(client.status, Status.OPEN);
});

for (const code of ['UNKNOWN_TOPIC', 'RATE_LIMITED']) {
  test(`a subscribe answered ${code} is sent again later, until it is accepted or nobody listens`, () => {
    const client = newClient();
    const got = [];
    const off = client.subscribe('binance.NEWUSDT.trade', (m) => got.push(m.type === 'error' ? m.code : m.type));
    client.connect();
    const ws = FakeSocket.last;
    ws.serverOpen();
    const first = ws.sentOfType('subscribe')[0];
    ws.serverSend({ type: 'error', id: first.id, code, message: 'not now' });
    assert.equal(ws.sentOfType('subscribe').length, 1, 'no retry before the delay');
    clock.advance(2_000); // 1000 + 0.5 * 2000 with random() = 0.5
    assert.equal(ws.sentOfType('subscribe').length, 2, 'retried after the delay');
    subscribedTo(ws, 'binance.NEWUSDT.trade', 'e1', 0);
    assert.deepEqual(got, [code, 'subscribed']);
    // a refused heartbeat or publish (no subscribe's id) is no subscription to retry
    ws.serverSend({ type: 'error', code, message: 'not now' });
    clock.advance(10_000);
    assert.equal(ws.sentOfType('subscribe').length, 2);

    const again = client.subscribe('binance.OTHER.trade', () => {});
    const second = ws.sentOfType('subscribe')[2];
    ws.serverSend({ type: 'error', id: second.id, code, message: 'gone' });
    again();
    off();
    clock.advance(10_000);
    assert.equal(ws.sentOfType('subscribe').length, 3, 'no retry once nobody listens');
  });
}

test('resubscribes are paced under the rate limit the welcome states', () => {
  const client = newClient();
  const topics = Array.from({ length: 300 }, (_, i) => `sim.S${i}.trade`);
  for (const t of topics) client.subscribe(t, () => {});
  client.connect();
  const ws = FakeSocket.last;
  ws.serverOpen();
  assert.equal(ws.sentOfType('subscribe').length, 10, 'a small start before the welcome');
  ws.serverSend({ type: 'welcome', connectionId: 'c', serverTime: 1, heartbeatMs: 20_000,
    rateLimit: { perSecond: 100, burst: 200 } });
  assert.equal(ws.sentOfType('subscribe').length, 100, 'half the burst at once, the start included');
  client.unsubscribe('sim.S150.trade'); // still waiting: never sent
  clock.advance(1_000);
  const sent = ws.sentOfType('subscribe').length;
  assert.ok(sent >= 178 && sent <= 181, `80 % of 100/s after a second: ${sent}`);
  clock.advance(5_000);
  const all = ws.sentOfType('subscribe').map((m) => m.topic);
  assert.equal(all.length, 299);
  assert.equal(new Set(all).size, 299, 'each once');
  assert.ok(!all.includes('sim.S150.trade'));
});

test('batched frames (JSON arrays) are unpacked in order', () => {
  const client = newClient();
  const seqs = [];
  client.subscribe('a.B.trade', (m) => seqs.push(m.seq));
  client.connect();
  FakeSocket.last.serverOpen();
  FakeSocket.last.serverSend([
    { type: 'data', topic: 'a.B.trade', epoch: 'e', seq: 1, data: {} },
    { type: 'data', topic: 'a.B.trade', epoch: 'e', seq: 2, data: {} },
  ]);
  assert.deepEqual(seqs, [1, 2]);
});

test('a constructor without any WebSocket implementation fails clearly', () => {
  const global = globalThis.WebSocket;
  delete globalThis.WebSocket;
  try {
    assert.throws(() => new TickgateClient('ws://x/ws'), /WebSocket/);
  } finally {
    if (global !== undefined) globalThis.WebSocket = global;
  }
});

test('a token goes as the bearer subprotocol next to tickgate.v1, and refresh is sent in-band', () => {
  let calls = 0;
  const client = newClient({ token: () => `jwt${++calls}` });
  const refreshed = [];
  client.on('refreshed', (m) => refreshed.push(m.expiresAt));
  client.connect();
  const ws = FakeSocket.last;
  assert.deepEqual(ws.protocols, ['tickgate.v1', 'bearer.jwt1']);
  ws.serverOpen();
  assert.equal(ws.sentOfType('auth').length, 0, 'no auth message when the subprotocol carried the token');
  client.refresh('jwt-new');
  const req = ws.sentOfType('refresh')[0];
  assert.equal(req.token, 'jwt-new');
  ws.serverSend({ type: 'refreshed', id: req.id, expiresAt: 123 });
  assert.deepEqual(refreshed, [123]);
  ws.serverClose(4001, 'token expired');
  clock.advance(60_000);
  assert.deepEqual(FakeSocket.last.protocols, ['tickgate.v1', 'bearer.jwt-new'], 'the refreshed token is reused');
});

test('with tokenTransport "message" the auth message is sent first after open', () => {
  const client = newClient({ token: 'jwt', tokenTransport: 'message' });
  client.subscribe('x.Y.trade', () => {});
  client.connect();
  const ws = FakeSocket.last;
  assert.equal(ws.protocols, undefined);
  ws.serverOpen();
  assert.deepEqual(ws.sent.map((m) => m.type), ['auth', 'subscribe']);
  assert.equal(ws.sent[0].token, 'jwt');
});

test('a gap message takes its seq, reaches the topic listener in order and is reported as upstreamGap', () => {
  const client = newClient();
  const got = [];
  const upstream = [];
  client.on('upstreamGap', (g) => upstream.push(g));
  client.subscribe('binance.BTCUSDT.aggTrade', (m) => got.push(`${m.type}:${m.seq}`));
  client.connect();
  const ws = FakeSocket.last;
  ws.serverOpen();
  subscribedTo(ws, 'binance.BTCUSDT.aggTrade', 'e1', 3);
  ws.serverSend({ type: 'data', topic: 'binance.BTCUSDT.aggTrade', epoch: 'e1', seq: 4, ts: 1, data: { id: '10' } });
  ws.serverSend({
    type: 'gap', topic: 'binance.BTCUSDT.aggTrade', epoch: 'e1', seq: 5, ts: 2, from: '11', to: '19',
    fromTime: 100, toTime: 200, reason: 'history',
  });
  ws.serverSend({ type: 'data', topic: 'binance.BTCUSDT.aggTrade', epoch: 'e1', seq: 6, ts: 3, data: { id: '20' } });
  ws.serverSend({
    type: 'gap', topic: 'binance.BTCUSDT.aggTrade', epoch: 'e1', seq: 5, ts: 2, from: '11', to: '19',
    reason: 'history',
  }); // a replayed duplicate
  assert.deepEqual(got, ['subscribed:3', 'data:4', 'gap:5', 'data:6']);
  assert.deepEqual(upstream, [{
    topic: 'binance.BTCUSDT.aggTrade', epoch: 'e1', seq: 5, from: '11', to: '19', fromTime: 100, toTime: 200,
    reason: 'history',
  }]);
  assert.deepEqual(gaps, [], 'no seq gap: the notice is a message of the topic');
  assert.deepEqual(client.position('binance.BTCUSDT.aggTrade'), { epoch: 'e1', seq: 6 });
});

test('publish sends the protocol message and settles with the answer of its id', async () => {
  const client = newClient();
  await assert.rejects(client.publish('custom.s.a', { x: 1 }), { code: 'NOT_CONNECTED' });
  client.connect();
  const ws = FakeSocket.last;
  ws.serverOpen();
  const errors = [];
  client.on('error', (e) => errors.push(e));
  const ok = client.publish('custom.s.a', { x: 1 });
  const refused = client.publish('binance.BTC.trade', { x: 1 });
  const [first, second] = ws.sentOfType('publish');
  assert.deepEqual(first, { type: 'publish', id: first.id, topic: 'custom.s.a', data: { x: 1 } });
  ws.serverSend({ type: 'error', id: second.id, code: 'FORBIDDEN', message: 'a market data topic' });
  ws.serverSend({ type: 'published', id: first.id, topic: 'custom.s.a' });
  assert.deepEqual(await ok, { type: 'published', id: first.id, topic: 'custom.s.a' });
  await assert.rejects(refused, { code: 'FORBIDDEN', message: 'FORBIDDEN: a market data topic' });
  assert.deepEqual(errors, [], 'a publish refusal goes to its promise only');
  await assert.rejects(client.publish('custom.s.a', [1]), { code: 'INVALID_JSON' });

  const lost = client.publish('custom.s.a', { x: 2 });
  ws.serverClose(1006);
  await assert.rejects(lost, { code: 'CONNECTION_LOST' });
  client.close();
});
