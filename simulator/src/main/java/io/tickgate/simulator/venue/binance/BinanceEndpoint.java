package io.tickgate.simulator.venue.binance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.market.MarketSimulator;
import io.tickgate.simulator.venue.HttpResponses;
import io.tickgate.simulator.venue.ServerControls;
import io.tickgate.simulator.venue.SubscriptionIndex;
import io.tickgate.simulator.venue.TradeTape;
import io.tickgate.simulator.venue.VenueConnection;
import io.tickgate.simulator.venue.VenueEndpoint;
import io.tickgate.simulator.venue.VenueHttpHandler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Binance spot protocol on a venue server: {@code /ws[/<stream>...]}, {@code /stream?streams=a/b/c} and
 * {@code GET /api/v3/depth?symbol=X&limit=N}, backed by one market engine, and its REST trade history
 * ({@code GET /api/v3/aggTrades}, {@code GET /api/v3/historicalTrades}: {@link BinanceTradesRest}). While a REST limit
 * is in force (the {@code restLimit} fault) REST requests get 429 or 418 with {@code Retry-After} and Binance's
 * bodies; every REST request is recorded in the server controls.
 */
public final class BinanceEndpoint implements VenueEndpoint {

    private static final int DEFAULT_DEPTH_LIMIT = 100;
    private static final int MAX_DEPTH_LIMIT = 5000;

    private final BinanceSettings config;
    private final TradeTape tape;
    private final SubscriptionIndex index = new SubscriptionIndex();
    private final BinanceRenderer renderer = new BinanceRenderer(index);
    private final ObjectMapper json = new ObjectMapper();
    private volatile MarketSimulator market;
    private volatile BinanceStreams streams;
    private volatile ServerControls controls;

    public BinanceEndpoint(BinanceSettings config, int tradeHistorySize) {
        this.config = config;
        this.tape = new TradeTape(tradeHistorySize);
    }

    /** The engine sink that renders events for this endpoint's subscribers. */
    @Override
    public Consumer<io.tickgate.model.event.MarketEvent> sink() {
        return tape.andThen(renderer);
    }

    /** Connects the endpoint to its engine and server controls (before the port opens). */
    @Override
    public void attach(MarketSimulator market, ServerControls controls) {
        this.market = market;
        this.controls = controls;
        BinanceStreams known = new BinanceStreams(market.symbols());
        this.streams = known;
        controls.keySymbols(key -> {
            int at = key.indexOf('@');
            return at < 0 ? null : known.symbol(key.substring(0, at));
        });
    }

