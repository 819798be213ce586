package io.tickgate.feed.backfill;

import io.tickgate.model.event.Trade;
import io.tickgate.processing.book.SnapshotPacer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A trade history whose pages go through the venue's REST pacer: the same token bucket, 429/418 hold and slow-down as
 * its depth snapshots (one IP budget per venue), so a mass backfill after a reconnect cannot get the IP banned.
 */
public final class PacedTradeHistory implements TradeHistory {

    private final TradeHistory delegate;
    private final SnapshotPacer pacer;

    public PacedTradeHistory(TradeHistory delegate, SnapshotPacer pacer) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
    }

    @Override
    public Paging paging() {
        return delegate.paging();
    }

    @Override
    public int pageSize() {
        return delegate.pageSize();
    }

    @Override
    public boolean covers(boolean aggregated) {
        return delegate.covers(aggregated);
    }

    @Override
    public CompletableFuture<List<Trade>> page(String symbol, boolean aggregated, long fromId, long toId) {
        String key = "trades " + symbol + (aggregated ? " agg " : " ") + fromId + ".." + toId;
        return pacer.submit(key, () -> delegate.page(symbol, aggregated, fromId, toId));
    }
}
