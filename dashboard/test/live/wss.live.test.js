// wss:// test of the JS client against a REAL gateway with TLS. Not part of `npm test` (it needs a server): the
// client module's WssClientTest starts a gateway with a self-signed certificate and runs
//   node --experimental-websocket --test test/live/wss.live.test.js
// with TICKGATE_URL (wss://localhost:…/ws), TICKGATE_TOPIC and NODE_EXTRA_CA_CERTS (the certificate) set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TickgateClient } from '../../src/tickgate-client.js';

const URL_ = process.env.TICKGATE_URL;
const TOPIC = process.env.TICKGATE_TOPIC ?? 'sim.WSS.trade';

test('the JS client connects over wss:// and receives data', async () => {
  assert.match(URL_, /^wss:\/\//);
  const client = new TickgateClient(URL_);
  const got = [];
  client.subscribe(TOPIC, (msg) => {
    if (msg.type === 'data' || msg.type === 'snapshot') got.push(msg);
  });
  client.connect();
  try {
    const end = Date.now() + 20_000;
    while (!got.some((m) => m.type === 'data')) {
      if (Date.now() > end) throw new Error(`no data over ${URL_} within 20 s (got ${got.length} messages)`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    client.close();
  }
});
