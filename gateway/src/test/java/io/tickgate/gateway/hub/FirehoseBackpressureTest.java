package io.tickgate.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.PooledByteBufAllocator;
import io.tickgate.bus.local.InProcessBroker;
import io.tickgate.gateway.codec.ServerMessageEncoder;
import io.tickgate.gateway.metrics.GatewayMetrics;
import io.tickgate.gateway.testsupport.Events;
import io.tickgate.model.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With the firehose the hub is the only holder of each topic's state, so a full shard queue makes the publisher wait
 * for room instead of losing the envelope: a shard slowed down far below the publishing rate still gets every
 * message, in order.
 */
@Timeout(60)
class FirehoseBackpressureTest {

    private static final Topic TOPIC = Topic.parse("sim.AAA.trade");
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    private final InProcessBroker broker = InProcessBroker.withoutRetention();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TopicHub hub = new TopicHub(broker, new TopicHub.Settings(1, 20, 10, 10, 100, 60_000, 100, 60_000),
            new ServerMessageEncoder(PooledByteBufAllocator.DEFAULT), new GatewayMetrics(registry)).start();

    @AfterEach
    void stop() {
        hub.close();
        broker.close();
    }

    @Test
    void aSlowShardSlowsItsPublisherDownAndLosesNothing() {
        broker.subscribe(hub);
        List<Long> seqs = new CopyOnWriteArrayList<>();
        AtomicInteger frames = new AtomicInteger();
        hub.subscribe(TOPIC, (frame, ingestNanos) -> {
            String text = frame.toString(StandardCharsets.UTF_8);
            frame.release();
            frames.incrementAndGet();
            Matcher m = SEQ.matcher(text);
            if (text.contains("\"type\":\"data\"") && m.find()) {
                seqs.add(Long.parseLong(m.group(1)));
            }
            try {
                Thread.sleep(2); // a shard far slower than its publisher
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }, null, null);
        broker.publish(Events.trade("AAA", 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> frames.get() >= 2); // subscribed, snapshot
        int n = 300;
        for (int i = 2; i <= n; i++) {
            broker.publish(Events.trade("AAA", i));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> seqs.size() >= n - 1);
        assertThat(seqs).as("every message after the snapshot, in seq order")
                .isEqualTo(LongStream.rangeClosed(2, n).boxed().toList());
        assertThat(registry.get("tickgate.gateway.hub.dropped").counter().count()).isZero();
        assertThat(registry.get("tickgate.gateway.hub.waits").counter().count()).as("the publisher waited")
                .isPositive();
    }
}
