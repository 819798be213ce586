package io.tickgate.bus.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.BookTop;
import io.tickgate.model.event.CustomMessage;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Ticker;
import io.tickgate.model.event.Trade;
import io.tickgate.model.event.TradeGap;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Interval;
import io.tickgate.model.topic.Topic;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes an event with its ingest time as a compact JSON array, version 1; source, symbol and kline interval are not
 * written (the topic carries them). Decimals are strings holding the exact text the venue sent.
 *
 * <pre>
 * [1, ingestTime, "T", tradeId, price, quantity, side(b|s|u), ts]                         Trade (aggregated on aggTrade)
 * [1, ingestTime, "K", last, bid, bidQty, ask, askQty, open, high, low, volume, ts]        Ticker (null = absent)
 * [1, ingestTime, "S", [[price,size]...bids], [[price,size]...asks], sequence, ts]         BookSnapshot
 * [1, ingestTime, "D", bids, asks, firstSequence, sequence, ts]                            BookDelta
 * [1, ingestTime, "P", bid, bidQty, ask, askQty, ts]                                       BookTop
 * [1, ingestTime, "C", openTime, open, high, low, close, volume, trades, closed, ts]       Kline
 * [1, ingestTime, "M", publisher, data (the JSON object as a string), ts]                  CustomMessage
 * [1, ingestTime, "G", fromId, toId, fromTime, toTime, reason, ts]                        TradeGap
 * </pre>
 * A reader rejects any other version with a clear error, so a store shared by nodes of different versions fails
 * loudly instead of misreading.
 */
public final class EventCodec {

    /** The version this codec writes and reads. */
    public static final int VERSION = 1;

    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonStringEncoder ESCAPER = JsonStringEncoder.getInstance();

    /** An event as decoded, with the time tickgate ingested it (epoch ms). */
    public record Decoded(long ingestTime, MarketEvent event) {
    }

    private EventCodec() {
    }

    /** The encoding of {@code event} ingested at {@code ingestTime}. */
    public static String encode(MarketEvent event, long ingestTime) {
        // written by hand (no generator per event): only the trade id needs JSON escaping, decimals are plain text
        StringBuilder b = new StringBuilder(96);
        b.append('[').append(VERSION).append(',').append(ingestTime).append(',');
        if (event instanceof Trade t) {
            b.append("\"T\",");
            string(b, t.tradeId());
            b.append(',');
            decimal(b, t.price());
            b.append(',');
            decimal(b, t.quantity());
            b.append(",\"").append(side(t.side())).append('"');
        } else if (event instanceof Ticker t) {
            b.append("\"K\"");
            for (Decimal d : new Decimal[] {t.last(), t.bid(), t.bidQuantity(), t.ask(), t.askQuantity(), t.open(),
                    t.high(), t.low(), t.volume()}) {
                b.append(',');
                decimal(b, d);
            }
        } else if (event instanceof BookSnapshot s) {
            b.append("\"S\",");
            levels(b, s.bids());
            b.append(',');
            levels(b, s.asks());
            b.append(',').append(s.sequence());
        } else if (event instanceof BookDelta d) {
            b.append("\"D\",");
            levels(b, d.bids());
            b.append(',');
            levels(b, d.asks());
            b.append(',').append(d.firstSequence()).append(',').append(d.sequence());
        } else if (event instanceof BookTop t) {
            b.append("\"P\"");
            for (Decimal d : new Decimal[] {t.bid(), t.bidQuantity(), t.ask(), t.askQuantity()}) {
                b.append(',');
                decimal(b, d);
            }
        } else if (event instanceof Kline k) {
            b.append("\"C\",").append(k.openTime());
            for (Decimal d : new Decimal[] {k.open(), k.high(), k.low(), k.close(), k.volume()}) {
                b.append(',');
                decimal(b, d);
            }
            b.append(',').append(k.trades()).append(',').append(k.closed());
        } else if (event instanceof CustomMessage m) {
            b.append("\"M\",");
            string(b, m.publisher());
            b.append(',');
            string(b, m.data());
        } else if (event instanceof TradeGap g) {
            TradeGapCodec.encode(b, g);
        } else {
            throw new IllegalArgumentException("no encoding for " + event.getClass().getName());
        }
        return b.append(',').append(event.timestamp()).append(']').toString();
    }

