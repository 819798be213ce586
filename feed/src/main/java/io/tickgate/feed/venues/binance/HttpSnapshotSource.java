package io.tickgate.feed.venues.binance;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.tickgate.feed.rest.RestGet;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.processing.book.SnapshotPacer;
import io.tickgate.processing.book.SnapshotSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Binance REST depth snapshots: {@code GET <base>/api/v3/depth?symbol=X&limit=N} through {@link RestGet}, parsed by
 * {@link BinanceSnapshotParser}. Never blocks the caller; the future fails on an HTTP error, a timeout or a bad body,
 * and with a {@link SnapshotPacer.RateLimited} on the venue's 429/418, on which the {@link SnapshotPacer} that paces
 * this source holds the venue's requests and slows down.
 */
public final class HttpSnapshotSource implements SnapshotSource {

    /** The {@code limit} values Binance's {@code GET /api/v3/depth} accepts. */
    public static final List<Integer> ALLOWED_LIMITS = List.of(5, 10, 20, 50, 100, 500, 1000, 5000);

    private final RestGet rest;
    private final int limit;

    /**
     * @param baseUrl {@code https://api.binance.com} (or the simulator's {@code http://127.0.0.1:PORT})
     * @param limit   the {@code limit} parameter (levels per side), one of {@link #ALLOWED_LIMITS}
     * @param group   event loops for the HTTP connections (not owned)
     * @param ssl     TLS for https (null for http)
     */
    public HttpSnapshotSource(String baseUrl, int limit, EventLoopGroup group, SslContext ssl) {
        this.rest = new RestGet(baseUrl, group, ssl);
        if (!isAllowedLimit(limit)) {
            throw new IllegalArgumentException("depth snapshot limit must be one of " + ALLOWED_LIMITS + ", got "
                    + limit);
        }
        this.limit = limit;
    }

    /** True when {@code limit} is one of {@link #ALLOWED_LIMITS}. */
    public static boolean isAllowedLimit(int limit) {
        return ALLOWED_LIMITS.contains(limit);
    }

    /** The {@code limit} sent: levels per side a snapshot holds at most. */
    public int limit() {
        return limit;
    }

    @Override
    public CompletableFuture<BookSnapshot> fetch(String symbol) {
        return rest.get("/api/v3/depth?symbol=" + symbol + "&limit=" + limit,
                body -> BinanceSnapshotParser.parse(symbol, body, System.currentTimeMillis()));
    }
}
