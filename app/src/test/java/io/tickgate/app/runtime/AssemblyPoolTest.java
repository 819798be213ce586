package io.tickgate.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickgate.app.config.ConfigLoader;
import io.tickgate.app.config.TickgateConfig;
import io.tickgate.feed.pipeline.StaleRule;
import io.tickgate.feed.pool.PoolConfig;
import io.tickgate.model.venue.Venue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each venue's config section reaches its pool's settings. */
class AssemblyPoolTest {

    @Test
    @Timeout(30)
    void controlLimitsAndTheirRecoveryReachThePool() {
        TickgateConfig c = new ConfigLoader().load(null, Map.of(), List.of("binance.controlRecoveryMillis=120000",
                "binance.controlMessages=3", "okx.controlRecoveryMillis=0"));
        PoolConfig binance = Assembly.pool(Venue.BINANCE, c.venue("binance"), null);
        assertThat(binance.controlMessages()).isEqualTo(3);
        assertThat(binance.controlWindowMillis()).isEqualTo(1_100);
        assertThat(binance.controlRecoveryMillis()).isEqualTo(120_000);
        PoolConfig okx = Assembly.pool(Venue.OKX, c.venue("okx"), null);
        assertThat(okx.controlRecoveryMillis()).isZero();
        assertThat(Assembly.pool(Venue.OKX, new ConfigLoader().load(null, Map.of(), List.of()).venue("okx"), null)
                .controlRecoveryMillis()).isEqualTo(600_000);

        TickgateConfig negative = new ConfigLoader().load(null, Map.of(), List.of("okx.controlRecoveryMillis=-1"));
        assertThatThrownBy(() -> Assembly.pool(Venue.OKX, negative.venue("okx"), null))
                .hasMessageContaining("controlRecoveryMillis");
        TickgateConfig belowCap = new ConfigLoader().load(null, Map.of(), List.of("okx.controlRecoveryMillis=30000",
                "okx.backoffCapMillis=60000"));
        assertThatThrownBy(() -> Assembly.pool(Venue.OKX, belowCap.venue("okx"), null))
                .hasMessageContaining("controlRecoveryMillis");
    }

    @Test
    @Timeout(30)
    void theStreamCapAndTheSnapshotRecoveryReachThePool() {
        TickgateConfig d = new ConfigLoader().load(null, Map.of(), List.of());
        assertThat(Assembly.pool(Venue.BINANCE, d.venue("binance"), null).maxStreamsPerConnection()).isEqualTo(1024);
        assertThat(Assembly.pool(Venue.BINANCE, d.venue("binance"), null).snapshotRecoveryMillis()).isEqualTo(60_000);
        assertThat(Assembly.pool(Venue.OKX, d.venue("okx"), null).maxStreamsPerConnection()).isZero();

        TickgateConfig c = new ConfigLoader().load(null, Map.of(), List.of("binance.maxStreamsPerConnection=6",
                "binance.snapshotRecoveryMillis=5000", "binance.symbols=A,B,C,D,E,F,G,H"));
        PoolConfig binance = Assembly.pool(Venue.BINANCE, c.venue("binance"), null);
        assertThat(binance.snapshotRecoveryMillis()).isEqualTo(5_000);
        assertThat(binance.requiredConnections()).as("8 symbols x 3 channels, 6 streams per socket").isEqualTo(4);
        TickgateConfig tooMany = new ConfigLoader().load(null, Map.of(), List.of("binance.maxStreamsPerConnection=3",
                "binance.symbols=A,B,C,D,E"));
        assertThatThrownBy(() -> Assembly.pool(Venue.BINANCE, tooMany.venue("binance"), null))
                .hasMessageContaining("need at least 5 connections").hasMessageContaining("binance.maxConnections");
    }

    @Test
    @Timeout(30)
    void theStaleSymbolRuleReachesThePoolPerVenue() {
        TickgateConfig d = new ConfigLoader().load(null, Map.of(), List.of());
        assertThat(Assembly.pool(Venue.BINANCE, d.venue("binance"), null).stale())
                .isEqualTo(new StaleRule(50, 30_000, 2));
        assertThat(Assembly.pool(Venue.OKX, d.venue("okx"), null).stale()).isEqualTo(new StaleRule(50, 30_000, 2));

        TickgateConfig c = new ConfigLoader().load(null, Map.of(), List.of("okx.staleFactor=20",
                "okx.staleMinSilenceMillis=5000", "okx.staleResubscribes=0", "binance.staleFactor=0"));
        assertThat(Assembly.pool(Venue.OKX, c.venue("okx"), null).stale()).isEqualTo(new StaleRule(20, 5_000, 0));
        assertThat(Assembly.pool(Venue.BINANCE, c.venue("binance"), null).stale().enabled()).isFalse();

        TickgateConfig bad = new ConfigLoader().load(null, Map.of(), List.of("okx.staleFactor=1.5"));
        assertThatThrownBy(() -> Assembly.pool(Venue.OKX, bad.venue("okx"), null))
                .hasMessageContaining("okx").hasMessageContaining("stale factor");
    }
}
