package io.tickgate.bus.state;

import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.event.Trade;
import java.util.ArrayDeque;
import java.util.List;

/** A trade topic's state: the last N trades, oldest first. */
public final class TradesKeeper implements StateKeeper {

    private final int size;
    private final ArrayDeque<MarketEvent> trades;

    public TradesKeeper(int size) {
        this.size = size;
        this.trades = new ArrayDeque<>(Math.max(1, Math.min(size, 1024)));
    }

    @Override
    public void apply(MarketEvent event) {
        if (size == 0 || !(event instanceof Trade)) {
            return;
        }
        if (trades.size() == size) {
            trades.removeFirst();
        }
        trades.addLast(event);
    }

    @Override
    public List<MarketEvent> image() {
        return List.copyOf(trades);
    }
}
