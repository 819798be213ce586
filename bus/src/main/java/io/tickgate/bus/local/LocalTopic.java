package io.tickgate.bus.local;

import io.tickgate.bus.api.BrokerSettings;
import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.lease.TopicClaim;
import io.tickgate.bus.api.EnvelopeListener;
import io.tickgate.bus.api.History;
import io.tickgate.bus.api.TopicImage;
import io.tickgate.bus.api.TopicListener;
import io.tickgate.bus.state.StateKeeper;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.topic.Topic;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One topic of the in-process broker: seq, history (bounded by count and age, as the channel class says), state for
 * images, and the topic's listeners. Every method holds the topic's lock, so an image and the envelopes after it are
 * consecutive.
 */
final class LocalTopic {

    final Topic topic;
    private final String epoch;
    private final int historySize;
    private final long historyMaxAgeMillis;
    private final StateKeeper state;
    private final ArrayDeque<Envelope> history = new ArrayDeque<>();
    private final List<TopicListener> listeners = new ArrayList<>(1);
    private final boolean retaining;
    private long seq;
    /** Ingest time of the message at {@code seq}. */
    private long lastIngest;
    private long generation;
    private MarketEvent lastTrade;

    /** @param retaining false: number and fan out only, no history and no state (see InProcessBroker) */
    LocalTopic(Topic topic, String epoch, BrokerSettings settings, boolean retaining) {
        this.topic = topic;
        this.epoch = epoch;
        this.retaining = retaining;
        this.historySize = settings.historySize(topic.channel());
        this.historyMaxAgeMillis = settings.historyMaxAgeMillis(topic.channel());
        this.state = retaining ? StateKeeper.forTopic(topic, settings.tradeStateSize()) : null;
    }

    /**
     * Publishes an event fenced by {@code gen} (0: unfenced): null, and nothing published, when the topic carries a
     * newer generation.
     */
    synchronized Envelope publish(MarketEvent event, long gen, List<EnvelopeListener> all) {
        if (gen > 0 && gen < generation) {
            return null;
        }
        generation = Math.max(generation, gen);
        return publish(event, all);
    }

    /** Raises the topic's generation to {@code gen} unless it is newer already; the last trade with the answer. */
    synchronized TopicClaim claim(long gen) {
        if (gen < generation) {
            return new TopicClaim(false, generation, lastTrade);
        }
        generation = gen;
        return new TopicClaim(true, generation, lastTrade);
    }

    synchronized long generation() {
        return generation;
    }

    synchronized Envelope publish(MarketEvent event, List<EnvelopeListener> all) {
        if (topic.channel().isTrade()) {
            lastTrade = event;
        }
        long now = System.currentTimeMillis();
        Envelope e = new Envelope(topic, epoch, ++seq, now, System.nanoTime(), event);
        lastIngest = now;
        if (retaining) {
            history.addLast(e);
            if (history.size() > historySize) {
                history.removeFirst();
            }
            evictExpired(now);
            state.apply(event);
        }
        for (EnvelopeListener l : all) {
            l.onEnvelope(e);
        }
        for (TopicListener l : listeners) {
            l.onEnvelope(e);
        }
        return e;
    }

    synchronized void attach(TopicListener listener) {
        listener.onImage(seq == 0 ? TopicImage.empty(topic) : new TopicImage(topic, epoch, seq, state.image(),
                lastIngest));
        listeners.add(listener);
    }

    synchronized void detach(TopicListener listener) {
        listeners.remove(listener);
    }

    synchronized void detachAll() {
        listeners.clear();
    }

    synchronized History history(String askedEpoch, long afterSeq) {
        if (seq == 0 || !epoch.equals(askedEpoch) || afterSeq > seq || afterSeq < 0) {
            return History.gone(topic, seq == 0 ? null : epoch, seq);
        }
        if (afterSeq == seq) {
            return new History(topic, epoch, seq, false, List.of());
        }
        evictExpired(System.currentTimeMillis());
        if (history.isEmpty() || history.peekFirst().seq() > afterSeq + 1) {
            return History.gone(topic, epoch, seq);
        }
        List<Envelope> out = new ArrayList<>((int) (seq - afterSeq));
        for (Envelope e : history) {
            if (e.seq() > afterSeq) {
                out.add(e);
            }
        }
        return new History(topic, epoch, seq, false, out);
    }

    private void evictExpired(long nowMillis) {
        while (!history.isEmpty() && nowMillis - history.peekFirst().ingestTime() > historyMaxAgeMillis) {
            history.removeFirst();
        }
    }
}
