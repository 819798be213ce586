package io.tickgate.bus.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.api.History;
import io.tickgate.bus.api.Subscription;
import io.tickgate.bus.api.TopicImage;
import io.tickgate.bus.state.BookKeeper;
import io.tickgate.bus.state.StateKeeper;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Ticker;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Topic;
import io.tickgate.model.topic.TopicPattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The broker contract, run against every engine (subclasses): in-process, standalone Redis, a Redis Cluster of 3
 * masters. A "node" is a broker instance; on a shared engine two nodes share topics through the store, in-process
 * they are one instance. Each test uses its own topic names (a fresh source), so tests of one class share a store
 * without meeting.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class BrokerContractTest {

    private static final AtomicInteger SOURCES = new AtomicInteger();
    protected static final int TRADE_STATE = 20;

    private final List<Broker> opened = new CopyOnWriteArrayList<>();
    protected final String source = "ct" + SOURCES.incrementAndGet() + "x" + Long.toString(System.nanoTime() % 100_000, 36);

    /** A new node (broker instance) on the engine with {@code settings}. */
    protected abstract Broker newNode(BrokerSettings settings);

    /** Another node reading what {@code publisher} publishes (in-process: the same instance). */
    protected abstract Broker peer(Broker publisher, BrokerSettings settings);

    /** True when the topics live in a store that outlives a node (Redis). */
    protected abstract boolean sharedStore();

    /** Kills the store (Redis servers). */
    protected void stopStore() {
        throw new UnsupportedOperationException();
    }

    /** Starts the store again, empty. */
    protected void startStore() {
        throw new UnsupportedOperationException();
    }

    /** Pauses write commands in the store for {@code millis}. */
    protected void pauseWrites(long millis) {
        throw new UnsupportedOperationException();
    }

    /**
     * The engine settings of a test. A timed-out publish call is sent again (nothing lost), but it costs a round of
     * waiting, so the timeout is generous here: on a loaded 2-core machine a script call can take seconds, and these
     * tests check order and state, not the timeout; the tests about losing the store set their own.
     */
    protected BrokerSettings settings() {
        return BrokerSettings.builder().tradeStateSize(TRADE_STATE).keyframe(10, 200).commandTimeoutMillis(10_000)
                .build();
    }

    protected Broker node(BrokerSettings settings) {
        Broker b = newNode(settings);
        opened.add(b);
        return b;
    }

    protected Broker peerOf(Broker publisher, BrokerSettings settings) {
        Broker b = peer(publisher, settings);
        if (b != publisher) {
            opened.add(b);
        }
        return b;
    }

    @AfterEach
    void closeNodes() {
        for (Broker b : opened) {
            b.close();
        }
        opened.clear();
    }

    protected Topic topic(String symbol, Channel channel) {
        return Topic.of(source, symbol, channel);
    }

    protected Trade trade(String symbol, long id) {
        return new Trade(source, symbol, Long.toString(id), Decimal.parse("100." + (id % 100)),
                Decimal.parse("0.50"), id % 2 == 0 ? Side.BUY : Side.SELL, 1_700_000_000_000L + id);
    }

    protected Ticker ticker(String symbol, long n) {
        return new Ticker(source, symbol, Decimal.parse(n + ".10"), null, null, null, null, null, null, null, null, n);
    }

    protected static History history(Broker b, Topic t, String epoch, long after) throws Exception {
        return b.history(t, epoch, after).get(10, TimeUnit.SECONDS);
    }

    protected static String epochOf(Broker b, Topic t) throws Exception {
        return b.history(t, "?", 0).get(10, TimeUnit.SECONDS).epoch();
    }

    protected static void awaitReady(Broker b) {
        await().atMost(Duration.ofSeconds(20)).until(b::ready);
    }

    /** Waits until the reader's store shows {@code seq} as the topic's head. */
    protected static void awaitHead(Broker b, Topic t, long seq) {
        await().atMost(Duration.ofSeconds(20)).until(() -> history(b, t, "?", 0).headSeq() == seq);
    }

    @Test
    void numbersEachTopicConsecutivelyAndSubscribersSeeEverySeq() throws Exception {
        BrokerSettings s = settings();
        Broker a = node(s);
        Broker b = peerOf(a, s);
        List<Topic> topics = new ArrayList<>();
        Recorder rec = new Recorder(TRADE_STATE);
        for (int i = 0; i < 5; i++) {
            Topic t = topic("S" + i, Channel.TRADE);
            topics.add(t);
            b.subscribe(t, rec);
        }
        for (int n = 1; n <= 200; n++) {
            for (int i = 0; i < 5; i++) {
                assertThat(a.publish(trade("S" + i, n))).isTrue();
            }
        }
        for (Topic t : topics) {
            rec.awaitSeq(t, 200);
            History h = history(b, t, rec.epoch(t), 0);
            assertThat(h.gone()).isFalse();
            assertThat(h.envelopes()).extracting(Envelope::seq)
                    .containsExactlyElementsOf(range(1, 200));
            assertThat(h.envelopes()).extracting(e -> ((Trade) e.event()).tradeId())
                    .containsExactlyElementsOf(range(1, 200).stream().map(String::valueOf).toList());
            assertThat(rec.state(t)).hasSize(TRADE_STATE).last()
                    .satisfies(e -> assertThat(((Trade) e).tradeId()).isEqualTo("200"));
        }
        assertThat(rec.violations()).isEmpty();
        assertThat(b.topics()).containsAll(topics);
        assertThat(a.ready()).isTrue();
    }

    /**
     * Once {@code declare} completed, another node that has not heard of the topics finds them in the directory (a
     * shared engine; an engine in one process finds nothing, at once) and knows them from then on; a topic nobody
     * has is not found.
     */
    @Test
    void declaredTopicsAreInTheDirectoryWhenDeclareCompletes() throws Exception {
        BrokerSettings s = settings();
        Broker a = node(s);
        Broker b = peerOf(a, s);
        Topic declared = topic("DECL", Channel.TRADE);
        a.declare(List.of(declared, topic("DECL", Channel.TICKER))).get(10, TimeUnit.SECONDS);
        Set<Topic> exact = b.lookup(TopicPattern.parse(declared.toString())).get(10, TimeUnit.SECONDS);
        Set<Topic> pattern = b.lookup(TopicPattern.parse(source + ".*.ticker")).get(10, TimeUnit.SECONDS);
        Set<Topic> none = b.lookup(TopicPattern.parse(source + ".NONE.trade")).get(10, TimeUnit.SECONDS);
        if (sharedStore()) {
            assertThat(exact).containsExactly(declared);
            assertThat(pattern).containsExactly(topic("DECL", Channel.TICKER));
            assertThat(b.topics()).contains(declared, topic("DECL", Channel.TICKER));
        } else {
            assertThat(exact).isEmpty();
            assertThat(pattern).isEmpty();
        }
        assertThat(none).isEmpty();
    }

    @Test
    void manyTopicsAcrossSlotsEachNumberedFromOne() throws Exception {
        BrokerSettings s = settings();
        Broker a = node(s);
        Broker b = peerOf(a, s);
        int topics = 300;
        for (int n = 1; n <= 4; n++) {
            for (int i = 0; i < topics; i++) {
                a.publish(ticker("M" + i, n));
            }
        }
        // every topic, not only the last published: on a cluster each master answers its own batches
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (int i = 0; i < topics; i++) {
                if (history(b, topic("M" + i, Channel.TICKER), "?", 0).headSeq() != 4) {
                    return false;
                }
            }
            return true;
        });
        for (int i = 0; i < topics; i++) {
            Topic t = topic("M" + i, Channel.TICKER);
            History h = history(b, t, epochOf(b, t), 0);
            assertThat(h.envelopes()).as(t.toString()).extracting(Envelope::seq).containsExactly(1L, 2L, 3L, 4L);
            assertThat(((Ticker) h.envelopes().get(3).event()).last().toString()).isEqualTo("4.10");
        }
    }

    @Test
    void anAggTradeImageHoldsTheLastTradesLikeATradeImage() throws Exception {
        BrokerSettings s = settings();
        Broker a = node(s);
        Broker b = peerOf(a, s);
        Topic t = topic("AG", Channel.AGG_TRADE);
        long before = System.currentTimeMillis();
        for (int n = 1; n <= 30; n++) {
            Trade raw = trade("AG", n);
            a.publish(new Trade(raw.source(), raw.symbol(), raw.tradeId(), raw.price(), raw.quantity(), raw.side(),
                    raw.timestamp(), true));
        }
        awaitHead(b, t, 30);
        Recorder rec = new Recorder(TRADE_STATE);
        b.subscribe(t, rec);
        rec.awaitSeq(t, 30);
        TopicImage image = rec.seen(t).images.get(0);
        assertThat(image.events()).as("the last trades, oldest first").hasSize(TRADE_STATE)
                .extracting(e -> ((Trade) e).tradeId())
                .containsExactlyElementsOf(range(31 - TRADE_STATE, 30).stream().map(String::valueOf).toList());
        assertThat(image.events()).allMatch(e -> ((Trade) e).aggregated());
        assertThat(image.ingestTime()).as("the state's time: its last message's ingest time")
                .isBetween(before, System.currentTimeMillis());
    }

    @Test
    void epochOutlivesANodeRestartOnASharedStore() throws Exception {
        BrokerSettings s = settings();
        Broker a = node(s);
        Topic t = topic("E", Channel.TRADE);
        for (int n = 1; n <= 3; n++) {
            a.publish(trade("E", n));
        }
        awaitHead(a, t, 3);
        String epoch = epochOf(a, t);
        a.close();
        Broker restarted = node(s);
        restarted.publish(trade("E", 4));
        if (sharedStore()) {
            awaitHead(restarted, t, 4);
            assertThat(epochOf(restarted, t)).isEqualTo(epoch);
            assertThat(history(restarted, t, epoch, 0).envelopes()).extracting(Envelope::seq)
                    .containsExactly(1L, 2L, 3L, 4L);
        } else {
            // in-process: the node is the store; its restart loses the history, so the epoch is new
            awaitHead(restarted, t, 1);
            assertThat(epochOf(restarted, t)).isNotEqualTo(epoch);
            assertThat(history(restarted, t, epoch, 3).gone()).isTrue();
        }
    }

    @Test
    void historyResumesFromASeqAndSaysGoneForAnotherEpoch() throws Exception {
        BrokerSettings s = settings();
        Broker a = node(s);
        Broker b = peerOf(a, s);
        Topic t = topic("H", Channel.TRADE);
        for (int n = 1; n <= 50; n++) {
            a.publish(trade("H", n));
        }
        awaitHead(b, t, 50);
        String epoch = epochOf(b, t);
        History h = history(b, t, epoch, 20);
        assertThat(h.gone()).isFalse();
        assertThat(h.headSeq()).isEqualTo(50);
        assertThat(h.envelopes()).extracting(Envelope::seq).containsExactlyElementsOf(range(21, 50));
        assertThat(h.envelopes()).extracting(Envelope::event)
                .containsExactlyElementsOf(range(21, 50).stream().map(n -> (MarketEvent) trade("H", n)).toList());
        assertThat(h.envelopes()).allMatch(e -> e.epoch().equals(epoch) && e.topic().equals(t));
        History none = history(b, t, epoch, 50);
        assertThat(none.gone()).isFalse();
        assertThat(none.envelopes()).isEmpty();
        assertThat(history(b, t, "not-" + epoch, 20).gone()).isTrue();
        assertThat(history(b, t, epoch, 51).gone()).isTrue();
        assertThat(history(b, topic("NEVER", Channel.TRADE), epoch, 0).gone()).isTrue();
    }

    @Test
    void historySaysGoneOnceTrimmedByCountOrAge() throws Exception {
        BrokerSettings s = settings().toBuilder().eventHistory(10, 60_000).stateHistory(100, 400).build();
        Broker a = node(s);
        Broker b = peerOf(a, s);
        Topic trades = topic("G", Channel.TRADE);
        for (int n = 1; n <= 30; n++) {
            a.publish(trade("G", n));
        }
        awaitHead(b, trades, 30);
        String epoch = epochOf(b, trades);
        assertThat(history(b, trades, epoch, 5).gone()).isTrue();
        assertThat(history(b, trades, epoch, 19).gone()).isTrue();
        assertThat(history(b, trades, epoch, 20).envelopes()).extracting(Envelope::seq)
                .containsExactlyElementsOf(range(21, 30));

        Topic tickers = topic("G", Channel.TICKER);
        for (int n = 1; n <= 5; n++) {
            a.publish(ticker("G", n));
        }
        awaitHead(b, tickers, 5);
        String te = epochOf(b, tickers);
        assertThat(history(b, tickers, te, 2).gone()).isFalse();
        Thread.sleep(600);
        assertThat(history(b, tickers, te, 2).gone()).as("older than the state history's max age").isTrue();
        assertThat(history(b, tickers, te, 5).gone()).as("nothing to replay").isFalse();
    }

    @Test
    void aSubscriberJoiningWhilePublishingGetsStateThenEveryLaterSeq() throws Exception {
        BrokerSettings s = settings();
        Broker a = node(s);
        Topic book = topic("B", Channel.BOOK);
        Topic trades = topic("B", Channel.TRADE);
        Topic tick = topic("B", Channel.TICKER);
        BookKeeper reference = new BookKeeper(book);
        StateKeeper lastTrades = StateKeeper.forTopic(trades, TRADE_STATE);
        List<Recorder> recorders = new CopyOnWriteArrayList<>();
        int total = 3_000;
        Thread producer = new Thread(() -> {
            BookSnapshot first = new BookSnapshot(source, "B", List.of(PriceLevel.of("99.0", "1")),
                    List.of(PriceLevel.of("101.0", "1")), 1, 1);
            reference.apply(first);
            a.publish(first);
            for (int n = 1; n <= total; n++) {
                BookDelta d = new BookDelta(source, "B",
                        List.of(PriceLevel.of((90 + n % 9) + ".5", n % 5 == 0 ? "0" : n + ".0")),
                        List.of(PriceLevel.of((101 + n % 7) + ".25", n % 3 == 0 ? "0" : "2.50")), n + 1, n + 1, n);
                reference.apply(d);
                a.publish(d);
                Trade tr = trade("B", n);
                lastTrades.apply(tr);
                a.publish(tr);
                a.publish(ticker("B", n));
                if (n % 50 == 0) {
                    sleepQuietly(2);
                }
            }
        }, "contract-producer");
        producer.start();
        // subscribers join at different moments while the producer runs (and one after it is done)
        for (int i = 0; i < 3; i++) {
            sleepQuietly(60);
            Recorder r = new Recorder(TRADE_STATE);
            Broker b = peerOf(a, s);
            b.subscribe(book, r);
            b.subscribe(trades, r);
            b.subscribe(tick, r);
            recorders.add(r);
        }
        producer.join(30_000);
        Recorder late = new Recorder(TRADE_STATE);
        peerOf(a, s).subscribe(book, late);
        recorders.add(late);
        for (Recorder r : recorders) {
            r.awaitSeq(book, total + 1);
            assertThat(r.violations()).isEmpty();
            assertThat(r.state(book)).as("book rebuilt from image + deltas").containsExactly(reference.keyframe());
            if (r != late) {
                r.awaitSeq(trades, total);
                r.awaitSeq(tick, total);
                assertThat(r.state(trades)).isEqualTo(lastTrades.image());
                assertThat(r.state(tick)).containsExactly(ticker("B", total));
                Recorder.Seen seen = r.seen(trades);
                Set<Long> seqs = new HashSet<>();
                for (Envelope e : seen.envelopes) {
                    assertThat(seqs.add(e.seq())).as("no duplicate").isTrue();
                }
            }
        }
        assertThat(late.seen(book).envelopes).isEmpty();
        assertThat(late.seen(book).images).hasSize(1);
    }

    @Test
    void aWildcardPicksUpTopicsThatAppearLater() throws Exception {
        BrokerSettings s = settings();
        Broker a = node(s);
        Broker b = peerOf(a, s);
        a.publish(trade("OLD", 1));
        awaitHead(a, topic("OLD", Channel.TRADE), 1);
        Recorder rec = new Recorder(TRADE_STATE);
        b.subscribe(TopicPattern.parse(source + ".*.trade"), rec);
        await().atMost(Duration.ofSeconds(20)).until(() -> rec.topics().contains(topic("OLD", Channel.TRADE)));
        for (int n = 1; n <= 5; n++) {
            a.publish(trade("NEW1", n));
            a.publish(trade("NEW2", n));
            a.publish(ticker("NEW1", n));
        }
        rec.awaitSeq(topic("NEW1", Channel.TRADE), 5);
        rec.awaitSeq(topic("NEW2", Channel.TRADE), 5);
        assertThat(rec.topics()).containsExactlyInAnyOrder(topic("OLD", Channel.TRADE), topic("NEW1", Channel.TRADE),
                topic("NEW2", Channel.TRADE));
        assertThat(rec.violations()).isEmpty();
        assertThat(rec.state(topic("NEW2", Channel.TRADE))).hasSize(5);
    }

    @Test
    void unsubscribeStopsDelivery() throws Exception {
        BrokerSettings s = settings();
        Broker a = node(s);
        Broker b = peerOf(a, s);
        Topic t = topic("U", Channel.TRADE);
        Recorder rec = new Recorder(TRADE_STATE);
        Subscription sub = b.subscribe(t, rec);
        Recorder other = new Recorder(TRADE_STATE);
        b.subscribe(topic("U2", Channel.TRADE), other);
        a.publish(trade("U", 1));
        rec.awaitSeq(t, 1);
        sub.close();
        afterUnsubscribe(b);
        for (int n = 2; n <= 10; n++) {
            a.publish(trade("U", n));
        }
        a.publish(trade("U2", 1));
        other.awaitSeq(topic("U2", Channel.TRADE), 1);
        awaitHead(b, t, 10);
        assertThat(rec.seq(t)).isEqualTo(1);
        assertThat(rec.seen(t).envelopes).allMatch(e -> e.seq() == 1);
    }

    /** Engine hook: waits until an unsubscribe took effect. */
    protected void afterUnsubscribe(Broker b) {
    }

    protected static String lastTradeId(Recorder rec, Topic t) {
        List<MarketEvent> state = rec.state(t);
        return state.isEmpty() ? "" : ((Trade) state.get(state.size() - 1)).tradeId();
    }

    /** Engine hook: events waiting in the publish queue. */
    protected int queued(Broker b) {
        return 0;
    }

    /** Engine hook: events dropped because the publish queue was full. */
    protected long droppedQueueFull(Broker b) {
        return 0;
    }

    protected static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(i);
        }
        return out;
    }

    protected static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
