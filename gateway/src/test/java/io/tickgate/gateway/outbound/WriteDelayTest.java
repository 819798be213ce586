package io.tickgate.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tickgate.gateway.metrics.GatewayMetrics;
import io.tickgate.model.topic.Topic;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The write delay ({@code writeDelayMillis}): what hub rounds hand a connection within one delay leaves in one write,
 * in order, when the delay is over; what does not fit the drain's coalesced write waits in the queue, counted in the
 * budget; a channel that turns writable is drained at once; a connection closed during the delay writes nothing and
 * keeps nothing. The event loop's clock is the embedded channel's, moved by hand.
 */
@Timeout(30)
class WriteDelayTest {

    private static final Topic TRADE = Topic.parse("binance.BTCUSDT.trade");
    private static final long DELAY_MILLIS = 50;

    private final GatewayMetrics metrics = new GatewayMetrics(new SimpleMeterRegistry());
    private OutboundBudget total;
    private EmbeddedChannel ch;
    private ConnectionOutbound out;
    private final List<ByteBuf> frames = new ArrayList<>();

    @BeforeEach
    void open() {
        total = new OutboundBudget(64L << 20, 0, metrics);
        ch = new EmbeddedChannel();
        ch.freezeTime();
        out = TestFrames.rawOutbound(ch, new ConnectionOutbound.Limits(1 << 20, 256, 64 * 1024,
                TimeUnit.MILLISECONDS.toNanos(DELAY_MILLIS)), metrics, total);
    }

    @AfterEach
    void close() {
        ch.finishAndReleaseAll();
        total.close();
        TestFrames.releaseShared(frames);
    }

    @Test
    void roundsWithinOneDelayLeaveAsOneWriteInOrderWhenItIsOver() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                out.takeShared(TRADE, frame("{\"round\":" + round + ",\"i\":" + i + "}", expected), 1);
            }
            out.wake();
            passMillis(DELAY_MILLIS / 5);
            assertThat(ch.outboundMessages()).as("nothing written before the delay is over").isEmpty();
        }
        passMillis(DELAY_MILLIS);
        assertThat(writes()).containsExactly(expected.toByteArray());

        ByteArrayOutputStream next = new ByteArrayOutputStream();
        out.takeShared(TRADE, frame("{\"after\":1}", next), 1);
        out.wake();
        assertThat(ch.outboundMessages()).as("the next round waits a delay of its own").isEmpty();
        passMillis(DELAY_MILLIS);
        assertThat(writes()).containsExactly(next.toByteArray());
    }

    @Test
    void whatDoesNotFitTheCoalescedWriteWaitsInTheQueueCountedInTheBudget() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        String pad = "x".repeat(1_000);
        int n = 2 * FrameWriter.COALESCE_BYTES / 1_000;
        for (int i = 0; i < n; i++) {
            out.takeShared(TRADE, frame("\"" + i + pad + "\"", expected), 1);
        }
        out.wake();
        assertThat(ch.outboundMessages()).isEmpty();
        assertThat(out.queuedBytes()).as("past the coalesced write's room, queued and counted").isPositive();
        passMillis(DELAY_MILLIS);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] w : writes()) {
            all.writeBytes(w);
        }
        assertThat(all.toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(out.queuedBytes()).isZero();
    }

    @Test
    void aChannelTurningWritableIsDrainedAtOnce() {
        ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(64, 128));
        ch.write(Unpooled.wrappedBuffer(new byte[1_000])); // unflushed: the channel is not writable
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        out.takeShared(TRADE, frame("{\"seq\":1}", expected), 1);
        out.wake();
        ch.flushOutbound(); // the socket takes the 1,000 bytes: writable again
        List<byte[]> writes = writes().stream().filter(w -> w.length > 0).toList(); // and the flush's empty buffer
        assertThat(writes).hasSize(2);
        assertThat(writes.get(1)).as("written at the writability change, not a delay later")
                .isEqualTo(expected.toByteArray());
        passMillis(DELAY_MILLIS);
        assertThat(ch.outboundMessages()).as("the delayed drain finds nothing left").isEmpty();
    }

    @Test
    void aConnectionClosedDuringTheDelayWritesNothingAndKeepsNothing() {
        for (int i = 0; i < 5; i++) {
            out.takeShared(TRADE, frame("{\"n\":" + i + "}", new ByteArrayOutputStream()), 1);
        }
        out.take(QueuedMessage.message(Unpooled.copiedBuffer(new byte[] {'{', '}'}), 0, TRADE));
        out.wake();
        ch.close();
        passMillis(DELAY_MILLIS);
        assertThat(writes()).isEmpty();
        assertThat(out.queuedBytes()).isNotPositive();
    }

    private void passMillis(long millis) {
        ch.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        ch.runPendingTasks();
    }

    private ByteBuf frame(String json, ByteArrayOutputStream expected) {
        ByteBuf buf = TestFrames.preFramed(json, expected);
        frames.add(buf);
        return buf;
    }

    private List<byte[]> writes() {
        return TestFrames.writes(ch);
    }
}
