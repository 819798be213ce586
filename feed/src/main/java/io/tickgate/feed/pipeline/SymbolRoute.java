package io.tickgate.feed.pipeline;

import io.tickgate.feed.backfill.TradeLine;
import java.util.ArrayDeque;

/**
 * Which socket's data counts for one symbol on one endpoint: the owner's is processed, a make-before-break
 * candidate's is held until the handoff, anything else is a leftover of a replaced socket and dropped. Also the
 * symbol's trade cursors (raw and aggregated, each in its own id space), for de-duplication across the handoff and
 * backfill of the trades missed across a reconnect, and
 * whether this endpoint delivers its book. Owned by the processing thread.
 */
final class SymbolRoute {

    /** Data held per symbol while a candidate waits for its handoff; older items are dropped beyond it. */
    static final int MAX_HELD = 8192;

    long owner;
    long candidate;
    final ArrayDeque<FeedItem> held = new ArrayDeque<>();
    final TradeLine trades = new TradeLine();
    /** Aggregated trades (Binance {@code aggTrade}): an id space of their own, apart from raw trades'. */
    final TradeLine aggTrades = new TradeLine();
    /** Book messages came through this route: a new owner socket starts the book over. */
    boolean books;
    long messages;
    boolean delivered;
    double rate;
    // staleness (StaleSymbols), times in System.nanoTime() units
    long lastDataNanos;
    double meanGapNanos;
    /** Messages counted in the mean gap, up to {@link StaleSymbols#MEAN_GAPS}, and when that count started. */
    int gaps;
    long gapAnchorNanos;
    int dataMessages;
    long ownedSinceNanos;
    boolean stale;
    int staleSteps;
    int staleResubscribes;
    int staleRecycles;
    long lastStepNanos;
    long nextStepNanos;

    /** The trade cursor of aggregated or raw trades. */
    TradeLine trades(boolean aggregated) {
        return aggregated ? aggTrades : trades;
    }

    void hold(FeedItem item) {
        if (held.size() >= MAX_HELD) {
            held.pollFirst();
        }
        held.addLast(item);
    }
}
