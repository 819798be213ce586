package io.tickgate.bus.redis;

import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Topic;

/**
 * The Redis key layout. Every key and the channel of a topic carry the hash tag {@code {topic}}, so they share one
 * cluster slot and one script call can touch them all:
 * <pre>
 * P:{T}:meta     hash    epoch, seq (last assigned), pub + bno (last publisher and batch, makes a resent call a no-op),
 *                        v (stream layout), gen (the lease generation fencing the topic), last (trade: the last
 *                        trade "seq|event")
 * P:{T}:stream   stream  history: one entry per topic and call, id = its last seq, fields t (ms), seq, event, ...;
 *                        MINID bounded to the last history-size seqs (publish.lua, history.lua)
 * P:{T}:state    string  book: keyframe "K|event" (the full book at seq K); ticker, book.top, kline: last "seq|event"
 *                list    trade: the last trades "seq|event", newest first
 * P:{T}:tail     list    book: the deltas after the keyframe, "seq|event"
 * P:{T}:ch       channel live messages "seq|epoch|event" (PUBLISH; SPUBLISH on a cluster)
 * P:topics       set     every topic published or declared (the directory: which topics a node knows; wildcards)
 * P:announce     channel a topic's name when a node declares or first publishes it, or puts it back after a
 *                        reconnect (Announcer; wildcards pick it up)
 * </pre>
 * P is {@code BrokerSettings.keyPrefix()} ({@code tg}).
 */
final class RedisKeys {

    /** Image kinds, as the scripts name them. */
    static final String BOOK = "B";
    static final String TRADES = "T";
    static final String LAST = "L";

    private final String prefix;

    RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    /** meta, stream, state, tail: the keys of one topic in the order the scripts take them. */
    String[] topicKeys(Topic t) {
        String base = prefix + ":{" + t + "}:";
        return new String[] {base + "meta", base + "stream", base + "state", base + "tail"};
    }

    String channel(Topic t) {
        return prefix + ":{" + t + "}:ch";
    }

    /** The topic of a channel name, or null if it is not one of ours. */
    Topic topicOfChannel(String channel) {
        int open = channel.indexOf('{');
        int close = channel.lastIndexOf('}');
        if (open < 0 || close < open || !channel.startsWith(prefix + ":{") || !channel.endsWith("}:ch")) {
            return null;
        }
        try {
            return Topic.parse(channel.substring(open + 1, close));
        } catch (RuntimeException e) {
            return null;
        }
    }

    String directory() {
        return prefix + ":topics";
    }

    String announce() {
        return prefix + ":announce";
    }

    static String kind(Channel c) {
        if (c == Channel.BOOK) {
            return BOOK;
        }
        return c.isTrade() ? TRADES : LAST;
    }
}
