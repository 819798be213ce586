package io.tickgate.simulator.venue.binance;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.simulator.venue.TradeTape;
import java.util.Collections;
import java.util.List;

/**
 * Binance's REST trade history on the simulator: {@code GET /api/v3/aggTrades} and {@code GET
 * /api/v3/historicalTrades} with {@code symbol}, {@code fromId} (absent: the newest trades) and {@code limit}
 * (default 500, at most 1000), answered from the venue's {@link TradeTape} in Binance's shapes, oldest first. Each
 * engine trade is one fill, so its aggregated trade has the same id ({@code a = f = l}), as the stream renders it.
 */
final class BinanceTradesRest {

    private static final int DEFAULT_LIMIT = 500;
    private static final int MAX_LIMIT = 1000;

    /** A status and a body. */
    record Answer(HttpResponseStatus status, String body) {
    }

    private BinanceTradesRest() {
    }

    static Answer answer(TradeTape tape, QueryStringDecoder uri, boolean aggregated, int keep) {
        String symbol = param(uri, "symbol");
        if (symbol == null || symbol.isEmpty()) {
            return new Answer(HttpResponseStatus.BAD_REQUEST, "{\"code\":-1102,\"msg\":\"Mandatory parameter"
                    + " 'symbol' was not sent, was empty/null, or malformed.\"}");
        }
        String limitText = param(uri, "limit");
        String fromText = param(uri, "fromId");
        if ((limitText != null && !limitText.matches("[0-9]{1,9}"))
                || (fromText != null && !fromText.matches("[0-9]{1,18}"))) {
            return new Answer(HttpResponseStatus.BAD_REQUEST, "{\"code\":-1100,\"msg\":\"Illegal characters found"
                    + " in a parameter.\"}");
        }
        int limit = limitText == null ? DEFAULT_LIMIT : Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(limitText)));
        List<Trade> trades;
        if (fromText == null) {
            trades = tape.before(symbol, Long.MAX_VALUE, limit, keep);
            Collections.reverse(trades);
        } else {
            trades = tape.from(symbol, Long.parseLong(fromText), limit, keep);
        }
        StringBuilder b = new StringBuilder(64 + trades.size() * 120).append('[');
        for (Trade t : trades) {
            b.append(b.length() == 1 ? "" : ",");
            boolean buyerMaker = t.side() == Side.SELL;
            if (aggregated) {
                b.append("{\"a\":").append(t.tradeId()).append(",\"p\":\"").append(t.price()).append("\",\"q\":\"")
                        .append(t.quantity()).append("\",\"f\":").append(t.tradeId()).append(",\"l\":")
                        .append(t.tradeId()).append(",\"T\":").append(t.timestamp()).append(",\"m\":")
                        .append(buyerMaker).append(",\"M\":true}");
            } else {
                b.append("{\"id\":").append(t.tradeId()).append(",\"price\":\"").append(t.price())
                        .append("\",\"qty\":\"").append(t.quantity()).append("\",\"quoteQty\":\"")
                        .append(t.price().toBigDecimal().multiply(t.quantity().toBigDecimal()).toPlainString())
                        .append("\",\"time\":").append(t.timestamp()).append(",\"isBuyerMaker\":")
                        .append(buyerMaker).append(",\"isBestMatch\":true}");
            }
        }
        return new Answer(HttpResponseStatus.OK, b.append(']').toString());
    }

    private static String param(QueryStringDecoder uri, String name) {
        List<String> v = uri.parameters().get(name);
        return v == null ? null : v.get(0);
    }
}
