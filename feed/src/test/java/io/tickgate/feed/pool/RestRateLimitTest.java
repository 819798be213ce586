package io.tickgate.feed.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.venue.ServerControls;
import io.tickgate.simulator.venue.ServerControls.RestRequest;
import io.tickgate.simulator.venue.VenueSimulator;
import io.tickgate.simulator.venue.VenueSimulatorConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Binance's REST "slow down" answers on depth snapshots are honoured: after a 429 (and after a 418 ban) no snapshot
 * request of the venue reaches the simulator before {@code Retry-After} has passed, every book still syncs
 * afterwards, at a slower pace; the answers are counted. Request times are measured on the simulator.
 */
class RestRateLimitTest {

    private static final int SYMBOLS = 12;

    @Test
    @Timeout(120)
    void a429AndA418AreWaitedOutThenBooksSyncAtASlowerPace() {
        VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(61).symbolsPerSource(SYMBOLS)
                .eventsPerSecond(1000).build());
        ServerControls venue = sim.controls(Venue.BINANCE);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (PoolFixture f = new PoolFixture(sim, b -> b.snapshots(100, 8, 8), null, registry)) {
            FeedPool pool = f.pools.pools().get(0);
            await().atMost(Duration.ofSeconds(30)).until(() -> f.pools.ready() && f.bookSnapshots.size() == SYMBOLS);
            assertThat(pool.snapshotsPerSecond()).isEqualTo(8.0);

            // 429 for 3 s (a client that keeps sending 1 s after the first 429 would be banned: 418), and every
            // book loses updates, so every book resyncs and needs a snapshot
            long from = System.currentTimeMillis();
            Map<String, Integer> before = new HashMap<>(f.bookSnapshots);
            sim.faults(Venue.BINANCE).restLimit(429, 3000, 60_000);
            sim.faults(Venue.BINANCE).skipSequenceEachBook(0, 1);
            f.awaitOrExplain(Duration.ofSeconds(40), () -> "every book resynced after the 429", pool,
                    () -> f.resyncedSince(before).size() == SYMBOLS);
            List<RestRequest> log = since(venue.restRequests(), from);
            assertThat(log).extracting(RestRequest::status).contains(429).doesNotContain(418);
            long retryAfterEnd = assertHoldRespected(log, 429);
            assertThat(pool.snapshotsRateLimited()).isPositive();
            assertThat(pool.snapshotsPerSecond()).as("half the pace").isEqualTo(4.0);
            // the pace after the hold: 1 request at its end, then at most 4/s (burst 4); at the configured pace
            // every waiting symbol could go within the first second
            assertAtMostPerSecond(log, retryAfterEnd, 1 + 4 + 1);

            // a 418 ban for 3 s: the same, with its longer wait; the pace is quartered
            long from2 = System.currentTimeMillis();
            Map<String, Integer> before2 = new HashMap<>(f.bookSnapshots);
            sim.faults(Venue.BINANCE).restLimit(418, 3000, 0);
            sim.faults(Venue.BINANCE).skipSequenceEachBook(0, 1);
            f.awaitOrExplain(Duration.ofSeconds(60), () -> "every book resynced after the 418 (REST requests since: "
                    + since(venue.restRequests(), from2) + ")", pool, () -> f.resyncedSince(before2).size() == SYMBOLS);
            List<RestRequest> log2 = since(venue.restRequests(), from2);
            assertThat(log2).extracting(RestRequest::status).contains(418);
            long banEnd = assertHoldRespected(log2, 418);
            assertThat(pool.snapshotsBanned()).isPositive();
            assertThat(pool.snapshotsPerSecond()).as("a quarter of the pace before").isEqualTo(1.0);
            assertAtMostPerSecond(log2, banEnd, 1 + 1 + 1);
            assertThat(f.pools.ready()).isTrue();
            assertThat(pool.reconnects()).isZero();

            assertThat(registry.get("tickgate.feed.snapshot.rate.limited").tags("venue", "binance", "status", "429")
                    .functionCounter().count()).isEqualTo(pool.snapshotsRateLimited());
            assertThat(registry.get("tickgate.feed.snapshot.rate.limited").tags("venue", "binance", "status", "418")
                    .functionCounter().count()).isEqualTo(pool.snapshotsBanned());
            assertThat(registry.get("tickgate.feed.snapshot.rate").tags("venue", "binance").gauge().value())
                    .isEqualTo(1.0);
            assertThat(registry.get("tickgate.feed.snapshot.hold").tags("venue", "binance").gauge().value())
                    .isZero();
        }
    }

    private static List<RestRequest> since(List<RestRequest> log, long fromMillis) {
        return log.stream().filter(r -> r.atMillis() >= fromMillis).toList();
    }

    /**
     * After the first answer with {@code status} at t with {@code Retry-After: r}, no request arrives in
     * (t + 50 ms, t + r s) (only a request sent before the answer reached the pool may arrive right after it), and
     * the requests after the hold are answered 200. Returns when the hold ended (t + r s).
     */
    private static long assertHoldRespected(List<RestRequest> log, int status) {
        RestRequest first = log.stream().filter(r -> r.status() == status).findFirst().orElseThrow();
        long end = first.atMillis() + first.retryAfterSeconds() * 1000;
        for (RestRequest r : log) {
            assertThat(r.atMillis() > first.atMillis() + 50 && r.atMillis() < end)
                    .as("request at +%d ms after a %d with Retry-After %d s", r.atMillis() - first.atMillis(),
                            status, first.retryAfterSeconds())
                    .isFalse();
        }
        List<RestRequest> after = log.stream().filter(r -> r.atMillis() >= end).toList();
        assertThat(after).as("snapshots fetched after the hold").hasSizeGreaterThanOrEqualTo(SYMBOLS / 2)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        return end;
    }

    /** From {@code fromMillis} on, no 1-second window holds more than {@code max} requests. */
    private static void assertAtMostPerSecond(List<RestRequest> log, long fromMillis, int max) {
        List<Long> times = log.stream().map(RestRequest::atMillis).filter(t -> t >= fromMillis).sorted().toList();
        for (int i = 0; i < times.size(); i++) {
            int j = i;
            while (j < times.size() && times.get(j) < times.get(i) + 1000) {
                j++;
            }
            assertThat(j - i).as("requests within 1 s from +%d ms after the hold", times.get(i) - fromMillis)
                    .isLessThanOrEqualTo(max);
        }
    }
}
