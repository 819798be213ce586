package io.tickgate.feed.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tickgate.feed.backfill.BackfillCounters;
import io.tickgate.feed.pipeline.VenueProcessor;
import java.util.ArrayList;
import java.util.List;

/**
 * The trade backfill's meters per venue (per shard pool where feeds are sharded): trades recovered, trades announced lost, gap notices, and the time live
 * trades were held ({@code tickgate_feed_backfill_seconds_total} ÷ {@code tickgate_feed_backfills_total} is the mean
 * backfill time).
 */
final class BackfillMetrics {

    private BackfillMetrics() {
    }

    /** @return the meters registered */
    static List<Meter> register(MeterRegistry registry, VenueProcessor processor, Tags venue) {
        BackfillCounters c = processor.backfillCounters();
        List<Meter> out = new ArrayList<>();
        out.add(FunctionCounter.builder("tickgate.feed.trades.backfilled", c, BackfillCounters::backfilled)
                .description("missed trades fetched from the venue's REST trade history and published")
                .tags(venue).register(registry));
        out.add(FunctionCounter.builder("tickgate.feed.trades.unrecoverable", c, BackfillCounters::unrecoverable)
                .description("missed trades announced as lost in gap notices").tags(venue).register(registry));
        out.add(FunctionCounter.builder("tickgate.feed.gap.notices", c, BackfillCounters::gapNotices)
                .description("gap notices published on trade topics").tags(venue).register(registry));
        out.add(FunctionCounter.builder("tickgate.feed.backfills", c, BackfillCounters::backfills)
                .description("holes in trade topics whose backfill finished").tags(venue).register(registry));
        out.add(FunctionCounter.builder("tickgate.feed.backfill.seconds", c, BackfillCounters::backfillSeconds)
                .description("time live trades were held behind backfills, summed").tags(venue)
                .register(registry));
        out.add(Gauge.builder("tickgate.feed.backfill.running", processor, VenueProcessor::backfillsRunning)
                .description("trade topics whose live trades are held behind a backfill now").tags(venue)
                .register(registry));
        out.add(Gauge.builder("tickgate.feed.backfill.last", c, x -> x.lastBackfillMillis() / 1000.0)
                .baseUnit("seconds").description("how long the last backfill held its topic").tags(venue)
                .register(registry));
        return out;
    }
}
