package io.tickgate.feed.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finds stale symbols by {@link StaleRule} and asks the {@link StaleHandler} to resubscribe them or recycle their
 * socket. Owned by the processing thread: {@link #onData} and {@link #onOwner} as items are processed (times in
 * {@link System#nanoTime()} units), {@link #check} once a second; the counters and {@link #current()} are readable
 * from any thread.
 */
final class StaleSymbols {

    /** A symbol is judged once it delivered this many messages (never-active symbols are never stale). */
    static final int ACTIVE_MESSAGES = 3;
    /**
     * The mean gap weighs about the last 50 gaps (bursts do not dominate it). Until a symbol has had 50 messages it is
     * the time from its socket taking it over to its last message, per message: a few first messages that came in a
     * burst do not stand for the rate of a symbol that trades once in a few seconds.
     */
    static final int MEAN_GAPS = 50;
    /** The waits between steps double while a symbol stays silent, up to 2^6 = 64 × its threshold. */
    private static final int MAX_DOUBLINGS = 6;

    private final StaleRule rule;
    private final StaleHandler handler;
    private final long minSilenceNanos;
    private volatile List<StaleSymbol> current = List.of();
    private volatile long detected;
    private volatile long resubscribed;
    private volatile long recycled;

    StaleSymbols(StaleRule rule, StaleHandler handler) {
        this.rule = rule;
        this.handler = handler;
        this.minSilenceNanos = TimeUnit.MILLISECONDS.toNanos(rule.minSilenceMillis());
    }

    /** A message of the symbol was processed at {@code now}. */
    void onData(SymbolRoute r, long now) {
        if (r.gaps < MEAN_GAPS) {
            // its first messages: the time since the socket took it over (or since its first message) per message,
            // quiet stretches included, so a burst among them does not stand for its rate
            if (r.gaps == 0) {
                r.gapAnchorNanos = r.ownedSinceNanos != 0 && r.ownedSinceNanos - now < 0 ? r.ownedSinceNanos : now;
            }
            r.gaps++;
            r.meanGapNanos = (double) (now - r.gapAnchorNanos) / r.gaps;
        } else if (now != r.lastDataNanos) { // held items replayed at a handoff share one time
            double gap = now - r.lastDataNanos;
            r.meanGapNanos += (gap - r.meanGapNanos) / MEAN_GAPS;
        }
        r.lastDataNanos = now;
        if (r.dataMessages < ACTIVE_MESSAGES) {
            r.dataMessages++;
        }
        if (r.stale) {
            r.stale = false;
            r.staleSteps = 0;
            r.staleResubscribes = 0;
            r.staleRecycles = 0;
        }
    }

    /** A socket took the symbol over at {@code now}: its silence is judged from here. */
    void onOwner(SymbolRoute r, long now) {
        r.ownedSinceNanos = now;
    }

    /**
     * Judges every symbol of every endpoint ({@code lanes}: symbol → route, one map per endpoint; socket ids are unique
     * across them) at {@code now}, acts on the stale ones and publishes {@link #current()}.
     */
    void check(List<Map<String, SymbolRoute>> lanes, long now) {
        if (!rule.enabled()) {
            return;
        }
        Map<Long, Long> lastBySocket = new HashMap<>();
        for (Map<String, SymbolRoute> routes : lanes) {
            for (SymbolRoute r : routes.values()) {
                if (r.owner != 0 && r.lastDataNanos != 0) {
                    lastBySocket.merge(r.owner, r.lastDataNanos, Math::max);
                }
            }
        }
        List<StaleSymbol> out = new ArrayList<>();
        Map<Long, List<String>> resubscribe = new LinkedHashMap<>();
        Set<Long> recycle = new LinkedHashSet<>();
        for (Map.Entry<String, SymbolRoute> e : entries(lanes)) {
            SymbolRoute r = e.getValue();
            if (r.owner == 0 || r.dataMessages < ACTIVE_MESSAGES) {
                continue;
            }
            long threshold = threshold(r);
            long from = Math.max(r.lastDataNanos, r.ownedSinceNanos);
            long socketLast = lastBySocket.getOrDefault(r.owner, 0L);
            if (!r.stale) {
                // silent past its threshold while its socket delivered other data after that point
                if (now - from <= threshold || socketLast - (from + threshold) <= 0) {
                    continue;
                }
                r.stale = true;
                r.nextStepNanos = now;
                detected++;
            }
            if (now - r.nextStepNanos >= 0 && socketLast - Math.max(r.lastStepNanos, from) > 0) {
                if (r.staleSteps == rule.resubscribes()) {
                    recycle.add(r.owner);
                    r.staleRecycles++;
                } else {
                    resubscribe.computeIfAbsent(r.owner, k -> new ArrayList<>()).add(e.getKey());
                    r.staleResubscribes++;
                }
                r.lastStepNanos = now;
                r.nextStepNanos = now + (threshold << Math.min(r.staleSteps, MAX_DOUBLINGS));
                r.staleSteps++;
            }
            out.add(new StaleSymbol(e.getKey(), TimeUnit.NANOSECONDS.toMillis(now - r.lastDataNanos),
                    r.meanGapNanos > 0 ? Math.round(1e12 / r.meanGapNanos) / 1000.0 : 0, TimeUnit.NANOSECONDS.toMillis(threshold),
                    r.staleResubscribes, r.staleRecycles));
        }
        current = List.copyOf(out);
        resubscribe.forEach((socket, symbols) -> {
            resubscribed += symbols.size();
            handler.resubscribe(socket, symbols);
        });
        recycle.forEach(socket -> {
            recycled++;
            handler.recycle(socket);
        });
    }

    private static List<Map.Entry<String, SymbolRoute>> entries(List<Map<String, SymbolRoute>> lanes) {
        List<Map.Entry<String, SymbolRoute>> out = new ArrayList<>();
        for (Map<String, SymbolRoute> routes : lanes) {
            out.addAll(routes.entrySet());
        }
        return out;
    }

    private long threshold(SymbolRoute r) {
        return Math.max((long) (rule.factor() * r.meanGapNanos), minSilenceNanos);
    }

    /** The symbols stale at the last check. */
    List<StaleSymbol> current() {
        return current;
    }

    /** Stale episodes detected (a symbol that delivers again and goes stale later counts again). */
    long detected() {
        return detected;
    }

    /** Symbols resubscribed because they were stale. */
    long resubscribed() {
        return resubscribed;
    }

    /** Connection recycles asked for because a symbol stayed stale after its resubscriptions. */
    long recycled() {
        return recycled;
    }
}
