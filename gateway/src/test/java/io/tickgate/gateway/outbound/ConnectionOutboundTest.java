package io.tickgate.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.tickgate.gateway.metrics.GatewayMetrics;
import io.tickgate.model.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The outbound queue with its event loop stalled: an {@link EmbeddedChannel} runs queued tasks only when the test
 * says so, which is exactly a descheduled event loop, deterministically.
 */
@Timeout(30)
class ConnectionOutboundTest {

    private static final long BUDGET = 1 << 20;
    private static final int SNAPSHOT_BYTES = 8 * 1024;
    private static final Topic BOOK = Topic.parse("binance.BTCUSDT.book");
    private static final Topic TICKER = Topic.parse("binance.BTCUSDT.ticker");
    private static final Topic KLINE = Topic.parse("okx.BTC-USDT.kline.1m");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GatewayMetrics metrics = new GatewayMetrics(registry);
    private OutboundBudget total;
    private EmbeddedChannel ch;
    private ConnectionOutbound out;

    @BeforeEach
    void open() {
        total = new OutboundBudget(64L << 20, 0, metrics);
        ch = new EmbeddedChannel();
        out = new ConnectionOutbound(ch, new ConnectionOutbound.Limits(BUDGET, 256, 64 * 1024), metrics, total);
        ch.pipeline().addLast(new OutboundHandler(out));
    }

    @AfterEach
    void close() {
        ch.finishAndReleaseAll();
        total.close();
    }

    @Test
    void stateOnlyClientWhoseEventLoopIsStalledIsNeverClosedAndGetsTheLatestSnapshotOfEachTopic() {
        congest();
        Topic[] topics = {BOOK, TICKER, KLINE};
        int n = 3_000; // 24 MB of snapshots, 24 times the connection's budget, while the loop never runs
        for (int i = 0; i < n; i++) {
            Topic t = topics[i % topics.length];
            assertThat(out.deliverConflatable(t, snapshot(t, i), 0)).as("snapshot %d accepted", i).isTrue();
        }
        assertThat(out.isClosed()).isFalse();
        assertThat(out.queuedBytes()).isEqualTo(topics.length * QueuedMessage.charge(SNAPSHOT_BYTES));
        assertThat(total.used()).isEqualTo(out.queuedBytes());
        assertThat(registry.find("tickgate.gateway.conflations").counters().stream()
                .mapToDouble(c -> c.count()).sum()).isEqualTo(n - topics.length);

        uncongestAndDrain();
        assertThat(written()).containsExactly(label(BOOK, n - 3), label(TICKER, n - 2), label(KLINE, n - 1));
        assertThat(out.queuedBytes()).isZero();
    }

    @Test
    void aSnapshotNeverOvertakesDataOfItsTopicQueuedBeforeIt() {
        congest();
        out.deliverConflatable(BOOK, snapshot(BOOK, 1), 0);
        out.deliverData(BOOK, frame("delta 2"), 0);
        out.deliverConflatable(BOOK, snapshot(BOOK, 3), 0);
        out.deliverConflatable(BOOK, snapshot(BOOK, 4), 0);
        out.deliverConflatable(TICKER, snapshot(TICKER, 5), 0);
        uncongestAndDrain();
        assertThat(written()).containsExactly(label(BOOK, 1), "delta 2", label(BOOK, 4), label(TICKER, 5));
    }

    @Test
    void snapshotsTakenByTheEventLoopAreStillConflatedWhileTheSocketIsCongested() {
        congest();
        out.deliverConflatable(BOOK, snapshot(BOOK, 1), 0);
        ch.runPendingTasks(); // taken into the pending queue, not written: the socket is not writable
        out.deliverConflatable(BOOK, snapshot(BOOK, 2), 0);
        out.deliverConflatable(BOOK, snapshot(BOOK, 3), 0);
        uncongestAndDrain();
        assertThat(written()).containsExactly(label(BOOK, 3));
        assertThat(out.queuedBytes()).isZero();
        assertThat(total.used()).isZero();
    }

