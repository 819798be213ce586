import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonical, compareDecimal, isDecimal, isZero } from '../src/lib/decimal.js';

test('compares decimal strings exactly, beyond double precision', () => {
  assert.equal(compareDecimal('64012.10', '64012.1'), 0);
  assert.ok(compareDecimal('9.99', '10') < 0);
  assert.ok(compareDecimal('0.000000000000000000011', '0.00000000000000000001') > 0);
  assert.ok(compareDecimal('12345678901234567890.1', '12345678901234567890.01') > 0);
  assert.ok(compareDecimal('-1.5', '-1.25') < 0);
  assert.ok(compareDecimal('-0.5', '0') < 0);
  assert.equal(compareDecimal('-0', '0.000'), 0);
});

test('zero and canonical forms', () => {
  for (const z of ['0', '0.0', '0.00000000', '-0', '.0', '00']) assert.ok(isZero(z), z);
  for (const nz of ['0.00000001', '1', '10']) assert.ok(!isZero(nz), nz);
  assert.equal(canonical('001.500'), '1.5');
  assert.equal(canonical('100'), '100');
  assert.equal(canonical('.5'), '0.5');
});

test('rejects what is not a plain decimal', () => {
  for (const bad of ['', '.', 'abc', '1e5', '1.2.3', null, 12, undefined, ' ']) {
    assert.equal(isDecimal(bad), false, String(bad));
    assert.equal(isZero(bad), false, String(bad));
  }
  assert.throws(() => compareDecimal('x', '1'), TypeError);
});
