import { test } from 'node:test';
import assert from 'node:assert/strict';
import { staleness } from '../scripts/npm-ci-if-stale.mjs';

const lock = {
  packages: {
    '': { name: 'x' },
    'node_modules/a': { version: '1.0.0', integrity: 'sha512-a' },
    'node_modules/@p/other-os': { version: '2.0.0', integrity: 'sha512-o', optional: true },
  },
};

test('up to date when every locked package is installed at the locked version (optional ones may be absent)', () => {
  const installed = { packages: { 'node_modules/a': { version: '1.0.0', integrity: 'sha512-a' } } };
  assert.equal(staleness(lock, installed, () => true), null);
  assert.match(staleness(lock, installed, () => false), /missing on disk/);
});

test('stale when missing, different, or extra', () => {
  assert.match(staleness(lock, null), /missing/);
  assert.match(staleness(lock, { packages: {} }), /node_modules\/a not installed/);
  assert.match(staleness(lock, { packages: { 'node_modules/a': { version: '1.0.1', integrity: 'sha512-a' } } }),
    /lockfile wants 1.0.0/);
  assert.match(staleness(lock, { packages: {
    'node_modules/a': { version: '1.0.0', integrity: 'sha512-a' }, 'node_modules/b': { version: '1.0.0' },
  } }), /not in the lockfile/);
});
