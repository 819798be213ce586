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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * ({@code tickgate_broker_dropped_total{reason="queue_full"}}); the topic's next event carries the number lost, and
 * the script advances the seq past them, so subscribers see the gap. The same holds for the events of a call that
 * failed (timeout, connection lost): they count as lost ({@code reason="redis_error"}) and the topic's next call
 * skips their seqs (if the call had run after all, the gap is a false alarm; a seq is never reused). While Redis is
 * unreachable nothing is sent, so the queue fills and then drops.
 *
 * <p>Book keyframes: the writer keeps a mirror of every book it publishes (from BookSnapshot and BookDelta) and
 * attaches the full book as a keyframe to a delta every {@code keyframeDeltas} deltas or {@code keyframeMillis};
 * a BookSnapshot is itself a keyframe. No keyframe is written from a mirror that has not seen a BookSnapshot.
 */
final class Publisher {

    private static final Logger log = LoggerFactory.getLogger(Publisher.class);

    /** One queued event: its topic, when it was ingested, and how many of the topic's events were lost before it. */
    private record Pending(Topic topic, MarketEvent event, long ingestTime, long lost, long generation) {
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
    private static final class TopicPart {
        final Topic topic;
        final List<String> marks = new ArrayList<>();
        final List<String> bodies = new ArrayList<>();
        int events;
        long maxGeneration;
        /** The first event's lease generation (a script argument) and the last one marked. */
        long firstGeneration;
        long generation;

        TopicPart(Topic topic) {
            this.topic = topic;
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
    private final Map<Topic, Mirror> mirrors = new HashMap<>();
    private final Semaphore inFlight;
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
        long lost = 0;
        if (!lostBeforeQueue.isEmpty()) {
            Long l = lostBeforeQueue.remove(t);
            if (l != null) {
                lost = l;
            }
        }
        if (!queue.offer(new Pending(t, event, System.currentTimeMillis(), lost, generation))) {
            lostBeforeQueue.merge(t, lost + 1, Long::sum);
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

    private void run() {
        List<Pending> batch = new ArrayList<>(settings.maxBatch());
        while (running) {
            try {
                RedisLink l = link.get();
                if (l == null || !l.commandsOpen()) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
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
                    lost(p.topic(), 1);
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
            String body = EventCodec.encode(p.event(), p.ingestTime());
            part.bodies.add(body);
            part.events++;
            String keyframe = keyframe(p);
            long generation = p.generation();
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
            announcer.published(l, t);
        }
        AtomicInteger calls = new AtomicInteger(bySlot.size());
        for (Map<Topic, TopicPart> parts : bySlot.values()) {
            call(l, bno, parts, calls);
        }
    }

    private void call(RedisLink l, long bno, Map<Topic, TopicPart> parts, AtomicInteger calls) {
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
            args.addAll(part.marks);
            args.addAll(part.bodies);
        }
        long start = System.nanoTime();
        l.eval(LuaScript.PUBLISH, k, args.toArray(new String[0])).whenComplete((r, e) -> {
            try {
                if (e == null) {
                    metrics.call(System.nanoTime() - start);
                    done(l, parts, r);
                } else {
                    failed(parts, e);
                }
            } finally {
                if (calls.decrementAndGet() == 0) {
                    inFlight.release();
                }
            }
        });
    }

    private void done(RedisLink l, Map<Topic, TopicPart> parts, List<Object> result) {
        int i = 0;
        for (TopicPart part : parts.values()) {
            boolean fresh = "1".equals(String.valueOf(result.get(i)));
            long refused = Long.parseLong(String.valueOf(result.get(i + 4)));
            long current = Long.parseLong(String.valueOf(result.get(i + 5)));
            i += 6;
            metrics.published(part.topic.channel(), part.events - refused);
            if (refused > 0) {
                fences.fenced(new Fenced(part.topic, part.maxGeneration, current, refused));
            }
            if (fresh) {
                // the topic's keys were (re)created: Redis restarted empty or was flushed; announce it again
                announcer.recreated(l, part.topic);
            }
        }
    }

    private void failed(Map<Topic, TopicPart> parts, Throwable e) {
        metrics.error();
        for (TopicPart part : parts.values()) {
            lost(part.topic, part.events);
            metrics.dropped(part.topic.channel(), RedisMetrics.REDIS_ERROR, part.events);
        }
        long now = System.nanoTime();
        if (now - lastErrorLog > TimeUnit.SECONDS.toNanos(5)) {
            lastErrorLog = now;
            log.warn("redis publisher: a publish call failed ({}); its events count as lost, the topics' next "
                    + "messages show the gap", e.toString());
        }
    }

    private void lost(Topic t, long n) {
        lostInCalls.merge(t, n, Long::sum);
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
        while (System.nanoTime() < deadline && (!queue.isEmpty()
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
