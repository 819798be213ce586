import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffCeiling, backoffDelay } from '../src/lib/backoff.js';

test('ceiling doubles from 500 ms and is capped at 30 s', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7].map((a) => backoffCeiling(a)),
    [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  assert.equal(backoffCeiling(10_000), 30_000);
  assert.equal(backoffCeiling(-3), 500);
});

test('full jitter: delay spans [0, ceiling) for random in [0, 1)', () => {
  assert.equal(backoffDelay(3, { random: () => 0 }), 0);
  assert.equal(backoffDelay(3, { random: () => 0.5 }), 2000);
  assert.equal(backoffDelay(3, { random: () => 0.999999 }), 3999);
  assert.equal(backoffDelay(50, { random: () => 0.999999 }), 29999);
});

test('delays with Math.random stay within bounds and are not all equal', () => {
  for (let attempt = 0; attempt < 12; attempt++) {
    const ceiling = backoffCeiling(attempt);
    const seen = new Set();
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(attempt);
      assert.ok(Number.isInteger(d) && d >= 0 && d < ceiling, `attempt ${attempt}: ${d}`);
      seen.add(d);
    }
    assert.ok(seen.size > 1, `attempt ${attempt} produced one value only`);
  }
});

test('custom base and cap', () => {
  assert.equal(backoffCeiling(2, { baseMs: 100, capMs: 250 }), 250);
  assert.equal(backoffCeiling(1, { baseMs: 100, capMs: 250 }), 200);
});
