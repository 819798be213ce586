package io.tickgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickgate.client.example.MidPriceStrategy;
import org.junit.jupiter.api.Test;

/** Backoff, configuration validation, subscription rules and the example's arithmetic. */
class ClientUnitTest {

    @Test
    void fullJitterStaysBelowTheDoublingCeilingUpToTheCap() {
        FullJitterBackoff b = new FullJitterBackoff(100, 1_000);
        assertThat(b.ceilingMillis(0)).isEqualTo(100);
        assertThat(b.ceilingMillis(3)).isEqualTo(800);
        assertThat(b.ceilingMillis(4)).isEqualTo(1_000);
        assertThat(b.ceilingMillis(Integer.MAX_VALUE)).isEqualTo(1_000);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2_000; i++) {
            long d = b.delayMillis(2);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertThat(min).as("full jitter reaches down to 0").isLessThan(40);
        assertThat(max).isLessThan(400).isGreaterThan(300);
        assertThatThrownBy(() -> new FullJitterBackoff(0, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void configIsValidated() {
        assertThatThrownBy(() -> ClientConfig.builder("http://x/ws").build()).hasMessageContaining("ws://");
        assertThatThrownBy(() -> ClientConfig.builder("ws://x/ws").heartbeatMillis(10).idleTimeoutMillis(5).build())
                .hasMessageContaining("idleTimeoutMillis");
        assertThatThrownBy(() -> ClientConfig.builder("ws://x/ws").queueCapacity(1).build())
                .hasMessageContaining("queueCapacity");
        assertThat(ClientConfig.builder("ws://x:1/ws").build().batch()).isTrue();
    }

    @Test
    void onlyExactTopicsOnceEach() {
        try (TickgateClient c = new TickgateClient(ClientConfig.builder("ws://127.0.0.1:1/ws").build(), null)) {
            assertThatThrownBy(() -> c.subscribe("sim.*.trade", m -> { }))
                    .isInstanceOf(IllegalArgumentException.class);
            c.subscribe("sim.A.trade", m -> { });
            assertThatThrownBy(() -> c.subscribe("sim.A.trade", m -> { }))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(c.position("sim.A.trade")).isEmpty();
        }
    }

    @Test
    void midPriceIsExact() {
        assertThat(MidPriceStrategy.mid("100.1", "100.2").toPlainString()).isEqualTo("100.15");
        assertThat(MidPriceStrategy.mid("0.00000001", "0.00000002").toPlainString()).isEqualTo("0.000000015");
        assertThat(MidPriceStrategy.mid("65000", "65001").toPlainString()).isEqualTo("65000.5");
    }
}
