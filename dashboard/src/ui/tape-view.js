// Trade tape: newest first, deduplicated by trade id + time (replays and snapshots after a reconnect overlap;
// the time keeps a restarted source that reuses ids from hiding new trades).
import { frameScheduler, timeOfDay } from './format.js';

const keyOf = (t) => `${t.id}@${t.time}`;

/** Owns the recent trades of the selected `trade` topic. */
export class TapeView {
  constructor(container, max = 60) {
    this.container = container;
    this.max = max;
    /** newest first */
    this.trades = [];
    this.ids = new Set();
    this.received = 0;
    this.schedule = frameScheduler(() => this.render());
  }

  reset() {
    this.trades = [];
    this.ids.clear();
    this.received = 0;
    this.schedule();
  }

  /**
   * A new epoch means the topic's history restarted (e.g. a server restart): trade ids may repeat, so the ids seen
   * so far no longer identify duplicates. The rows stay; the running count goes on.
   */
  newEpoch() {
    this.ids.clear();
  }

  /**
   * Marks trades lost upstream (a `gap` message: venue ids `from`..`to`) at the time they happened: the row sorts
   * among the trades by the time of the first trade after the hole (the message's time when unknown).
   */
  addGap(gap) {
    const time = Number(gap.toTime ?? gap.fromTime ?? gap.ts ?? Date.now());
    this.trades.push({ gap: true, from: String(gap.from), to: String(gap.to), reason: String(gap.reason ?? ''), time });
    this.trades.sort((a, b) => Number(b.time) - Number(a.time));
    this.trades.splice(this.max);
    this.schedule();
  }

  /** Adds trades (any order); returns the newest trade added, if any. */
  add(trades) {
    let newest = null;
    for (const t of trades) {
      if (t === null || typeof t !== 'object' || typeof t.price !== 'string') continue;
      const key = t.id !== undefined ? keyOf(t) : null;
      if (key !== null && this.ids.has(key)) continue;
      if (key !== null) this.ids.add(key);
      this.trades.push(t);
      this.received++;
      if (newest === null || Number(t.time) >= Number(newest.time)) newest = t;
    }
    if (newest === null) return null;
    this.trades.sort((a, b) => Number(b.time) - Number(a.time));
    for (const dropped of this.trades.splice(this.max)) {
      if (dropped.id !== undefined && !dropped.gap) this.ids.delete(keyOf(dropped));
    }
    this.schedule();
    return newest;
  }

  render() {
    const rows = this.trades.map((t) => {
      const row = document.createElement('div');
      if (t.gap) {
        const numeric = /^\d+$/.test(t.from) && /^\d+$/.test(t.to);
        const count = numeric ? BigInt(t.to) - BigInt(t.from) + 1n : null;
        row.className = 'trade gap';
        row.dataset.testid = 'trade-gap';
        row.title = `venue trade ids ${t.from}–${t.to} could not be recovered (${t.reason})`;
        const what = count === null ? `trades ${t.from}–${t.to}` : `${count} trade${count === 1n ? '' : 's'}`;
        row.textContent = `${timeOfDay(t.time)}  ${what} missing (${t.reason})`;
        return row;
      }
      const side = String(t.side ?? '').toLowerCase();
      row.className = `trade ${side === 'sell' ? 'sell' : side === 'buy' ? 'buy' : ''}`;
      row.dataset.testid = 'trade';
      for (const [cls, text] of [['time', timeOfDay(t.time)], ['price', t.price], ['qty', String(t.qty ?? '')]]) {
        const cell = document.createElement('span');
        cell.className = cls;
        cell.textContent = text;
        row.append(cell);
      }
      return row;
    });
    this.container.replaceChildren(...rows);
  }
}
