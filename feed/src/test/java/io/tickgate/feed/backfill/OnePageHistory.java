package io.tickgate.feed.backfill;

import io.tickgate.model.event.Trade;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A venue's trade history for tests that control the one answer: every page asked for, of any symbol and range, is
 * the given future (complete it when the test wants the backfill to go on). Covers both trade kinds.
 */
public final class OnePageHistory implements TradeHistory {

    private final Paging paging;
    private final CompletableFuture<List<Trade>> page;

    public OnePageHistory(Paging paging, CompletableFuture<List<Trade>> page) {
        this.paging = paging;
        this.page = page;
    }

    @Override
    public Paging paging() {
        return paging;
    }

    @Override
    public boolean covers(boolean aggregated) {
        return true;
    }

    @Override
    public CompletableFuture<List<Trade>> page(String symbol, boolean aggregated, long fromId, long toId) {
        return page;
    }
}
