package io.tickgate.gateway.hub;

import io.tickgate.gateway.codec.DataWriter;
import io.tickgate.gateway.codec.EventJsonWriter;
import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.Trade;
import java.util.ArrayDeque;
import java.util.List;

/** A trade topic's state: the last N trades, oldest first. */
final class TradeHistoryState implements ChannelState {

    private final int size;
    private final ArrayDeque<Trade> trades;

    TradeHistoryState(int size) {
        this.size = size;
        this.trades = new ArrayDeque<>(Math.max(1, size));
    }

    @Override
    public void apply(MarketEvent event) {
        if (size == 0 || !(event instanceof Trade t)) {
            return;
        }
        if (trades.size() == size) {
            trades.removeFirst();
        }
        trades.addLast(t);
    }

    @Override
    public DataWriter snapshot() {
        return EventJsonWriter.trades(List.copyOf(trades));
    }
}
