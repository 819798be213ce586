// The client against a real WebSocket server on 127.0.0.1 that is restarted mid-stream.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TickgateClient } from '../src/tickgate-client.js';
import { startServer } from './support/ws-server.js';

const TOPIC = 'sim.AAPL.trade';

/** Waits until `condition()` holds, polling every 10 ms, failing after `ms`. */
async function until(condition, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A tiny gateway: answers subscribe with subscribed + snapshot and then sends `count` data messages. */
function gateway(epoch, firstSeq, count) {
  return (conn) => {
    conn.send({ type: 'welcome', connectionId: 'c', serverTime: Date.now(), heartbeatMs: 20000 });
    conn.onMessage = (m) => {
      if (m.type !== 'subscribe') return;
      const resumed = m.resume?.epoch === epoch;
      conn.send({ type: 'subscribed', id: m.id, topic: m.topic, epoch, seq: firstSeq, resumed });
      if (!resumed) conn.send({ type: 'snapshot', topic: m.topic, epoch, seq: firstSeq, data: { trades: [] } });
      for (let i = 1; i <= count; i++) {
        conn.send({ type: 'data', topic: m.topic, epoch, seq: firstSeq + i, ts: 0, data: { price: String(i) } });
      }
    };
  };
}

test('reconnects after a server restart and resumes from the last seq seen', { timeout: 20_000 }, async (t) => {
  if (typeof WebSocket !== 'function') {
    t.skip('needs a global WebSocket (Node >= 22, or node --experimental-websocket)');
    return;
  }
  let server = await startServer(0, gateway('e1', 10, 3));
  const port = server.port;
  const client = new TickgateClient(`ws://127.0.0.1:${port}/ws`, {
    backoff: { baseMs: 20, capMs: 100 }, connectTimeoutMs: 1000,
  });
  const statuses = [];
  const gaps = [];
  const got = [];
  client.on('status', (s) => statuses.push(s.status));
  client.on('gap', (g) => gaps.push(g));
  client.subscribe(TOPIC, (m) => got.push(`${m.type}:${m.epoch}:${m.seq}`));
  try {
    client.connect();
    await until(() => got.length === 5);
    assert.deepEqual(got, ['subscribed:e1:10', 'snapshot:e1:10', 'data:e1:11', 'data:e1:12', 'data:e1:13']);

    await server.stop();
    await until(() => statuses.includes('reconnecting'));
    // Same port, new process state: a new epoch, so the resume cannot be served.
    server = await startServer(port, gateway('e2', 0, 2));
    await until(() => got.length === 9).catch((e) => {
      throw new Error(`${e.message}: got ${JSON.stringify(got)}, statuses ${JSON.stringify(statuses)}`);
    });
    assert.deepEqual(server.connections.at(-1).received.find((m) => m.type === 'subscribe'),
      { type: 'subscribe', id: server.connections.at(-1).received[0].id, topic: TOPIC, resume: { epoch: 'e1', seq: 13 } });
    assert.deepEqual(got.slice(5), ['subscribed:e2:0', 'snapshot:e2:0', 'data:e2:1', 'data:e2:2']);
    assert.deepEqual(gaps.map((g) => [g.kind, g.epoch, g.previousEpoch]), [['reset', 'e2', 'e1']]);
    assert.equal(client.status, 'open');
    assert.ok(client.reconnects >= 1);
  } finally {
    client.close();
    await server.stop();
  }
});
