package io.tickgate.bench.source;

import io.tickgate.bus.api.Broker;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes synthetic trades into a {@link Broker} at a fixed total rate, round-robin over a fixed list of topics,
 * from one thread (so every topic has one writer). The load is exactly known: after {@code t} seconds,
 * {@code rate * t} events (plus one seed event per topic) have been published, spread evenly over the topics.
 *
 * <p>{@link #start()} first publishes one seed trade per topic, synchronously, so every topic exists (clients can
 * subscribe) even at rate 0. Each trade's id is the {@link StampClock} time of its publication in epoch microseconds
 * (decimal digits); the load generator subtracts it from its own clock to get publish→client latency at microsecond
 * resolution (the {@code ts} field of the wire protocol is in milliseconds). The source stamps the event immediately
 * before {@link Broker#publish}, which stamps the envelope's ingest time, so the two are the same instant to within
 * the cost of one call.
 *
 * <p>Two shapes of the same rate: paced (tick 0), each event published when it is due, so the events are spread
 * evenly over time; or ticked, every {@code tickMillis} the events due by then published back to back (the shape of
 * the reference peers in {@code ../shared/peers}, whose publisher is a 10 ms timer, and of venues that push in
 * batches). Each event is stamped at its own publication either way.
 *
 * <p>If the thread falls behind (CPU starvation), it catches up by publishing the missed events at once, so the
 * count stays exact; bursts are then visible as hub queue depth and latency.
 */
public final class SyntheticSource implements AutoCloseable {

    /** The {@code source} segment of every synthetic topic. */
    public static final String SOURCE = "bench";
    /** The pattern matching every synthetic topic. */
    public static final String ALL_TOPICS = SOURCE + ".*.trade";
    /** The symbols' {@link String#format} pattern, applied to 0, 1, 2, ...: {@code S00000}, {@code S00001}, ... */
    public static final String DEFAULT_SYMBOL_FORMAT = "S%05d";

    private static final Logger log = LoggerFactory.getLogger(SyntheticSource.class);
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int PRICES = 64;

    private final Broker broker;
    private final List<Topic> topics;
    private final double ratePerSecond;
    private final long tickNanos;
    private final Decimal[] prices = new Decimal[PRICES];
    private final Decimal quantity = Decimal.parse("0.010");
    private final AtomicLong published = new AtomicLong();
    private final Thread thread;
    private volatile boolean running;
    private int next;

    /** Paced: each event published when it is due. */
    public SyntheticSource(Broker broker, List<Topic> topics, double ratePerSecond) {
        this(broker, topics, ratePerSecond, 0);
    }

    /**
     * @param topics        the topics to publish on (at least one; every one a {@code trade} topic)
     * @param ratePerSecond total events per second over all topics; 0 publishes only the seed events
     * @param tickMillis    0: paced; else every this many milliseconds the events due by then, back to back
     * @throws IllegalArgumentException on an empty topic list, a non-trade topic, a negative or non-finite rate or a
     *                                  tick outside 0..1000
     */
    public SyntheticSource(Broker broker, List<Topic> topics, double ratePerSecond, int tickMillis) {
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("at least one topic is required");
        }
        for (Topic t : topics) {
            if (t.channel() != Channel.TRADE) {
                throw new IllegalArgumentException("the synthetic source publishes trades only, not on " + t);
            }
        }
        if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be a finite number >= 0, not " + ratePerSecond);
        }
        if (tickMillis < 0 || tickMillis > 1_000) {
            throw new IllegalArgumentException("tick must be between 0 and 1000 ms, not " + tickMillis);
        }
        this.tickNanos = TimeUnit.MILLISECONDS.toNanos(tickMillis);
        this.broker = broker;
        this.topics = List.copyOf(topics);
        this.ratePerSecond = ratePerSecond;
        for (int i = 0; i < PRICES; i++) {
            prices[i] = Decimal.of(1_000_000 + 25L * i, 2);
        }
        this.thread = new Thread(this::run, "tickgate-bench-source");
        this.thread.setDaemon(true);
    }

    /**
     * {@code n} topics {@code bench.S00000.trade}, {@code bench.S00001.trade}, ...
     *
     * @throws IllegalArgumentException when {@code n} is not between 1 and 1,000,000
     */
    public static List<Topic> topics(int n) {
        return topics(n, DEFAULT_SYMBOL_FORMAT);
    }

    /**
     * {@code n} topics {@code bench.<symbol i>.trade}, the symbol of topic i being {@code String.format(symbolFormat,
     * i)}: e.g. {@code SYM%d} gives {@code bench.SYM0.trade} .. (the reference peers' names).
     *
     * @throws IllegalArgumentException when {@code n} is not between 1 and 1,000,000, or the format does not give n
     *                                  distinct valid symbols
     */
    public static List<Topic> topics(int n, String symbolFormat) {
        if (n < 1 || n > 1_000_000) {
            throw new IllegalArgumentException("topic count must be between 1 and 1000000, not " + n);
        }
        List<Topic> out = new ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                out.add(Topic.of(SOURCE, String.format(Locale.ROOT, symbolFormat, i), Channel.TRADE));
            }
        } catch (RuntimeException e) { // IllegalFormatException, InvalidTopicException
            throw new IllegalArgumentException("symbol format \"" + symbolFormat + "\": " + e.getMessage(), e);
        }
        if (out.stream().distinct().count() != n) {
            throw new IllegalArgumentException("symbol format \"" + symbolFormat + "\" repeats symbols");
        }
        return out;
    }

    /** Publishes one seed event per topic, then starts the paced thread (when the rate is above 0). */
    public SyntheticSource start() {
        for (int i = 0; i < topics.size(); i++) {
            publishNext();
        }
        if (ratePerSecond > 0) {
            running = true;
            thread.start();
        }
        log.info("synthetic source: {} topics, {} events/s, {}", topics.size(), ratePerSecond,
                tickNanos == 0 ? "paced" : "every " + tickMillis() + " ms");
        return this;
    }

    /** The topics, in publishing order. */
    public List<Topic> topics() {
        return topics;
    }

    /** 0 when paced, else the publishing tick in milliseconds. */
    public long tickMillis() {
        return TimeUnit.NANOSECONDS.toMillis(tickNanos);
    }

    /** Total events per second over all topics. */
    public double ratePerSecond() {
        return ratePerSecond;
    }

    /** Events published so far, seed events included. */
    public long published() {
        return published.get();
    }

    private void run() {
        long start = System.nanoTime();
        long sent = 0;
        double nanosPerEvent = 1e9 / ratePerSecond;
        while (running) {
            long elapsed = System.nanoTime() - start;
            long due = (long) (elapsed / nanosPerEvent);
            try {
                while (sent < due && running) {
                    publishNext();
                    sent++;
                }
            } catch (RuntimeException e) {
                log.error("synthetic source: publish failed; continuing", e);
                sent++;
            }
            long now = System.nanoTime() - start;
            long wait = tickNanos > 0 ? (now / tickNanos + 1) * tickNanos - now
                    : Math.min(MAX_PARK_NANOS, (long) ((sent + 1) * nanosPerEvent) - now);
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            }
        }
    }

    private void publishNext() {
        Topic topic = topics.get(next);
        next = next + 1 == topics.size() ? 0 : next + 1;
        long n = published.getAndIncrement();
        long micros = StampClock.nowMicros();
        broker.publish(new Trade(SOURCE, topic.symbol(), Long.toString(micros), prices[(int) (n % PRICES)],
                quantity, (n & 1) == 0 ? Side.BUY : Side.SELL, micros / 1_000));
    }

    /** Stops the thread (waits up to 1 s). Idempotent. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
