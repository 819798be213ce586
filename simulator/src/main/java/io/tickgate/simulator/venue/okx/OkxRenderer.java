package io.tickgate.simulator.venue.okx;

import io.tickgate.model.book.OrderBook;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.BookTop;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.event.Ticker;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Interval;
import io.tickgate.simulator.venue.SubscriptionIndex;
import io.tickgate.simulator.venue.VenueConnection;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Renders the engine's canonical events as OKX v5 pushes and sends each to the subscribers of its channel and
 * instrument. Runs on the engine thread (the sink), which owns all state here, including the {@code books}
 * sequence: {@code seqId} is the engine's update id plus a per-instrument offset that a sequence reset moves down.
 */
final class OkxRenderer implements Consumer<MarketEvent> {

    private static final long BOOKS5_MILLIS = 100;
    private static final long HEARTBEAT_SCAN_MILLIS = 100;
    private static final long RESET_SEQ_ID = 1000;

    private final String source;
    private final SubscriptionIndex index;
    private final long heartbeatMillis;
    private final Map<String, InstState> instruments = new HashMap<>();
    private volatile boolean resetRequested;
    private long lastHeartbeatScan;

    OkxRenderer(String source, SubscriptionIndex index, long heartbeatMillis) {
        this.source = source;
        this.index = index;
        this.heartbeatMillis = heartbeatMillis;
    }

    /** Per-instrument rendering state. */
    private static final class InstState {
        final String instId;
        final OrderBook book;
        long offset;
        long seqId;
        long lastBooksAt;
        long lastBooks5At;
        boolean resetPending;
        boolean opened;
        final List<VenueConnection> awaitingSnapshot = new ArrayList<>();
        Decimal lastSize;
        long candleOpen = Long.MIN_VALUE;
        BigDecimal candleQuote = BigDecimal.ZERO;
        long prevCandleOpen = Long.MIN_VALUE;
        BigDecimal prevCandleQuote = BigDecimal.ZERO;

        InstState(String source, String instId) {
            this.instId = instId;
            this.book = new OrderBook(source, instId);
        }
    }

    /** Asks for a sequence reset of every instrument at its next {@code books} update (any thread). */
    void requestSequenceReset() {
        resetRequested = true;
    }

    @Override
    public void accept(MarketEvent event) {
        InstState s = instruments.computeIfAbsent(event.symbol(), k -> new InstState(event.source(), k));
        if (resetRequested) {
            resetRequested = false;
            instruments.values().forEach(i -> i.resetPending = true);
        }
        if (event instanceof BookSnapshot snap) {
            s.book.replace(snap);
            s.seqId = snap.sequence() + s.offset;
            s.lastBooksAt = snap.timestamp();
            s.opened = true;
            for (VenueConnection c : s.awaitingSnapshot) {
                subscribeBooks(c, s.instId, snap.timestamp());
            }
            s.awaitingSnapshot.clear();
        } else if (event instanceof BookDelta d) {
            delta(s, d);
        } else if (event instanceof BookTop top) {
            bbo(s, top);
        } else if (event instanceof Trade t) {
            trade(s, t);
        } else if (event instanceof Ticker t) {
            ticker(s, t);
        } else if (event instanceof Kline k) {
            candle(s, k);
        }
        if (event.timestamp() - lastHeartbeatScan >= HEARTBEAT_SCAN_MILLIS) {
            lastHeartbeatScan = event.timestamp();
            heartbeats(event.timestamp());
        }
    }

    /** Sends the full book to a new {@code books} subscriber and registers it; must run on the engine thread. */
    void subscribeBooks(VenueConnection c, String instId, long now) {
        InstState s = instruments.computeIfAbsent(instId, k -> new InstState(source, k));
        if (!c.isOpen()) {
            return;
        }
        if (!s.opened) {
            s.awaitingSnapshot.add(c);
            return;
        }
        index.add(c, OkxChannels.key(OkxChannels.BOOKS, instId));
        c.sendText(books(s, "snapshot", s.book.bids(Integer.MAX_VALUE), s.book.asks(Integer.MAX_VALUE), -1,
                s.seqId, now));
    }

