package io.tickgate.store.rest;

import io.netty.handler.codec.http.HttpMethod;
import io.tickgate.gateway.Gateway;
import io.tickgate.gateway.http.ApiRequest;
import io.tickgate.gateway.http.ApiResponse;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Topic;
import io.tickgate.store.api.HistoryStore;
import io.tickgate.store.api.TradeCursor;
import io.tickgate.store.ingest.OpenCandles;
import io.tickgate.store.sql.Rows;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /api/v1/klines}, {@code GET /api/v1/trades} and {@code GET /api/v1/books} (docs/rest.md). Parameters
 * are checked on the event loop (a bad one answers 400 at once); the query runs on this class's own small thread pool, never on the event
 * loop. A range counts as closed (cacheable) when it ended more than {@link #SETTLE_MILLIS} ago, past the candle
 * close delay and the writer's usual lag.
 */
public final class HistoryRoutes implements AutoCloseable {

    /** How long after its end a range is taken as final. */
    static final long SETTLE_MILLIS = 120_000;
    /** Queries waiting for a query thread; past them a request is answered 503 with Retry-After at once. */
    static final int MAX_WAITING_QUERIES = 64;
    /** A trades or books request without {@code from} starts this long before {@code to}. */
    static final long DEFAULT_TRADES_SPAN_MILLIS = 3_600_000;

    private final HistoryStore store;
    private final KlineHistory klines;
    private final ExecutorService executor;

    public HistoryRoutes(HistoryStore store, OpenCandles openCandles, int threads) {
        this.store = store;
        this.klines = new KlineHistory(store, openCandles);
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(MAX_WAITING_QUERIES), r -> {
                    Thread t = new Thread(r, "store-rest-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Adds the routes to {@code gateway}. */
    public HistoryRoutes register(Gateway gateway) {
        gateway.addRoute(HttpMethod.GET, "/api/v1/klines", this::klines);
        gateway.addRoute(HttpMethod.GET, "/api/v1/trades", this::trades);
        gateway.addRoute(HttpMethod.GET, "/api/v1/books", this::books);
        return this;
    }

    CompletionStage<ApiResponse> klines(ApiRequest req) {
        Topic topic = HistoryParams.topic(req, t -> t.channel().isKline(), "a kline topic such as "
                + "binance.BTCUSDT.kline.1m");
        long now = System.currentTimeMillis();
        long to = HistoryParams.time(req, "to", now);
        Long from = req.param("from") == null ? null : HistoryParams.time(req, "from", 0);
        if (from != null) {
            HistoryParams.ordered(from, to);
        }
        int limit = HistoryParams.limit(req);
        boolean closed = req.param("to") != null
                && to < now - Rows.interval(topic.channel()).millis() - SETTLE_MILLIS; // no overflow at MAX_VALUE
        return query(() -> {
            List<Kline> rows = klines.read(topic, from, to, limit);
            return HistoryResponses.rows(req, topic, "klines", rows, null, closed);
        });
    }

    CompletionStage<ApiResponse> trades(ApiRequest req) {
        Topic topic = HistoryParams.topic(req, t -> t.channel().isTrade(), "a trade topic such as "
                + "binance.BTCUSDT.trade or binance.BTCUSDT.aggTrade");
        HistoryParams.Span span = HistoryParams.span(req, DEFAULT_TRADES_SPAN_MILLIS, SETTLE_MILLIS);
        TradeCursor after = HistoryParams.cursor(req);
        return query(() -> {
            List<Trade> rows = store.trades(topic, span.from(), span.to(), after, span.limit());
            Trade last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            String next = rows.size() < span.limit() ? null
                    : new TradeCursor(last.timestamp(), last.tradeId()).encode();
            return HistoryResponses.rows(req, topic, "trades", rows, next, span.closed());
        });
    }

    CompletionStage<ApiResponse> books(ApiRequest req) {
        Topic topic = HistoryParams.topic(req, t -> t.channel() == Channel.BOOK, "a book topic such as "
                + "binance.BTCUSDT.book");
        HistoryParams.Span span = HistoryParams.span(req, DEFAULT_TRADES_SPAN_MILLIS, SETTLE_MILLIS);
        return query(() -> HistoryResponses.rows(req, topic, "books",
                store.books(topic, span.from(), span.to(), span.limit()), null, span.closed()));
    }

    /**
     * Runs a query off the event loop; with {@value #MAX_WAITING_QUERIES} already waiting for the query threads, 503
     * with {@code Retry-After: 1} at once (a flood of slow ranges must not queue every later request behind it).
     */
    private CompletionStage<ApiResponse> query(Query q) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return q.run();
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            }, executor);
        } catch (RejectedExecutionException busy) {
            return CompletableFuture.completedFuture(ApiResponse.error(503, "too many history queries waiting; "
                    + "retry shortly").withHeader("Retry-After", "1"));
        }
    }

    @FunctionalInterface
    private interface Query {
        ApiResponse run() throws SQLException;
    }

    /** Stops the query threads (the routes then answer 500 until the gateway closes). */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
