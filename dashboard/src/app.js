// The dashboard page: symbol picker from GET /api/v1/topics, then for the picked symbol a live candle chart,
// last price, trade tape and order-book ladder over one TickgateClient connection.
//
// Query parameters (all optional): server=http(s)://host:port or ws(s)://host:port (another gateway; it must list
// this page's origin in edge.allowedOrigins), symbol=binance.ETHUSDT,
// interval=1s|1m|5m|15m|1h|4h|1d.
//
// window.tickgate is kept current so browser tests can check that data arrived:
//   lastPrice (string as sent), candleCount, lastCandleTime (openTime of the newest candle, epoch ms),
//   tradeCount (trades received for the symbol), status ('connecting'|'open'|'reconnecting'|'closed'),
//   reconnects (reconnect attempts so far), reconnected (times the connection came back), attempt (current
//   backoff attempt, 0 while open), symbol, interval, gaps, bookLevels {bids, asks}, errors (last server errors),
//   firstCandleTime (openTime of the oldest candle), historyCandles (candles that came from REST history),
//   historyRequests, historyError (the last failed history request's message, null after a good one),
//   historyExhausted (the store has nothing older).

import { TickgateClient } from './tickgate-client.js';
import { compareDecimal } from './lib/decimal.js';
import { HistoryLoader, INTERVALS } from './lib/history.js';
import { defaultGroup, groupTopics } from './lib/topics.js';
import { BookView } from './ui/book-view.js';
import { ChartView } from './ui/chart-view.js';
import { compact } from './ui/format.js';
import { TapeView } from './ui/tape-view.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);

/**
 * HTTP base and WebSocket URL of the gateway: this page's origin unless ?server= says otherwise. The scheme decides
 * TLS: https:// or wss:// → https + wss, http:// or ws:// → http + ws.
 */
function endpoints() {
  const server = params.get('server');
  const base = new URL(server ?? location.origin);
  const secure = base.protocol === 'https:' || base.protocol === 'wss:';
  return { http: `${secure ? 'https:' : 'http:'}//${base.host}`, ws: `${secure ? 'wss:' : 'ws:'}//${base.host}/ws` };
}

const state = {
  lastPrice: null,
  lastPriceTime: 0,
  candleCount: 0,
  lastCandleTime: null,
  tradeCount: 0,
  status: 'connecting',
  reconnects: 0,
  reconnected: 0,
  attempt: 0,
  symbol: null,
  interval: INTERVALS.includes(params.get('interval')) ? params.get('interval') : '1s',
  firstCandleTime: null,
  historyCandles: 0,
  historyRequests: 0,
  historyError: null,
  historyExhausted: false,
  topics: [],
  gaps: 0,
  feeds: null,
  errors: [],
  bookLevels: { bids: 0, asks: 0 },
};
window.tickgate = state;

const { http, ws } = endpoints();
const client = new TickgateClient(ws);
const chart = new ChartView($('chart'));
const book = new BookView({ bids: $('book-bids'), asks: $('book-asks'), spread: $('spread') });
const tape = new TapeView($('trades'));
const history = new HistoryLoader({
  base: http,
  fetch: (url) => fetch(url, { headers: { accept: 'application/json' } }),
  onKlines: applyHistory,
  onError: showHistoryError,
  onExhausted: () => {
    state.historyExhausted = true;
  },
});
chart.onScrolledToStart(() => history.older(chart.firstTime));
let groups = [];
let unsubscribes = [];
let topicsByRole = {};

// ---- connection status -------------------------------------------------------------------------------------

function renderStatus(extra = {}) {
  const el = $('status');
  el.dataset.status = state.status;
  if (state.status === 'open') el.textContent = 'connected';
  else if (state.status === 'reconnecting') {
    const wait = extra.delayMs !== undefined ? ` in ${(extra.delayMs / 1000).toFixed(1)}s` : '';
    el.textContent = `reconnecting (attempt ${state.attempt})${wait}`;
  } else if (state.status === 'connecting') {
    el.textContent = state.attempt > 0 ? `connecting (attempt ${state.attempt})…` : 'connecting…';
  } else el.textContent = 'closed';
  renderFooter();
}

