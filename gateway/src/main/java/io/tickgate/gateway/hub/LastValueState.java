package io.tickgate.gateway.hub;

import io.tickgate.gateway.codec.DataWriter;
import io.tickgate.gateway.codec.EventJsonWriter;
import io.tickgate.model.event.MarketEvent;

/** A ticker, book.top or kline topic's state: the last value (for klines, the latest candle). */
final class LastValueState implements ChannelState {

    private MarketEvent last;

    @Override
    public void apply(MarketEvent event) {
        last = event;
    }

    @Override
    public DataWriter snapshot() {
        MarketEvent value = last;
        if (value == null) {
            return g -> {
                g.writeStartObject();
                g.writeEndObject();
            };
        }
        return EventJsonWriter.of(value);
    }
}
