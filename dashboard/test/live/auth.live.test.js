// Token paths of the JS client against a REAL gateway with auth on. Not part of `npm test` (it needs a server): the
// client module's JsClientAuthTest starts a gateway and runs
//   node --experimental-websocket --test test/live/auth.live.test.js
// with TICKGATE_URL, TICKGATE_TOPIC (allowed by the tokens), TICKGATE_TOKEN and TICKGATE_TOKEN2 (same sub, later
// expiry) set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TickgateClient } from '../../src/tickgate-client.js';
import { until } from '../support/until.js';

const URL_ = process.env.TICKGATE_URL;
const TOPIC = process.env.TICKGATE_TOPIC;
const TOKEN = process.env.TICKGATE_TOKEN;
const TOKEN2 = process.env.TICKGATE_TOKEN2;


for (const transport of ['subprotocol', 'message']) {
  test(`token via ${transport}: welcome as the token's user, data on an allowed topic, refresh`, {
    timeout: 30_000, skip: !URL_,
  }, async () => {
    const client = new TickgateClient(URL_, { token: TOKEN, tokenTransport: transport });
    const welcomes = [];
    const refreshed = [];
    const errors = [];
    let data = 0;
    client.on('welcome', (w) => welcomes.push(w));
    client.on('refreshed', (m) => refreshed.push(m));
    client.on('error', (e) => errors.push(e));
    client.subscribe(TOPIC, (m) => { if (m.type === 'data' || m.type === 'snapshot') data++; });
    client.connect();
    try {
      await until('data', () => data > 0);
      assert.equal(welcomes[0].user, 'js-user');
      assert.equal(client.ws.protocol, transport === 'subprotocol' ? 'tickgate.v1' : '');
      client.refresh(TOKEN2);
      await until('refreshed', () => refreshed.length > 0);
      assert.ok(refreshed[0].expiresAt > welcomes[0].expiresAt);
      assert.deepEqual(errors, []);
      assert.equal(client.reconnects, 0);
    } finally {
      client.close();
    }
  });
}
