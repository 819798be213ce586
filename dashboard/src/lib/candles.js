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
 * Candle history with one writer, merged by openTime from two sources: live kline messages and REST history pages.
 * `merge` (live) reports what changed so a chart can apply the cheapest update: `append` (new last bar), `update`
 * (last bar replaced), `historical` (an older bar replaced in place), `insert` (an older bar that was missing; redraw
 * all), `ignored` (a stale update) or `rejected` (malformed input). `mergeHistory` (REST) only fills bars that no
 * live message has given: a history answer may have been read before live updates of the same candle arrived, so a
 * live bar always wins over a REST bar with the same openTime, and a closed bar is never reopened.
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

  /** The oldest bar, or undefined. */
  get first() {
    return this.bars[0];
  }

  clear() {
    this.bars = [];
  }

  /** Merges one live wire kline; returns `{action, bar}`. */
  merge(kline) {
    return this.#merge(kline, 'live');
  }

  /**
   * Merges REST history klines (any order). Returns `{added, replaced, stale}`: bars that were missing, REST bars
   * replaced by newer REST ones, and open (not closed) REST bars older than the newest bar, whose final values the
   * caller may want to ask for again.
   */
  mergeHistory(klines) {
    let added = 0;
    let replaced = 0;
    for (const k of klines) {
      const { action } = this.#merge(k, 'rest');
      if (action === 'append' || action === 'insert') added++;
      else if (action === 'update' || action === 'historical') replaced++;
    }
    const last = this.last;
    const stale = this.bars.filter((b) => b.source === 'rest' && !b.closed && b !== last);
    return { added, replaced, stale };
  }

  #merge(kline, source) {
    const bar = klineToBar(kline);
    if (bar === null) return { action: 'rejected', bar: null };
    bar.source = source;
    const last = this.last;
    if (last === undefined || bar.time > last.time) {
      this.bars.push(bar);
      this.#trim();
      return { action: 'append', bar };
    }
    let lo = 0;
    let hi = this.bars.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.bars[mid].time;
      if (t < bar.time) lo = mid + 1;
      else if (t > bar.time) hi = mid - 1;
      else {
        const old = this.bars[mid];
        if (!replaces(bar, old)) return { action: 'ignored', bar: old };
        this.bars[mid] = bar;
        return { action: mid === this.bars.length - 1 ? 'update' : 'historical', bar };
      }
    }
    if (this.bars.length >= this.max && lo === 0) return { action: 'ignored', bar };
    this.bars.splice(lo, 0, bar);
    this.#trim();
    return { action: 'insert', bar };
  }

  #trim() {
    if (this.bars.length > this.max) this.bars.splice(0, this.bars.length - this.max);
  }
}

/**
 * Whether `bar` may replace `old` (same openTime): a closed candle is not reopened by a late, not-closed one; a REST
 * bar never replaces a live one unless it is the final (closed) state of a candle the live one left open.
 */
function replaces(bar, old) {
  if (old.closed && !bar.closed) return false;
  if (bar.source === 'rest' && old.source === 'live') return bar.closed && !old.closed;
  return true;
}
