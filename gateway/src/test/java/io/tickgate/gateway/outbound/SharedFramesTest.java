package io.tickgate.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
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
 * An event topic's message that a hub round hands to all of a loop's subscribers at once
 * ({@link ConnectionOutbound#takeShared}): copied straight into the connection's write when nothing waits before it
 * and the socket takes more, queued behind what waits otherwise, counted against the budget like any message when
 * queued (a connection that cannot take it is closed with 4008), ignored once the connection is closed; the shared
 * frame itself is never kept or released by the connection.
 */
@Timeout(30)
class SharedFramesTest {

    private static final Topic TRADE = Topic.parse("binance.BTCUSDT.trade");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GatewayMetrics metrics = new GatewayMetrics(registry);
    private OutboundBudget total;
    private EmbeddedChannel ch;
    private ConnectionOutbound out;
    private final List<ByteBuf> frames = new ArrayList<>();

    @BeforeEach
    void open() {
        total = new OutboundBudget(64L << 20, 0, metrics);
        ch = new EmbeddedChannel();
        out = TestFrames.rawOutbound(ch, new ConnectionOutbound.Limits(4_096, 256, 64 * 1024), metrics, total);
    }

    @AfterEach
    void close() {
        ch.finishAndReleaseAll();
        total.close();
        TestFrames.releaseShared(frames);
    }

    @Test
    void sharedFramesOfOneTaskAreCopiedIntoOneWriteInOrder() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        assertThat(out.takeShared(TRADE, frame("{\"seq\":1}", expected), 1)).as("first take of the task").isTrue();
        assertThat(out.takeShared(TRADE, frame("{\"seq\":2}", expected), 2)).isFalse();
        assertThat(ch.outboundMessages()).as("nothing written before the task's end").isEmpty();
        out.wake();
        assertThat(writes()).containsExactly(expected.toByteArray());
        assertThat(out.queuedBytes()).isZero();
        assertThat(out.takeShared(TRADE, frame("{\"seq\":3}", new ByteArrayOutputStream()), 3))
                .as("a new task after the wake-up").isTrue();
        out.wake();
    }

    @Test
    void aSharedFrameWaitsBehindWhatIsQueuedBeforeIt() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteBuf own = frame("{\"type\":\"subscribed\"}", expected);
        // handed over by a hub round, which admitted it (here: not counted, as the test admits nothing)
        QueuedMessage reply = QueuedMessage.message(own.retainedDuplicate(), 0, TRADE);
        out.take(reply);
        ByteBuf shared = frame("{\"seq\":1}", expected);
        out.takeShared(TRADE, shared, 1);
        assertThat(out.queuedBytes()).as("queued behind the reply, and counted")
                .isEqualTo(QueuedMessage.charge(shared.readableBytes()));
        out.wake();
        assertThat(writes()).containsExactly(expected.toByteArray());
        assertThat(out.queuedBytes()).as("both left the queue").isEqualTo(-reply.charge());
    }

    @Test
    void whileTheSocketTakesNothingSharedFramesAreQueuedUpToTheBudgetThenTheConnectionIsClosedWith4008() {
        ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(64, 128));
        ch.write(Unpooled.wrappedBuffer(new byte[1_000])); // unflushed: the channel is not writable
        assertThat(ch.isWritable()).isFalse();
        int taken = 0;
        while (!out.isClosed() && taken < 1_000) {
            out.takeShared(TRADE, frame("{\"seq\":" + taken + ",\"pad\":\"" + "x".repeat(100) + "\"}",
                    new ByteArrayOutputStream()), 1);
            taken++;
        }
        assertThat(out.isClosed()).as("closed once past its 4,096 bytes").isTrue();
        assertThat(taken).isBetween(10, 40);
        assertThat(registry.get("tickgate.gateway.closes").tag("code", "4008").counter().count()).isEqualTo(1.0);
        int before = frames.size();
        out.takeShared(TRADE, frame("{\"late\":1}", new ByteArrayOutputStream()), 1);
        assertThat(frames).hasSize(before + 1);
        ch.runPendingTasks();
        ch.flushOutbound();
        Object o;
        boolean closeFrame = false;
        while ((o = ch.readOutbound()) != null) {
            closeFrame |= o instanceof CloseWebSocketFrame;
            io.netty.util.ReferenceCountUtil.release(o);
        }
        assertThat(closeFrame).isTrue();
        assertThat(out.queuedBytes()).as("what was queued was discarded").isZero();
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