    private void delta(InstState s, BookDelta d) {
        s.book.apply(d);
        long prev = s.seqId;
        if (s.resetPending) {
            s.resetPending = false;
            s.offset = RESET_SEQ_ID - d.sequence();
        }
        s.seqId = d.sequence() + s.offset;
        s.lastBooksAt = d.timestamp();
        String key = OkxChannels.key(OkxChannels.BOOKS, s.instId);
        if (index.subscribers(key) != null) {
            index.publish(key, books(s, "update", d.bids(), d.asks(), prev, s.seqId, d.timestamp()), true);
        }
        String key5 = OkxChannels.key(OkxChannels.BOOKS5, s.instId);
        if (d.timestamp() - s.lastBooks5At >= BOOKS5_MILLIS && index.subscribers(key5) != null) {
            s.lastBooks5At = d.timestamp();
            StringBuilder b = new StringBuilder(512).append("{\"arg\":{\"channel\":\"books5\",\"instId\":\"")
                    .append(s.instId).append("\"},\"data\":[{\"asks\":");
            levels(b, s.book.asks(5));
            b.append(",\"bids\":");
            levels(b, s.book.bids(5));
            b.append(",\"instId\":\"").append(s.instId).append("\",\"ts\":\"").append(d.timestamp())
                    .append("\",\"seqId\":").append(s.seqId).append("}]}");
            index.publish(key5, b.toString(), false);
        }
    }

    private void heartbeats(long now) {
        for (InstState s : instruments.values()) {
            if (now - s.lastBooksAt >= heartbeatMillis) {
                s.lastBooksAt = now;
                String key = OkxChannels.key(OkxChannels.BOOKS, s.instId);
                if (index.subscribers(key) != null) {
                    index.publish(key, books(s, "update", List.of(), List.of(), s.seqId, s.seqId, now), false);
                }
            }
        }
    }

    private String books(InstState s, String action, List<PriceLevel> bids, List<PriceLevel> asks, long prevSeqId,
                         long seqId, long ts) {
        StringBuilder b = new StringBuilder(128 + 48 * (bids.size() + asks.size()));
        b.append("{\"arg\":{\"channel\":\"books\",\"instId\":\"").append(s.instId).append("\"},\"action\":\"")
                .append(action).append("\",\"data\":[{\"asks\":");
        levels(b, asks);
        b.append(",\"bids\":");
        levels(b, bids);
        b.append(",\"ts\":\"").append(ts).append("\",\"checksum\":")
                .append(OkxChecksum.of(s.book.bids(OkxChecksum.LEVELS), s.book.asks(OkxChecksum.LEVELS)))
                .append(",\"prevSeqId\":").append(prevSeqId).append(",\"seqId\":").append(seqId).append("}]}");
        return b.toString();
    }

    private void bbo(InstState s, BookTop top) {
        String key = OkxChannels.key(OkxChannels.BBO, s.instId);
        if (index.subscribers(key) == null || top.bid() == null || top.ask() == null) {
            return;
        }
        StringBuilder b = new StringBuilder(256).append("{\"arg\":{\"channel\":\"bbo-tbt\",\"instId\":\"")
                .append(s.instId).append("\"},\"data\":[{\"asks\":");
        levels(b, List.of(new PriceLevel(top.ask(), top.askQuantity())));
        b.append(",\"bids\":");
        levels(b, List.of(new PriceLevel(top.bid(), top.bidQuantity())));
        b.append(",\"ts\":\"").append(top.timestamp()).append("\",\"seqId\":").append(s.seqId).append("}]}");
        index.publish(key, b.toString(), false);
    }

