package io.tickgate.feed.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.venue.VenueSimulator;
import io.tickgate.simulator.venue.VenueSimulatorConfig;
import io.tickgate.simulator.venue.fault.DropMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A symbol the venue does not list (Binance: 400 on the URL, then an error on {@code SUBSCRIBE}; OKX: 60018) is
 * reported on its connection, in {@code /api/v1/feeds} and in the rejected-subscriptions metric, and not retried
 * after a reconnect (Binance streams go back into the URL), while every other symbol is subscribed, verified and
 * delivering.
 */
class RejectedSubscriptionTest {

    private static List<String> plus(List<String> symbols, String extra) {
        List<String> out = new ArrayList<>(symbols);
        out.add(symbols.size() / 2, extra);
        return out;
    }

    @Test
    @Timeout(90)
    void aSymbolTheVenueDoesNotListIsReportedWhileEveryOtherSymbolDelivers() throws Exception {
        VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(21).symbolsPerSource(12)
                .eventsPerSecond(1000).build());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (PoolFixture f = new PoolFixture(sim,
                b -> b.symbols(plus(PoolFixture.symbols(sim, Venue.BINANCE), "NOPEUSDT")),
                b -> b.symbols(plus(PoolFixture.symbols(sim, Venue.OKX), "NOPE-USDT")), registry)) {
            await().atMost(Duration.ofSeconds(30)).until(f.pools::ready);
            long t0 = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(30)).until(() -> f.deliveringSince(t0).size() == 24);
            assertRejectedReported(f, registry);

            // after a reconnect the rejected symbol stays reported (not retried, not counted again)
            long reconnectsBefore = f.pools.pools().stream().mapToLong(FeedPool::reconnects).sum();
            sim.faults().drop(0, DropMode.CLOSE);
            await().atMost(Duration.ofSeconds(30)).until(() -> f.pools.pools().stream()
                    .mapToLong(FeedPool::reconnects).sum() >= reconnectsBefore + 4 && f.pools.ready());
            long t1 = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(30)).until(() -> f.deliveringSince(t1).size() == 24);
            assertRejectedReported(f, registry);
            // the bad symbol cost one refused upgrade; once it was found, the streams went back into the URL
            assertThat(sim.controls(Venue.BINANCE).upgrades()).filteredOn(a -> a.status() == 400).hasSize(1);
            assertThat(f.pools.pools().get(0).views()).allSatisfy(v -> assertThat(v.controlMessagesSent())
                    .as("LIST_SUBSCRIPTIONS only").isEqualTo(1));
            assertThat(f.lastEventAt).doesNotContainKeys("binance.NOPEUSDT", "okx.NOPE-USDT");
        }
    }

    private static void assertRejectedReported(PoolFixture f, SimpleMeterRegistry registry) throws Exception {
        for (FeedPool p : f.pools.pools()) {
            String bad = p.venue().source().equals("binance") ? "NOPEUSDT" : "NOPE-USDT";
            assertThat(p.rejectedSubscriptions()).as(p.venue() + " rejected").isEqualTo(1);
            assertThat(p.views()).filteredOn(v -> v.rejected().contains(bad)).hasSize(1);
            assertThat(p.views()).allSatisfy(v -> assertThat(v.symbols()).doesNotContain(bad));
            assertThat(p.views()).allSatisfy(v -> assertThat(v.verified()).isEqualTo(v.symbols().size()));
            assertThat(registry.get("tickgate.feed.subscriptions.rejected").tag("venue", p.venue().source())
                    .functionCounter().count()).isEqualTo(1.0);
        }
        JsonNode feeds = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(f.pools.feedsJson()));
        assertThat(feeds.get("ready").asBoolean()).isTrue();
        List<String> rejected = new ArrayList<>();
        for (JsonNode c : feeds.get("connections")) {
            c.get("rejected").forEach(r -> rejected.add(c.get("venue").asText() + ":" + r.asText()));
        }
        assertThat(rejected).containsExactlyInAnyOrder("binance:NOPEUSDT", "okx:NOPE-USDT");
    }
}
