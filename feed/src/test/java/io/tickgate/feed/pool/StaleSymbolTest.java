package io.tickgate.feed.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.venue.VenueSimulator;
import io.tickgate.simulator.venue.VenueSimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Stale symbols against the simulator: the venue stops pushing one busy symbol on its socket while the socket's other
 * symbols flow (the {@code mute} fault). The pool detects it within its threshold, reports it in
 * {@code /api/v1/feeds}, resubscribes it and it delivers again; a stream stuck for good on that socket gets the
 * connection recycled make-before-break. No other symbol, the slowest included, is flagged.
 */
@Execution(ExecutionMode.CONCURRENT)
class StaleSymbolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MIN_SILENCE_MILLIS = 300;
    /**
     * Silence threshold in mean gaps. The simulated market's trades come in bursts (self-exciting; variance/mean ~5),
     * so a calm symbol's quiet stretch can last tens of its mean gaps: the test's factor keeps such natural silences
     * below the threshold (the gaps between bursts are about two mean gaps, so 50 of them are out of reach), while the
     * muted symbol (silent for good) is still found within seconds. The market's activity regimes are fixed for the
     * run (every symbol calm): a symbol whose hot spell ends trades some twenty times less from one moment to the
     * next, a silence its own recent rate cannot foresee; in production the minimum silence (30 s by default) covers
     * that, here it is 0.3 s to show the per-symbol threshold at work.
     */
    private static final double FACTOR = 50;

    @Test
    @Timeout(90)
    void aSymbolMutedOnItsSocketIsDetectedReportedResubscribedAndDeliversAgain() throws Exception {
        try (Scenario s = new Scenario(11, 3)) { // a recycle only if three resubscriptions in a row failed
            long muteAt = s.mute(false);
            await().atMost(Duration.ofSeconds(40)).until(() -> s.firstReport.get() != null
                    && s.pool.processor().staleResubscribes() >= 1 && s.delivering(s.firstReportAt.get()));
            JsonNode report = s.firstReport.get();
            // detected within its threshold (max(50 x its mean gap, 0.3 s)) plus the once-a-second check
            assertThat(s.firstReportAt.get() - muteAt).isLessThanOrEqualTo(report.get("thresholdMillis").asLong()
                    + 5_000);
            assertThat(report.get("silentMillis").asLong()).isGreaterThan(report.get("thresholdMillis").asLong());
            assertThat(report.get("usualRate").asDouble()).isPositive();
            assertThat(s.pool.processor().staleRecycles()).isZero();
            assertThat(s.pool.reconnects()).isZero();
            Thread.sleep(2000);
            assertThat(s.flagged).containsOnly(s.symbol).doesNotContain(s.slowest);
            assertThat(s.pool.processor().staleSymbols()).isEmpty();
        }
    }

    @Test
    @Timeout(90)
    void aSymbolThatStaysStuckAfterResubscribingGetsItsConnectionRecycled() throws Exception {
        try (Scenario s = new Scenario(12, 1)) {
            long muteAt = s.mute(true);
            await().atMost(Duration.ofSeconds(60)).until(() -> s.firstReport.get() != null
                    && s.pool.processor().staleRecycles() >= 1 && s.pool.rotations() >= 1
                    && s.delivering(s.firstReportAt.get()));
            JsonNode report = s.firstReport.get();
            assertThat(report).isNotNull();
            assertThat(s.pool.processor().staleResubscribes()).isGreaterThanOrEqualTo(1);
            assertThat(s.pool.reconnects()).isZero();
            assertThat(s.flagged).containsOnly(s.symbol).doesNotContain(s.slowest);
            await().atMost(Duration.ofSeconds(10)).until(() -> s.pool.processor().staleSymbols().isEmpty());
        }
    }

    /** A one-connection Binance pool on the simulator, a poller of /api/v1/feeds, and one busy symbol to mute. */
    private static final class Scenario implements AutoCloseable {

        final PoolFixture f;
        final FeedPool pool;
        final String symbol;
        final String slowest;
        final Set<String> flagged = ConcurrentHashMap.newKeySet();
        final AtomicReference<JsonNode> firstReport = new AtomicReference<>();
        final AtomicLong firstReportAt = new AtomicLong();
        private final Thread poller;
        private volatile boolean polling = true;

        Scenario(long seed, int resubscribes) throws Exception {
            VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(seed).symbolsPerSource(8)
                    .eventsPerSecond(200).fixedHotSymbols(0).build());
            f = new PoolFixture(sim, b -> b.connections(1, 1).channels(List.of("trade"))
                    .stale(FACTOR, MIN_SILENCE_MILLIS, resubscribes), null);
            pool = f.pools.pools().get(0);
            assertThat(f.pools.awaitWarm(30_000)).isTrue();
            Thread.sleep(8000); // every symbol's usual rate is learned
            Map<String, Double> rates = pool.processor().symbolRates();
            symbol = rates.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            slowest = rates.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
            System.out.println("stale test: trades/s learned per symbol " + rates + ", muting " + symbol);
            // trades only, at a low rate: the calm symbols' natural gaps are longer than the minimum silence, so a
            // fixed silence threshold would flag them; their own rate gives them a far longer one
            assertThat(rates.get(slowest)).isLessThan(1000.0 / MIN_SILENCE_MILLIS);
            poller = new Thread(this::poll, "stale-test-poller");
            poller.setDaemon(true);
            poller.start();
        }

        /** Mutes the symbol on its socket through the simulator's admin endpoint; returns when it was in force. */
        long mute(boolean sticky) throws Exception {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + f.sim.port(Venue.BINANCE) + "/admin/fault"))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(
                            "{\"type\":\"mute\",\"symbol\":\"" + symbol + "\",\"sticky\":" + sticky + "}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(r.body()).get("applied").asInt()).isEqualTo(1);
            return System.currentTimeMillis();
        }

        /** The muted symbol published something after {@code sinceMillis} (after its detection: it was revived). */
        boolean delivering(long sinceMillis) {
            return f.deliveringSince(sinceMillis).contains("binance." + symbol);
        }

        private void poll() {
            while (polling) {
                try {
                    JsonNode feeds = JSON.readTree(JSON.writeValueAsString(f.pools.feedsJson()));
                    for (JsonNode c : feeds.get("connections")) {
                        for (JsonNode st : c.get("stale")) {
                            if (flagged.add(st.get("symbol").asText())) {
                                System.out.println("stale test: flagged " + st);
                            }
                            if (st.get("symbol").asText().equals(symbol) && firstReport.get() == null) {
                                firstReportAt.set(System.currentTimeMillis());
                                firstReport.set(st);
                            }
                        }
                    }
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        @Override
        public void close() {
            polling = false;
            poller.interrupt();
            try {
                poller.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            f.close();
        }
    }
}
