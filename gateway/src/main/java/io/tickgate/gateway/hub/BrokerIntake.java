package io.tickgate.gateway.hub;

import io.tickgate.bus.api.Broker;
import io.tickgate.bus.api.TopicImage;
import io.tickgate.gateway.metrics.GatewayMetrics;
import io.tickgate.model.event.MarketEvent;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A shard's per-topic intake from a shared engine: subscribes a topic in the broker when the shard first needs it,
 * folds the broker's images into the topic's state, resynchronizes (a new subscription, so a fresh image) when the
 * state stopped following the broker, and drops the subscription once no local client wanted the topic for the
 * linger. A resynchronization subscribes again at the next sweep (at most every 100 ms), so a shard whose queue stays
 * full does not spin re-reading images. Owned by its shard's thread.
 */
final class BrokerIntake {

    private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final HubShard shard;
    private final Broker broker;
    private final GatewayMetrics metrics;
    private final long lingerNanos;
    /** Topics no local client wants, dropped once their linger ran out. */
    private final Set<TopicState> idle = new LinkedHashSet<>();
    /** Topics whose subscription was closed to be opened again (a fresh image) at the next sweep. */
    private final Set<TopicState> resyncing = new LinkedHashSet<>();
    private long lastSweep;

    BrokerIntake(HubShard shard, Broker broker, GatewayMetrics metrics, long lingerMillis) {
        this.shard = shard;
        this.broker = broker;
        this.metrics = metrics;
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(lingerMillis);
    }

    /** A new broker subscription for the topic; its image comes first, until then the state is not synced. */
    void open(TopicState st) {
        BrokerFeed feed = new BrokerFeed(shard, st.topic);
        st.feed = feed;
        st.synced = false;
        feed.subscription(broker.subscribe(st.topic, feed));
    }

    /**
     * The state no longer follows the broker: the subscription is closed now (what it still delivers is ignored) and
     * opened again at the next sweep, bringing a fresh image.
     */
    void resync(TopicState st) {
        if (st.feed != null) {
            st.feed.close();
            st.feed = null;
        }
        st.synced = false;
        resyncing.add(st);
    }

    /** {@code feed} dropped an item (the shard's queue was full): resynchronizes its topic if it still feeds it. */
    void feedLost(BrokerFeed feed) {
        TopicState st = shard.topic(feed.topic());
        if (st != null && st.feed == feed) {
            metrics.hubGap();
            resync(st);
        }
    }

    /**
     * The broker's state of the topic at the image's seq. Unless it is exactly where the shard already is, it
     * replaces the state (the image's events folded into fresh state, as live events are), the epoch and the seq;
     * the local history starts afresh; current subscribers get the new state as a {@code snapshot} (after an image
     * of a topic with nothing yet: with its first message). Waiting subscribers are activated.
     */
    void onImage(BrokerFeed.Image item) {
        TopicImage image = item.image();
        TopicState st = shard.topic(image.topic());
        if (st == null || st.feed != item.feed()) {
            return; // a replaced or closed subscription
        }
        boolean unchanged = st.seq > 0 && st.seq == image.seq() && Objects.equals(st.epoch, image.epoch());
        if (!unchanged) {
            ChannelState fresh = shard.newState(st.topic);
            for (MarketEvent ev : image.events()) {
                fresh.apply(ev);
            }
            boolean replacing = st.seq > 0;
            st.state = fresh;
            st.history.clear();
            st.releaseSnapshot();
            st.epoch = image.epoch();
            st.seq = image.seq();
            st.info.update(st.epoch, st.seq);
            if (replacing) {
                metrics.hubResync();
                if (st.seq == 0) {
                    st.snapshotDue = true;
                } else {
                    shard.resnapshot(st, shard.currentSnapshot(st, image.ingestTime()));
                }
            }
        }
        st.synced = true;
        if (st.seq > 0) {
            shard.activatePending(st);
        }
    }

    /** Starts the linger of a topic no local client wants any more. */
    void checkIdle(TopicState st) {
        if (st.idleSinceNanos == 0 && !st.wanted()) {
            st.idleSinceNanos = System.nanoTime();
            idle.add(st);
        }
    }

    /**
     * Every 100 ms: subscribes the resynchronizing topics again, and drops (from the broker and the shard) the topics
     * idle for longer than the linger.
     */
    void sweep() {
        if (idle.isEmpty() && resyncing.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastSweep < SWEEP_NANOS) {
            return;
        }
        lastSweep = now;
        for (TopicState st : resyncing) {
            if (shard.topic(st.topic) == st && st.feed == null) {
                open(st);
            }
        }
        resyncing.clear();
        Iterator<TopicState> it = idle.iterator();
        while (it.hasNext()) {
            TopicState st = it.next();
            if (st.wanted() || st.idleSinceNanos == 0) {
                st.idleSinceNanos = 0;
                it.remove();
            } else if (now - st.idleSinceNanos >= lingerNanos) {
                it.remove();
                if (st.feed != null) {
                    st.feed.close();
                }
                resyncing.remove(st);
                shard.drop(st);
            }
        }
    }
}
