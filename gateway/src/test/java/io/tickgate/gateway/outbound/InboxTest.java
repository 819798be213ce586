package io.tickgate.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.tickgate.model.topic.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The hand-off from hub shards to the event loop, with both sides running at once. */
@Timeout(30)
class InboxTest {

    private static final Topic BOOK = Topic.parse("binance.BTCUSDT.book");
    private static final Topic TRADE = Topic.parse("binance.BTCUSDT.trade");

    @Test
    void everySnapshotIsEitherTakenOrReplacedExactlyOnceAndEachTopicsOrderHolds() throws Exception {
        Inbox inbox = new Inbox();
        int n = 200_000;
        long[] replaced = new long[n];
        AtomicBoolean done = new AtomicBoolean();
        List<Integer> taken = new ArrayList<>();
        List<Integer> trades = new ArrayList<>();
        Thread consumer = new Thread(() -> {
            while (true) {
                boolean finished = done.get();
                QueuedMessage m;
                while ((m = inbox.poll()) != null) {
                    (m.topic == BOOK ? taken : trades).add((int) m.ingestNanos);
                }
                if (finished) {
                    return;
                }
            }
        });
        consumer.start();
        for (int i = 0; i < n; i++) {
            if (i % 10 == 0) {
                inbox.detach(TRADE); // the trade topic never had a slot: a no-op
                inbox.offer(QueuedMessage.message(Unpooled.EMPTY_BUFFER, i, TRADE));
            } else {
                QueuedMessage old = inbox.offerSnapshot(QueuedMessage.snapshot(Unpooled.EMPTY_BUFFER, i, BOOK),
                        slot -> false);
                if (old != null) {
                    replaced[(int) old.ingestNanos]++;
                }
            }
        }
        done.set(true);
        consumer.join();
        long seen = taken.size();
        for (int i : taken) {
            assertThat(replaced[i]).as("snapshot %d taken and replaced", i).isZero();
        }
        for (long r : replaced) {
            seen += r;
            assertThat(r).isLessThanOrEqualTo(1);
        }
        assertThat(seen).isEqualTo(n - n / 10);
        assertThat(taken).isSorted();
        assertThat(taken.get(taken.size() - 1)).isEqualTo(n - 1);
        assertThat(trades).hasSize(n / 10).isSorted();
    }

    @Test
    void aDetachedSlotKeepsItsSnapshotAheadOfLaterMessagesOfTheTopic() {
        Inbox inbox = new Inbox();
        inbox.offerSnapshot(QueuedMessage.snapshot(Unpooled.EMPTY_BUFFER, 1, BOOK), slot -> false);
        inbox.detach(BOOK);
        inbox.offer(QueuedMessage.message(Unpooled.EMPTY_BUFFER, 2, BOOK));
        assertThat(inbox.offerSnapshot(QueuedMessage.snapshot(Unpooled.EMPTY_BUFFER, 3, BOOK), slot -> false)).isNull();
        assertThat(inbox.offerSnapshot(QueuedMessage.snapshot(Unpooled.EMPTY_BUFFER, 4, BOOK), slot -> false).ingestNanos)
                .isEqualTo(3);
        List<Long> order = new ArrayList<>();
        QueuedMessage m;
        while ((m = inbox.poll()) != null) {
            order.add(m.ingestNanos);
        }
        assertThat(order).containsExactly(1L, 2L, 4L);
    }
}
