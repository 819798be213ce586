package io.tickgate.bus.state;

import io.tickgate.model.event.MarketEvent;
import java.util.List;

/** A ticker, book.top or kline topic's state: the last value (for klines the latest candle). */
public final class LastValueKeeper implements StateKeeper {

    private MarketEvent last;

    @Override
    public void apply(MarketEvent event) {
        last = event;
    }

    @Override
    public List<MarketEvent> image() {
        return last == null ? List.of() : List.of(last);
    }
}
