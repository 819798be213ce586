package io.tickgate.gateway.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.BookTop;
import io.tickgate.model.event.CustomMessage;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.event.Ticker;
import io.tickgate.model.event.Trade;
import java.io.IOException;
import java.util.List;

/**
 * The {@code data} JSON of each canonical event (docs/protocol.md, "Data shapes"). Prices and quantities are written
 * as the exact decimal strings the venue sent; null fields are omitted.
 */
public final class EventJsonWriter {

    /** Per serializing thread: room for a decimal's text. */
    private static final ThreadLocal<char[]> SCRATCH = ThreadLocal.withInitial(() -> new char[64]);

    private EventJsonWriter() {
    }

    /** A writer for one event's data object. */
    public static DataWriter of(MarketEvent event) {
        return g -> write(g, event);
    }

    /** A writer for a trade snapshot: {@code {"trades":[..]}}, oldest first. */
    public static DataWriter trades(List<Trade> trades) {
        return g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("trades");
            for (Trade t : trades) {
                trade(g, t);
            }
            g.writeEndArray();
            g.writeEndObject();
        };
    }

    /** Writes one event's data object. */
    public static void write(JsonGenerator g, MarketEvent event) throws IOException {
        if (event instanceof Trade t) {
            trade(g, t);
        } else if (event instanceof Ticker t) {
            ticker(g, t);
        } else if (event instanceof BookTop t) {
            bookTop(g, t);
        } else if (event instanceof BookDelta d) {
            book(g, d.bids(), d.asks(), d.timestamp());
        } else if (event instanceof BookSnapshot s) {
            book(g, s.bids(), s.asks(), s.timestamp());
        } else if (event instanceof Kline k) {
            kline(g, k);
        } else if (event instanceof CustomMessage m) {
            g.writeRawValue(m.data()); // the publisher's JSON object, validated and made compact when published
        } else {
            throw new IllegalArgumentException("no JSON shape for " + event.getClass().getName());
        }
    }

    static void trade(JsonGenerator g, Trade t) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", t.tradeId());
        decimal(g, "price", t.price());
        decimal(g, "qty", t.quantity());
        g.writeStringField("side", t.side().wireName());
        g.writeNumberField("time", t.timestamp());
        g.writeEndObject();
    }

    static void ticker(JsonGenerator g, Ticker t) throws IOException {
        g.writeStartObject();
        decimal(g, "last", t.last());
        decimal(g, "bid", t.bid());
        decimal(g, "bidQty", t.bidQuantity());
        decimal(g, "ask", t.ask());
        decimal(g, "askQty", t.askQuantity());
        decimal(g, "open", t.open());
        decimal(g, "high", t.high());
        decimal(g, "low", t.low());
        decimal(g, "volume", t.volume());
        g.writeNumberField("time", t.timestamp());
        g.writeEndObject();
    }

    static void bookTop(JsonGenerator g, BookTop t) throws IOException {
        g.writeStartObject();
        decimal(g, "bid", t.bid());
        decimal(g, "bidQty", t.bidQuantity());
        decimal(g, "ask", t.ask());
        decimal(g, "askQty", t.askQuantity());
        g.writeNumberField("time", t.timestamp());
        g.writeEndObject();
    }

    /** {@code {"bids":[["p","q"],..],"asks":[..],"time":..}}. */
    public static void book(JsonGenerator g, List<PriceLevel> bids, List<PriceLevel> asks, long time)
            throws IOException {
        g.writeStartObject();
        levels(g, "bids", bids);
        levels(g, "asks", asks);
        g.writeNumberField("time", time);
        g.writeEndObject();
    }

    static void kline(JsonGenerator g, Kline k) throws IOException {
        g.writeStartObject();
        g.writeStringField("interval", k.interval().label());
        g.writeNumberField("openTime", k.openTime());
        g.writeNumberField("closeTime", k.closeTime());
        decimal(g, "open", k.open());
        decimal(g, "high", k.high());
        decimal(g, "low", k.low());
        decimal(g, "close", k.close());
        decimal(g, "volume", k.volume());
        g.writeNumberField("trades", k.trades());
        g.writeBooleanField("closed", k.closed());
        g.writeEndObject();
    }

    private static void levels(JsonGenerator g, String name, List<PriceLevel> levels) throws IOException {
        char[] scratch = SCRATCH.get();
        g.writeArrayFieldStart(name);
        for (PriceLevel l : levels) {
            g.writeStartArray();
            decimal(g, l.price(), scratch);
            decimal(g, l.size(), scratch);
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void decimal(JsonGenerator g, String name, Decimal value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            decimal(g, value, SCRATCH.get());
        }
    }

    /** The decimal's exact text as a JSON string, without creating a {@code String} for it when it has none. */
    private static void decimal(JsonGenerator g, Decimal value, char[] scratch) throws IOException {
        int n = value.getChars(scratch, 0);
        if (n >= 0) {
            g.writeString(scratch, 0, n);
        } else {
            g.writeString(value.toString());
        }
    }
}
