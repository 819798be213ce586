// Reconnect/resume test of the JS client against a REAL gateway. Not part of `npm test` (it needs a server): the
// client module's JsClientResumeTest starts a gateway plus a small control endpoint and runs
//   node --experimental-websocket --test test/live/reconnect-resume.live.test.js
// with TICKGATE_URL (ws://…/ws) and TICKGATE_CONTROL (http://…) set. Control: POST /cut?id=<connectionId> (the server
// drops that connection), /pause (stop publishing; answers {epoch, lastSeq}), /resume, /restart (new epoch).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TickgateClient } from '../../src/tickgate-client.js';
import { sleep, until as untilTrue } from '../support/until.js';

const URL_ = process.env.TICKGATE_URL;
const CONTROL = process.env.TICKGATE_CONTROL;
const TOPIC = process.env.TICKGATE_TOPIC ?? 'sim.JS.trade';

const until = (what, condition, timeoutMs = 20_000) => untilTrue(what, condition, timeoutMs);

async function control(path) {
  const res = await fetch(CONTROL + path, { method: 'POST' });
  assert.equal(res.status, 200, `control ${path}`);
  return res.json();
}

/** Every snapshot/data message of TOPIC the client accepted from its current socket, per epoch. */
class Log {
  constructor() {
    this.epochs = new Map();
  }

  add(msg) {
    if (msg.topic !== TOPIC || (msg.type !== 'snapshot' && msg.type !== 'data')) return;
    let e = this.epochs.get(msg.epoch);
    if (e === undefined) {
      e = { snapshots: [], data: [] };
      this.epochs.set(msg.epoch, e);
    }
    (msg.type === 'snapshot' ? e.snapshots : e.data).push(msg.seq);
  }

  last(epoch) {
    const e = this.epochs.get(epoch);
    if (e === undefined) return 0;
    return Math.max(e.data.at(-1) ?? 0, e.snapshots.at(-1) ?? 0);
  }

  /** One snapshot at S, then data S+1..last, each exactly once. */
  check(epoch, last) {
    const e = this.epochs.get(epoch);
    assert.ok(e, `nothing received in epoch ${epoch}`);
    assert.equal(e.snapshots.length, 1, `one snapshot in epoch ${epoch}: ${e.snapshots}`);
    let expect = e.snapshots[0] + 1;
    for (const seq of e.data) {
      assert.equal(seq, expect, `epoch ${epoch}: no seq missed or doubled`);
      expect++;
    }
    assert.equal(expect - 1, last, `epoch ${epoch} complete`);
    return e.data.length;
  }
}

test('JS client: no seq missed or doubled across cuts; a server restart (new epoch) gives a fresh snapshot',
  { skip: (!URL_ || !CONTROL) && 'needs TICKGATE_URL and TICKGATE_CONTROL', timeout: 90_000 }, async () => {
    const client = new TickgateClient(URL_, { backoff: { baseMs: 50, capMs: 400 }, heartbeatMs: 1_000 });
    const log = new Log();
    const gaps = [];
    const statuses = [];
    let connectionId = null;
    client.on('welcome', (w) => { connectionId = w.connectionId; });
    client.on('message', (m) => log.add(m));
    client.on('gap', (g) => gaps.push(g));
    client.on('status', (s) => statuses.push(s.status));
    const received = [];
    client.subscribe(TOPIC, (m) => received.push(m.type));
    client.connect();
    try {
      const first = await control('/resume');
      await until('first messages', () => log.last(first.epoch) > 0);

      // cuts: by the server, then by the client (its socket closed under it), repeatedly, while data flows
      for (let i = 0; i < 8; i++) {
        await sleep(250);
        await until('a connection', () => client.status === 'open' && connectionId !== null);
        if (i % 2 === 0) {
          await control(`/cut?id=${encodeURIComponent(connectionId)}`);
        } else {
          client.ws.close();
        }
        connectionId = null;
      }
      await until('reconnected', () => client.status === 'open');
      await sleep(300);
      const paused = await control('/pause');
      assert.equal(paused.epoch, first.epoch);
      await until(`seq ${paused.lastSeq} in epoch 1`, () => log.last(paused.epoch) === paused.lastSeq);
      const n1 = log.check(paused.epoch, paused.lastSeq);
      assert.ok(n1 > 50, `data flowed in epoch 1 (${n1})`);
      assert.deepEqual(gaps, [], 'resumed every time: no gap within the epoch');

      // a server restart: history is gone, a new epoch; the resume is refused and a fresh snapshot follows
      const restarted = await control('/restart');
      assert.notEqual(restarted.epoch, first.epoch);
      await control('/resume');
      await until('data in the new epoch', () => log.last(restarted.epoch) > 20);
      await until('a connection', () => client.status === 'open' && connectionId !== null);
      await control(`/cut?id=${encodeURIComponent(connectionId)}`);
      await sleep(400);
      const paused2 = await control('/pause');
      await until(`seq ${paused2.lastSeq} in epoch 2`, () => log.last(restarted.epoch) === paused2.lastSeq);
      log.check(restarted.epoch, paused2.lastSeq);
      assert.equal(gaps.length, 1, `one reset reported: ${JSON.stringify(gaps)}`);
      assert.equal(gaps[0].kind, 'reset');
      assert.equal(gaps[0].topic, TOPIC);
      assert.ok(statuses.filter((s) => s === 'reconnecting').length >= 9, `reconnected: ${statuses}`);
      console.log(`JS client: epoch 1 ${n1} data messages, ${statuses.filter((s) => s === 'reconnecting').length}`
        + ' reconnects, then a fresh snapshot in the new epoch');
    } finally {
      client.close();
    }
  });