function renderFooter() {
  const parts = [`reconnects ${state.reconnects}`, `gaps ${state.gaps}`, `candles ${state.candleCount}`,
    `trades ${state.tradeCount}`];
  $('footer-info').textContent = parts.join(' · ');
}

let wasOpen = false;
client.on('status', (s) => {
  state.status = s.status;
  state.attempt = s.status === 'open' ? 0 : s.attempt;
  state.reconnects = s.reconnects;
  if (s.status === 'open' && wasOpen) {
    state.reconnected++;
    if (state.symbol !== null) history.latest(); // the candles that closed while the connection was down
  }
  if (s.status === 'open') wasOpen = true;
  renderStatus(s);
  if (s.status === 'open') loadTopics();
});

client.on('gap', (g) => {
  state.gaps++;
  renderFooter();
  // A book that missed a delta is wrong: subscribe again without resume to get a fresh snapshot.
  if (g.kind === 'gap' && g.topic === topicsByRole.book) {
    resubscribe('book');
  }
});

client.on('error', (e) => {
  state.errors.push(e);
  if (state.errors.length > 20) state.errors.shift();
});

// ---- topics and symbol picker -------------------------------------------------------------------------------

let topicsTimer = null;
let topicsLoading = false;

async function loadTopics() {
  if (topicsLoading) return;
  topicsLoading = true;
  clearTimeout(topicsTimer);
  try {
    const res = await fetch(`${http}/api/v1/topics`, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = await res.json();
    state.topics = Array.isArray(body) ? body : body?.topics ?? [];
    applyGroups(groupTopics(state.topics));
    topicsTimer = setTimeout(loadTopics, 30_000);
  } catch (e) {
    if (groups.length === 0) {
      // No topic list (yet): still show the preferred symbol; retry the list soon.
      applyGroups(groupTopics(['binance.BTCUSDT.trade']));
    }
    topicsTimer = setTimeout(loadTopics, 5_000);
  } finally {
    topicsLoading = false;
  }
}

function applyGroups(next) {
  const keys = (list) => list.map((g) => `${g.key}:${[...g.channels].sort().join(',')}`).join('|');
  if (keys(next) === keys(groups)) return;
  if (next.length === 0 && groups.length > 0) return;
  groups = next;
  const select = $('symbol-select');
  const bySource = new Map();
  for (const g of groups) {
    if (!bySource.has(g.source)) bySource.set(g.source, []);
    bySource.get(g.source).push(g);
  }
  const nodes = [];
  for (const [source, list] of bySource) {
    const og = document.createElement('optgroup');
    og.label = source;
    for (const g of list) {
      const option = document.createElement('option');
      option.value = g.key;
      option.textContent = `${g.symbol} · ${g.source}`;
      og.append(option);
    }
    nodes.push(og);
  }
  select.replaceChildren(...nodes);
  const wanted = state.symbol ?? params.get('symbol');
  const pick = groups.find((g) => g.key === wanted) ?? defaultGroup(groups);
  if (pick === undefined) return;
  select.value = pick.key;
  const same = pick.key === state.symbol && JSON.stringify(topicsFor(pick.key)) === JSON.stringify(topicsByRole);
  if (!same) selectSymbol(pick.key);
}

// ---- per-symbol subscriptions --------------------------------------------------------------------------------

function topicsFor(key) {
  const g = groups.find((x) => x.key === key);
  const has = (c) => g?.channels.has(c) ?? false;
  return {
    trade: `${key}.trade`,
    ticker: `${key}.ticker`,
    kline: `${key}.kline.${state.interval}`,
    book: has('book') || !has('book.top') ? `${key}.book` : `${key}.book.top`,
  };
}

const handlers = {
  trade(msg) {
    if (msg.type === 'gap') {
      tape.addGap(msg); // trades the venue sent that the server could not recover: marked where they belong
      return;
    }
    if (msg.type !== 'snapshot' && msg.type !== 'data') return;
    if (msg.epoch !== undefined && msg.epoch !== state.tradeEpoch) {
      if (state.tradeEpoch !== undefined) tape.newEpoch();
      state.tradeEpoch = msg.epoch;
    }
    const list = msg.type === 'snapshot' ? msg.data?.trades ?? (Array.isArray(msg.data) ? msg.data : []) : [msg.data];
    const newest = tape.add(list);
    state.tradeCount = tape.received;
    if (newest !== null) setLastPrice(newest.price, Number(newest.time));
    renderFooter();
  },
  ticker(msg) {
    if (msg.type !== 'snapshot' && msg.type !== 'data') return;
    const t = msg.data ?? {};
    if (typeof t.last === 'string') setLastPrice(t.last, Number(t.time));
    renderTicker(t);
  },
  kline(msg) {
    if (msg.type !== 'snapshot' && msg.type !== 'data') return;
    chart.apply(msg.data);
    updateCandleState();
    $('chart-note').textContent = '';
  },
  book(msg) {
    if (msg.type === 'error') {
      $('book-note').textContent = msg.code ?? 'error';
      return;
    }
    if (msg.type !== 'snapshot' && msg.type !== 'data') return;
    $('book-note').textContent = '';
    if (msg.topic.endsWith('.book.top')) book.applyTop(msg.data);
    else book.applyBook(msg);
    state.bookLevels = book.book.depth;
  },
};

function subscribeRole(role) {
  const topic = topicsByRole[role];
  const listener = (msg) => {
    if (msg.type === 'error' && role !== 'book') {
      const note = role === 'kline' ? 'chart-note' : role === 'trade' ? 'trades-note' : null;
      if (note) $(note).textContent = msg.code ?? 'error';
    }
    handlers[role](msg);
  };
  return { role, off: client.subscribe(topic, listener) };
}

function resubscribe(role) {
  const i = unsubscribes.findIndex((u) => u.role === role);
  if (i < 0) return;
  unsubscribes[i].off();
  unsubscribes[i] = subscribeRole(role);
}

function selectSymbol(key) {
  for (const u of unsubscribes) u.off();
  state.symbol = key;
  topicsByRole = topicsFor(key);
  state.lastPrice = null;
  state.lastPriceTime = 0;
  state.tradeCount = 0;
  state.bookLevels = { bids: 0, asks: 0 };
  resetChart();
  book.reset();
  tape.reset();
  state.tradeEpoch = undefined;
  for (const id of ['chart-note', 'book-note', 'trades-note', 'change']) $(id).textContent = '';
  $('last-price').textContent = '—';
  $('last-price').className = 'last-price';
  renderTicker({});
  $('symbol-name').textContent = key;
  $('chart-topic').textContent = topicsByRole.kline;
  document.title = `${key} · tickgate`;
  unsubscribes = ['kline', 'trade', 'ticker', 'book'].map(subscribeRole);
  history.open(topicsByRole.kline);
  renderFooter();
}

function selectInterval(interval) {
  state.interval = interval;
  if (state.symbol === null) return;
  const i = unsubscribes.findIndex((u) => u.role === 'kline');
  unsubscribes[i].off();
  topicsByRole.kline = `${state.symbol}.kline.${interval}`;
  $('chart-topic').textContent = topicsByRole.kline;
  $('chart-note').textContent = '';
  resetChart();
  unsubscribes[i] = subscribeRole('kline');
  history.open(topicsByRole.kline);
}

// ---- candle history (GET /api/v1/klines): latest page on open, older pages when scrolled to the left edge -------

function resetChart() {
  chart.reset(state.interval);
  state.historyCandles = 0;
  state.historyExhausted = false;
  state.historyError = null;
  $('chart-history').textContent = '';
  updateCandleState();
}

function updateCandleState() {
  state.candleCount = chart.count;
  state.lastCandleTime = chart.lastTime;
  state.firstCandleTime = chart.firstTime;
  state.historyRequests = history.requests;
  renderFooter();
}

/**
 * Merges a history answer into the chart (live bars win over REST bars of the same openTime). An open candle in the
 * answer that live data has since passed was caught before it closed: its final values are asked for once more.
 */
function applyHistory(klines, kind) {
  const { added, stale } = chart.applyHistory(klines);
  state.historyCandles += added;
  if (kind === 'older' && added === 0 && klines.length > 0) history.stopOlder(); // the chart is full
  state.historyError = null;
  $('chart-history').textContent = '';
  updateCandleState();
  if (stale.length > 0 && kind !== 'refresh') {
    const from = stale[0].openTime;
    const to = stale[stale.length - 1].openTime;
    setTimeout(() => history.refresh(from, to), 3_000); // after the store wrote the closed candle
  }
}

/** A failed history request: noted next to the chart title; the live chart is untouched. */
function showHistoryError(message) {
  state.historyError = message;
  state.historyRequests = history.requests;
  const el = $('chart-history');
  el.textContent = 'history unavailable';
  el.title = message;
}

// ---- price and ticker -------------------------------------------------------------------------------------------

function setLastPrice(price, time) {
  if (Number.isFinite(time) && time < state.lastPriceTime) return;
  if (Number.isFinite(time)) state.lastPriceTime = time;
  const el = $('last-price');
  let direction = '';
  try {
    if (state.lastPrice !== null) {
      const c = compareDecimal(price, state.lastPrice);
      direction = c > 0 ? 'up' : c < 0 ? 'down' : el.classList.contains('down') ? 'down' : 'up';
    }
  } catch {
    return;
  }
  state.lastPrice = price;
  el.textContent = price;
  el.className = `last-price ${direction}`;
  document.title = `${price} · ${state.symbol} · tickgate`;
}

function renderTicker(t) {
  const text = (v) => (typeof v === 'string' && v !== '' ? v : '—');
  $('stat-bid').textContent = text(t.bid);
  $('stat-ask').textContent = text(t.ask);
  $('stat-high').textContent = text(t.high);
  $('stat-low').textContent = text(t.low);
  $('stat-volume').textContent = typeof t.volume === 'string' ? compact(t.volume) : '—';
  const change = $('change');
  const open = Number(t.open);
  const last = Number(t.last);
  if (Number.isFinite(open) && open > 0 && Number.isFinite(last)) {
    const pct = ((last - open) / open) * 100;
    change.textContent = `${pct >= 0 ? '+' : ''}${pct.toFixed(2)}%`;
    change.className = `change ${pct >= 0 ? 'up' : 'down'}`;
  } else {
    change.textContent = '';
  }
}

// ---- upstream feeds (GET /api/v1/feeds: venue connections of the feed pool) -----------------------------------

async function loadFeeds() {
  const el = $('feeds');
  try {
    const res = await fetch(`${http}/api/v1/feeds`, { headers: { accept: 'application/json' } });
    if (res.status === 404) {
      el.hidden = true; // a gateway without feed pools (e.g. bench-server)
      return;
    }
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = await res.json();
    const conns = Array.isArray(body?.connections) ? body.connections : [];
    const up = conns.filter((c) => c.state === 'up').length;
    state.feeds = { up, total: conns.length, ready: body?.ready === true };
    el.hidden = false;
    el.dataset.status = conns.length === 0 ? 'down' : up === conns.length ? 'up' : up > 0 ? 'degraded' : 'down';
    el.textContent = `feeds ${up}/${conns.length} up`;
    el.title = conns.map((c) => `${c.name} ${c.state} · ${c.symbols?.length ?? 0} symbols · health ${c.health}`
      + ` · reconnects ${c.reconnects}`).join('\n');
  } catch (e) {
    el.dataset.status = 'unknown';
    el.textContent = 'feeds ?';
  }
}

// ---- start --------------------------------------------------------------------------------------------------------

$('symbol-select').addEventListener('change', (e) => selectSymbol(e.target.value));
$('interval-select').value = state.interval;
$('interval-select').addEventListener('change', (e) => selectInterval(e.target.value));
renderStatus();
loadTopics();
loadFeeds();
setInterval(loadFeeds, 5_000);
client.connect();
