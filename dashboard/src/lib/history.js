// Candle history from the REST API (GET /api/v1/klines, docs/rest.md): the latest page when a kline topic is opened,
// older pages as the user scrolls left. The network call is injected so node tests can script the answers and their
// order; the merge into the chart is the CandleStore's (lib/candles.js).

/** The chart's intervals, shortest first: every interval the feeds build (docs/protocol.md, "Topics"). */
export const INTERVALS = ['1s', '1m', '5m', '15m', '1h', '4h', '1d'];

/** Page size of one history request (the API allows up to 1,000). */
export const PAGE = 500;

/** `/api/v1/klines?...` for `topic`: the latest `limit` candles, or those opened at or before `to` (epoch ms). */
export function klinesUrl(base, topic, { to, from, limit = PAGE } = {}) {
  const q = new URLSearchParams({ topic, limit: String(limit) });
  if (from !== undefined) q.set('from', String(from));
  if (to !== undefined) q.set('to', String(to));
  return `${base}/api/v1/klines?${q}`;
}

/**
 * Loads candle history for one kline topic at a time. Every answer is checked against the topic it was asked for:
 * an answer for a topic the user has left (symbol or interval changed while it was in flight) is dropped, so a slow
 * answer can never paint the wrong chart.
 *
 * Callbacks: `onKlines(klines, kind)` with kind `latest`, `older` or `refresh`; `onError(message)` for a failed
 * request (the live chart goes on without it); `onExhausted()` when the store has nothing older.
 */
export class HistoryLoader {
  /**
   * @param {object} o
   * @param {(url: string) => Promise<{ok: boolean, status: number, json: () => Promise<any>}>} o.fetch
   * @param {string} o.base HTTP base of the gateway
   * @param {(klines: object[], kind: string) => void} o.onKlines
   * @param {(message: string) => void} [o.onError]
   * @param {() => void} [o.onExhausted]
   * @param {number} [o.limit]
   */
  constructor({ fetch, base, onKlines, onError = () => {}, onExhausted = () => {}, limit = PAGE }) {
    Object.assign(this, { fetchFn: fetch, base, onKlines, onError, onExhausted, limit });
    this.topic = null;
    this.hasLatest = false;
    this.loadingOlder = false;
    this.exhausted = false;
    this.requests = 0;
  }

  /** Switches to `topic` (forgetting the previous one's pending answers) and loads its latest page. */
  open(topic) {
    this.topic = topic;
    this.loadingOlder = false;
    this.exhausted = false;
    this.hasLatest = false;
    return this.latest();
  }

  /** Loads the latest page again (after a reconnect: fills the bars missed while disconnected). */
  async latest() {
    const topic = this.topic;
    const klines = await this.#load({}, 'latest');
    if (klines !== null && topic === this.topic) this.hasLatest = true;
    return klines;
  }

  /**
   * Loads the page of candles opened before `firstOpenTime` (the chart's oldest bar). At most one such request runs
   * at a time; none before the latest page has come (until then the oldest bar is a live one, and the latest page
   * is what lies before it) and none once the store said there is nothing older.
   */
  async older(firstOpenTime) {
    if (this.loadingOlder || this.exhausted || !this.hasLatest || !Number.isFinite(firstOpenTime)) return;
    this.loadingOlder = true;
    const topic = this.topic;
    try {
      const klines = await this.#load({ to: firstOpenTime - 1 }, 'older');
      if (klines !== null && topic === this.topic && klines.length === 0) {
        this.exhausted = true;
        this.onExhausted();
      }
    } finally {
      if (topic === this.topic) this.loadingOlder = false;
    }
  }

  /** No more older pages for this topic (e.g. the chart keeps no more bars). */
  stopOlder() {
    this.exhausted = true;
    this.onExhausted();
  }

  /** Asks again for candles opened from `from` to `to` (open candles a history answer caught before they closed). */
  refresh(from, to) {
    return this.#load({ from, to }, 'refresh');
  }

  /** One request; returns the klines handed on, or null when it failed or its topic is no longer shown. */
  async #load(range, kind) {
    const topic = this.topic;
    if (topic === null) return null;
    this.requests++;
    try {
      const res = await this.fetchFn(klinesUrl(this.base, topic, { ...range, limit: this.limit }));
      if (topic !== this.topic) return null;
      if (!res.ok) {
        let detail = '';
        try {
          detail = (await res.json())?.error ?? '';
        } catch {
          // not JSON: the status says enough
        }
        if (topic === this.topic) this.onError(`history: HTTP ${res.status}${detail ? ` ${detail}` : ''}`);
        return null;
      }
      const body = await res.json();
      if (topic !== this.topic) return null;
      const klines = Array.isArray(body) ? body : Array.isArray(body?.klines) ? body.klines : null;
      if (klines === null) {
        this.onError('history: answer without klines');
        return null;
      }
      this.onKlines(klines, kind);
      return klines;
    } catch (e) {
      if (topic === this.topic) this.onError(`history: ${e?.message ?? e}`);
      return null;
    }
  }
}