    @Override
    public boolean handleHttp(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder uri) {
        String path = uri.path();
        boolean depthPath = path.equals("/api/v3/depth");
        boolean agg = path.equals("/api/v3/aggTrades");
        if (!depthPath && !agg && !path.equals("/api/v3/historicalTrades")) {
            return false;
        }
        if (!HttpMethod.GET.equals(req.method())) {
            HttpResponses.sendAndClose(ctx, HttpResponses.json(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "{\"code\":-1000,\"msg\":\"Use GET.\"}"));
            return true;
        }
        long now = System.currentTimeMillis();
        if (HttpResponses.refusedRest(ctx, controls, now, refusal -> refusal.status() == 418
                ? "{\"code\":-1003,\"msg\":\"Way too much request weight used; IP banned until "
                        + (now + refusal.retryAfterSeconds() * 1000) + ". Please use WebSocket Streams for live"
                        + " updates to avoid bans.\"}"
                : "{\"code\":-1003,\"msg\":\"Too much request weight used; current limit is 6000 request weight"
                        + " per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.\"}")) {
            return true;
        }
        if (!depthPath) {
            BinanceTradesRest.Answer a = BinanceTradesRest.answer(tape, uri, agg, controls.tradeHistoryLimit());
            controls.recordRest(now, a.status().code(), 0);
            HttpResponses.sendAndClose(ctx, HttpResponses.json(a.status(), a.body()));
            return true;
        }
        List<String> symbolParam = uri.parameters().get("symbol");
        if (symbolParam == null || symbolParam.get(0).isEmpty()) {
            controls.recordRest(now, 400, 0);
            HttpResponses.sendAndClose(ctx, HttpResponses.json(HttpResponseStatus.BAD_REQUEST,
                    "{\"code\":-1102,\"msg\":\"Mandatory parameter 'symbol' was not sent, was empty/null, or "
                            + "malformed.\"}"));
            return true;
        }
        int limit = DEFAULT_DEPTH_LIMIT;
        List<String> limitParam = uri.parameters().get("limit");
        if (limitParam != null) {
            String l = limitParam.get(0);
            if (!l.matches("[0-9]{1,9}") || Integer.parseInt(l) < 1) {
                controls.recordRest(now, 400, 0);
                HttpResponses.sendAndClose(ctx, HttpResponses.json(HttpResponseStatus.BAD_REQUEST,
                        "{\"code\":-1100,\"msg\":\"Illegal characters found in parameter 'limit'; legal range is "
                                + "'1..5000'.\"}"));
                return true;
            }
            limit = Math.min(MAX_DEPTH_LIMIT, Integer.parseInt(l));
        }
        int depth = limit;
        String symbol = symbolParam.get(0);
        market.book(Venue.BINANCE.source(), symbol).whenComplete((book, failure) -> {
            controls.recordRest(now, book == null ? 400 : 200, 0);
            if (book == null) {
                HttpResponses.sendAndClose(ctx, HttpResponses.json(HttpResponseStatus.BAD_REQUEST,
                        failure == null ? "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}"
                                : "{\"code\":-1001,\"msg\":\"Internal error; unable to process your request.\"}"));
            } else {
                HttpResponses.sendAndClose(ctx, HttpResponses.json(HttpResponseStatus.OK, body(book, depth)));
            }
        });
        return true;
    }

    private static String body(BookSnapshot book, int depth) {
        return BinanceRenderer.depthJson(book.sequence(), book.bids().subList(0, Math.min(depth, book.bids().size())),
                book.asks().subList(0, Math.min(depth, book.asks().size())));
    }

    @Override
    public FullHttpResponse checkUpgrade(QueryStringDecoder uri) {
        List<String> names = urlStreams(uri);
        if (names == null) {
            return HttpResponses.json(HttpResponseStatus.NOT_FOUND, "{\"code\":-1,\"msg\":\"Unknown path.\"}");
        }
        if (names.size() > config.maxStreamsPerConnection()) {
            return HttpResponses.json(HttpResponseStatus.BAD_REQUEST,
                    "{\"code\":-1,\"msg\":\"Too many streams, at most " + config.maxStreamsPerConnection() + ".\"}");
        }
        for (String s : names) {
            String problem = streams.validate(s);
            if (problem != null) {
                return HttpResponses.json(HttpResponseStatus.BAD_REQUEST,
                        json.createObjectNode().put("code", -1).put("msg", problem).toString());
            }
        }
        return null;
    }

    @Override
    public boolean combined(QueryStringDecoder uri) {
        return uri.path().equals("/stream") || uri.path().equals("/stream/");
    }

    @Override
    public ChannelHandler open(VenueConnection connection, QueryStringDecoder uri) {
        return new BinanceFrameHandler(connection, index, streams, config, json, controls);
    }

    @Override
    public void handshakeComplete(VenueConnection connection, QueryStringDecoder uri) {
        BinanceFrameHandler h = (BinanceFrameHandler) connection.channel().pipeline().get(VenueHttpHandler.FRAMES);
        if (h != null) {
            h.start(connection.channel().pipeline().context(h), urlStreams(uri));
        }
    }

    /** The streams named in the URL, or null if the path is not a stream path. */
    private static List<String> urlStreams(QueryStringDecoder uri) {
        String path = uri.path();
        if (path.equals("/ws") || path.equals("/ws/")) {
            return List.of();
        }
        if (path.startsWith("/ws/")) {
            return split(path.substring(4));
        }
        if (path.equals("/stream") || path.equals("/stream/")) {
            List<String> p = uri.parameters().get("streams");
            return p == null ? List.of() : split(p.get(0));
        }
        return null;
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>(Arrays.asList(s.split("/")));
        out.removeIf(String::isEmpty);
        return out;
    }
}
