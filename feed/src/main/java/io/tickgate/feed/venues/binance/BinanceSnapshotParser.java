package io.tickgate.feed.venues.binance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tickgate.feed.json.JsonLevels;
import io.tickgate.feed.json.MalformedFrameException;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.PriceLevel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the body of Binance's REST depth snapshot, {@code GET /api/v3/depth?symbol=X&limit=N}:
 * {@code {"lastUpdateId":..,"bids":[[px,qty],..],"asks":[[px,qty],..]}} into a {@link BookSnapshot} whose
 * {@code sequence} is {@code lastUpdateId}. Off the hot path (once per sync), so it reports bad input by throwing.
 */
public final class BinanceSnapshotParser {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private BinanceSnapshotParser() {
    }

    /**
     * @param symbol    the symbol the snapshot was requested for (venue spelling, {@code BTCUSDT})
     * @param body      the response body
     * @param timestamp the time the snapshot was taken, epoch ms (the body carries none)
     * @throws MalformedFrameException if the body is not a depth snapshot (including Binance error bodies)
     */
    public static BookSnapshot parse(String symbol, String body, long timestamp) {
        if (!JsonLevels.isSymbol(symbol)) {
            throw new MalformedFrameException("invalid symbol \"" + symbol + "\"");
        }
        long lastUpdateId = -1;
        List<PriceLevel> bids = null;
        List<PriceLevel> asks = null;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedFrameException("depth snapshot is not a JSON object");
            }
            String name;
            while ((name = p.nextFieldName()) != null) {
                p.nextToken();
                switch (name) {
                    case "lastUpdateId":
                        lastUpdateId = JsonLevels.longValue(p);
                        break;
                    case "bids":
                        bids = new ArrayList<>();
                        JsonLevels.readLevels(p, bids);
                        break;
                    case "asks":
                        asks = new ArrayList<>();
                        JsonLevels.readLevels(p, asks);
                        break;
                    default:
                        p.skipChildren();
                        break;
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new MalformedFrameException("depth snapshot for " + symbol + " is not valid: " + e.getMessage());
        }
        if (lastUpdateId < 0 || bids == null || asks == null) {
            throw new MalformedFrameException("depth snapshot for " + symbol + " needs lastUpdateId, bids and asks");
        }
        return new BookSnapshot(BinanceFrameDecoder.SOURCE, symbol, bids, asks, lastUpdateId, timestamp);
    }

    /**
     * The body {@link #parse} reads back into {@code snapshot}: {@code {"lastUpdateId":..,"bids":[..],"asks":[..]}},
     * prices and quantities as the venue's text.
     */
    public static String render(BookSnapshot snapshot) {
        StringBuilder b = new StringBuilder(64 + 40 * (snapshot.bids().size() + snapshot.asks().size()));
        b.append("{\"lastUpdateId\":").append(snapshot.sequence()).append(",\"bids\":");
        levels(b, snapshot.bids());
        b.append(",\"asks\":");
        levels(b, snapshot.asks());
        return b.append('}').toString();
    }

    private static void levels(StringBuilder b, List<PriceLevel> levels) {
        b.append('[');
        for (int i = 0; i < levels.size(); i++) {
            PriceLevel l = levels.get(i);
            b.append(i == 0 ? "" : ",").append("[\"").append(l.price()).append("\",\"").append(l.size()).append("\"]");
        }
        b.append(']');
    }
}