    private void trade(InstState s, Trade t) {
        s.lastSize = t.quantity();
        long open = Interval.M1.floor(t.timestamp());
        if (open != s.candleOpen) {
            s.prevCandleOpen = s.candleOpen;
            s.prevCandleQuote = s.candleQuote;
            s.candleOpen = open;
            s.candleQuote = BigDecimal.ZERO;
        }
        s.candleQuote = s.candleQuote.add(t.price().toBigDecimal().multiply(t.quantity().toBigDecimal()));
        index.publish(OkxChannels.key(OkxChannels.TRADES, s.instId), "{\"arg\":{\"channel\":\"trades\",\"instId\":\""
                + s.instId + "\"},\"data\":[{\"instId\":\"" + s.instId + "\",\"tradeId\":\"" + t.tradeId()
                + "\",\"px\":\"" + t.price() + "\",\"sz\":\"" + t.quantity() + "\",\"side\":\"" + t.side().wireName()
                + "\",\"ts\":\"" + t.timestamp() + "\",\"count\":\"1\"}]}", false);
    }

    private void ticker(InstState s, Ticker t) {
        String key = OkxChannels.key(OkxChannels.TICKERS, s.instId);
        if (index.subscribers(key) == null) {
            return;
        }
        BigDecimal volCcy = t.volume().toBigDecimal().multiply(t.last().toBigDecimal())
                .setScale(t.last().toBigDecimal().scale(), java.math.RoundingMode.HALF_UP);
        index.publish(key, "{\"arg\":{\"channel\":\"tickers\",\"instId\":\"" + s.instId + "\"},\"data\":[{"
                + "\"instType\":\"SPOT\",\"instId\":\"" + s.instId + "\",\"last\":\"" + t.last() + "\",\"lastSz\":\""
                + (s.lastSize == null ? "0" : s.lastSize) + "\",\"askPx\":\"" + text(t.ask()) + "\",\"askSz\":\""
                + text(t.askQuantity()) + "\",\"bidPx\":\"" + text(t.bid()) + "\",\"bidSz\":\""
                + text(t.bidQuantity()) + "\",\"open24h\":\"" + t.open() + "\",\"high24h\":\"" + t.high()
                + "\",\"low24h\":\"" + t.low() + "\",\"volCcy24h\":\"" + volCcy.toPlainString() + "\",\"vol24h\":\""
                + t.volume() + "\",\"sodUtc0\":\"" + t.open() + "\",\"sodUtc8\":\"" + t.open() + "\",\"ts\":\""
                + t.timestamp() + "\"}]}", false);
    }

    private void candle(InstState s, Kline k) {
        if (k.interval() != Interval.M1) {
            return;
        }
        String key = OkxChannels.key(OkxChannels.CANDLE_1M, s.instId);
        if (index.subscribers(key) == null) {
            return;
        }
        BigDecimal quote = k.openTime() == s.candleOpen ? s.candleQuote
                : k.openTime() == s.prevCandleOpen ? s.prevCandleQuote : BigDecimal.ZERO;
        index.publish(key, "{\"arg\":{\"channel\":\"candle1m\",\"instId\":\"" + s.instId + "\"},\"data\":[[\""
                + k.openTime() + "\",\"" + k.open() + "\",\"" + k.high() + "\",\"" + k.low() + "\",\"" + k.close()
                + "\",\"" + k.volume() + "\",\"" + quote.toPlainString() + "\",\"" + quote.toPlainString() + "\",\""
                + (k.closed() ? "1" : "0") + "\"]]}", false);
    }

    private static String text(Decimal d) {
        return d == null ? "" : d.toString();
    }

    /** OKX levels: {@code [price, size, "0", orders]}; a deleted level has size and orders "0". */
    private static void levels(StringBuilder b, List<PriceLevel> levels) {
        b.append('[');
        for (int i = 0; i < levels.size(); i++) {
            PriceLevel l = levels.get(i);
            if (i > 0) {
                b.append(',');
            }
            boolean deleted = l.size().isZero();
            int orders = deleted ? 0 : 1 + (l.size().toString().hashCode() & 7);
            b.append("[\"").append(l.price()).append("\",\"").append(deleted ? "0" : l.size().toString())
                    .append("\",\"0\",\"").append(orders).append("\"]");
        }
        b.append(']');
    }
}
