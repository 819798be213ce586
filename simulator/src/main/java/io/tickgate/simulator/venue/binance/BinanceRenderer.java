package io.tickgate.simulator.venue.binance;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tickgate.model.book.OrderBook;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.BookTop;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Ticker;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Interval;
import io.tickgate.simulator.venue.SubscriptionIndex;
import io.tickgate.simulator.venue.VenueConnection;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Renders the engine's canonical events as Binance spot stream payloads and sends each to the subscribers of its
 * stream, raw or wrapped for combined connections. Runs on the engine thread (the sink), which owns all state here.
 * Diff-depth streams are time-batched like the venue's: {@code @depth@100ms} sends one event per 100 ms interval,
 * {@code @depth} and {@code @depth@1000ms} one per second, each merging the engine deltas of its interval
 * ({@code U} the first update id, {@code u} the last, every level once with its last value; see
 * {@link DiffDepthBatch}), so consecutive events still chain ({@code U} = previous {@code u} + 1) and a REST snapshot
 * taken at any update id syncs by Binance's published algorithm. A due batch goes out with the first engine event at
 * or after the end of its interval (the engine emits continuously, so that is within a tick). Partial-depth streams
 * are pushed on book changes at most every 100 ms or 1000 ms.
 */
final class BinanceRenderer implements Consumer<MarketEvent> {

    private static final int[] PARTIAL_LEVELS = {5, 10, 20};
    /** The diff-depth streams and their update intervals (plain {@code @depth} is 1000 ms on the venue). */
    private static final String[] DIFF_SUFFIXES = {"@depth", "@depth@100ms", "@depth@1000ms"};
    private static final long[] DIFF_INTERVALS = {1000, 100, 1000};
    private static final long DAY_MILLIS = 86_400_000L;

    private final SubscriptionIndex index;
    private final Map<String, SymbolState> symbols = new HashMap<>();
    /** Symbols with a diff-depth batch waiting, and the earliest interval end among them. */
    private final Set<SymbolState> pending = new LinkedHashSet<>();
    private long nextDue = Long.MAX_VALUE;

    BinanceRenderer(SubscriptionIndex index) {
        this.index = index;
    }

    /** Per-symbol rendering state. */
    private static final class SymbolState {
        final String symbol;
        final String lower;
        final OrderBook book;
        long lastUpdateId;
        long lastPartial100;
        long lastPartial1000;
        final DiffDepthBatch[] diffs = new DiffDepthBatch[DIFF_SUFFIXES.length];
        long firstTradeId = -1;
        long lastTradeId = -1;
        io.tickgate.model.decimal.Decimal lastQuantity;
        final Map<Interval, CandleExtras[]> candles = new HashMap<>();

        SymbolState(String source, String symbol) {
            this.symbol = symbol;
            lower = symbol.toLowerCase(Locale.ROOT);
            book = new OrderBook(source, symbol);
            for (int i = 0; i < DIFF_SUFFIXES.length; i++) {
                diffs[i] = new DiffDepthBatch(DIFF_INTERVALS[i]);
            }
        }
    }

    /** What a Binance kline has beyond OHLCV: trade id range, quote volume, taker-buy volumes. */
    private static final class CandleExtras {
        final long openTime;
        final long firstId;
        long lastId;
        BigDecimal quoteVolume = BigDecimal.ZERO;
        BigDecimal takerBase = BigDecimal.ZERO;
        BigDecimal takerQuote = BigDecimal.ZERO;

        CandleExtras(long openTime, long firstId) {
            this.openTime = openTime;
            this.firstId = firstId;
        }
    }

    @Override
    public void accept(MarketEvent event) {
        if (event.timestamp() >= nextDue) {
            flushDiffs(event.timestamp());
        }
        SymbolState s = symbols.computeIfAbsent(event.symbol(), k -> new SymbolState(event.source(), k));
        if (event instanceof Trade t) {
            trade(s, t);
        } else if (event instanceof Kline k) {
            kline(s, k);
        } else if (event instanceof BookSnapshot snap) {
            s.book.replace(snap);
            s.lastUpdateId = snap.sequence();
        } else if (event instanceof BookDelta d) {
            delta(s, d);
        } else if (event instanceof BookTop top) {
            bookTicker(s, top);
        } else if (event instanceof Ticker t) {
            ticker(s, t);
        }
    }

