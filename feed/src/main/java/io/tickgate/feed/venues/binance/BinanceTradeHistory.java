package io.tickgate.feed.venues.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickgate.feed.backfill.TradeHistory;
import io.tickgate.feed.json.MalformedFrameException;
import io.tickgate.feed.json.VenueNumbers;
import io.tickgate.feed.rest.RestGet;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.venue.Venue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Binance spot REST trade history, paged forward from an id: {@code GET /api/v3/aggTrades?symbol=&fromId=&limit=}
 * for aggregated trades (request weight 2 at the time of writing) and {@code GET /api/v3/historicalTrades?symbol=
 * &fromId=&limit=} for raw trades (weight 25); both answer at most 1,000 trades from {@code fromId} up, oldest first.
 * Pages are requested through the venue's REST pacer (the one its depth snapshots use), so their 429/418 answers hold
 * and slow the venue's whole REST traffic.
 */
final class BinanceTradeHistory implements TradeHistory {

    /** The most trades either endpoint answers per request. */
    static final int MAX_LIMIT = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestGet rest;

    BinanceTradeHistory(RestGet rest) {
        this.rest = rest;
    }

    @Override
    public Paging paging() {
        return Paging.FORWARD;
    }

    @Override
    public int pageSize() {
        return MAX_LIMIT;
    }

    @Override
    public boolean covers(boolean aggregated) {
        return true;
    }

    @Override
    public CompletableFuture<List<Trade>> page(String symbol, boolean aggregated, long fromId, long toId) {
        long limit = Math.max(1, Math.min(MAX_LIMIT, toId - fromId + 1));
        String path = (aggregated ? "/api/v3/aggTrades" : "/api/v3/historicalTrades") + "?symbol=" + symbol
                + "&fromId=" + fromId + "&limit=" + limit;
        return rest.get(path, body -> parse(symbol, aggregated, body));
    }

    /**
     * Parses an {@code aggTrades} body ({@code [{"a":id,"p":..,"q":..,"T":time,"m":buyerIsMaker},..]}) or a
     * {@code historicalTrades} body ({@code [{"id":..,"price":..,"qty":..,"time":..,"isBuyerMaker":..},..]}).
     *
     * @throws MalformedFrameException if the body is not such an array
     */
    static List<Trade> parse(String symbol, boolean aggregated, String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new MalformedFrameException("trade history of " + symbol + " is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isArray()) {
            throw new MalformedFrameException("trade history of " + symbol + " is not an array");
        }
        List<Trade> out = new ArrayList<>(root.size());
        for (JsonNode t : root) {
            JsonNode id = t.get(aggregated ? "a" : "id");
            JsonNode price = t.get(aggregated ? "p" : "price");
            JsonNode qty = t.get(aggregated ? "q" : "qty");
            JsonNode time = t.get(aggregated ? "T" : "time");
            JsonNode maker = t.get(aggregated ? "m" : "isBuyerMaker");
            if (id == null || !id.canConvertToLong() || price == null || !price.isTextual() || qty == null
                    || !qty.isTextual() || time == null || !time.canConvertToLong()) {
                throw new MalformedFrameException("trade history of " + symbol + ": bad trade " + t);
            }
            Side side = maker == null || !maker.isBoolean() ? Side.UNKNOWN : maker.booleanValue() ? Side.SELL
                    : Side.BUY;
            Decimal p = Decimal.parse(price.textValue());
            Decimal q = Decimal.parse(qty.textValue());
            VenueNumbers.checkTrade(p, q, "trade history of " + symbol);
            out.add(new Trade(Venue.BINANCE.source(), symbol, Long.toString(id.longValue()), p, q, side,
                    time.longValue(), aggregated));
        }
        return out;
    }
}
