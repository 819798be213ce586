package io.tickgate.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.gateway.hub.WakeupBatch;
import io.tickgate.gateway.hub.WakeupBatches;
import io.tickgate.gateway.metrics.GatewayMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The process-wide budget reserved in chunks by a hub shard's batch: deliveries take from the chunk, what is left goes
 * back when the batch ends, and near the cap each delivery reserves exactly (so a refusal means what it did before).
 */
class BatchCreditTest {

    private static final long CAP = 64L * OutboundBudget.CHUNK_BYTES;

    private final OutboundBudget total = new OutboundBudget(CAP, 0, new GatewayMetrics(new SimpleMeterRegistry()));

    @AfterEach
    void close() {
        total.close();
    }

    @Test
    void outsideABatchEachReservationIsExact() {
        assertThat(total.reserve(100)).isTrue();
        assertThat(total.used()).isEqualTo(100);
    }

    @Test
    void aBatchReservesOneChunkAndGivesBackWhatItLeftAtItsEnd() {
        WakeupBatch batch = WakeupBatches.open();
        try {
            for (int i = 0; i < 10; i++) {
                assertThat(total.reserve(200)).isTrue();
            }
            assertThat(total.used()).isEqualTo(OutboundBudget.CHUNK_BYTES);
            WakeupBatches.end(batch);
            assertThat(total.used()).isEqualTo(2_000);
            // the next round takes a chunk again
            assertThat(total.reserve(300)).isTrue();
            assertThat(total.used()).isEqualTo(2_000 + OutboundBudget.CHUNK_BYTES);
            WakeupBatches.end(batch);
            assertThat(total.used()).isEqualTo(2_300);
        } finally {
            WakeupBatches.close(batch);
        }
    }

    @Test
    void aMessageLargerThanTheChunkIsReservedWhole() {
        WakeupBatch batch = WakeupBatches.open();
        try {
            long big = OutboundBudget.CHUNK_BYTES * 3;
            assertThat(total.reserve(big)).isTrue();
            assertThat(total.used()).isEqualTo(big);
            WakeupBatches.end(batch);
            assertThat(total.used()).isEqualTo(big);
        } finally {
            WakeupBatches.close(batch);
        }
    }

    @Test
    void nearTheCapReservationsAreExactAndRefusedOnlyPastIt() {
        assertThat(total.tryReserve(CAP - 1_000)).isTrue();
        WakeupBatch batch = WakeupBatches.open();
        try {
            assertThat(total.reserve(600)).isTrue();
            assertThat(total.used()).isEqualTo(CAP - 400);
            assertThat(total.reserve(400)).isTrue();
            assertThat(total.used()).isEqualTo(CAP);
            assertThat(total.reserve(1)).isFalse();
            WakeupBatches.end(batch);
            assertThat(total.used()).isEqualTo(CAP);
        } finally {
            WakeupBatches.close(batch);
        }
    }
}
