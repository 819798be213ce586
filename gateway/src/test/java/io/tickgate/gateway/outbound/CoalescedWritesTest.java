package io.tickgate.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tickgate.gateway.codec.TextFrameHeader;
import io.tickgate.gateway.metrics.GatewayMetrics;
import io.tickgate.model.topic.Topic;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Raw frames of one drain go to the socket as one write: the bytes of each pre-framed message, header included, one
 * after another in queue order; a lone message as its own shared bytes; nothing held back after the drain.
 */
@Timeout(30)
class CoalescedWritesTest {

    private static final Topic TRADE = Topic.parse("binance.BTCUSDT.trade");

    private final GatewayMetrics metrics = new GatewayMetrics(new SimpleMeterRegistry());
    private OutboundBudget total;
    private EmbeddedChannel ch;
    private ConnectionOutbound out;
    private final List<ByteBuf> delivered = new ArrayList<>();

    @BeforeEach
    void open() {
        total = new OutboundBudget(64L << 20, 0, metrics);
        ch = new EmbeddedChannel();
        out = TestFrames.rawOutbound(ch, new ConnectionOutbound.Limits(1 << 20, 256, 64 * 1024), metrics, total);
    }

    @AfterEach
    void close() {
        ch.finishAndReleaseAll();
        total.close();
        for (ByteBuf b : delivered) {
            assertThat(b.refCnt()).as("every delivered buffer released").isZero();
        }
    }

    @Test
    void oneDrainsFramesAreWrittenAsOneBufferInOrder() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 50; i++) {
            deliver("{\"seq\":" + i + "}", expected);
        }
        ch.runPendingTasks();
        List<byte[]> writes = writes();
        assertThat(writes).hasSize(1);
        assertThat(writes.get(0)).isEqualTo(expected.toByteArray());
    }

    @Test
    void aLoneFrameIsWrittenAsItIs() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        deliver("{\"only\":true}", expected);
        ch.runPendingTasks();
        assertThat(writes()).singleElement().isEqualTo(expected.toByteArray());
    }

    @Test
    void moreThanOneBuffersWorthIsSplitAtFrameBoundaries() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        String payload = "x".repeat(1_000);
        int n = 3 * FrameWriter.COALESCE_BYTES / 1_000;
        for (int i = 0; i < n; i++) {
            deliver("\"" + i + payload + "\"", expected);
        }
        deliver("\"" + "y".repeat(FrameWriter.COALESCE_BYTES) + "\"", expected); // larger than one buffer
        deliver("{\"last\":1}", expected);
        ch.runPendingTasks();
        List<byte[]> writes = writes();
        assertThat(writes.size()).isBetween(4, 8);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] w : writes) {
            assertThat(w.length).isLessThanOrEqualTo(FrameWriter.COALESCE_BYTES + 16);
            all.writeBytes(w);
        }
        assertThat(all.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void frameNotWrittenWhenTheConnectionClosesIsReleased() {
        for (int i = 0; i < 5; i++) {
            deliver("{\"n\":" + i + "}", new ByteArrayOutputStream());
        }
        ch.close();
        ch.runPendingTasks();
    }

    /** Queues a pre-framed message (header before the reader index, as the encoder leaves it). */
    private void deliver(String json, ByteArrayOutputStream expected) {
        ByteBuf buf = TestFrames.preFramed(json, expected);
        assertThat(TextFrameHeader.isFramed(buf)).isTrue();
        delivered.add(buf);
        assertThat(out.deliverData(TRADE, buf, 0)).isTrue();
    }

    private List<byte[]> writes() {
        return TestFrames.writes(ch);
    }
}
