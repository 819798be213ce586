package io.tickgate.simulator.market;

import io.tickgate.model.event.Kline;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Interval;
import io.tickgate.processing.kline.KlineAggregator;
import io.tickgate.simulator.instrument.Instrument;
import java.util.Set;

/**
 * Prints one instrument's trades: venue-style increasing trade ids, the 1 s and 1 m candles they build (closed by
 * time too, even without trades) and the rolling ticker window. It also keeps the trade intensity: every trade
 * excites the next ones (a self-exciting, Hawkes-like rate decaying over a couple of seconds), so trades come in
 * clusters as on a real venue. Single writer.
 */
final class TradePrinter {

    private static final double EXCITATION_DECAY_MILLIS = 2000;

    private final Instrument instrument;
    private final KlineAggregator klines1s;
    private final KlineAggregator klines1m;
    private final TickerWindow ticker;
    private long tradeId;
    private double excitation;
    private long excitedAt;

    TradePrinter(Instrument instrument, long windowMillis, long firstTradeId) {
        this.instrument = instrument;
        this.klines1s = new KlineAggregator(instrument.source(), instrument.symbol(), Set.of(Interval.S1));
        this.klines1m = new KlineAggregator(instrument.source(), instrument.symbol(), Set.of(Interval.M1));
        this.ticker = new TickerWindow(windowMillis, instrument.startTicks());
        this.tradeId = firstTradeId;
    }

    /** Publishes a trade of {@code lots} at {@code price} and the candles it updates. */
    void print(long now, long price, long lots, boolean buy, EventEmitter out) {
        excitation = excitation(now) + 1;
        excitedAt = now;
        ticker.add(now, price, lots);
        Trade trade = new Trade(instrument.source(), instrument.symbol(), Long.toString(++tradeId),
                instrument.price(price), instrument.quantity(lots), buy ? Side.BUY : Side.SELL, now);
        out.emit(trade);
        for (Kline k : klines1s.onTrade(trade)) {
            out.emit(k);
        }
        for (Kline k : klines1m.onTrade(trade)) {
            out.emit(k);
        }
    }

    /** Closes candles whose interval ended by {@code now}. */
    void onTime(long now, EventEmitter out) {
        for (Kline k : klines1s.onTime(now)) {
            out.emit(k);
        }
        for (Kline k : klines1m.onTime(now)) {
            out.emit(k);
        }
    }

    /** How excited the trading is at {@code now}: the recent trades, each weighing less as it ages. */
    double excitation(long now) {
        return excitation * Math.exp(-(now - excitedAt) / EXCITATION_DECAY_MILLIS);
    }

    TickerWindow ticker() {
        return ticker;
    }
}
