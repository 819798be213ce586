// Client-side order book: full snapshot, then deltas where quantity "0" removes a level.
// Levels are kept sorted best-first with exact decimal comparison; texts are kept as received.

import { canonical, compareDecimal, isDecimal, isZero } from './decimal.js';

/** One side of the book: levels sorted best first, looked up by canonical price. */
class BookSide {
  /** @param {boolean} descending true for bids (highest first), false for asks. */
  constructor(descending) {
    this.descending = descending;
    /** @type {{key: string, price: string, qty: string}[]} */
    this.levels = [];
  }

  clear() {
    this.levels = [];
  }

  /** Index of `key` if present, else -(insertionPoint + 1). */
  search(key) {
    let lo = 0;
    let hi = this.levels.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      let c = compareDecimal(this.levels[mid].key, key);
      if (this.descending) c = -c;
      if (c < 0) lo = mid + 1;
      else if (c > 0) hi = mid - 1;
      else return mid;
    }
    return -(lo + 1);
  }

  /** Sets or removes (qty zero) one level. */
  set(price, qty) {
    const key = canonical(price);
    const i = this.search(key);
    if (isZero(qty)) {
      if (i >= 0) this.levels.splice(i, 1);
    } else if (i >= 0) {
      this.levels[i] = { key, price, qty };
    } else {
      this.levels.splice(-(i + 1), 0, { key, price, qty });
    }
  }
}

/** True if `level` is a `[price, qty, ...]` pair of decimal strings. */
function validLevel(level) {
  return Array.isArray(level) && isDecimal(level[0]) && isDecimal(level[1]);
}

/**
 * An order book fed by `snapshot` and delta messages of a `book` topic.
 * Both methods return `{applied, rejected}` counts instead of throwing on bad levels.
 */
export class OrderBook {
  constructor() {
    this.bids = new BookSide(true);
    this.asks = new BookSide(false);
    this.hasSnapshot = false;
  }

  /** Replaces the whole book with `{bids: [[p, q], ...], asks: [...]}` (any order; zero levels ignored). */
  applySnapshot(data) {
    this.bids.clear();
    this.asks.clear();
    this.hasSnapshot = true;
    return this.#apply(data);
  }

  /** Applies a delta `{bids: [[p, q]], asks: [[p, q]]}`; q "0" removes the level. */
  applyDelta(data) {
    return this.#apply(data);
  }

  #apply(data) {
    const result = { applied: 0, rejected: 0 };
    if (data === null || typeof data !== 'object') {
      result.rejected++;
      return result;
    }
    for (const [name, side] of [['bids', this.bids], ['asks', this.asks]]) {
      const levels = data[name];
      if (levels === undefined) continue;
      if (!Array.isArray(levels)) {
        result.rejected++;
        continue;
      }
      for (const level of levels) {
        if (validLevel(level)) {
          side.set(level[0], level[1]);
          result.applied++;
        } else {
          result.rejected++;
        }
      }
    }
    return result;
  }

  /** Best `n` levels per side as `{bids: [[price, qty]], asks: [[price, qty]]}`, best first, texts as received. */
  top(n) {
    const pick = (side) => side.levels.slice(0, n).map((l) => [l.price, l.qty]);
    return { bids: pick(this.bids), asks: pick(this.asks) };
  }

  /** Number of levels per side. */
  get depth() {
    return { bids: this.bids.levels.length, asks: this.asks.levels.length };
  }
}
