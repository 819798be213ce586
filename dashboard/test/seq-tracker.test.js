import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SeqTracker } from '../src/lib/seq-tracker.js';

const m = (type, seq, epoch = 'e1', topic = 't') => ({ type, topic, epoch, seq });

test('consecutive seqs are ok; a jump is a gap with the number missed', () => {
  const s = new SeqTracker();
  assert.equal(s.observe(m('snapshot', 10)).kind, 'first');
  assert.equal(s.observe(m('data', 11)).kind, 'ok');
  assert.deepEqual(s.observe(m('data', 14)), { kind: 'gap', expected: 12, missed: 2 });
  assert.equal(s.observe(m('data', 15)).kind, 'ok');
  assert.deepEqual(s.position('t'), { epoch: 'e1', seq: 15 });
});

test('already-seen seqs are duplicates and do not move the position', () => {
  const s = new SeqTracker();
  s.observe(m('data', 5));
  assert.equal(s.observe(m('data', 5)).kind, 'duplicate');
  assert.equal(s.observe(m('data', 3)).kind, 'duplicate');
  assert.equal(s.position('t').seq, 5);
});

test('a new epoch resets the position; a snapshot sets it without a gap', () => {
  const s = new SeqTracker();
  s.observe(m('data', 100));
  assert.deepEqual(s.observe(m('data', 1, 'e2')), { kind: 'epoch', previousEpoch: 'e1' });
  assert.equal(s.observe(m('data', 2, 'e2')).kind, 'ok');
  assert.equal(s.observe(m('snapshot', 50, 'e2')).kind, 'ok');
  assert.equal(s.observe(m('data', 51, 'e2')).kind, 'ok');
});

test('topics are tracked independently', () => {
  const s = new SeqTracker();
  s.observe(m('data', 1, 'e', 'a'));
  s.observe(m('data', 7, 'e', 'b'));
  assert.equal(s.observe(m('data', 2, 'e', 'a')).kind, 'ok');
  assert.equal(s.observe(m('data', 9, 'e', 'b')).kind, 'gap');
});

test('messages without topic, epoch or integer seq are invalid', () => {
  const s = new SeqTracker();
  assert.equal(s.observe({ type: 'data', topic: 't', epoch: 'e' }).kind, 'invalid');
  assert.equal(s.observe({ type: 'data', topic: 't', seq: 1 }).kind, 'invalid');
  assert.equal(s.observe({ type: 'data', epoch: 'e', seq: 1.5, topic: 't' }).kind, 'invalid');
  assert.equal(s.position('t'), undefined);
});
