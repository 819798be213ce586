package io.tickgate.simulator.venue.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.tickgate.simulator.venue.HttpResponses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code POST /admin/fault} with a JSON body, answered with {@code {"applied":n}} or a 400 error:
 * <pre>
 * {"type":"drop","count":1,"mode":"rst"|"close"}     {"type":"stall","count":0,"millis":5000}
 * {"type":"skipSequence","count":1,"updates":1,"eachBook":false}   {"type":"malformed","count":1}
 * {"type":"refuse","millis":3000}                    {"type":"rateLimit","millis":3000}
 * {"type":"rateLimitRequests","millis":3000}               {"type":"exhaustConnectAttempts"}
 * {"type":"slow","count":1,"delayMillis":200,"millis":5000}   {"type":"resetSequence"}
 * {"type":"restLimit","status":429,"millis":3000,"banMillis":120000}
 * {"type":"mute","symbol":"BTCUSDT","count":1,"sticky":false}
 * {"type":"tradeHistory","keep":100}                           (REST trade history: newest 100 per symbol; 0 = all)
 * </pre>
 * {@code count} 0 or absent means every connection of this server ({@code mute}: every connection carrying the
 * symbol). {@code mute} stops pushing one symbol to a connection while its other symbols flow, until the client
 * unsubscribes it ({@code sticky}: until the connection closes).
 */
public final class FaultAdminHandler {

    /** The admin path on every venue port. */
    public static final String PATH = "/admin/fault";

    private final ObjectMapper json = new ObjectMapper();
    private final FaultInjector faults;

    public FaultAdminHandler(FaultInjector faults) {
        this.faults = faults;
    }

    /** Answers one admin request. */
    public void handle(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!HttpMethod.POST.equals(req.method())) {
            HttpResponses.sendAndClose(ctx, HttpResponses.json(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "{\"error\":\"use POST with a JSON body\"}"));
            return;
        }
        String body = req.content().toString(StandardCharsets.UTF_8);
        try {
            int applied = apply(json.readTree(body));
            HttpResponses.sendAndClose(ctx, HttpResponses.json(HttpResponseStatus.OK,
                    "{\"applied\":" + applied + "}"));
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            HttpResponses.sendAndClose(ctx, HttpResponses.json(HttpResponseStatus.BAD_REQUEST,
                    json.createObjectNode().put("error", msg.lines().findFirst().orElse("bad request")).toString()));
        }
    }

    /** Applies one fault described as JSON; returns how many connections it hit (or 1 for server-wide faults). */
    int apply(JsonNode f) throws IOException {
        if (f == null || !f.isObject() || !f.path("type").isTextual()) {
            throw new IllegalArgumentException("expected a JSON object with a \"type\"");
        }
        int count = f.path("count").asInt(0);
        switch (f.get("type").asText()) {
            case "drop":
                return faults.drop(count, DropMode.valueOf(f.path("mode").asText("rst").toUpperCase(Locale.ROOT)));
            case "stall":
                return faults.stall(count, millis(f, "millis"));
            case "skipSequence":
                int updates = Math.max(1, f.path("updates").asInt(1));
                return f.path("eachBook").asBoolean(false) ? faults.skipSequenceEachBook(count, updates)
                        : faults.skipSequence(count, updates);
            case "malformed":
                return faults.malformed(count);
            case "refuse":
                faults.refuseConnections(millis(f, "millis"));
                return 1;
            case "rateLimit":
                faults.rateLimit(millis(f, "millis"));
                return 1;
            case "rateLimitRequests":
                faults.rateLimitRequests(millis(f, "millis"));
                return 1;
            case "exhaustConnectAttempts":
                faults.exhaustConnectAttempts();
                return 1;
            case "slow":
                return faults.slowDown(count, millis(f, "delayMillis"), millis(f, "millis"));
            case "mute":
                if (!f.path("symbol").isTextual() || f.get("symbol").asText().isBlank()) {
                    throw new IllegalArgumentException("\"symbol\" must name the symbol to mute");
                }
                return faults.mute(f.get("symbol").asText(), count, f.path("sticky").asBoolean(false));
            case "tradeHistory":
                if (!f.path("keep").canConvertToInt() || f.get("keep").asInt() < 0) {
                    throw new IllegalArgumentException("\"keep\" must be the trades kept per symbol (0 = all)");
                }
                faults.tradeHistory(f.get("keep").asInt());
                return 1;
            case "resetSequence":
                faults.resetSequences();
                return 1;
            case "restLimit":
                int status = f.path("status").asInt(429);
                if (status != 429 && status != 418) {
                    throw new IllegalArgumentException("\"status\" must be 429 or 418");
                }
                long ban = f.path("banMillis").asLong(0);
                if (ban < 0) {
                    throw new IllegalArgumentException("\"banMillis\" must be 0 (no ban) or positive");
                }
                faults.restLimit(status, millis(f, "millis"), ban);
                return 1;
            default:
                throw new IllegalArgumentException("unknown fault type: " + f.get("type").asText());
        }
    }

    private static long millis(JsonNode f, String field) {
        long v = f.path(field).asLong(-1);
        if (v <= 0) {
            throw new IllegalArgumentException("\"" + field + "\" must be a positive number of milliseconds");
        }
        return v;
    }
}
