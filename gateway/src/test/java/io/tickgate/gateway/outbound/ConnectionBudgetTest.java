package io.tickgate.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.gateway.metrics.GatewayMetrics;
import io.tickgate.gateway.outbound.ConnectionBudget.Admission;
import org.junit.jupiter.api.Test;

/**
 * The per-connection and process-wide accounting of {@link ConnectionBudget}: the top of the total's cap is kept for
 * connections that keep up (and snapshots superseding queued ones), so near the cap it is a connection with a backlog that is refused (and closed), not
 * whichever connection the next message is for; the cap itself still holds for everyone.
 */
class ConnectionBudgetTest {

    private static final long CAP = 8_000; // the reserve: its top 1,000 bytes
    private static final long PER_CONNECTION = 4_096; // keeping up: at most 1,024 bytes queued

    private final GatewayMetrics metrics = new GatewayMetrics(new SimpleMeterRegistry());

    @Test
    void nearTheCapAConnectionWithABacklogIsRefusedWhileOneThatKeepsUpIsAdmitted() {
        try (OutboundBudget total = new OutboundBudget(CAP, 0, metrics)) {
            ConnectionBudget slow = new ConnectionBudget(PER_CONNECTION, total);
            ConnectionBudget reader = new ConnectionBudget(PER_CONNECTION, total);
            ConnectionBudget other = new ConnectionBudget(PER_CONNECTION, total);
            assertThat(slow.admit(2_000, false)).isEqualTo(Admission.ADMITTED);
            assertThat(total.tryReserve(4_900, false)).isTrue(); // everyone else: 6,900 in all

            assertThat(slow.admit(100, false)).as("backlogged, up to the cap less the reserve")
                    .isEqualTo(Admission.ADMITTED);
            assertThat(slow.admit(1, false)).as("backlogged, past the cap less the reserve")
                    .isEqualTo(Admission.TOTAL_RESERVED);
            assertThat(slow.queued()).as("nothing counted when refused").isEqualTo(2_100);
            assertThat(slow.admit(200, true)).as("a snapshot superseding a queued one may use the reserve")
                    .isEqualTo(Admission.ADMITTED);
            slow.unqueuedNow(200); // the superseded one given back
            assertThat(reader.admit(200, false)).isEqualTo(Admission.ADMITTED);
            assertThat(reader.admit(800, false)).as("up to the cap itself").isEqualTo(Admission.ADMITTED);
            assertThat(total.used()).isEqualTo(CAP);
            assertThat(other.admit(1, false)).as("the cap holds for a connection keeping up too")
                    .isEqualTo(Admission.TOTAL_FULL);

            total.release(500);
            assertThat(reader.admit(100, false)).as("1,000 queued before: keeping up").isEqualTo(Admission.ADMITTED);
            assertThat(reader.admit(1, false)).as("1,100 queued: no longer keeping up")
                    .isEqualTo(Admission.TOTAL_RESERVED);
            assertThat(other.admit(100, false)).isEqualTo(Admission.ADMITTED);
        }
    }

    @Test
    void bytesInTheSocketsWriteBufferDoNotMakeAConnectionBacklogged() {
        try (OutboundBudget total = new OutboundBudget(CAP, 0, metrics)) {
            ConnectionBudget reader = new ConnectionBudget(PER_CONNECTION, total);
            reader.sync(3_000); // up to its high water mark in the channel: read, just not yet
            assertThat(total.tryReserve(4_000, false)).isTrue();
            assertThat(reader.admit(500, false)).as("7,500: in the reserve").isEqualTo(Admission.ADMITTED);
            assertThat(reader.backlog()).isEqualTo(3_500);
        }
    }

    @Test
    void pastItsOwnLimitAConnectionIsRefusedWhateverTheTotal() {
        try (OutboundBudget total = new OutboundBudget(CAP, 0, metrics)) {
            ConnectionBudget c = new ConnectionBudget(PER_CONNECTION, total);
            assertThat(c.admit(PER_CONNECTION, false)).isEqualTo(Admission.ADMITTED);
            assertThat(c.admit(1, true)).isEqualTo(Admission.CONNECTION_FULL);
            assertThat(total.used()).isEqualTo(PER_CONNECTION);
        }
    }
}
