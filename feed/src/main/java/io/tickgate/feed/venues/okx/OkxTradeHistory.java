package io.tickgate.feed.venues.okx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickgate.feed.backfill.TradeHistory;
import io.tickgate.feed.json.MalformedFrameException;
import io.tickgate.feed.json.VenueNumbers;
import io.tickgate.feed.rest.RestGet;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * OKX REST trade history, paged backward by trade id: {@code GET /api/v5/market/history-trades?instId=&type=1
 * &after=<id>&limit=<n>} answers up to 100 trades older than {@code after}, newest first (rate limit: 20 requests per
 * 2 s per IP, paced by {@link OkxAdapter#tradeHistoryPacing()}). OKX trades are not aggregated, so only raw trade
 * topics are covered.
 */
final class OkxTradeHistory implements TradeHistory {

    /** The most trades one request answers. */
    static final int MAX_LIMIT = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestGet rest;

    OkxTradeHistory(RestGet rest) {
        this.rest = rest;
    }

    @Override
    public Paging paging() {
        return Paging.BACKWARD;
    }

    @Override
    public boolean covers(boolean aggregated) {
        return !aggregated;
    }

    @Override
    public CompletableFuture<List<Trade>> page(String instId, boolean aggregated, long fromId, long toId) {
        long limit = Math.max(1, Math.min(MAX_LIMIT, toId - fromId + 1));
        return rest.get("/api/v5/market/history-trades?instId=" + instId + "&type=1&after=" + (toId + 1)
                + "&limit=" + limit, body -> parse(instId, body));
    }

    /**
     * Parses {@code {"code":"0","data":[{"instId":..,"tradeId":..,"px":..,"sz":..,"side":..,"ts":..},..]}} (a
     * {@code count} of matches, where present, as on the trades channel).
     *
     * @throws MalformedFrameException if the body is not such an answer, or an error answer (code not 0)
     */
    static List<Trade> parse(String instId, String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new MalformedFrameException("trade history of " + instId + " is not JSON: " + e.getMessage());
        }
        JsonNode data = root == null ? null : root.get("data");
        if (data == null || !data.isArray() || !"0".equals(root.path("code").asText())) {
            throw new MalformedFrameException("trade history of " + instId + ": not a successful answer: " + body);
        }
        List<Trade> out = new ArrayList<>(data.size());
        for (JsonNode t : data) {
            String id = t.path("tradeId").asText(null);
            String px = t.path("px").asText(null);
            String sz = t.path("sz").asText(null);
            String ts = t.path("ts").asText("");
            String count = t.path("count").asText("1"); // a print of several matches, as the trades channel sends
            if (id == null || px == null || sz == null || !ts.matches("[0-9]{1,18}")
                    || !count.matches("[1-9][0-9]{0,8}")) {
                throw new MalformedFrameException("trade history of " + instId + ": bad trade " + t);
            }
            String s = t.path("side").asText("");
            Side side = "buy".equals(s) ? Side.BUY : "sell".equals(s) ? Side.SELL : Side.UNKNOWN;
            Decimal p = Decimal.parse(px);
            Decimal q = Decimal.parse(sz);
            VenueNumbers.checkTrade(p, q, "trade history of " + instId);
            out.add(new Trade(OkxFrameDecoder.SOURCE, instId, id, p, q, side, Long.parseLong(ts), false,
                    Integer.parseInt(count)));
        }
        return out;
    }
}
