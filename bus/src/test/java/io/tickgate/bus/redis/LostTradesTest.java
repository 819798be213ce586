package io.tickgate.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.GapReason;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Ticker;
import io.tickgate.model.event.Trade;
import io.tickgate.model.event.TradeGap;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Topic;
import org.junit.jupiter.api.Test;

/** The trade-id ranges the Redis publisher announces for trades it lost. */
class LostTradesTest {

    private static final Topic TRADES = Topic.of("okx", "BTC-USDT", Channel.TRADE);

    @Test
    void aPrintOfSeveralVenueIdsCoversItsWholeSpanAndRangesJoinByNumber() {
        LostTrades a = LostTrades.of(trade("123", 3, 1_000));
        assertThat(a.firstId()).isEqualTo("121");
        LostTrades joined = a.then(LostTrades.of(trade("99", 1, 900))).then(LostTrades.of(trade("1000", 1, 2_000)));
        assertThat(joined).isEqualTo(new LostTrades("99", "1000", 3, 900, 2_000));
        TradeGap g = joined.notice(TRADES, 5_000);
        assertThat(g).isEqualTo(new TradeGap("okx", "BTC-USDT", Channel.TRADE, "99", "1000", 900, 2_000,
                GapReason.LIMIT, 5_000));
    }

    @Test
    void idsThatAreNotNumbersKeepTheOrderOfTheLosses() {
        LostTrades joined = LostTrades.join(LostTrades.of(trade("b7", 2, 10)), LostTrades.of(trade("a1", 1, 20)));
        assertThat(joined.firstId()).isEqualTo("b7");
        assertThat(joined.lastId()).isEqualTo("a1");
    }

    @Test
    void aLostGapNoticeIsAnnouncedAgainWithTheTradesAfterItAndOtherEventsHaveNone() {
        LostTrades gap = LostTrades.of(new TradeGap("okx", "BTC-USDT", Channel.TRADE, "10", "20", 5, 6, GapReason.LIMIT,
                7));
        assertThat(LostTrades.join(gap, LostTrades.of(trade("21", 1, 8)))).isEqualTo(new LostTrades("10", "21", 2, 5,
                8));
        assertThat(LostTrades.of(new Ticker("okx", "BTC-USDT", Decimal.parse("1"), null, null, null, null, null, null,
                null, null, 1))).isNull();
    }

    @Test
    void aCallGivenUpOnLosesFromItsFirstTradeOrNoticeToItsLastTrade() {
        Publisher.TopicPart part = new Publisher.TopicPart(TRADES);
        assertThat(part.trades()).isNull();
        part.firstTrades = LostTrades.of(new TradeGap("okx", "BTC-USDT", Channel.TRADE, "10", "20", 5, 6,
                GapReason.LIMIT, 7));
        assertThat(part.trades()).isEqualTo(part.firstTrades);
        part.lastTrade = trade("35", 3, 9);
        assertThat(part.trades()).extracting(LostTrades::firstId, LostTrades::lastId, LostTrades::firstTime,
                LostTrades::lastTime).containsExactly("10", "35", 5L, 9L);
    }

    private static Trade trade(String id, int count, long time) {
        return new Trade("okx", "BTC-USDT", id, Decimal.parse("1"), Decimal.parse("1"), Side.BUY, time, false, count);
    }
}
