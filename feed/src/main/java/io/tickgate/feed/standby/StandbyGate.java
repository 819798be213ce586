package io.tickgate.feed.standby;

import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.Trade;
import io.tickgate.model.event.TradeIds;
import io.tickgate.model.topic.Topic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where a standby shard's pool publishes: into its {@link StandbyBuffer} while it stands by; after
 * {@link #takeOver}, to the broker. Every method runs on the pool's processing thread (the pool's only publisher),
 * so the catch-up is published before any live event and nothing is published twice or skipped between them.
 */
public final class StandbyGate implements Consumer<MarketEvent> {

    private final StandbyBuffer buffer;
    private final StandbyCounters counters;
    private Consumer<MarketEvent> live;
    /** Per trade topic, the last id published: a live trade at or below it is the old owner's (a lagging standby). */
    private Map<Topic, Long> floors = Map.of();
    private volatile long supplied = -1;

    public StandbyGate(StandbyConfig config, StandbyCounters counters) {
        this.buffer = new StandbyBuffer(config, counters);
        this.counters = counters;
    }

    @Override
    public void accept(MarketEvent e) {
        if (live == null) {
            buffer.add(e, System.nanoTime());
            return;
        }
        if (!floors.isEmpty() && e instanceof Trade t) {
            Long floor = floors.get(t.topic());
            if (floor != null) {
                long id = TradeIds.parse(t.tradeId());
                if (id != TradeIds.NONE && id <= floor) {
                    return;
                }
                floors.remove(t.topic());
            }
        }
        live.accept(e);
    }

    /**
     * Publishes through {@code publish} what the old owner had not ({@link Catchup}) and from then on every event.
     * Call on the processing thread (a task of the pool's processor).
     *
     * @param published per trade topic, the last event the broker carries (the topic claims' answer)
     * @param books     the pool's synced books as snapshots, now
     * @return the trade topics whose buffered trades are not published yet because ids before them never reached the
     *         standby: the caller hands them to the processor ({@code VenueProcessor.refill}), right after
     */
    public List<Unreceived> takeOver(Map<Topic, MarketEvent> published, List<BookSnapshot> books,
                                     Consumer<MarketEvent> publish) {
        Catchup.Result r = Catchup.of(buffer.drain(), buffer.droppedUpTo(), published, books);
        for (MarketEvent e : r.events()) {
            publish.accept(e);
        }
        floors = new HashMap<>(r.floors());
        counters.supplied(r.trades());
        supplied = r.trades();
        live = publish;
        return r.unreceived();
    }

    /** True until {@link #takeOver} ran (any thread). */
    public boolean standing() {
        return supplied < 0;
    }

    /** Events buffered now (any thread). */
    public int buffered() {
        return buffer.size();
    }

    /** Events the buffer dropped by its bounds (any thread). */
    public long dropped() {
        return buffer.dropped();
    }

    /** Trades the buffer supplied at the takeover, 0 before (any thread). */
    public long supplied() {
        return Math.max(0, supplied);
    }
}
