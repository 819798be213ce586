package io.tickgate.bus.api;

import io.tickgate.model.topic.Channel;

/**
 * The engines' knobs (immutable, validated). History limits per channel class match the gateway's
 * ({@code gateway.eventHistorySize} ...): event topics (trade) and state topics (book, ticker, book.top, kline).
 *
 * @param queueCapacity      events waiting between publishers and the store (Redis engine); past it the newest
 *                           event is dropped and counted
 * @param maxBatch           events per script call (Redis engine)
 * @param maxInFlight        script calls sent and not yet answered (Redis engine); the queue fills behind them
 * @param eventHistorySize   messages kept per event topic for resume
 * @param eventHistoryMaxAgeMillis their maximum age
 * @param stateHistorySize   messages kept per state topic for resume
 * @param stateHistoryMaxAgeMillis their maximum age
 * @param tradeStateSize     trades in a trade topic's image (the gateway's trade snapshot size)
 * @param keyframeDeltas     a book keyframe is written after this many deltas ...
 * @param keyframeMillis     ... or when the last one is older than this, at the next delta
 * @param commandTimeoutMillis a Redis command not answered within this fails (a publish call is sent again)
 * @param keyPrefix          prefix of every Redis key and channel ({@code tg:{topic}:seq})
 */
public record BrokerSettings(int queueCapacity, int maxBatch, int maxInFlight, int eventHistorySize,
                             long eventHistoryMaxAgeMillis, int stateHistorySize, long stateHistoryMaxAgeMillis,
                             int tradeStateSize, int keyframeDeltas, long keyframeMillis, long commandTimeoutMillis,
                             String keyPrefix) {

    public BrokerSettings {
        positive("queueCapacity", queueCapacity);
        positive("maxBatch", maxBatch);
        positive("maxInFlight", maxInFlight);
        positive("eventHistorySize", eventHistorySize);
        positive("eventHistoryMaxAgeMillis", eventHistoryMaxAgeMillis);
        positive("stateHistorySize", stateHistorySize);
        positive("stateHistoryMaxAgeMillis", stateHistoryMaxAgeMillis);
        if (tradeStateSize < 0) {
            throw new IllegalArgumentException("tradeStateSize must be >= 0, was " + tradeStateSize);
        }
        positive("keyframeDeltas", keyframeDeltas);
        positive("keyframeMillis", keyframeMillis);
        positive("commandTimeoutMillis", commandTimeoutMillis);
        if (keyPrefix == null || keyPrefix.isEmpty() || keyPrefix.contains("{") || keyPrefix.contains("}")) {
            throw new IllegalArgumentException("keyPrefix must be non-empty without braces, was " + keyPrefix);
        }
    }

    /** The defaults (docs/operations.md). */
    public static BrokerSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.queueCapacity = queueCapacity;
        b.maxBatch = maxBatch;
        b.maxInFlight = maxInFlight;
        b.eventHistorySize = eventHistorySize;
        b.eventHistoryMaxAgeMillis = eventHistoryMaxAgeMillis;
        b.stateHistorySize = stateHistorySize;
        b.stateHistoryMaxAgeMillis = stateHistoryMaxAgeMillis;
        b.tradeStateSize = tradeStateSize;
        b.keyframeDeltas = keyframeDeltas;
        b.keyframeMillis = keyframeMillis;
        b.commandTimeoutMillis = commandTimeoutMillis;
        b.keyPrefix = keyPrefix;
        return b;
    }

    /** History count limit for a channel's class. */
    public int historySize(Channel channel) {
        return channel.isState() ? stateHistorySize : eventHistorySize;
    }

    /** History age limit for a channel's class. */
    public long historyMaxAgeMillis(Channel channel) {
        return channel.isState() ? stateHistoryMaxAgeMillis : eventHistoryMaxAgeMillis;
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }

    /** Builds {@link BrokerSettings}; starts from the defaults. */
    public static final class Builder {
        private int queueCapacity = 65_536;
        private int maxBatch = 4_096;
        private int maxInFlight = 8;
        private int eventHistorySize = 10_000;
        private long eventHistoryMaxAgeMillis = 300_000;
        private int stateHistorySize = 1_000;
        private long stateHistoryMaxAgeMillis = 60_000;
        private int tradeStateSize = 50;
        private int keyframeDeltas = 200;
        private long keyframeMillis = 5_000;
        private long commandTimeoutMillis = 2_000;
        private String keyPrefix = "tg";

        public Builder queueCapacity(int v) {
            queueCapacity = v;
            return this;
        }

        public Builder maxBatch(int v) {
            maxBatch = v;
            return this;
        }

        public Builder maxInFlight(int v) {
            maxInFlight = v;
            return this;
        }

        public Builder eventHistory(int size, long maxAgeMillis) {
            eventHistorySize = size;
            eventHistoryMaxAgeMillis = maxAgeMillis;
            return this;
        }

        public Builder stateHistory(int size, long maxAgeMillis) {
            stateHistorySize = size;
            stateHistoryMaxAgeMillis = maxAgeMillis;
            return this;
        }

        public Builder tradeStateSize(int v) {
            tradeStateSize = v;
            return this;
        }

        public Builder keyframe(int deltas, long millis) {
            keyframeDeltas = deltas;
            keyframeMillis = millis;
            return this;
        }

        public Builder commandTimeoutMillis(long v) {
            commandTimeoutMillis = v;
            return this;
        }

        public Builder keyPrefix(String v) {
            keyPrefix = v;
            return this;
        }

        public BrokerSettings build() {
            return new BrokerSettings(queueCapacity, maxBatch, maxInFlight, eventHistorySize,
                    eventHistoryMaxAgeMillis, stateHistorySize, stateHistoryMaxAgeMillis, tradeStateSize,
                    keyframeDeltas, keyframeMillis, commandTimeoutMillis, keyPrefix);
        }
    }
}
