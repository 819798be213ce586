package io.tickgate.simulator.venue.okx;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.simulator.instrument.Instrument;
import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.market.MarketSimulator;
import io.tickgate.simulator.venue.HttpResponses;
import io.tickgate.simulator.venue.ServerControls;
import io.tickgate.simulator.venue.SubscriptionIndex;
import io.tickgate.simulator.venue.TradeTape;
import io.tickgate.simulator.venue.VenueConnection;
import io.tickgate.simulator.venue.VenueEndpoint;
import io.tickgate.simulator.venue.VenueHttpHandler;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The OKX v5 protocol on a venue server: {@code /ws/v5/public} and {@code /ws/v5/business}, one market engine, and
 * its REST trade history ({@code GET /api/v5/market/history-trades}: {@link OkxTradesRest}; the {@code restLimit}
 * fault answers it with 429 and OKX's 50011).
 */
public final class OkxEndpoint implements VenueEndpoint {

    private final OkxSettings config;
    private final SubscriptionIndex index = new SubscriptionIndex();
    private final OkxRenderer renderer;
    private final TradeTape tape;
    private final ObjectMapper json = new ObjectMapper();
    private volatile MarketSimulator market;
    private volatile ServerControls controls;
    private volatile Set<String> instIds = Set.of();

    public OkxEndpoint(OkxSettings config, int tradeHistorySize) {
        this.config = config;
        this.tape = new TradeTape(tradeHistorySize);
        this.renderer = new OkxRenderer(Venue.OKX.source(), index, config.bookHeartbeatMillis());
    }

    /** The engine sink that renders events for this endpoint's subscribers. */
    @Override
    public Consumer<MarketEvent> sink() {
        return tape.andThen(renderer);
    }

    /** Connects the endpoint to its engine and server controls (before the port opens). */
    @Override
    public void attach(MarketSimulator market, ServerControls controls) {
        this.market = market;
        this.controls = controls;
        Set<String> ids = new HashSet<>();
        for (Instrument i : market.symbols()) {
            ids.add(i.symbol());
        }
        this.instIds = Set.copyOf(ids);
        controls.sequenceReset(renderer::requestSequenceReset);
        controls.keySymbols(OkxChannels::instId);
    }

    @Override
    public boolean handleHttp(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
        if (!uri.path().equals(OkxTradesRest.PATH)) {
            return false;
        }
        long now = System.currentTimeMillis();
        if (HttpResponses.refusedRest(ctx, controls, now, refusal -> OkxTradesRest.tooManyRequests())) {
            return true;
        }
        OkxTradesRest.Answer a = OkxTradesRest.answer(tape, instIds, uri, controls.tradeHistoryLimit());
        controls.recordRest(now, a.status().code(), 0);
        HttpResponses.sendAndClose(ctx, HttpResponses.json(a.status(), a.body()));
        return true;
    }

    @Override
    public FullHttpResponse checkUpgrade(QueryStringDecoder uri) {
        String p = uri.path();
        if (p.equals(OkxChannels.PUBLIC_PATH) || p.equals(OkxChannels.BUSINESS_PATH)) {
            return null;
        }
        return HttpResponses.json(HttpResponseStatus.NOT_FOUND,
                "{\"event\":\"error\",\"code\":\"60018\",\"msg\":\"Wrong URL\"}");
    }

    @Override
    public boolean combined(QueryStringDecoder uri) {
        return false;
    }

    @Override
    public ChannelHandler open(VenueConnection connection, QueryStringDecoder uri) {
        return new OkxFrameHandler(connection, uri.path().equals(OkxChannels.BUSINESS_PATH), index, renderer, market,
                instIds, controls, config, json);
    }

    @Override
    public void handshakeComplete(VenueConnection connection, QueryStringDecoder uri) {
        OkxFrameHandler h = (OkxFrameHandler) connection.channel().pipeline().get(VenueHttpHandler.FRAMES);
        if (h != null) {
            h.start(connection.channel().pipeline().context(h));
        }
    }
}
