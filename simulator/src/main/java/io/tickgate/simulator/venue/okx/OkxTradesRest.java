package io.tickgate.simulator.venue.okx;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tickgate.model.event.Trade;
import io.tickgate.simulator.venue.TradeTape;
import java.util.List;
import java.util.Set;

/**
 * OKX's REST trade history on the simulator: {@code GET /api/v5/market/history-trades?instId=&type=1&after=&limit=}
 * answered from the venue's {@link TradeTape} in OKX's shape, newest first: {@code after} (a trade id) gives the
 * trades older than it, {@code before} the newest ones newer than it, neither the newest; {@code limit} default and
 * at most 100. Only {@code type=1} (paging by trade id) is served; errors come as OKX's {@code code}/{@code msg}.
 */
final class OkxTradesRest {

    /** The path. */
    static final String PATH = "/api/v5/market/history-trades";
    private static final int MAX_LIMIT = 100;

    /** A status and a body. */
    record Answer(HttpResponseStatus status, String body) {
    }

    private OkxTradesRest() {
    }

    static Answer answer(TradeTape tape, Set<String> instIds, QueryStringDecoder uri, int keep) {
        String instId = param(uri, "instId");
        if (instId == null || instId.isEmpty()) {
            return error("50014", "Parameter instId can not be empty");
        }
        if (!instIds.contains(instId)) {
            return error("51001", "Instrument ID does not exist");
        }
        String type = param(uri, "type");
        if (type != null && !type.equals("1")) {
            return error("51000", "Parameter type error (the simulator pages by trade id only: type=1)");
        }
        String after = param(uri, "after");
        String before = param(uri, "before");
        String limitText = param(uri, "limit");
        if ((after != null && !after.matches("[0-9]{1,18}")) || (before != null && !before.matches("[0-9]{1,18}"))
                || (limitText != null && !limitText.matches("[0-9]{1,9}"))) {
            return error("51000", "Parameter after, before or limit error");
        }
        int limit = limitText == null ? MAX_LIMIT : Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(limitText)));
        List<Trade> trades = tape.before(instId, after == null ? Long.MAX_VALUE : Long.parseLong(after), limit, keep);
        if (before != null) {
            long floor = Long.parseLong(before);
            trades.removeIf(t -> Long.parseLong(t.tradeId()) <= floor);
        }
        StringBuilder b = new StringBuilder(64 + trades.size() * 140).append("{\"code\":\"0\",\"msg\":\"\",\"data\":[");
        for (int i = 0; i < trades.size(); i++) {
            Trade t = trades.get(i);
            b.append(i == 0 ? "" : ",").append("{\"instId\":\"").append(instId).append("\",\"side\":\"")
                    .append(t.side().wireName()).append("\",\"sz\":\"").append(t.quantity()).append("\",\"px\":\"")
                    .append(t.price()).append("\",\"source\":\"0\",\"tradeId\":\"").append(t.tradeId())
                    .append("\",\"ts\":\"").append(t.timestamp()).append("\"}");
        }
        return new Answer(HttpResponseStatus.OK, b.append("]}").toString());
    }

    /** OKX's rate-limit answer. */
    static String tooManyRequests() {
        return "{\"code\":\"50011\",\"msg\":\"Too Many Requests\",\"data\":[]}";
    }

    private static Answer error(String code, String msg) {
        return new Answer(HttpResponseStatus.BAD_REQUEST, "{\"code\":\"" + code + "\",\"msg\":\"" + msg
                + "\",\"data\":[]}");
    }

    private static String param(QueryStringDecoder uri, String name) {
        List<String> v = uri.parameters().get(name);
        return v == null ? null : v.get(0);
    }
}
