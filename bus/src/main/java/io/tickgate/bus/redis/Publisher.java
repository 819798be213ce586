package io.tickgate.bus.redis;

import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.codec.EventCodec;
import io.tickgate.bus.lease.FenceListeners;
import io.tickgate.bus.lease.Fenced;
import io.tickgate.bus.state.BookKeeper;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Topic;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publishing side of the Redis engine. Publishers (feed threads) only enqueue into a bounded queue; one writer
 * thread drains it in batches and sends each batch as one publish-script call (one per cluster slot on a
 * cluster), pipelined: up to {@code maxInFlight} batches are on the wire at once.
 *
 * <p>Overflow policy: when the queue is full the newest event is dropped and counted
 * ({@code tickgate_broker_dropped_total{reason="queue_full"}}). On a state topic (book, ticker, kline) the topic's
 * next event carries the number lost, and the script advances the seq past them, so subscribers see the gap and
 * re-image. On a trade topic a re-image would not help (its image holds only the last trades), so the publisher
 * remembers the venue trade ids it dropped ({@link LostTrades}) and the writer puts a {@code TradeGap} notice
 * (reason {@code limit}) naming them just before the topic's next trade, in sequence: the seqs stay continuous and
 * subscribers are told exactly what is missing. While Redis is unreachable nothing is sent, so the queue fills and
 * then drops.
 *
 * <p>A call that failed (timeout, connection lost) may have run in Redis all the same (a timed-out command stays on
 * the connection and Redis runs it when it gets to it), so its events are not counted as lost: the call is sent
 * again, unchanged (same publisher id and batch number, which the script recognizes when it ran already), once the
 * calls in flight are answered and before any later batch, until it is answered ({@link FailedCalls}). Only a call
 * still failing after {@value #GIVE_UP_MILLIS} ms counts its events as lost ({@code reason="redis_error"}): the
 * topic's next call skips their seqs, or on a trade topic announces its trades by a gap notice as above. Counting a
 * call that had run as lost made a false seq gap, and a trade topic's subscribers re-imaged across it: a trade image
 * holds only the last trades, so they silently missed the rest.
 *
 * <p>Book keyframes: the writer keeps a mirror of every book it publishes (from BookSnapshot and BookDelta) and
 * attaches the full book as a keyframe to a delta every {@code keyframeDeltas} deltas or {@code keyframeMillis};
 * a BookSnapshot is itself a keyframe. No keyframe is written from a mirror that has not seen a BookSnapshot.
 */
final class Publisher {

    private static final Logger log = LoggerFactory.getLogger(Publisher.class);
    /** How long a failed call is sent again before its events count as lost. */
    static final long GIVE_UP_MILLIS = 60_000;
    /** The pause between two sends of a call that failed at once (Redis answering an error). */
    private static final long RESEND_PAUSE_MILLIS = 50;
    /** The age of the oldest queued event past which publishing counts as stuck ({@link #stalled}). */
    static final long QUEUE_AGE_PROBLEM_MILLIS = 10_000;
    /** Why a call is sent again when Redis refused a part of it for an earlier call of its topic not yet run. */
    private static final Exception OUT_OF_ORDER = new IllegalStateException(
            "an earlier call of a topic had not run yet (publish.lua refused the call: out of order)");

    /**
     * One queued event: its topic, when it was ingested, and what of the topic was lost before it: a count (a seq
     * skip), or on a trade topic the trades (a gap notice; null: none).
     */
    private record Pending(Topic topic, MarketEvent event, long ingestTime, long lost, LostTrades trades,
                           long generation) {
    }

    /** The writer's mirror of one book, for keyframes. */
    private static final class Mirror {
        final BookKeeper book;
        boolean valid;
        int deltas;
        long lastKeyframeNanos;

        Mirror(Topic t) {
            book = new BookKeeper(t);
        }
    }

    /**
     * The events of one topic in one call: their bodies, and marks (index, lost, keyframe, lease generation) only for
     * the events that lost something before them, carry a keyframe or change the generation, so the usual event is
     * one script argument (publish.lua).
     */
    static final class TopicPart {
        final Topic topic;
        final List<String> marks = new ArrayList<>();
        final List<String> bodies = new ArrayList<>();
        int events;
        /** The gap notices the writer added. */
        int notices;
        /**
         * A trade topic's part: the first trade or gap notice in it (as a loss) and its last trade (ids ascend in
         * between); what {@link #trades} joins only if the call is given up on, so nothing is parsed per event.
         */
        LostTrades firstTrades;
        MarketEvent lastTrade;
        long maxGeneration;
        /** Where the call's arguments hold this part's prev and acknowledged epoch and seq (set at every send). */
        int orderArg;
        /** The first event's lease generation (a script argument) and the last one marked. */
        long firstGeneration;
        long generation;

        TopicPart(Topic topic) {
            this.topic = topic;
        }

        /** The trades of the part (its notices' ranges included); null when it holds none. */
        LostTrades trades() {
            return lastTrade == null ? firstTrades : LostTrades.join(firstTrades, LostTrades.of(lastTrade));
        }
    }

    private final BrokerSettings settings;
    private final RedisKeys keys;
    private final RedisMetrics metrics;
    private final Supplier<RedisLink> link;
    private final Announcer announcer;
    private final FenceListeners fences;
    private final ArrayBlockingQueue<Pending> queue;
    private final ConcurrentHashMap<Topic, Long> lostBeforeQueue = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Topic, Long> lostInCalls = new ConcurrentHashMap<>();
    /** Trade topics: the trades dropped since the topic's last queued event (producers) and in lost calls (writer). */
    private final ConcurrentHashMap<Topic, LostTrades> tradesBeforeQueue = new ConcurrentHashMap<>();
    private final Map<Topic, LostTrades> tradesInCalls = new HashMap<>();
    private final Map<Topic, Mirror> mirrors = new HashMap<>();
    private final Semaphore inFlight;
    private final FailedCalls failedCalls = new FailedCalls();
    private final UnansweredCalls unanswered = new UnansweredCalls();
    private final AckedHeads acked = new AckedHeads();
    /** When calls began failing with no answer from Redis since ({@code nanoTime}); 0 while Redis answers. */
    private final AtomicLong failingSince = new AtomicLong();
    private final SecureRandom random = new SecureRandom();
    private final String publisherId = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
    private final Thread writer;
    private final long keyframeNanos;
    private long batchNo;
    private volatile boolean running = true;
    private volatile boolean sleeping;
    private volatile long lastErrorLog;

    Publisher(BrokerSettings settings, RedisKeys keys, RedisMetrics metrics, Supplier<RedisLink> link,
              Announcer announcer, FenceListeners fences) {
        this.settings = settings;
        this.keys = keys;
        this.metrics = metrics;
        this.link = link;
        this.announcer = announcer;
        this.fences = fences;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.inFlight = new Semaphore(settings.maxInFlight());
        this.keyframeNanos = TimeUnit.MILLISECONDS.toNanos(settings.keyframeMillis());
        this.writer = new Thread(this::run, "tickgate-redis-publish");
        this.writer.setDaemon(true);
    }

    void start() {
        writer.start();
    }

    /**
     * Queues an event fenced by {@code generation} (0: unfenced); false (dropped and counted) when the queue is
     * full. Any thread; never blocks.
     */
    boolean offer(MarketEvent event, long generation) {
        Topic t = event.topic();
        boolean trade = LostTrades.isTrade(event);
        long lost = 0;
        if (!trade && !lostBeforeQueue.isEmpty()) {
            Long l = lostBeforeQueue.remove(t);
            if (l != null) {
                lost = l;
            }
        }
        LostTrades trades = !trade || tradesBeforeQueue.isEmpty() ? null : tradesBeforeQueue.remove(t);
        if (!queue.offer(new Pending(t, event, System.currentTimeMillis(), lost, trades, generation))) {
            if (!trade) {
                lostBeforeQueue.merge(t, lost + 1, Long::sum);
            } else {
                tradesBeforeQueue.merge(t, LostTrades.join(trades, LostTrades.of(event)), LostTrades::then);
            }
            metrics.dropped(t.channel(), RedisMetrics.QUEUE_FULL, 1);
            return false;
        }
        if (sleeping) {
            LockSupport.unpark(writer);
        }
        return true;
    }

    int queueDepth() {
        return queue.size();
    }

    /**
     * Why publishing is stuck while the connection looks open, or null: calls failing (timed out, errors) with no
     * answer for longer than the command timeout, or the oldest queued event waiting longer than
     * {@value #QUEUE_AGE_PROBLEM_MILLIS} ms. A Redis frozen (SIGSTOP, a stuck disk, a long script) keeps its socket
     * open, so the connection's state alone called it healthy while nothing was published.
     */
    String stalled() {
        long since = failingSince.get();
        long failing = since == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
        if (failing > settings.commandTimeoutMillis()) {
            return "redis publish calls failing or unanswered for " + failing + " ms; sending them again";
        }
        Pending oldest = queue.peek();
        long waited = oldest == null ? 0 : System.currentTimeMillis() - oldest.ingestTime();
        if (waited > QUEUE_AGE_PROBLEM_MILLIS) {
            return "redis publish queue: the oldest event has waited " + waited + " ms (" + queue.size()
                    + " queued)";
        }
        return null;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(settings.maxBatch());
        while (running) {
            try {
                RedisLink l = link.get();
                if (l == null || !l.commandsOpen()) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                    continue;
                }
                if (!failedCalls.isEmpty()) {
                    resendOldest(l);
                    continue;
                }
                if (!inFlight.tryAcquire(20, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                queue.drainTo(batch, settings.maxBatch());
                if (batch.isEmpty()) {
                    inFlight.release();
                    sleeping = true;
                    if (queue.isEmpty() && running) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                    }
                    sleeping = false;
                    continue;
                }
                send(l, batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("redis publisher: batch failed before sending; its events are lost", e);
                for (Pending p : batch) {
                    LostTrades mine = LostTrades.of(p.event());
                    if (mine == null) {
                        lost(p.topic(), 1);
                    } else {
                        lostTrades(p.topic(), LostTrades.join(p.trades(), mine));
                    }
                }
                inFlight.release();
            } finally {
                batch.clear();
            }
        }
    }

    /** Sends one batch: one script call per slot (one call for standalone Redis). Holds one in-flight permit. */
    private void send(RedisLink l, List<Pending> batch) {
        long bno = ++batchNo;
        Map<Integer, Map<Topic, TopicPart>> bySlot = new LinkedHashMap<>();
        for (Pending p : batch) {
            Topic t = p.topic();
            int slot = l.slot(keys.channel(t));
            TopicPart part = bySlot.computeIfAbsent(slot, s -> new LinkedHashMap<>())
                    .computeIfAbsent(t, TopicPart::new);
            long lost = p.lost();
            if (!lostInCalls.isEmpty()) {
                Long l2 = lostInCalls.remove(t);
                if (l2 != null) {
                    lost += l2;
                }
            }
            if (LostTrades.isTrade(p.event())) {
                LostTrades gap = LostTrades.join(tradesInCalls.isEmpty() ? null : tradesInCalls.remove(t),
                        p.trades());
                if (gap != null) {
                    // the trades lost before this one are announced in sequence, not skipped (ids would jump)
                    add(part, EventCodec.encode(gap.notice(t, System.currentTimeMillis()), p.ingestTime()), 0, "",
                            p.generation());
                    part.notices++;
                    if (part.firstTrades == null) {
                        part.firstTrades = gap;
                    }
                }
                if (part.firstTrades == null) {
                    part.firstTrades = LostTrades.of(p.event());
                } else {
                    part.lastTrade = p.event();
                }
            }
            add(part, EventCodec.encode(p.event(), p.ingestTime()), lost, keyframe(p), p.generation());
            announcer.published(l, t);
        }
        AtomicInteger calls = new AtomicInteger(bySlot.size());
        for (Map<Topic, TopicPart> parts : bySlot.values()) {
            send(l, call(l, bno, parts), 0, () -> {
                if (calls.decrementAndGet() == 0) {
                    inFlight.release();
                }
            });
        }
    }

    /** Adds one event to a topic's part, with a mark when it lost events, carries a keyframe or changes generation. */
    private static void add(TopicPart part, String body, long lost, String keyframe, long generation) {
        part.bodies.add(body);
        part.events++;
        if (part.events == 1) {
            part.firstGeneration = generation;
            part.generation = generation;
        }
        if (lost != 0 || !keyframe.isEmpty() || generation != part.generation) {
            part.marks.add(Integer.toString(part.events));
            part.marks.add(Long.toString(lost));
            part.marks.add(keyframe);
            part.marks.add(Long.toString(generation));
            part.generation = generation;
        }
        part.maxGeneration = Math.max(part.maxGeneration, generation);
    }

    /**
     * Sends the oldest failed call again once no call is in flight (so it runs before any later batch), holding every
     * permit meanwhile; after {@value #GIVE_UP_MILLIS} ms of failures its events count as lost.
     */
    private void resendOldest(RedisLink l) throws InterruptedException {
        int permits = settings.maxInFlight();
        if (!inFlight.tryAcquire(permits, 20, TimeUnit.MILLISECONDS)) {
            return;
        }
        FailedCalls.Failed f = failedCalls.takeOldest();
        long now = System.nanoTime();
        if (f == null) {
            inFlight.release(permits);
        } else if (now - f.firstFailedNanos() > TimeUnit.MILLISECONDS.toNanos(GIVE_UP_MILLIS)) {
            lose(f.call(), f.error());
            inFlight.release(permits);
        } else if (now - f.lastFailedNanos() < TimeUnit.MILLISECONDS.toNanos(RESEND_PAUSE_MILLIS)
                || f.copyPending()) {
            // a copy Redis has not answered yet (frozen, or far behind) will run when it gets to it: another would
            // only queue behind it, one more every timeout
            failedCalls.putBack(f);
            inFlight.release(permits);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        } else {
            send(l, f.call(), f.firstFailedNanos(), () -> inFlight.release(permits));
        }
    }

    /** One publish-script call: its keys and arguments (sent again unchanged after a failure) and its topics. */
    record Call(long bno, String[] keys, String[] args, Map<Topic, TopicPart> parts) {
    }

    private Call call(RedisLink l, long bno, Map<Topic, TopicPart> parts) {
        String[] k = new String[parts.size() * 4];
        List<String> args = new ArrayList<>(5 + parts.size() * 7);
        args.add(publisherId);
        args.add(Long.toString(bno));
        args.add(newEpoch());
        args.add(l.publishCommand());
        args.add(Integer.toString(parts.size()));
        int i = 0;
        for (TopicPart part : parts.values()) {
            String[] tk = keys.topicKeys(part.topic);
            System.arraycopy(tk, 0, k, i, 4);
            i += 4;
            Channel c = part.topic.channel();
            args.add(keys.channel(part.topic));
            args.add(RedisKeys.kind(c));
            args.add(Integer.toString(settings.historySize(c)));
            args.add(Long.toString(settings.historyMaxAgeMillis(c)));
            args.add(Integer.toString(settings.tradeStateSize()));
            args.add(Integer.toString(part.events));
            args.add(Integer.toString(part.marks.size() / 4));
            args.add(Long.toString(part.firstGeneration));
            part.orderArg = args.size();
            args.add("0"); // prev, acknowledged epoch and seq: set at every send
            args.add("");
            args.add("0");
            args.addAll(part.marks);
            args.addAll(part.bodies);
        }
        return new Call(bno, k, args.toArray(new String[0]), parts);
    }

    /**
     * Sends a call; {@code firstFailedNanos}: when it first failed, 0 on its first send. A first send names the
     * script by SHA only; a resend (every permit held, nothing in flight) sends its text, which loads it again when
     * Redis lost it: so a script is only ever reloaded in batch order. Each send names the topics' latest earlier
     * calls still open and their acknowledged heads as they are now (publish.lua).
     */
    private void send(RedisLink l, Call c, long firstFailedNanos, Runnable answered) {
        long start = System.nanoTime();
        CompletableFuture<List<Object>> command = null;
        CompletionStage<List<Object>> reply;
        try {
            for (TopicPart part : c.parts().values()) {
                if (firstFailedNanos == 0) {
                    unanswered.sent(part.topic, c.bno());
                }
                AckedHeads.Head head = acked.of(part.topic);
                c.args()[part.orderArg] = Long.toString(unanswered.before(part.topic, c.bno()));
                c.args()[part.orderArg + 1] = head == null ? "" : head.epoch();
                c.args()[part.orderArg + 2] = head == null ? "0" : Long.toString(head.seq());
            }
            command = firstFailedNanos == 0 ? l.evalCached(LuaScript.PUBLISH, c.keys(), c.args())
                    : l.evalLoading(LuaScript.PUBLISH, c.keys(), c.args());
            reply = l.timed(command);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<List<Object>> copy = command;
        reply.whenComplete((r, e) -> {
            try {
                if (e == null) {
                    failingSince.set(0);
                    metrics.call(System.nanoTime() - start);
                    if (done(l, c, r)) {
                        for (TopicPart part : c.parts().values()) {
                            unanswered.closed(part.topic, c.bno());
                        }
                    } else {
                        failed(c, firstFailedNanos, OUT_OF_ORDER, null);
                    }
                } else {
                    failed(c, firstFailedNanos, e, copy);
                }
            } finally {
                answered.run();
            }
        });
    }

    /**
     * Redis answered a call: counts, fences and announces what it applied, notes the acknowledged heads. False when a
     * part was refused as out of order (an earlier call of its topic has not run yet): the call is then sent again
     * after that one (its applied parts are recognized then).
     */
    private boolean done(RedisLink l, Call c, List<Object> result) {
        int i = 0;
        boolean inOrder = true;
        for (TopicPart part : c.parts().values()) {
            String status = String.valueOf(result.get(i));
            boolean fresh = "1".equals(status);
            String epoch = String.valueOf(result.get(i + 1));
            long last = Long.parseLong(String.valueOf(result.get(i + 3)));
            long refused = Long.parseLong(String.valueOf(result.get(i + 4)));
            long current = Long.parseLong(String.valueOf(result.get(i + 5)));
            i += 6;
            if ("o".equals(status)) {
                inOrder = false;
                continue;
            }
            if (last > 0) {
                acked.acknowledged(part.topic, epoch, last);
            }
            metrics.published(part.topic.channel(), part.events - refused);
            if (refused > 0) {
                fences.fenced(new Fenced(part.topic, part.maxGeneration, current, refused));
            }
            if (fresh) {
                // the topic's keys were (re)created: Redis restarted empty or was flushed; announce it again
                announcer.recreated(l, part.topic);
            }
        }
        return inOrder;
    }

    /** A call failed: it is sent again (it may have run: the script recognizes it by publisher id and batch). */
    private void failed(Call c, long firstFailedNanos, Throwable e, CompletableFuture<?> copy) {
        metrics.error();
        long now = System.nanoTime();
        if (e != OUT_OF_ORDER) {
            failingSince.compareAndSet(0, now);
        }
        failedCalls.add(new FailedCalls.Failed(c, firstFailedNanos == 0 ? now : firstFailedNanos, now, e, copy));
        if (now - lastErrorLog > TimeUnit.SECONDS.toNanos(5)) {
            lastErrorLog = now;
            log.warn("redis publisher: a publish call failed ({}); sending it again before any later batch",
                    e.toString());
        }
    }

    /** A call given up on: its events count as lost, the topics' next messages show the gap. */
    private void lose(Call c, Throwable e) {
        for (TopicPart part : c.parts().values()) {
            unanswered.closed(part.topic, c.bno());
            LostTrades trades = part.trades();
            if (trades == null) {
                lost(part.topic, part.events);
            } else {
                lostTrades(part.topic, trades);
            }
            metrics.dropped(part.topic.channel(), RedisMetrics.REDIS_ERROR, part.events - part.notices);
        }
        log.warn("redis publisher: a publish call still failed after {} ms ({}); its events count as lost, the "
                + "topics' next messages show the gap", GIVE_UP_MILLIS, e.toString());
    }

    private void lost(Topic t, long n) {
        lostInCalls.merge(t, n, Long::sum);
    }

    /** Trades lost in calls (writer thread): the topic's next trade is preceded by a gap notice naming them. */
    private void lostTrades(Topic t, LostTrades trades) {
        tradesInCalls.merge(t, trades, LostTrades::then);
    }

    /** "" (none), "=" (the event is a keyframe) or the encoded full book to store as the topic's keyframe. */
    private String keyframe(Pending p) {
        if (p.topic().channel() != Channel.BOOK) {
            return "";
        }
        Mirror m = mirrors.computeIfAbsent(p.topic(), Mirror::new);
        m.book.apply(p.event());
        long now = System.nanoTime();
        if (p.event() instanceof BookSnapshot) {
            m.valid = true;
            m.deltas = 0;
            m.lastKeyframeNanos = now;
            return "=";
        }
        if (!m.valid) {
            return "";
        }
        if (++m.deltas >= settings.keyframeDeltas() || now - m.lastKeyframeNanos >= keyframeNanos) {
            m.deltas = 0;
            m.lastKeyframeNanos = now;
            return EventCodec.encode(m.book.keyframe(), p.ingestTime());
        }
        return "";
    }

    private String newEpoch() {
        return Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
    }

    /**
     * Stops the writer: waits up to {@code drainMillis} for the queue to empty and the calls in flight to be
     * answered, then stops.
     */
    void stop(long drainMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
        while (System.nanoTime() < deadline && (!queue.isEmpty() || !failedCalls.isEmpty()
                || inFlight.availablePermits() < settings.maxInFlight())) {
            RedisLink l = link.get();
            if (l == null || !l.commandsOpen()) {
                break;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        running = false;
        LockSupport.unpark(writer);
        try {
            writer.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