    /**
     * Decodes an encoding made for {@code topic}.
     *
     * @throws IllegalArgumentException when the text is not a version-1 encoding of an event of the topic's channel
     */
    public static Decoded decode(Topic topic, String text) {
        try (JsonParser p = JSON.createParser(text)) {
            expect(p, JsonToken.START_ARRAY);
            int version = (int) longValue(p);
            if (version != VERSION) {
                throw new IllegalArgumentException("event encoding version " + version + " (this node reads "
                        + VERSION + ")");
            }
            long ingest = longValue(p);
            String type = string(p);
            String src = topic.source();
            String sym = topic.symbol();
            MarketEvent e;
            switch (type) {
                case "T":
                    // raw or aggregated: the topic's channel says (trade or aggTrade)
                    e = new Trade(src, sym, string(p), decimal(p), decimal(p), side(string(p)), longValue(p),
                            topic.channel() == Channel.AGG_TRADE);
                    break;
                case "K":
                    e = new Ticker(src, sym, decimal(p), decimal(p), decimal(p), decimal(p), decimal(p), decimal(p),
                            decimal(p), decimal(p), decimal(p), longValue(p));
                    break;
                case "S":
                    e = new BookSnapshot(src, sym, levels(p), levels(p), longValue(p), longValue(p));
                    break;
                case "D":
                    e = new BookDelta(src, sym, levels(p), levels(p), longValue(p), longValue(p), longValue(p));
                    break;
                case "P":
                    e = new BookTop(src, sym, decimal(p), decimal(p), decimal(p), decimal(p), longValue(p));
                    break;
                case "C":
                    e = kline(topic, p);
                    break;
                case "M":
                    e = custom(topic, p);
                    break;
                case "G":
                    e = TradeGapCodec.decode(topic, p);
                    break;
                default:
                    throw new IllegalArgumentException("unknown event type \"" + type + "\"");
            }
            expect(p, JsonToken.END_ARRAY);
            if (!e.channel().equals(topic.channel())) {
                throw new IllegalArgumentException("a " + e.getClass().getSimpleName() + " is not for " + topic);
            }
            return new Decoded(ingest, e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
                    && iae.getMessage().startsWith("bad event encoding")) {
                throw iae;
            }
            throw new IllegalArgumentException("bad event encoding for " + topic + ": " + e.getMessage() + " in "
                    + abbreviate(text), e);
        }
    }

    private static CustomMessage custom(Topic topic, JsonParser p) throws IOException {
        String publisher = string(p);
        String data = string(p);
        return new CustomMessage(topic, data, publisher, longValue(p));
    }

    private static Kline kline(Topic topic, JsonParser p) throws IOException {
        long openTime = longValue(p);
        Decimal open = decimal(p);
        Decimal high = decimal(p);
        Decimal low = decimal(p);
        Decimal close = decimal(p);
        Decimal volume = decimal(p);
        long trades = longValue(p);
        JsonToken closed = p.nextToken();
        if (closed != JsonToken.VALUE_TRUE && closed != JsonToken.VALUE_FALSE) {
            throw new IllegalArgumentException("expected a boolean, got " + closed);
        }
        long ts = longValue(p);
        String label = topic.channel().wireName().substring("kline.".length());
        return new Kline(topic.source(), topic.symbol(), Interval.fromLabel(label), openTime,
                open, high, low, close, volume, trades, closed == JsonToken.VALUE_TRUE, ts);
    }

    private static void decimal(StringBuilder b, Decimal d) {
        if (d == null) {
            b.append("null");
        } else {
            b.append('"').append(d).append('"');
        }
    }

    static void string(StringBuilder b, String s) {
        b.append('"').append(ESCAPER.quoteAsString(s)).append('"');
    }

    private static void levels(StringBuilder b, List<PriceLevel> levels) {
        b.append('[');
        for (int i = 0; i < levels.size(); i++) {
            PriceLevel l = levels.get(i);
            b.append(i == 0 ? "[\"" : ",[\"").append(l.price()).append("\",\"").append(l.size()).append("\"]");
        }
        b.append(']');
    }

    private static String side(Side s) {
        switch (s) {
            case BUY:
                return "b";
            case SELL:
                return "s";
            default:
                return "u";
        }
    }

    private static Side side(String s) {
        switch (s) {
            case "b":
                return Side.BUY;
            case "s":
                return Side.SELL;
            case "u":
                return Side.UNKNOWN;
            default:
                throw new IllegalArgumentException("unknown side \"" + s + "\"");
        }
    }

    private static void expect(JsonParser p, JsonToken token) throws IOException {
        JsonToken t = p.nextToken();
        if (t != token) {
            throw new IllegalArgumentException("expected " + token + ", got " + t);
        }
    }

    static long longValue(JsonParser p) throws IOException {
        expect(p, JsonToken.VALUE_NUMBER_INT);
        return p.getLongValue();
    }

    static String string(JsonParser p) throws IOException {
        expect(p, JsonToken.VALUE_STRING);
        return p.getText();
    }

    private static Decimal decimal(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("expected a decimal string, got " + t);
        }
        return Decimal.parse(p.getText());
    }

    private static List<PriceLevel> levels(JsonParser p) throws IOException {
        expect(p, JsonToken.START_ARRAY);
        List<PriceLevel> out = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_ARRAY) {
            Decimal price = decimal(p);
            Decimal size = decimal(p);
            expect(p, JsonToken.END_ARRAY);
            out.add(new PriceLevel(price, size));
        }
        if (t != JsonToken.END_ARRAY) {
            throw new IllegalArgumentException("expected a level or the end of the levels, got " + t);
        }
        return out;
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }
}
