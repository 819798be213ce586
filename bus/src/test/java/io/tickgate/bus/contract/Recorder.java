package io.tickgate.bus.contract;

import static org.awaitility.Awaitility.await;

import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.api.TopicImage;
import io.tickgate.bus.api.TopicListener;
import io.tickgate.bus.state.StateKeeper;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A test listener that records what a subscriber sees per topic and checks the contract as it goes: after an image
 * at S, envelopes must be S+1, S+2, ... of the same epoch; it folds image + envelopes into state like a hub would.
 */
final class Recorder implements TopicListener {

    /** Per topic: the images and envelopes seen, and the folded state. */
    static final class Seen {
        final List<TopicImage> images = new ArrayList<>();
        final List<Envelope> envelopes = new ArrayList<>();
        final List<String> violations = new ArrayList<>();
        StateKeeper state;
        String epoch;
        long seq;
    }

    private final int tradeStateSize;
    private final Map<Topic, Seen> topics = new HashMap<>();

    Recorder(int tradeStateSize) {
        this.tradeStateSize = tradeStateSize;
    }

    @Override
    public synchronized void onImage(TopicImage image) {
        Seen s = topics.computeIfAbsent(image.topic(), t -> new Seen());
        s.images.add(image);
        s.state = StateKeeper.forTopic(image.topic(), tradeStateSize);
        for (MarketEvent e : image.events()) {
            s.state.apply(e);
        }
        s.epoch = image.epoch();
        s.seq = image.seq();
    }

    @Override
    public synchronized void onEnvelope(Envelope e) {
        Seen s = topics.computeIfAbsent(e.topic(), t -> new Seen());
        if (s.state == null) {
            s.violations.add("envelope " + e.seq() + " before any image");
        } else {
            boolean follows = s.epoch == null ? e.seq() == 1 : e.epoch().equals(s.epoch) && e.seq() == s.seq + 1;
            if (!follows) {
                s.violations.add("envelope " + e.epoch() + "/" + e.seq() + " after " + s.epoch + "/" + s.seq);
            }
            s.state.apply(e.event());
        }
        s.envelopes.add(e);
        s.epoch = e.epoch();
        s.seq = e.seq();
    }

    synchronized Seen seen(Topic t) {
        return topics.computeIfAbsent(t, x -> new Seen());
    }

    synchronized long seq(Topic t) {
        Seen s = topics.get(t);
        return s == null ? -1 : s.seq;
    }

    synchronized String epoch(Topic t) {
        Seen s = topics.get(t);
        return s == null ? null : s.epoch;
    }

    synchronized List<MarketEvent> state(Topic t) {
        Seen s = topics.get(t);
        return s == null || s.state == null ? List.of() : s.state.image();
    }

    synchronized List<String> violations() {
        List<String> all = new ArrayList<>();
        topics.forEach((t, s) -> s.violations.forEach(v -> all.add(t + ": " + v)));
        return all;
    }

    synchronized java.util.Set<Topic> topics() {
        return new java.util.HashSet<>(topics.keySet());
    }

    /** Waits (up to 20 s) until the topic's last seen seq is {@code seq}. */
    void awaitSeq(Topic t, long seq) {
        await().atMost(Duration.ofSeconds(20)).until(() -> seq(t) == seq);
    }
}
