// Order-book ladder: top N levels per side with size bars; best ask sits just above the spread, best bid below.
import { OrderBook } from '../lib/book.js';
import { decimalsOf, frameScheduler } from './format.js';

function makeRows(container, n, testid) {
  container.replaceChildren();
  const rows = [];
  for (let i = 0; i < n; i++) {
    const row = document.createElement('div');
    row.className = 'level empty';
    row.dataset.testid = testid;
    const bar = document.createElement('span');
    bar.className = 'bar';
    const price = document.createElement('span');
    price.className = 'price';
    const qty = document.createElement('span');
    qty.className = 'qty';
    row.append(bar, price, qty);
    container.append(row);
    rows.push({ row, bar, price, qty });
  }
  return rows;
}

/** Owns the client-side book of the selected `book` topic (or a one-level book from `book.top`). */
export class BookView {
  constructor({ bids, asks, spread }, depth = 15) {
    this.depth = depth;
    this.book = new OrderBook();
    this.spread = spread;
    this.bidRows = makeRows(bids, depth, 'book-bid');
    // Ask rows top to bottom are worst → best, so the best ask is next to the spread.
    this.askRows = makeRows(asks, depth, 'book-ask').reverse();
    this.schedule = frameScheduler(() => this.render());
  }

  reset() {
    this.book = new OrderBook();
    this.schedule();
  }

  /** Applies a `book` topic message: `snapshot` replaces, `data` is a delta. Returns `{applied, rejected}`. */
  applyBook(msg) {
    const r = msg.type === 'snapshot' ? this.book.applySnapshot(msg.data) : this.book.applyDelta(msg.data);
    this.schedule();
    return r;
  }

  /** Applies a `book.top` value `{bid, bidQty, ask, askQty}` as a one-level book. */
  applyTop(data) {
    const r = this.book.applySnapshot({
      bids: data?.bid ? [[data.bid, data.bidQty ?? '0']] : [],
      asks: data?.ask ? [[data.ask, data.askQty ?? '0']] : [],
    });
    this.schedule();
    return r;
  }

  render() {
    const top = this.book.top(this.depth);
    let max = 0;
    for (const [, q] of [...top.bids, ...top.asks]) max = Math.max(max, Number(q) || 0);
    fill(this.bidRows, top.bids, max);
    fill(this.askRows, top.asks, max);
    const bid = top.bids[0]?.[0];
    const ask = top.asks[0]?.[0];
    if (bid !== undefined && ask !== undefined) {
      const decimals = Math.max(decimalsOf(bid), decimalsOf(ask));
      const spread = Number(ask) - Number(bid);
      const bps = (spread / ((Number(ask) + Number(bid)) / 2)) * 1e4;
      this.spread.textContent = `spread ${spread.toFixed(decimals)} · ${bps.toFixed(2)} bps`;
    } else {
      this.spread.textContent = '—';
    }
  }
}

function fill(rows, levels, max) {
  rows.forEach((r, i) => {
    const level = levels[i];
    if (level === undefined) {
      r.row.classList.add('empty');
      r.row.removeAttribute('data-rank');
      return;
    }
    r.row.classList.remove('empty');
    r.row.dataset.rank = String(i);
    r.price.textContent = level[0];
    r.qty.textContent = level[1];
    r.bar.style.width = max > 0 ? `${Math.min(100, (Number(level[1]) / max) * 100).toFixed(1)}%` : '0';
  });
}
