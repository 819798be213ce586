package io.tickgate.bench.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.local.InProcessBroker;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SyntheticSourceTest {

    @Test
    void topicsAreNumberedTradeTopicsOfTheBenchSource() {
        List<Topic> topics = SyntheticSource.topics(3);
        assertThat(topics).extracting(Topic::toString)
                .containsExactly("bench.S00000.trade", "bench.S00001.trade", "bench.S00002.trade");
    }

    @Test
    void rejectsBadArguments() {
        InProcessBroker broker = new InProcessBroker();
        assertThatThrownBy(() -> SyntheticSource.topics(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyntheticSource(broker, List.of(), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyntheticSource(broker, SyntheticSource.topics(1), -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyntheticSource(broker, SyntheticSource.topics(1), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyntheticSource(broker, List.of(Topic.parse("bench.X.ticker")), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyntheticSource(broker, SyntheticSource.topics(1), 1, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyntheticSource(broker, SyntheticSource.topics(1), 1, 1_001))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Ticked: the events of a tick arrive back to back, the ticks apart (the peers' 10 ms timer shape). */
    @Test
    void tickedSourcePublishesInBurstsAtTheSameRate() {
        InProcessBroker broker = new InProcessBroker();
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        broker.subscribe(e -> arrivals.add(System.nanoTime()));
        long start = System.nanoTime();
        try (SyntheticSource source = new SyntheticSource(broker, SyntheticSource.topics(4), 1_000, 100).start()) {
            assertThat(source.tickMillis()).isEqualTo(100);
            await().atMost(Duration.ofSeconds(10)).until(() -> source.published() >= 4 + 400);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // the rate holds: about 1,000 events per second (ticks publish what is due, never more)
        assertThat((arrivals.size() - 4) / seconds).isBetween(500.0, 1_100.0);
        int bursts = 0;
        for (int i = 5; i < arrivals.size(); i++) {
            if (arrivals.get(i) - arrivals.get(i - 1) > 30_000_000L) {
                bursts++;
            }
        }
        // ~100 events per tick: few long gaps, all between ticks (paced, the gaps would be ~1 ms each)
        assertThat(bursts).isGreaterThanOrEqualTo(2).isLessThanOrEqualTo(arrivals.size() / 20);
    }

    @Test
    void seedsEveryTopicThenPublishesRoundRobinWithMicrosecondStamps() {
        InProcessBroker broker = new InProcessBroker();
        List<Envelope> seen = new CopyOnWriteArrayList<>();
        broker.subscribe(seen::add);
        long before = StampClock.nowMicros();
        try (SyntheticSource source = new SyntheticSource(broker, SyntheticSource.topics(4), 400).start()) {
            // the seed is synchronous: every topic exists as soon as start() returns
            assertThat(broker.topics()).hasSize(4);
            await().atMost(Duration.ofSeconds(10)).until(() -> source.published() >= 40);
        }
        long after = StampClock.nowMicros();
        Map<Topic, Long> lastSeq = new ConcurrentHashMap<>();
        for (Envelope e : seen) {
            Long prev = lastSeq.put(e.topic(), e.seq());
            assertThat(e.seq()).isEqualTo(prev == null ? 1 : prev + 1);
            Trade t = (Trade) e.event();
            long stamp = Long.parseLong(t.tradeId());
            assertThat(stamp).isBetween(before, after);
            assertThat(e.ingestTime()).isBetween(stamp / 1_000, after / 1_000 + 1);
        }
        // round robin: the counts per topic differ by at most one
        Map<Topic, Long> counts = new ConcurrentHashMap<>();
        seen.forEach(e -> counts.merge(e.topic(), 1L, Long::sum));
        assertThat(counts.values().stream().mapToLong(Long::longValue).max().getAsLong()
                - counts.values().stream().mapToLong(Long::longValue).min().getAsLong()).isLessThanOrEqualTo(1);
    }

    @Test
    void rateZeroPublishesOnlyTheSeed() {
        InProcessBroker broker = new InProcessBroker();
        try (SyntheticSource source = new SyntheticSource(broker, SyntheticSource.topics(5), 0).start()) {
            assertThat(source.published()).isEqualTo(5);
        }
    }
}
