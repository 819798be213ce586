package io.tickgate.bus.state;

import io.tickgate.model.event.MarketEvent;
import io.tickgate.model.topic.Topic;
import java.util.List;

/** Folds a topic's events into the state an image carries. Not thread-safe: one owner. */
public interface StateKeeper {

    /** Folds the next event. */
    void apply(MarketEvent event);

    /** The events that rebuild the current state when folded into empty state (see TopicImage). */
    List<MarketEvent> image();

    /** The keeper for a topic's channel: book, last {@code tradeStateSize} trades (trade and
     * aggTrade), or last value. */
    static StateKeeper forTopic(Topic topic, int tradeStateSize) {
        switch (topic.channel()) {
            case BOOK:
                return new BookKeeper(topic);
            case TRADE:
            case AGG_TRADE:
                return new TradesKeeper(tradeStateSize);
            default:
                return new LastValueKeeper();
        }
    }
}
