// publish() of the JS client against a REAL gateway. Not part of `npm test` (it needs a server): the client module's
// JsClientPublishTest starts a gateway whose anonymous clients may publish to custom.signals.* only and runs
//   node --experimental-websocket --test test/live/publish.live.test.js
// with TICKGATE_URL set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TickgateClient } from '../../src/tickgate-client.js';
import { until } from '../support/until.js';

const URL_ = process.env.TICKGATE_URL;

test('publish: accepted and delivered; refusals carry the server code', { timeout: 30_000, skip: !URL_ }, async () => {
  const client = new TickgateClient(URL_);
  client.connect();
  try {
    await until('open', () => client.status === 'open');
    const answer = await client.publish('custom.signals.js', { x: 1 });
    assert.equal(answer.type, 'published');
    assert.equal(answer.topic, 'custom.signals.js');
    const got = [];
    client.subscribe('custom.signals.js', (m) => { if (m.type === 'snapshot' || m.type === 'data') got.push(m); });
    await until('snapshot', () => got.length === 1);
    assert.deepEqual(got[0].data, { x: 1 });
    await client.publish('custom.signals.js', { x: 2 });
    await until('data', () => got.length === 2);
    assert.deepEqual(got[1].data, { x: 2 });

    await assert.rejects(client.publish('sim.JSPUB.trade', { x: 1 }), { code: 'FORBIDDEN' });
    await assert.rejects(client.publish('custom.other.js', { x: 1 }), { code: 'FORBIDDEN' });
    await assert.rejects(client.publish('custom.signals.big', { x: 'y'.repeat(300) }), { code: 'MESSAGE_TOO_LARGE' });
    assert.equal(client.reconnects, 0, 'refusals keep the connection');
  } finally {
    client.close();
  }
});
