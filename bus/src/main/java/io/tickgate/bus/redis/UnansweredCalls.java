package io.tickgate.bus.redis;

import io.tickgate.model.topic.Topic;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Per topic, the batch numbers of this publisher's calls that were sent and are neither answered (applied) nor given
 * up: what a call names as its {@code prev} (publish.lua), so Redis applies a topic's calls in batch order. A call
 * answered with an error (NOSCRIPT after a failover or SCRIPT FLUSH, a cluster error) did not run, while the calls
 * pipelined behind it may (another client, another node loaded the script meanwhile); the script refuses those until
 * the earlier one has run, instead of running them first and then taking the earlier one's resend for one already
 * applied (its events were lost without a seq skip or a gap notice). The writer thread adds and gives up, Redis I/O
 * threads take answered calls out.
 */
final class UnansweredCalls {

    private final Map<Topic, TreeSet<Long>> open = new HashMap<>();

    /** A call of {@code bno} carrying {@code topic} was sent for the first time. */
    synchronized void sent(Topic topic, long bno) {
        open.computeIfAbsent(topic, t -> new TreeSet<>()).add(bno);
    }

    /** The call ran (answered) or was given up: it no longer holds later calls of the topic back. */
    synchronized void closed(Topic topic, long bno) {
        TreeSet<Long> s = open.get(topic);
        if (s != null && s.remove(bno) && s.isEmpty()) {
            open.remove(topic);
        }
    }

    /** The latest call of {@code topic} before batch {@code bno} still open; 0 when none. */
    synchronized long before(Topic topic, long bno) {
        TreeSet<Long> s = open.get(topic);
        Long b = s == null ? null : s.lower(bno);
        return b == null ? 0 : b;
    }
}
