// Candles for the chart, merged from kline snapshots and updates.
// A kline update for the open candle replaces it; `closed: true` finalizes it; a later openTime appends.

/**
 * Converts a wire kline (`{openTime, open, high, low, close, volume, closed}`, prices as decimal strings,
 * times in epoch ms) into a chart bar `{time (epoch seconds), open, high, low, close, volume, closed, openTime}`,
 * or null when it is malformed.
 */
export function klineToBar(k) {
  if (k === null || typeof k !== 'object') return null;
  const openTime = Number(k.openTime);
  const bar = {
    time: Math.floor(openTime / 1000),
    openTime,
    open: Number(k.open),
    high: Number(k.high),
    low: Number(k.low),
    close: Number(k.close),
    volume: k.volume === undefined ? 0 : Number(k.volume),
    closed: k.closed === true,
  };
  const numbers = [openTime, bar.open, bar.high, bar.low, bar.close, bar.volume];
  if (!numbers.every(Number.isFinite) || openTime < 0) return null;
  return bar;
}

/** Extracts klines from a snapshot/data payload: one kline, an array of them, or `{klines: [...]}`. */
export function klinesOf(data) {
  if (Array.isArray(data)) return data;
  if (data && Array.isArray(data.klines)) return data.klines;
  return data ? [data] : [];
}

/**
 * Candle history with one writer. `merge` reports what changed so a chart can apply the cheapest update:
 * `append` (new last bar), `update` (last bar replaced), `historical` (an older bar replaced in place),
 * `insert` (an older bar that was missing; redraw all), or `rejected` (malformed input).
 */
export class CandleStore {
  /** @param {number} [max=5000] bars kept; the oldest are dropped beyond it. */
  constructor(max = 5000) {
    this.max = max;
    /** @type {ReturnType<typeof klineToBar>[]} */
    this.bars = [];
  }

  get count() {
    return this.bars.length;
  }

  /** The newest bar, or undefined. */
  get last() {
    return this.bars[this.bars.length - 1];
  }

  clear() {
    this.bars = [];
  }

  /** Merges one wire kline; returns `{action, bar}`. */
  merge(kline) {
    const bar = klineToBar(kline);
    if (bar === null) return { action: 'rejected', bar: null };
    const last = this.last;
    if (last === undefined || bar.time > last.time) {
      this.bars.push(bar);
      if (this.bars.length > this.max) this.bars.splice(0, this.bars.length - this.max);
      return { action: 'append', bar };
    }
    if (bar.time === last.time) {
      // A finalized candle is not reopened by a late, not-closed update for the same interval.
      if (last.closed && !bar.closed) return { action: 'ignored', bar: last };
      this.bars[this.bars.length - 1] = bar;
      return { action: 'update', bar };
    }
    let lo = 0;
    let hi = this.bars.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.bars[mid].time;
      if (t < bar.time) lo = mid + 1;
      else if (t > bar.time) hi = mid - 1;
      else {
        if (this.bars[mid].closed && !bar.closed) return { action: 'ignored', bar: this.bars[mid] };
        this.bars[mid] = bar;
        return { action: 'historical', bar };
      }
    }
    this.bars.splice(lo, 0, bar);
    if (this.bars.length > this.max) this.bars.splice(0, this.bars.length - this.max);
    return { action: 'insert', bar };
  }
}
