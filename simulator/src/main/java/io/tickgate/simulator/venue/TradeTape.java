package io.tickgate.simulator.venue;

import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.Trade;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A venue's REST trade history: the most recent trades of each symbol, exactly as its streams sent them, recorded
 * on the engine thread before they are rendered (so REST never lags the stream) and read by REST handlers. Keeps
 * {@code capacity} trades per symbol; {@link ServerControls#tradeHistoryLimit()} (the {@code tradeHistory} fault) can
 * shorten what is served further, to test holes the venue can no longer fill. Trade ids are consecutive per symbol
 * (the engine numbers them so), the same id for a raw trade and its aggregated form.
 */
public final class TradeTape implements Consumer<MarketEvent> {

    private final int capacity;
    private final Map<String, ArrayDeque<Trade>> bySymbol = new ConcurrentHashMap<>();

    /** @param capacity trades kept per symbol */
    public TradeTape(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("trade history capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Records a trade (other events are ignored). Engine thread. */
    @Override
    public void accept(MarketEvent event) {
        if (!(event instanceof Trade t)) {
            return;
        }
        ArrayDeque<Trade> q = bySymbol.computeIfAbsent(t.symbol(), s -> new ArrayDeque<>());
        synchronized (q) {
            if (q.size() >= capacity) {
                q.pollFirst();
            }
            q.addLast(t);
        }
    }

    /**
     * Up to {@code limit} trades with ids >= {@code fromId}, oldest first, among the newest {@code keep} of the symbol
     * (a {@code fromId} older than that starts at the oldest kept, as a venue's history does).
     */
    public List<Trade> from(String symbol, long fromId, int limit, int keep) {
        List<Trade> window = window(symbol, keep);
        List<Trade> out = new ArrayList<>(Math.min(limit, window.size()));
        for (Trade t : window) {
            if (Long.parseLong(t.tradeId()) >= fromId && out.size() < limit) {
                out.add(t);
            }
        }
        return out;
    }

    /** Up to {@code limit} trades with ids < {@code beforeId}, newest first, among the newest {@code keep}. */
    public List<Trade> before(String symbol, long beforeId, int limit, int keep) {
        List<Trade> window = window(symbol, keep);
        List<Trade> out = new ArrayList<>(Math.min(limit, window.size()));
        for (int i = window.size() - 1; i >= 0 && out.size() < limit; i--) {
            Trade t = window.get(i);
            if (Long.parseLong(t.tradeId()) < beforeId) {
                out.add(t);
            }
        }
        return out;
    }

    private List<Trade> window(String symbol, int keep) {
        ArrayDeque<Trade> q = bySymbol.get(symbol);
        if (q == null) {
            return List.of();
        }
        synchronized (q) {
            int skip = Math.max(0, q.size() - Math.max(0, keep));
            List<Trade> out = new ArrayList<>(q.size() - skip);
            Iterator<Trade> it = q.iterator();
            for (int i = 0; it.hasNext(); i++) {
                Trade t = it.next();
                if (i >= skip) {
                    out.add(t);
                }
            }
            return out;
        }
    }
}