    /**
     * {@code <symbol>@ticker} (24hrTicker). Price change and percent are exact; the simulator keeps no quote volume
     * or trade count per window, so {@code w} is the last price, {@code q} is volume × last, and {@code F}, {@code L},
     * {@code n} describe the trades since the engine started, not a 24 h window.
     */
    private void ticker(SymbolState s, Ticker t) {
        String stream = s.lower + "@ticker";
        if (index.subscribers(stream) == null || t.bid() == null || t.ask() == null) {
            return;
        }
        BigDecimal last = t.last().toBigDecimal();
        BigDecimal open = t.open().toBigDecimal();
        BigDecimal change = last.subtract(open);
        BigDecimal percent = open.signum() == 0 ? BigDecimal.ZERO
                : change.multiply(BigDecimal.valueOf(100)).divide(open, 3, RoundingMode.HALF_UP);
        BigDecimal quote = t.volume().toBigDecimal().multiply(last).setScale(last.scale(), RoundingMode.HALF_UP);
        publish(stream, "{\"e\":\"24hrTicker\",\"E\":" + t.timestamp() + ",\"s\":\"" + t.symbol() + "\",\"p\":\""
                + change.toPlainString() + "\",\"P\":\"" + percent.toPlainString() + "\",\"w\":\"" + t.last()
                + "\",\"x\":\"" + t.open() + "\",\"c\":\"" + t.last() + "\",\"Q\":\""
                + (s.lastQuantity == null ? "0" : s.lastQuantity) + "\",\"b\":\"" + t.bid() + "\",\"B\":\""
                + t.bidQuantity() + "\",\"a\":\"" + t.ask() + "\",\"A\":\"" + t.askQuantity() + "\",\"o\":\""
                + t.open() + "\",\"h\":\"" + t.high() + "\",\"l\":\"" + t.low() + "\",\"v\":\"" + t.volume()
                + "\",\"q\":\"" + quote.toPlainString() + "\",\"O\":" + (t.timestamp() - DAY_MILLIS) + ",\"C\":"
                + t.timestamp() + ",\"F\":" + s.firstTradeId + ",\"L\":" + s.lastTradeId + ",\"n\":"
                + (s.firstTradeId < 0 ? 0 : s.lastTradeId - s.firstTradeId + 1) + "}", false);
    }

    private void trade(SymbolState s, Trade t) {
        long id = Long.parseLong(t.tradeId());
        if (s.firstTradeId < 0) {
            s.firstTradeId = id;
        }
        s.lastTradeId = id;
        s.lastQuantity = t.quantity();
        BigDecimal quote = t.price().toBigDecimal().multiply(t.quantity().toBigDecimal());
        for (Interval iv : List.of(Interval.S1, Interval.M1)) {
            CandleExtras[] slots = s.candles.computeIfAbsent(iv, k -> new CandleExtras[2]);
            long open = iv.floor(t.timestamp());
            if (slots[0] == null || slots[0].openTime != open) {
                slots[1] = slots[0];
                slots[0] = new CandleExtras(open, id);
            }
            CandleExtras c = slots[0];
            c.lastId = id;
            c.quoteVolume = c.quoteVolume.add(quote);
            if (t.side() == Side.BUY) {
                c.takerBase = c.takerBase.add(t.quantity().toBigDecimal());
                c.takerQuote = c.takerQuote.add(quote);
            }
        }
        boolean buyerIsMaker = t.side() == Side.SELL;
        String trade = s.lower + "@trade";
        if (index.subscribers(trade) != null) {
            publish(trade, "{\"e\":\"trade\",\"E\":" + t.timestamp() + ",\"s\":\"" + t.symbol() + "\",\"t\":" + id
                    + ",\"p\":\"" + t.price() + "\",\"q\":\"" + t.quantity() + "\",\"T\":" + t.timestamp()
                    + ",\"m\":" + buyerIsMaker + ",\"M\":true}", false);
        }
        String agg = s.lower + "@aggTrade";
        if (index.subscribers(agg) != null) {
            publish(agg, "{\"e\":\"aggTrade\",\"E\":" + t.timestamp() + ",\"s\":\"" + t.symbol() + "\",\"a\":" + id
                    + ",\"p\":\"" + t.price() + "\",\"q\":\"" + t.quantity() + "\",\"f\":" + id + ",\"l\":" + id
                    + ",\"T\":" + t.timestamp() + ",\"m\":" + buyerIsMaker + ",\"M\":true}", false);
        }
    }

    private void kline(SymbolState s, Kline k) {
        String stream = s.lower + "@kline_" + k.interval().label();
        if (index.subscribers(stream) == null) {
            return;
        }
        CandleExtras c = null;
        CandleExtras[] slots = s.candles.get(k.interval());
        if (slots != null) {
            for (CandleExtras x : slots) {
                if (x != null && x.openTime == k.openTime()) {
                    c = x;
                }
            }
        }
        publish(stream, "{\"e\":\"kline\",\"E\":" + k.timestamp() + ",\"s\":\"" + k.symbol() + "\",\"k\":{\"t\":"
                + k.openTime() + ",\"T\":" + k.closeTime() + ",\"s\":\"" + k.symbol() + "\",\"i\":\""
                + k.interval().label() + "\",\"f\":" + (c == null ? -1 : c.firstId) + ",\"L\":"
                + (c == null ? -1 : c.lastId) + ",\"o\":\"" + k.open() + "\",\"c\":\"" + k.close() + "\",\"h\":\""
                + k.high() + "\",\"l\":\"" + k.low() + "\",\"v\":\"" + k.volume() + "\",\"n\":" + k.trades()
                + ",\"x\":" + k.closed() + ",\"q\":\"" + plain(c == null ? null : c.quoteVolume) + "\",\"V\":\""
                + plain(c == null ? null : c.takerBase) + "\",\"Q\":\"" + plain(c == null ? null : c.takerQuote)
                + "\",\"B\":\"0\"}}", false);
    }

