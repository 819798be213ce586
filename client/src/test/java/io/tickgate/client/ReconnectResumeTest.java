package io.tickgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Java client against a real gateway: resume after cuts, reset after a restart or beyond history, overflow. */
@Timeout(60)
class ReconnectResumeTest {

    private static final String TOPIC = GatewayHarness.topic("AAA");

    private static final class Gaps implements ClientListener {
        final List<Gap> gaps = new CopyOnWriteArrayList<>();
        final List<State> states = new CopyOnWriteArrayList<>();

        @Override
        public void onGap(Gap gap) {
            gaps.add(gap);
        }

        @Override
        public void onState(State state, int attempt, String detail) {
            states.add(state);
        }
    }

    @Test
    void cutsResumeWithoutLossAndARestartGivesTheNewEpochsSnapshot() {
        try (GatewayHarness gw = new GatewayHarness(List.of("AAA"), 500, b -> b)) {
            Gaps events = new Gaps();
            TopicRecorder rec = new TopicRecorder();
            try (TickgateClient c = new TickgateClient(ClientConfig.builder(gw.url())
                    .reconnectDelay(new FullJitterBackoff(20, 200)).build(), events)) {
                c.subscribe(TOPIC, rec);
                c.connect();
                gw.startProducing();
                String epoch1 = gw.epoch();
                for (int i = 0; i < 6; i++) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> c.connectionId() != null);
                    sleep(150);
                    if (i % 2 == 0) {
                        gw.gateway().disconnect(c.connectionId());
                    } else {
                        c.reconnect();
                    }
                }
                gw.stopProducing();
                await().atMost(Duration.ofSeconds(10)).until(() -> rec.last(epoch1) == gw.lastSeq(TOPIC));
                assertThat(rec.check(epoch1, gw.lastSeq(TOPIC))).isEmpty();
                assertThat(events.gaps).isEmpty();

                gw.restart();
                String epoch2 = gw.epoch();
                gw.startProducing();
                await().atMost(Duration.ofSeconds(15)).until(() -> rec.last(epoch2) > 20);
                gw.stopProducing();
                await().atMost(Duration.ofSeconds(10)).until(() -> rec.last(epoch2) == gw.lastSeq(TOPIC));
                assertThat(rec.check(epoch2, gw.lastSeq(TOPIC))).isEmpty();
                assertThat(events.gaps).singleElement().satisfies(g -> {
                    assertThat(g.reason()).isEqualTo(Gap.Reason.EPOCH_CHANGED);
                    assertThat(g.lastEpoch()).isEqualTo(epoch1);
                    assertThat(g.epoch()).isEqualTo(epoch2);
                });
                assertThat(c.stats().duplicates()).isZero();
                assertThat(events.states).contains(ClientListener.State.DISCONNECTED, ClientListener.State.CONNECTED);
            }
        }
    }

    @Test
    void offlineLongerThanTheHistoryReportsAGapAndGetsASnapshot() {
        try (GatewayHarness gw = new GatewayHarness(List.of("AAA"), 1_000, b -> b.eventHistory(20, 60_000))) {
            Gaps events = new Gaps();
            TopicRecorder rec = new TopicRecorder();
            try (TickgateClient c = new TickgateClient(ClientConfig.builder(gw.url())
                    .reconnectDelay(attempt -> 1_000).build(), events)) {
                c.subscribe(TOPIC, rec);
                c.connect();
                gw.startProducing();
                await().atMost(Duration.ofSeconds(10)).until(() -> rec.last(gw.epoch()) > 10);
                c.reconnect(); // away for 1 s: ~1,000 messages, history holds 20
                await().atMost(Duration.ofSeconds(10)).until(() -> !events.gaps.isEmpty());
                gw.stopProducing();
                Gap gap = events.gaps.get(0);
                assertThat(gap.reason()).isEqualTo(Gap.Reason.HISTORY_EXCEEDED);
                assertThat(gap.seq() - gap.lastSeq()).isGreaterThan(20);
                await().atMost(Duration.ofSeconds(10)).until(() -> rec.last(gw.epoch()) == gw.lastSeq(TOPIC));
                assertThat(rec.epochs().get(0).snapshots).as("a fresh snapshot after the reset").hasSize(2);
            }
        }
    }

    @Test
    void aSlowListenerOverflowsTheQueueButLosesNothing() {
        try (GatewayHarness gw = new GatewayHarness(List.of("AAA"), 2_000, b -> b)) {
            TopicRecorder rec = new TopicRecorder();
            try (TickgateClient c = new TickgateClient(ClientConfig.builder(gw.url()).queueCapacity(64)
                    .reconnectDelay(new FullJitterBackoff(10, 100)).build(), null)) {
                c.subscribe(TOPIC, m -> {
                    sleep(1); // ~1,000 messages/s at best: slower than the producer
                    rec.onMessage(m);
                });
                c.connect();
                gw.startProducing();
                await().atMost(Duration.ofSeconds(20)).until(() -> c.stats().overflows() >= 3);
                gw.stopProducing();
                await().atMost(Duration.ofSeconds(30)).until(() -> rec.last(gw.epoch()) == gw.lastSeq(TOPIC));
                assertThat(rec.check(gw.epoch(), gw.lastSeq(TOPIC))).isEmpty();
                assertThat(c.stats().gaps()).isZero();
            }
        }
    }

    @Test
    void manyMoreTopicsThanTheServersBurstAreResubscribedPacedAndResumeWithoutLoss() {
        List<String> symbols = java.util.stream.IntStream.range(0, 90).mapToObj(i -> "M" + i).toList();
        // burst 20: the 90 resubscribes sent at once would get 20 answered, 20 refused and the connection closed 4029
        try (GatewayHarness gw = new GatewayHarness(symbols, 900, b -> b.inboundRateLimit(200, 20))) {
            Gaps events = new Gaps();
            java.util.Map<String, TopicRecorder> recs = new java.util.LinkedHashMap<>();
            try (TickgateClient c = new TickgateClient(ClientConfig.builder(gw.url())
                    .reconnectDelay(new FullJitterBackoff(20, 100)).build(), events)) {
                for (String s : symbols) {
                    recs.put(GatewayHarness.topic(s), new TopicRecorder());
                    c.subscribe(GatewayHarness.topic(s), recs.get(GatewayHarness.topic(s)));
                }
                c.connect();
                gw.startProducing();
                String epoch = gw.epoch();
                for (int i = 0; i < 3; i++) {
                    // every topic moved on since the last cut: all of them were (re)subscribed on this connection
                    java.util.Map<String, Long> before = new java.util.HashMap<>();
                    recs.forEach((topic, r) -> before.put(topic, r.last(epoch)));
                    await().atMost(Duration.ofSeconds(15)).until(() -> recs.entrySet().stream()
                            .allMatch(e -> e.getValue().last(epoch) > before.get(e.getKey())));
                    if (i < 2) {
                        String old = c.connectionId();
                        c.reconnect();
                        await().atMost(Duration.ofSeconds(10)).until(() ->
                                c.connectionId() != null && !c.connectionId().equals(old));
                    }
                }
                gw.stopProducing();
                await().atMost(Duration.ofSeconds(20)).until(() -> recs.entrySet().stream()
                        .allMatch(e -> e.getValue().last(epoch) == gw.lastSeq(e.getKey())));
                recs.forEach((topic, r) -> assertThat(r.check(epoch, gw.lastSeq(topic))).as(topic).isEmpty());
                assertThat(events.gaps).isEmpty();
                assertThat(c.stats().reconnects()).as("only the two cuts asked for: no 4029").isEqualTo(2);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
