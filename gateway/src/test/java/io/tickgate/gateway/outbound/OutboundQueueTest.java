package io.tickgate.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tickgate.model.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The conflation rules of a connection's queue, without a channel. */
class OutboundQueueTest {

    private static final Topic BOOK = Topic.parse("binance.BTCUSDT.book");
    private static final Topic TICKER = Topic.parse("binance.BTCUSDT.ticker");

    private final OutboundQueue queue = new OutboundQueue();

    @Test
    void aSnapshotSupersedesTheTopicsQueuedSnapshotAndKeepsItsPlaceInTime() {
        QueuedMessage first = snapshot(BOOK, "b1");
        queue.add(first);
        queue.add(snapshot(TICKER, "t1"));
        QueuedMessage second = snapshot(BOOK, "b2");
        assertThat(queue.add(second)).isSameAs(first);
        assertThat(first.superseded()).isTrue();
        assertThat(second.queuedNanos).isEqualTo(first.queuedNanos);
        assertThat(drain()).containsExactly("t1", "b2");
    }

    @Test
    void anyOtherMessageOfTheTopicEndsTheConflationSoNothingIsReordered() {
        queue.add(snapshot(BOOK, "b1"));
        queue.add(QueuedMessage.message(buf("delta"), 0, BOOK));
        assertThat(queue.add(snapshot(BOOK, "b2"))).isNull();
        assertThat(queue.add(snapshot(BOOK, "b3"))).isNotNull();
        queue.add(QueuedMessage.message(buf("reply"), 0, null));
        assertThat(drain()).containsExactly("b1", "delta", "b3", "reply");
    }

    @Test
    void manySupersededSnapshotsAreCompactedAndClearReleasesEverythingLeft() {
        List<ByteBuf> frames = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            QueuedMessage m = snapshot(i % 2 == 0 ? BOOK : TICKER, "s" + i);
            frames.add(m.frame);
            queue.add(m);
        }
        assertThat(queue.peek().frame.toString(StandardCharsets.UTF_8)).isEqualTo("s998");
        long[] charge = {0};
        assertThat(queue.clear(c -> charge[0] += c)).isEqualTo(2);
        assertThat(charge[0]).isEqualTo(QueuedMessage.charge(4) + QueuedMessage.charge(4));
        assertThat(frames).allMatch(b -> b.refCnt() == 0);
        assertThat(queue.poll()).isNull();
        assertThat(queue.oldestQueuedNanos()).isZero();
    }

    /** Emptiness and the oldest time come from the count of live messages; superseded ones never count. */
    @Test
    void emptyOnceEveryLiveMessageIsTakenWhateverWasSuperseded() {
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.oldestQueuedNanos()).isZero();
        queue.add(snapshot(BOOK, "b1"));
        queue.add(snapshot(BOOK, "b2")); // supersedes b1, which stays in the deque until skipped
        queue.add(snapshot(TICKER, "t1"));
        assertThat(queue.isEmpty()).isFalse();
        assertThat(queue.poll().frame.toString(StandardCharsets.UTF_8)).isEqualTo("b2");
        assertThat(queue.isEmpty()).isFalse();
        assertThat(queue.poll().frame.toString(StandardCharsets.UTF_8)).isEqualTo("t1");
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.peek()).isNull();
        assertThat(queue.oldestQueuedNanos()).isZero();
        // and it fills again as before
        queue.add(QueuedMessage.message(buf("m"), 0, null));
        assertThat(queue.isEmpty()).isFalse();
        assertThat(queue.oldestQueuedNanos()).isNotZero();
        assertThat(drain()).containsExactly("m");
        assertThat(queue.isEmpty()).isTrue();
    }

    private List<String> drain() {
        List<String> out = new ArrayList<>();
        QueuedMessage m;
        while ((m = queue.poll()) != null) {
            out.add(m.frame.toString(StandardCharsets.UTF_8));
            m.frame.release();
        }
        return out;
    }

    private static QueuedMessage snapshot(Topic t, String text) {
        return QueuedMessage.snapshot(buf(text), 0, t);
    }

    private static ByteBuf buf(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }
}
