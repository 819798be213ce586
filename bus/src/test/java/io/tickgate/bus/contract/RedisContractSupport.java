package io.tickgate.bus.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickgate.bus.Brokers;
import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.api.History;
import io.tickgate.bus.redis.RedisBroker;
import io.tickgate.bus.testing.Resp;
import io.tickgate.bus.testing.TestRedis;
import io.tickgate.model.event.GapReason;
import io.tickgate.model.event.Ticker;
import io.tickgate.model.event.Trade;
import io.tickgate.model.event.TradeGap;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract on a Redis engine: each node is a RedisBroker on the test-owned deployment. */
abstract class RedisContractSupport extends BrokerContractTest {

    protected abstract TestRedis redis();

    @Override
    protected Broker newNode(BrokerSettings settings) {
        Broker b = Brokers.open(redis().url(), settings, new SimpleMeterRegistry());
        await().atMost(Duration.ofSeconds(20)).until(b::ready);
        return b;
    }

    @Override
    protected Broker peer(Broker publisher, BrokerSettings settings) {
        return newNode(settings);
    }

    @Override
    protected boolean sharedStore() {
        return true;
    }

    @Override
    protected void stopStore() {
        redis().stop();
    }

    @Override
    protected void startStore() {
        redis().start();
    }

    @Override
    protected void pauseWrites(long millis) {
        for (int port : redis().ports()) {
            try {
                Resp.call(port, "CLIENT", "PAUSE", Long.toString(millis), "WRITE");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    protected long droppedQueueFull(Broker b) {
        return ((RedisBroker) b).droppedQueueFullCount();
    }

    @Override
    protected int queued(Broker b) {
        return ((RedisBroker) b).queueDepth();
    }

    @Override
    protected void afterUnsubscribe(Broker b) {
        await().atMost(Duration.ofSeconds(10)).until(() -> ((RedisBroker) b).subscribedTopics() == 1);
    }

    // ---------------------------------------------------------------- engines with a store outside the node

    @Test
    void theStoreLostMidRunMakesTheNodeUnreadyDropsPastTheBoundAndRecoversWithANewEpoch() throws Exception {
        BrokerSettings s = settings().toBuilder().queueCapacity(500).commandTimeoutMillis(1_000).build();
        Broker a = node(s);
        Broker b = peerOf(a, s);
        Topic t = topic("K", Channel.TRADE);
        Recorder rec = new Recorder(TRADE_STATE);
        b.subscribe(t, rec);
        for (int n = 1; n <= 10; n++) {
            a.publish(trade("K", n));
        }
        rec.awaitSeq(t, 10);
        String before = rec.epoch(t);
        stopStore();
        await().atMost(Duration.ofSeconds(20)).until(() -> !a.ready() && !b.ready());
        assertThat(a.problem()).contains("lost");
        int accepted = 0;
        for (int n = 11; n <= 2_000; n++) {
            if (a.publish(trade("K", n))) {
                accepted++;
            }
        }
        assertThat(accepted).as("queued up to the bound").isEqualTo(500);
        assertThat(droppedQueueFull(a)).isEqualTo(2_000 - 10 - 500);
        startStore();
        awaitReady(a);
        awaitReady(b);
        a.publish(trade("K", 2_001));
        // Redis came back empty: a new epoch. The queued events follow once the connection is usable (a call that
        // meets a cluster still being re-created fails: its events count as dropped); the subscriber ends at the head
        await().atMost(Duration.ofSeconds(20)).alias("subscriber at the head of the new epoch").until(() ->
                !before.equals(rec.epoch(t)) && rec.seq(t) == history(b, t, "?", 0).headSeq()
                        && lastTradeId(rec, t).equals("2001"));
        List<String> positions = rec.seen(t).envelopes.stream().map(e -> e.epoch() + "/" + e.seq()).toList();
        assertThat(positions).as("no seq reused").doesNotHaveDuplicates();
        List<Long> newEpoch = rec.seen(t).envelopes.stream().filter(e -> !e.epoch().equals(before))
                .map(Envelope::seq).toList();
        assertThat(newEpoch).isSorted();
        assertThat(rec.violations()).isEmpty();
        assertThat(rec.seen(t).images).hasSizeGreaterThanOrEqualTo(2);
    }

    /**
     * Trades the full queue dropped are announced in sequence by a gap notice naming exactly their venue ids (a trade
     * image holds only the last trades, so a seq skip made subscribers re-image across a silent id jump); a state
     * topic's drops still skip seqs, and its subscribers re-image.
     */
    @Test
    void messagesMissedWhileThePubSubConnectionWasKilledComeFromTheHistoryWithoutAnImage() throws Exception {
        Broker a = node(settings());
        Broker b = peerOf(a, settings());
        Topic t = topic("P", Channel.TRADE);
        Recorder rec = new Recorder(TRADE_STATE);
        b.subscribe(t, rec);
        for (int n = 1; n <= 30; n++) {
            a.publish(trade("P", n));
        }
        rec.awaitSeq(t, 30);
        // every pub/sub connection dropped by Redis (as an output-buffer limit or a proxy would): the trades published
        // until the node has subscribed again reach it only through the topic's history
        for (int port : redis().ports()) {
            Resp.call(port, "CLIENT", "KILL", "TYPE", "pubsub");
        }
        for (int n = 31; n <= 200; n++) {
            a.publish(trade("P", n));
            if (n % 10 == 0) {
                Thread.sleep(20);
            }
        }
        rec.awaitSeq(t, 200);
        assertThat(rec.violations()).isEmpty();
        assertThat(rec.seen(t).images).as("only the first: the gap was filled, not re-imaged").hasSize(1);
        List<String> ids = rec.seen(t).envelopes.stream().map(e -> ((Trade) e.event()).tradeId()).toList();
        assertThat(ids).as("every trade after the image once, in order").containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(rec.seen(t).images.get(0).seq() + 1, 200)
                        .mapToObj(Long::toString).toList());
    }

    @Test
    void aFullQueueDropsTheNewestCountsItAndTheNextMessageShowsTheGap() throws Exception {
        BrokerSettings s = settings().toBuilder().queueCapacity(10).maxInFlight(1).maxBatch(5)
                .commandTimeoutMillis(5_000).build();
        Broker a = node(s);
        Broker b = peerOf(a, s);
        Topic t = topic("Q", Channel.TRADE);
        Topic k = topic("Q", Channel.TICKER);
        a.publish(trade("Q", 0));
        a.publish(ticker("Q", 0));
        awaitHead(a, t, 1);
        awaitHead(a, k, 1);
        Recorder rec = new Recorder(TRADE_STATE);
        b.subscribe(t, rec);
        b.subscribe(k, rec);
        rec.awaitSeq(t, 1);
        rec.awaitSeq(k, 1);
        pauseWrites(1_500);
        List<Boolean> tradesAccepted = new ArrayList<>();
        int tickersAccepted = 0;
        for (int n = 1; n <= 100; n++) {
            tradesAccepted.add(a.publish(trade("Q", n)));
            tickersAccepted += a.publish(ticker("Q", n)) ? 1 : 0;
        }
        long tradesDropped = tradesAccepted.stream().filter(x -> !x).count();
        assertThat(droppedQueueFull(a)).isEqualTo(tradesDropped + 100 - tickersAccepted);
        assertThat(tradesDropped).isGreaterThanOrEqualTo(40);
        assertThat(tickersAccepted).isLessThan(100);
        await().atMost(Duration.ofSeconds(20)).until(() -> queued(a) == 0);
        assertThat(a.publish(trade("Q", 101))).isTrue();
        assertThat(a.publish(ticker("Q", 101))).isTrue();
        tradesAccepted.add(true);

        // the trade topic after its image at seq 1: per accepted trade its id, each run of dropped ones a gap notice
        List<String> expected = new ArrayList<>();
        long from = -1;
        for (int n = 1; n <= 101; n++) {
            if (!tradesAccepted.get(n - 1)) {
                from = from < 0 ? n : from;
                continue;
            }
            if (from >= 0) {
                expected.add(from + ".." + (n - 1) + " at " + trade("Q", from).timestamp() + ".."
                        + trade("Q", n - 1).timestamp() + " " + GapReason.LIMIT);
                from = -1;
            }
            expected.add(Integer.toString(n));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> lastTradeId(rec, t).equals("101"));
        List<String> seen = rec.seen(t).envelopes.stream().map(e -> e.event() instanceof TradeGap g
                ? g.fromId() + ".." + g.toId() + " at " + g.fromTime() + ".." + g.toTime() + " " + g.reason()
                : ((Trade) e.event()).tradeId()).toList();
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(rec.seen(t).envelopes).extracting(Envelope::seq)
                .containsExactlyElementsOf(range(2, seen.size() + 1));
        assertThat(rec.seen(t).images).as("no re-image: the seqs are continuous").hasSize(1);
        awaitHead(a, t, seen.size() + 1);

        // the ticker topic: every event offered has a seq or is skipped by the next one that got through: 1 + 100 + 1
        awaitHead(a, k, 102);
        rec.awaitSeq(k, 102);
        assertThat(rec.seen(k).images).as("re-imaged across the seq skip").hasSizeGreaterThanOrEqualTo(2);
        assertThat(rec.violations()).isEmpty();
        String epoch = epochOf(a, k);
        History last = history(a, k, epoch, 101);
        assertThat(last.envelopes()).extracting(e -> ((Ticker) e.event()).timestamp()).containsExactly(101L);
        assertThat(history(a, k, epoch, 0).gone()).as("a replay cannot cross the gap").isTrue();
    }
}
