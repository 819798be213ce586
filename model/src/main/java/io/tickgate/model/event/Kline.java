package io.tickgate.model.event;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Interval;
import java.util.Objects;

/**
 * One candle: the interval starting at {@code openTime} (epoch ms). {@code closed} is true once the interval has
 * ended and the candle is final; until then it is the open candle and its values may still change.
 */
public record Kline(String source, String symbol, Interval interval, long openTime, Decimal open, Decimal high,
                    Decimal low, Decimal close, Decimal volume, long trades, boolean closed, long timestamp)
        implements MarketEvent {

    public Kline {
        Objects.requireNonNull(interval, "interval");
    }

    public long closeTime() {
        return openTime + interval.millis() - 1;
    }

    @Override
    public Channel channel() {
        return Channel.kline(interval);
    }
}
