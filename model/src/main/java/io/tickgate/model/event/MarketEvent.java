package io.tickgate.model.event;

import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Topic;

/** One normalized market event for one instrument of one source. */
public sealed interface MarketEvent permits Trade, Ticker, BookSnapshot, BookDelta, BookTop, Kline, CustomMessage, TradeGap {

    /** The source (venue) name as used in topics: {@code binance}, {@code okx}, {@code sim}. */
    String source();

    /** The symbol in the venue's spelling: {@code BTCUSDT}, {@code BTC-USDT}. */
    String symbol();

    /** The channel this event is published on. */
    Channel channel();

    /** The venue's event time, epoch milliseconds. */
    long timestamp();

    /** The topic this event is published on. */
    default Topic topic() {
        return Topic.of(source(), symbol(), channel());
    }
}
