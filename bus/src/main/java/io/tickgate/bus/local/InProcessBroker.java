package io.tickgate.bus.local;

import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.api.EnvelopeListener;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.topic.Topic;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default broker: everything in one JVM. Seq counters live in memory, so the epoch is new at every start (a
 * client resuming across a restart is told its history is gone). Listeners run on the publishing thread.
 */
public final class InProcessBroker implements Broker {

    private final String epoch;
    private final ConcurrentHashMap<Topic, AtomicLong> seqs = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<EnvelopeListener> listeners = new CopyOnWriteArrayList<>();

    public InProcessBroker() {
        this(newEpoch());
    }

    public InProcessBroker(String epoch) {
        this.epoch = epoch;
    }

    /** A short random epoch id, e.g. {@code k3x9a1}. */
    public static String newEpoch() {
        return Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
    }

    public String epoch() {
        return epoch;
    }

    @Override
    public Envelope publish(MarketEvent event) {
        Topic topic = event.topic();
        long seq = seqs.computeIfAbsent(topic, t -> new AtomicLong()).incrementAndGet();
        Envelope envelope = new Envelope(topic, epoch, seq, System.currentTimeMillis(), System.nanoTime(), event);
        for (EnvelopeListener l : listeners) {
            l.onEnvelope(envelope);
        }
        return envelope;
    }

    @Override
    public AutoCloseable subscribe(EnvelopeListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public Set<Topic> topics() {
        return Collections.unmodifiableSet(seqs.keySet());
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