    private void delta(SymbolState s, BookDelta d) {
        s.book.apply(d);
        s.lastUpdateId = d.sequence();
        for (int i = 0; i < DIFF_SUFFIXES.length; i++) {
            DiffDepthBatch batch = s.diffs[i];
            if (index.subscribers(s.lower + DIFF_SUFFIXES[i]) != null) {
                batch.add(d, d.timestamp());
                pending.add(s);
                nextDue = Math.min(nextDue, batch.windowEnd());
            } else if (!batch.isEmpty()) {
                batch.clear(); // a batch must hold every update from its U on: start afresh with the next subscriber
            }
        }
        boolean fast = d.timestamp() - s.lastPartial100 >= 100;
        boolean slow = d.timestamp() - s.lastPartial1000 >= 1000;
        if (fast) {
            s.lastPartial100 = d.timestamp();
        }
        if (slow) {
            s.lastPartial1000 = d.timestamp();
        }
        for (int n : PARTIAL_LEVELS) {
            if (fast) {
                partial(s, s.lower + "@depth" + n + "@100ms", n);
            }
            if (slow) {
                partial(s, s.lower + "@depth" + n, n);
                partial(s, s.lower + "@depth" + n + "@1000ms", n);
            }
        }
    }

    /** Sends every diff-depth batch whose interval ended by {@code now}. */
    private void flushDiffs(long now) {
        long due = Long.MAX_VALUE;
        for (Iterator<SymbolState> it = pending.iterator(); it.hasNext(); ) {
            SymbolState s = it.next();
            boolean waiting = false;
            for (int i = 0; i < DIFF_SUFFIXES.length; i++) {
                DiffDepthBatch batch = s.diffs[i];
                if (batch.isEmpty()) {
                    continue;
                }
                if (batch.windowEnd() <= now) {
                    String stream = s.lower + DIFF_SUFFIXES[i];
                    if (index.subscribers(stream) == null) {
                        batch.clear();
                    } else {
                        publish(stream, batch.drain(s.symbol, now), true);
                    }
                } else {
                    waiting = true;
                    due = Math.min(due, batch.windowEnd());
                }
            }
            if (!waiting) {
                it.remove();
            }
        }
        nextDue = due;
    }

    private void partial(SymbolState s, String stream, int n) {
        if (index.subscribers(stream) == null) {
            return;
        }
        publish(stream, depthJson(s.lastUpdateId, s.book.bids(n), s.book.asks(n)), false);
    }

    /** The REST / partial-depth body: {@code {"lastUpdateId":..,"bids":[[p,q],..],"asks":[..]}}. */
    static String depthJson(long lastUpdateId, List<PriceLevel> bids, List<PriceLevel> asks) {
        StringBuilder b = new StringBuilder(64 + 40 * (bids.size() + asks.size()));
        b.append("{\"lastUpdateId\":").append(lastUpdateId).append(",\"bids\":");
        levels(b, bids);
        b.append(",\"asks\":");
        levels(b, asks);
        return b.append('}').toString();
    }

    private void bookTicker(SymbolState s, BookTop top) {
        String stream = s.lower + "@bookTicker";
        if (index.subscribers(stream) == null || top.bid() == null || top.ask() == null) {
            return;
        }
        publish(stream, "{\"u\":" + s.lastUpdateId + ",\"s\":\"" + top.symbol() + "\",\"b\":\"" + top.bid()
                + "\",\"B\":\"" + top.bidQuantity() + "\",\"a\":\"" + top.ask() + "\",\"A\":\""
                + top.askQuantity() + "\"}", false);
    }

    private void publish(String stream, String raw, boolean bookUpdate) {
        Set<VenueConnection> subs = index.subscribers(stream);
        if (subs == null) {
            return;
        }
        ByteBuf rawBuf = null;
        ByteBuf wrapped = null;
        try {
            for (VenueConnection c : subs) {
                if (c.muted(stream)) {
                    continue;
                }
                if (c.combined()) {
                    if (wrapped == null) {
                        wrapped = Unpooled.copiedBuffer("{\"stream\":\"" + stream + "\",\"data\":" + raw + "}",
                                StandardCharsets.UTF_8);
                    }
                    c.sendShared(wrapped, bookUpdate ? stream : null);
                } else {
                    if (rawBuf == null) {
                        rawBuf = Unpooled.copiedBuffer(raw, StandardCharsets.UTF_8);
                    }
                    c.sendShared(rawBuf, bookUpdate ? stream : null);
                }
            }
        } finally {
            if (rawBuf != null) {
                rawBuf.release();
            }
            if (wrapped != null) {
                wrapped.release();
            }
        }
    }

    static void levels(StringBuilder b, List<PriceLevel> levels) {
        b.append('[');
        for (int i = 0; i < levels.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append("[\"").append(levels.get(i).price()).append("\",\"").append(levels.get(i).size()).append("\"]");
        }
        b.append(']');
    }

    private static String plain(BigDecimal v) {
        return v == null ? "0" : v.toPlainString();
    }
}
