package io.tickgate.app.runtime;

import io.tickgate.feed.FeedPools;
import io.tickgate.feed.pipeline.ProcessorConfig;
import io.tickgate.feed.pool.FeedPool;
import io.tickgate.model.event.Kline;
import io.tickgate.store.api.HistoryStore;
import io.tickgate.store.backfill.OpenCandleBackfill;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backfill on start: the candles open when the process (re)starts continue with what the previous run stored of them
 * instead of restarting from this run's first trade. Runs on its own thread once, right after the feeds start, so a
 * slow store never delays them; each feed's processor merges the result on its own thread whenever it arrives.
 */
final class CandleBackfillOnStart {

    private static final Logger LOG = LoggerFactory.getLogger(CandleBackfillOnStart.class);

    private CandleBackfillOnStart() {
    }

    /**
     * Reads, for every symbol and built interval of every pool, the part of the candle open at {@code startMillis}
     * that the store holds, and hands it to the pool's processor.
     *
     * @param startMillis taken before the feeds started: later trades are this run's own, which its candles already
     *                    count (they may already be in the store too)
     */
    static Thread start(HistoryStore store, FeedPools feeds, long startMillis) {
        Thread t = new Thread(() -> run(store, feeds, startMillis), "candle-backfill");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void run(HistoryStore store, FeedPools feeds, long startMillis) {
        OpenCandleBackfill backfill = new OpenCandleBackfill(store);
        for (FeedPool pool : feeds.pools()) {
            ProcessorConfig pc = FeedPool.processorConfig(pool.config());
            String source = pool.config().venue().source();
            List<Kline> earlier = new ArrayList<>();
            try {
                for (String symbol : pool.config().symbols()) {
                    earlier.addAll(backfill.openCandles(source, symbol, pc.candleSource(), pc.klineIntervals(),
                            startMillis - 1));
                }
            } catch (Exception e) {
                LOG.warn("candle backfill of {}: store not readable, its open candles start from this run's trades",
                        source, e);
                continue;
            }
            pool.processor().seedCandles(earlier);
            LOG.info("candle backfill of {}: {} open candles continued from the store", source, earlier.size());
        }
    }
}