    @Test
    void aConnectionWhoseOwnBacklogPassesHalfOfItsBudgetIsCongestedThoughItsSocketIsWritable() {
        assertThat(ch.isWritable()).isTrue();
        int i = 0;
        while (out.queuedBytes() <= BUDGET / ConnectionBudget.CONFLATE_BACKLOG_DIVISOR) {
            assertThat(out.congested()).isFalse();
            out.deliverData(BOOK, frame("delta " + i++ + " ".repeat(1000)), 0);
        }
        assertThat(out.congested()).isTrue();
        ch.runPendingTasks();
        assertThat(out.congested()).isFalse();
    }

    @Test
    void closingTheConnectionReleasesSnapshotsStillWaitingInTheirSlots() {
        congest();
        ByteBuf a = snapshot(BOOK, 1);
        ByteBuf b = snapshot(BOOK, 2);
        out.deliverConflatable(BOOK, a, 0);
        out.deliverConflatable(BOOK, b, 0);
        assertThat(a.refCnt()).isZero();
        ch.close(); // the OutboundHandler hands the close to the outbound
        assertThat(b.refCnt()).isZero();
        assertThat(out.queuedBytes()).isZero();
        assertThat(total.used()).isZero();
        assertThat(out.deliverConflatable(BOOK, snapshot(BOOK, 3), 0)).isFalse();
    }

    @Test
    void aSlowConsumerFoundByManyThreadsAtOnceIsClosedAndCountedOnce() throws Exception {
        for (int round = 0; round < 50; round++) {
            EmbeddedChannel channel = new EmbeddedChannel();
            ConnectionOutbound o = new ConnectionOutbound(channel,
                    new ConnectionOutbound.Limits(BUDGET, 256, 64 * 1024), metrics, total);
            CyclicBarrier start = new CyclicBarrier(4);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread th = new Thread(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    o.closeSlowConsumer(GatewayMetrics.SLOW_QUEUE_AGE, "test");
                });
                th.start();
                threads.add(th);
            }
            for (Thread th : threads) {
                th.join();
            }
            channel.finishAndReleaseAll(); // its close frame
        }
        double closes = registry.get("tickgate.gateway.closes").tag("code", "4008").counter().count();
        double byReason = registry.get("tickgate.gateway.slow.consumer.closes").tag("reason", GatewayMetrics.SLOW_QUEUE_AGE)
                .counter().count();
        assertThat(closes).isEqualTo(50);
        assertThat(byReason).as("counted by reason once per close").isEqualTo(closes);
    }

    /** The socket stops accepting writes, as above its high water mark. */
    private void congest() {
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        assertThat(out.congested()).isTrue();
    }

    /** Writable again: the OutboundHandler hears it and the outbound drains. */
    private void uncongestAndDrain() {
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        ch.runPendingTasks();
    }

    private List<String> written() {
        List<String> texts = new ArrayList<>();
        Object o;
        while ((o = ch.readOutbound()) != null) {
            if (o instanceof TextWebSocketFrame f) {
                texts.add(f.text().strip());
            } else if (!(o instanceof CloseWebSocketFrame) && o instanceof ByteBuf b && b.readableBytes() > 0) {
                texts.add(b.toString(StandardCharsets.UTF_8));
            }
            io.netty.util.ReferenceCountUtil.release(o);
        }
        return texts;
    }

    private static String label(Topic t, int i) {
        return t + " " + i;
    }

    /** A snapshot frame of exactly {@link #SNAPSHOT_BYTES}, its text starting with its label. */
    private static ByteBuf snapshot(Topic t, int i) {
        String label = label(t, i);
        return frame(label + " ".repeat(SNAPSHOT_BYTES - label.length()));
    }

    private static ByteBuf frame(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }
}
