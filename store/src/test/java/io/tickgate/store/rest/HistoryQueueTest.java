package io.tickgate.store.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickgate.bus.local.InProcessBroker;
import io.tickgate.gateway.Gateway;
import io.tickgate.gateway.GatewayConfig;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.Kline;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Topic;
import io.tickgate.store.api.HistoryStore;
import io.tickgate.store.api.TradeCursor;
import io.tickgate.store.embedded.SqliteStore;
import io.tickgate.store.ingest.OpenCandles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood of history requests slower than the query threads: beyond the waiting room the gateway answers 503 with
 * Retry-After at once, and the requests it took are all answered once the database moves again.
 */
@Timeout(60)
class HistoryQueueTest {

    @TempDir
    Path dir;

    /** The real SQLite store, with its trade reads held at a gate (a database busy with slow ranges). */
    private static final class GatedStore implements HistoryStore {
        final HistoryStore real;
        final CountDownLatch gate = new CountDownLatch(1);

        GatedStore(HistoryStore real) {
            this.real = real;
        }

        @Override
        public String backend() {
            return real.backend();
        }

        @Override
        public void write(Batch batch) throws SQLException {
            real.write(batch);
        }

        @Override
        public List<Trade> trades(Topic topic, long from, long to, TradeCursor after, int limit) throws SQLException {
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return real.trades(topic, from, to, after, limit);
        }

        @Override
        public List<Kline> klines(Topic topic, long from, long to, int limit) throws SQLException {
            return real.klines(topic, from, to, limit);
        }

        @Override
        public List<Kline> lastKlines(Topic topic, long to, int limit) throws SQLException {
            return real.lastKlines(topic, to, limit);
        }

        @Override
        public List<BookSnapshot> books(Topic topic, long from, long to, int limit) throws SQLException {
            return real.books(topic, from, to, limit);
        }

        @Override
        public long dropBefore(long tradesBefore, long klinesBefore) throws SQLException {
            return real.dropBefore(tradesBefore, klinesBefore);
        }

        @Override
        public void close() {
            real.close();
        }
    }

    @Test
    void pastTheWaitingRoomRequestsAre503WithRetryAfterAndTheRestAreAnswered() throws Exception {
        GatedStore store = new GatedStore(SqliteStore.open(dir.resolve("history.db").toString()));
        InProcessBroker broker = new InProcessBroker("ep1");
        Gateway gateway = Gateway.start(GatewayConfig.builder().host("127.0.0.1").port(0).build(), broker,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        HistoryRoutes routes = new HistoryRoutes(store, new OpenCandles(), 1).register(gateway);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            int extra = 5;
            int total = 1 + HistoryRoutes.MAX_WAITING_QUERIES + extra; // one running, the room full, 5 more
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port()
                        + "/api/v1/trades?topic=binance.BTCUSDT.trade&limit=" + (i + 1)))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            List<HttpResponse<String>> refused = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (refused.size() < extra && System.nanoTime() < deadline) {
                refused.clear();
                for (CompletableFuture<HttpResponse<String>> a : answers) {
                    if (a.isDone()) {
                        refused.add(a.join());
                    }
                }
                Thread.sleep(20);
            }
            assertThat(refused).as("answered while the database is held").hasSize(extra)
                    .allSatisfy(r -> {
                        assertThat(r.statusCode()).isEqualTo(503);
                        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
                        assertThat(r.body()).contains("too many history queries");
                    });
            store.gate.countDown();
            long ok = 0;
            for (CompletableFuture<HttpResponse<String>> a : answers) {
                if (a.get(30, TimeUnit.SECONDS).statusCode() == 200) {
                    ok++;
                }
            }
            assertThat(ok).isEqualTo(total - extra);
        } finally {
            store.gate.countDown();
            gateway.close();
            routes.close();
            store.close();
            broker.close();
        }
    }
}
