package io.tickgate.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.feed.pool.FeedPool;
import io.tickgate.feed.pool.PoolConfig;
import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.instrument.Instrument;
import io.tickgate.simulator.venue.VenueSimulator;
import io.tickgate.simulator.venue.VenueSimulatorConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sharded feeds: two shard pools of one venue on one node, against the venue simulator, each with its own feed meters
 * tagged {@code shard} (connections, reconnects, backfilled trades, ...), which leave the registry when the shard's
 * pool stops.
 */
class ShardPoolMetricsTest {

    @Test
    @Timeout(60)
    void eachShardPoolHasItsOwnMetersUntilItStops() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (VenueSimulator sim = VenueSimulator.start(VenueSimulatorConfig.builder().seed(3).symbolsPerSource(2)
                .eventsPerSecond(200).build()); FeedPools pools = FeedPools.sharded(1, registry)) {
            List<Instrument> symbols = sim.symbols(Venue.BINANCE);
            FeedPool first = pools.start("binance/0-of-2", config(sim, symbols.get(0).symbol()), e -> { }, Map.of());
            FeedPool second = pools.start("binance/1-of-2", config(sim, symbols.get(1).symbol()), e -> { }, Map.of());
            await().atMost(Duration.ofSeconds(30)).until(() -> first.ready() && second.ready());

            assertThat(shards(registry, "tickgate.feed.connections")).containsExactlyInAnyOrder("binance/0-of-2",
                    "binance/1-of-2");
            for (String name : List.of("tickgate.feed.reconnects", "tickgate.feed.trades.backfilled",
                    "tickgate.feed.trades.unrecoverable", "tickgate.feed.messages", "tickgate.feed.queue.depth")) {
                assertThat(shards(registry, name)).as(name).containsExactlyInAnyOrder("binance/0-of-2",
                        "binance/1-of-2");
            }
            assertThat(registry.find("tickgate.feed.connections").tags("shard", "binance/0-of-2", "state", "up")
                    .gauge().value()).isEqualTo(1.0);
            await().atMost(Duration.ofSeconds(20)).until(() -> registry.find("tickgate.feed.messages")
                    .tags("shard", "binance/1-of-2").functionCounter().count() > 0);

            pools.stop(first);
            assertThat(shards(registry, "tickgate.feed.connections")).containsExactly("binance/1-of-2");
            assertThat(shards(registry, "tickgate.feed.trades.backfilled")).containsExactly("binance/1-of-2");
        }
    }

    private static Set<String> shards(SimpleMeterRegistry registry, String name) {
        return registry.find(name).meters().stream().map(Meter::getId).map(id -> id.getTag("shard"))
                .collect(Collectors.toSet());
    }

    private static PoolConfig config(VenueSimulator sim, String symbol) {
        return PoolConfig.builder(Venue.BINANCE).url("ws://127.0.0.1:" + sim.port(Venue.BINANCE))
                .restUrl("http://127.0.0.1:" + sim.port(Venue.BINANCE)).symbols(List.of(symbol))
                .channels(List.of("trade")).connections(1, 1).build();
    }
}
