package io.tickgate.feed.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.venue.ServerControls;
import io.tickgate.simulator.venue.VenueSimulator;
import io.tickgate.simulator.venue.VenueSimulatorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The venue's streams-per-connection cap (Binance: 1,024): no socket carries more streams (symbols × channels, those
 * in the URL included) than {@code maxStreamsPerConnection}; the pool opens the connections the cap needs, and a
 * configuration that would need more than {@code maxConnections} is refused at start. Against the simulator, whose
 * cap is set low, and which closes a socket that subscribes past it.
 */
class StreamCapTest {

    private static List<String> symbols(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("S" + i + "USDT");
        }
        return out;
    }

    @Test
    void theDefaultsAreTheVenuesLimits() {
        PoolConfig binance = PoolConfig.builder(Venue.BINANCE).symbols(symbols(10)).build();
        assertThat(binance.maxStreamsPerConnection()).isEqualTo(1024);
        assertThat(binance.maxSymbolsPerConnection()).isEqualTo(512); // trade + depth@100ms
        assertThat(PoolConfig.builder(Venue.OKX).build().maxStreamsPerConnection()).as("OKX: no documented cap")
                .isZero();
        assertThat(PoolConfig.builder(Venue.OKX).symbols(symbols(5000)).build().requiredConnections()).isEqualTo(2);
    }

    @Test
    void theMinimumIsRaisedToWhatTheCapNeedsAndMoreThanTheMaximumIsRefusedAtStart() {
        // 2,000 symbols x 2 channels = 4,000 streams: 4 connections of 1,024 (512 symbols each)
        PoolConfig fits = PoolConfig.builder(Venue.BINANCE).symbols(symbols(2000)).connections(2, 4).build();
        assertThat(fits.connectionsForStreams()).isEqualTo(4);
        assertThat(fits.requiredConnections()).isEqualTo(4);

        assertThatThrownBy(() -> PoolConfig.builder(Venue.BINANCE).symbols(symbols(2100)).connections(2, 4).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2100 symbols x 2 channels = 4200 streams need at least 5 connections")
                .hasMessageContaining("binance.maxStreamsPerConnection")
                .hasMessageContaining("raise binance.maxConnections to 5");
        assertThatThrownBy(() -> PoolConfig.builder(Venue.BINANCE).channels(List.of("trade", "aggTrade", "ticker"))
                .maxStreamsPerConnection(2).build())
                .hasMessageContaining("3 channels per symbol do not fit in maxStreamsPerConnection 2");
        assertThatThrownBy(() -> PoolConfig.builder(Venue.BINANCE).maxStreamsPerConnection(-1).build())
                .hasMessageContaining("maxStreamsPerConnection must be >= 0");
    }

    @Test
    void theRingNeverPutsMoreKeysOnANodeThanTheCap() {
        ConsistentHashRing ring = new ConsistentHashRing(128);
        for (int i = 0; i < 4; i++) {
            ring.addNode("c-" + i);
        }
        List<String> keys = symbols(400);
        Map<String, Double> rate = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            rate.put(keys.get(i), i < 300 ? 0.01 : 100.0); // 300 idle symbols: the weights alone would pile them up
        }
        Map<String, Integer> count = new HashMap<>();
        ring.assign(keys, rate::get, 0.25, 100).values().forEach(n -> count.merge(n, 1, Integer::sum));
        assertThat(count.values()).containsOnly(100);
        Map<String, Integer> uncapped = new HashMap<>();
        ring.assign(keys, rate::get, 0.25).values().forEach(n -> uncapped.merge(n, 1, Integer::sum));
        assertThat(uncapped.values()).as("without the cap they do pile up").anySatisfy(n -> assertThat(n)
                .isGreaterThan(100));
        assertThatThrownBy(() -> ring.assign(keys, rate::get, 0.25, 99)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRebalanceNeverFillsAConnectionPastTheCapEvenWhileItStillHoldsWhatItGivesAway() {
        // c-0 is hot; c-1 is full; c-2 has room for 2: at most 2 symbols go there, none to c-1
        Map<String, String> a = new HashMap<>();
        Map<String, Double> rate = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            a.put("H" + i, "c-0");
            rate.put("H" + i, 50.0);
            a.put("F" + i, "c-1");
            rate.put("F" + i, 1.0);
        }
        for (int i = 0; i < 8; i++) {
            a.put("R" + i, "c-2");
            rate.put("R" + i, 1.0);
        }
        List<String> nodes = List.of("c-0", "c-1", "c-2");
        assertThat(Rebalancer.plan(a, nodes, rate::get, 1.5, 10)).as("uncapped").hasSizeGreaterThan(2);
        Map<String, String> moves = Rebalancer.plan(a, nodes, rate::get, 1.5, 10, 10);
        assertThat(moves).hasSize(2).allSatisfy((s, to) -> assertThat(to).isEqualTo("c-2"));
    }

    @Test
    @Timeout(90)
    void everySocketStaysWithinTheVenuesCapWhileThePoolStartsScalesAndShrinks() {
        // 40 symbols x 2 streams with a cap of 12 streams: 6 symbols per socket, 7 connections (min 2)
        VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(51).symbolsPerSource(40)
                .eventsPerSecond(1000).venue(Venue.BINANCE, "maxStreamsPerConnection", 12).build());
        ServerControls venue = sim.controls(Venue.BINANCE);
        try (PoolFixture f = new PoolFixture(sim, b -> b.connections(2, 8).maxStreamsPerConnection(12), null)) {
            FeedPool pool = f.pools.pools().get(0);
            await().atMost(Duration.ofSeconds(40)).until(f.pools::ready);
            assertThat(pool.size()).isEqualTo(7);
            assertThat(f.pools.views()).allSatisfy(v -> assertThat(v.symbols().size()).isLessThanOrEqualTo(6));
            long t0 = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(20)).until(() -> f.deliveringSince(t0).size() == 40);

            pool.scaleUp();
            await().atMost(Duration.ofSeconds(30)).until(() -> pool.size() == 8 && f.pools.ready());
            pool.scaleDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> pool.size() == 7 && f.pools.ready()
                    && f.pools.views().stream().mapToInt(v -> v.symbols().size()).sum() == 40);
            pool.scaleDown(); // below what the cap needs: refused
            long t1 = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(20)).until(() -> f.deliveringSince(t1).size() == 40);
            assertThat(pool.size()).isEqualTo(7);

            assertThat(venue.maxStreamsPerConnectionSeen()).as("streams on one socket, seen by the venue")
                    .isBetween(10, 12);
            assertThat(venue.streamLimitCloses()).isZero();
            assertThat(venue.upgrades()).allSatisfy(u -> assertThat(u.status()).isEqualTo(101));
            assertThat(pool.rejectedSubscriptions()).isZero();
            assertThat(pool.reconnects()).isZero();
        }
    }

    @Test
    @Timeout(60)
    void aCapAboveTheVenuesIsWhatTheVenueRefuses() {
        // the control: the pool believes in 24 streams per socket, the venue allows 12
        VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(52).symbolsPerSource(40)
                .eventsPerSecond(500).venue(Venue.BINANCE, "maxStreamsPerConnection", 12).build());
        ServerControls venue = sim.controls(Venue.BINANCE);
        try (PoolFixture f = new PoolFixture(sim, b -> b.connections(2, 4).maxStreamsPerConnection(24)
                .backoff(200, 1000), null)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> venue.streamLimitCloses() > 0);
            assertThat(venue.upgrades()).anySatisfy(u -> assertThat(u.status()).isEqualTo(400));
            assertThat(f.pools.ready()).isFalse();
        }
    }
}
