package io.tickgate.feed.pipeline;

import java.util.ArrayDeque;

/**
 * Which socket's data counts for one symbol: the owner's is processed, a make-before-break candidate's is held until
 * the handoff, anything else is a leftover of a replaced socket and dropped. Also the symbol's last trade id, for
 * de-duplication across the handoff. Owned by the processing thread.
 */
final class SymbolRoute {

    /** Data held per symbol while a candidate waits for its handoff; older items are dropped beyond it. */
    static final int MAX_HELD = 8192;

    long owner;
    long candidate;
    final ArrayDeque<FeedItem> held = new ArrayDeque<>();
    long lastTradeId = Long.MIN_VALUE;
    long messages;
    boolean delivered;
    double rate;
    // staleness (StaleSymbols), times in System.nanoTime() units
    long lastDataNanos;
    double meanGapNanos;
    int dataMessages;
    long ownedSinceNanos;
    boolean stale;
    int staleSteps;
    int staleResubscribes;
    int staleRecycles;
    long lastStepNanos;
    long nextStepNanos;

    void hold(FeedItem item) {
        if (held.size() >= MAX_HELD) {
            held.pollFirst();
        }
        held.addLast(item);
    }
}
