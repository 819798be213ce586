// Candlestick + volume chart (lightweight-charts v5 API: chart.addSeries(CandlestickSeries, ...)).
import {
  CandlestickSeries, ColorType, createChart, CrosshairMode, HistogramSeries, TickMarkType,
} from 'lightweight-charts';
import { CandleStore, klinesOf } from '../lib/candles.js';
import { decimalsOf } from './format.js';

const UP = '#26a69a';
const DOWN = '#ef5350';
const pad = (n) => String(n).padStart(2, '0');

function tickMark(time, type) {
  const d = new Date(time * 1000);
  if (type === TickMarkType.Year) return String(d.getFullYear());
  if (type === TickMarkType.Month || type === TickMarkType.DayOfMonth) return `${d.getMonth() + 1}/${d.getDate()}`;
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return type === TickMarkType.TimeWithSeconds ? `${hm}:${pad(d.getSeconds())}` : hm;
}

/** Owns the chart and the candle history of the selected kline topic. */
export class ChartView {
  constructor(container) {
    this.store = new CandleStore();
    this.precision = -1;
    this.chart = createChart(container, {
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: '#121720' },
        textColor: '#8b95a5',
        fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      },
      grid: { vertLines: { color: '#1a212c' }, horzLines: { color: '#1a212c' } },
      crosshair: { mode: CrosshairMode.Normal },
      rightPriceScale: { borderColor: '#232b38' },
      timeScale: { borderColor: '#232b38', timeVisible: true, secondsVisible: true, rightOffset: 4, barSpacing: 8,
        tickMarkFormatter: tickMark },
      localization: { timeFormatter: (time) => new Date(time * 1000).toLocaleString() },
    });
    this.candles = this.chart.addSeries(CandlestickSeries, {
      upColor: UP, downColor: DOWN, wickUpColor: UP, wickDownColor: DOWN, borderVisible: false,
    });
    this.candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.25 } });
    this.volume = this.chart.addSeries(HistogramSeries, {
      priceFormat: { type: 'volume' }, priceScaleId: 'volume', lastValueVisible: false, priceLineVisible: false,
    });
    this.volume.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
  }

  /**
   * Calls `onNearStart()` whenever the visible range comes within `margin` bars of the oldest bar (the user scrolled
   * or zoomed out to the left edge), so older history can be loaded before the chart runs out.
   */
  onScrolledToStart(onNearStart, margin = 10) {
    this.chart.timeScale().subscribeVisibleLogicalRangeChange((range) => {
      if (range !== null && this.store.count > 0 && range.from < margin) onNearStart();
    });
  }

  /** Clears the chart for a new topic; `secondsVisible` for sub-minute intervals. */
  reset(interval) {
    this.store.clear();
    this.precision = -1;
    this.candles.setData([]);
    this.volume.setData([]);
    this.chart.applyOptions({ timeScale: { secondsVisible: interval.endsWith('s') } });
  }

  /** Applies a kline `snapshot`/`data` payload (one kline, an array, or `{klines}`) or a history list. */
  apply(data) {
    let redraw = false;
    for (const k of klinesOf(data)) {
      this.#adjustPrecision(k);
      const { action, bar } = this.store.merge(k);
      if (action === 'append' || action === 'update') {
        this.candles.update(candleOf(bar));
        this.volume.update(volumeOf(bar));
      } else if (action === 'historical' || action === 'insert') {
        redraw = true;
      }
    }
    if (redraw) this.redraw();
  }

  /** Merges REST history (klines as the API sends them); returns what `CandleStore.mergeHistory` reports. */
  applyHistory(klines) {
    for (const k of klines) this.#adjustPrecision(k);
    const result = this.store.mergeHistory(klines);
    if (result.added > 0 || result.replaced > 0) this.redraw();
    return result;
  }

  redraw() {
    this.candles.setData(this.store.bars.map(candleOf));
    this.volume.setData(this.store.bars.map(volumeOf));
  }

  get count() {
    return this.store.count;
  }

  /** openTime (epoch ms) of the oldest candle, or null. */
  get firstTime() {
    return this.store.first?.openTime ?? null;
  }

  /** openTime (epoch ms) of the newest candle, or null. */
  get lastTime() {
    return this.store.last?.openTime ?? null;
  }

  #adjustPrecision(k) {
    const decimals = Math.min(10, Math.max(decimalsOf(k?.open), decimalsOf(k?.close), decimalsOf(k?.high)));
    if (decimals <= this.precision) return;
    this.precision = decimals;
    this.candles.applyOptions({ priceFormat: { type: 'price', precision: decimals, minMove: 10 ** -decimals } });
  }
}

function candleOf(b) {
  return { time: b.time, open: b.open, high: b.high, low: b.low, close: b.close };
}

function volumeOf(b) {
  return { time: b.time, value: b.volume, color: b.close >= b.open ? 'rgba(38,166,154,0.45)' : 'rgba(239,83,80,0.45)' };
}
