package io.tickgate.store.ingest;

import io.tickgate.model.event.Kline;
import io.tickgate.model.topic.Topic;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest candle of every kline topic, as published. The open candle is never stored (it changes until it
 * closes); a history request whose range reaches now gets it from here. Written by the broker's delivery thread,
 * read by REST threads.
 */
public final class OpenCandles {

    private final Map<Topic, Kline> latest = new ConcurrentHashMap<>();

    void update(Topic topic, Kline k) {
        latest.merge(topic, k, (old, now) -> now.openTime() >= old.openTime() ? now : old);
    }

    /** The topic's open candle, or null when there is none (none seen yet, or the latest one is closed). */
    public Kline open(Topic topic) {
        Kline k = latest.get(topic);
        return k == null || k.closed() ? null : k;
    }
}
