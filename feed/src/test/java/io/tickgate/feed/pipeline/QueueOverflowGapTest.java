package io.tickgate.feed.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.feed.venue.Venues;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.GapReason;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.event.TradeGap;
import io.tickgate.model.topic.Interval;
import io.tickgate.model.venue.Venue;
import io.tickgate.processing.book.BookSyncConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Trades the processor's queue dropped on overflow are not skipped silently: the next trade's id jump is a hole like a
 * reconnect's, and without a REST trade history it is announced by a gap notice naming exactly the dropped ids.
 */
@Timeout(10)
class QueueOverflowGapTest {

    @Test
    void tradesDroppedByAFullQueueAreAnnouncedExactly() {
        List<MarketEvent> published = new ArrayList<>();
        VenueProcessor p = VenueProcessor.driven(Venue.BINANCE, new ProcessorConfig(16, Set.of(Interval.M1),
                BookSyncConfig.defaults()), published::add, Venues.adapter(Venue.BINANCE)::bookSync, null, null);
        p.offer(new FeedItem.Own(1, List.of("BTCUSDT")));
        int accepted = 0;
        for (long id = 100; id < 130; id++) {
            accepted += p.offer(new FeedItem.Event(1, trade(id))) ? 1 : 0;
        }
        assertThat(accepted).isEqualTo(16);
        assertThat(p.dropped()).isEqualTo(14);
        p.runPending(1_000);
        p.offer(new FeedItem.Event(1, trade(130)));
        p.runPending(1_001);

        List<String> seen = new ArrayList<>();
        for (MarketEvent e : published) {
            if (e instanceof Trade t) {
                seen.add(t.tradeId());
            } else if (e instanceof TradeGap g) {
                seen.add(g.fromId() + ".." + g.toId() + " " + g.reason());
            }
        }
        assertThat(seen.subList(0, 16)).containsExactly("100", "101", "102", "103", "104", "105", "106", "107", "108",
                "109", "110", "111", "112", "113", "114", "115");
        assertThat(seen.subList(16, seen.size())).containsExactly("116..129 " + GapReason.NO_HISTORY, "130");
        assertThat(p.backfillCounters().unrecoverable()).isEqualTo(14);
        assertThat(p.backfillCounters().gapNotices()).isEqualTo(1);
    }

    private static Trade trade(long id) {
        return new Trade("binance", "BTCUSDT", Long.toString(id), Decimal.parse("100"), Decimal.parse("1"), Side.BUY,
                4_000_000_000_000L + id, true);
    }
}
