package io.tickgate.simulator.venue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which connections subscribe to which stream key. Event loops add and remove; the engine thread reads and fans out.
 * Thread-safe.
 */
public final class SubscriptionIndex {

    private final ConcurrentHashMap<String, Set<VenueConnection>> byKey = new ConcurrentHashMap<>();

    /** Adds a subscription; false if the connection already had it. */
    public boolean add(VenueConnection c, String key) {
        boolean added = c.subscriptions().add(key);
        byKey.compute(key, (k, set) -> {
            Set<VenueConnection> s = set == null ? ConcurrentHashMap.newKeySet() : set;
            s.add(c);
            return s;
        });
        return added;
    }

    /** Removes a subscription; false if the connection did not have it. */
    public boolean remove(VenueConnection c, String key) {
        boolean removed = c.subscriptions().remove(key);
        c.unsubscribed(key);
        byKey.computeIfPresent(key, (k, set) -> {
            set.remove(c);
            return set.isEmpty() ? null : set;
        });
        return removed;
    }

    /** Removes every subscription of a closed connection. */
    public void removeAll(VenueConnection c) {
        for (String key : c.subscriptions().toArray(new String[0])) {
            remove(c, key);
        }
    }

    /** The subscribers of a key, or null when there are none. */
    public Set<VenueConnection> subscribers(String key) {
        Set<VenueConnection> s = byKey.get(key);
        return s == null || s.isEmpty() ? null : s;
    }

    /**
     * Encodes a text once and sends it to every subscriber of a key (no-op without subscribers), except those whose
     * key is muted by a fault.
     */
    public void publish(String key, String text, boolean bookUpdate) {
        Set<VenueConnection> subs = subscribers(key);
        if (subs == null) {
            return;
        }
        ByteBuf buf = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        try {
            for (VenueConnection c : subs) {
                if (!c.muted(key)) {
                    c.sendShared(buf, bookUpdate ? key : null);
                }
            }
        } finally {
            buf.release();
        }
    }
}
