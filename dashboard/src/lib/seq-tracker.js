// Per-topic position (epoch + seq) of the last message seen, and gap detection.
// Within one epoch seq grows by exactly 1 per message, so N+2 after N means one message was missed.

/**
 * Tracks `{epoch, seq}` per concrete topic.
 * `observe` classifies a `snapshot`/`data` message: `ok`, `first` (no position yet), `duplicate` (seq already seen,
 * e.g. replay overlap; drop it), `gap` (messages missed), or `epoch` (the topic's history was reset).
 */
export class SeqTracker {
  constructor() {
    /** @type {Map<string, {epoch: string, seq: number}>} */
    this.positions = new Map();
  }

  /** Last position seen for `topic`, or undefined. */
  position(topic) {
    const p = this.positions.get(topic);
    return p === undefined ? undefined : { epoch: p.epoch, seq: p.seq };
  }

  /** Forgets `topic` (after unsubscribe or when a fresh snapshot is expected). */
  forget(topic) {
    this.positions.delete(topic);
  }

  /**
   * Observes one message `{type, topic, epoch, seq}`. Snapshots set the position without a gap check.
   * @returns {{kind: 'ok'|'first'|'duplicate'|'gap'|'epoch'|'invalid', expected?: number, missed?: number,
   *   previousEpoch?: string}}
   */
  observe(msg) {
    const { topic, epoch, seq } = msg;
    if (typeof topic !== 'string' || !Number.isSafeInteger(seq) || epoch === undefined || epoch === null) {
      return { kind: 'invalid' };
    }
    const e = String(epoch);
    const prev = this.positions.get(topic);
    if (msg.type === 'snapshot' || prev === undefined) {
      this.positions.set(topic, { epoch: e, seq });
      return { kind: prev === undefined ? 'first' : 'ok' };
    }
    if (prev.epoch !== e) {
      this.positions.set(topic, { epoch: e, seq });
      return { kind: 'epoch', previousEpoch: prev.epoch };
    }
    if (seq <= prev.seq) return { kind: 'duplicate' };
    const expected = prev.seq + 1;
    prev.seq = seq;
    return seq === expected ? { kind: 'ok' } : { kind: 'gap', expected, missed: seq - expected };
  }
}
