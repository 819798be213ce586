package io.tickgate.feed.json;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.PriceLevel;

/**
 * What a venue may send as prices and sizes, checked where its frames and REST answers are decoded: a book level's
 * price above zero and its size zero or more (zero removes the level), a trade's price and quantity above zero, a
 * candle's prices above zero and its volume zero or more, a ticker's last price above zero.
 * Anything else makes the frame (or the REST answer) {@code MALFORMED}, refused whole: a negative size would otherwise
 * be put in a book and published, a negative quantity taken off a candle's volume. Data already published (the bus,
 * the history store) is not checked again.
 */
public final class VenueNumbers {

    private VenueNumbers() {
    }

    /** A book level, or {@link MalformedFrameException} for a price not above zero or a negative size. */
    public static PriceLevel level(Decimal price, Decimal size) {
        if (price.signum() <= 0 || size.signum() < 0) {
            throw new MalformedFrameException("a level needs price > 0 and size >= 0, got " + price + " x " + size);
        }
        return new PriceLevel(price, size);
    }

    /** A REST answer's trade: {@link MalformedFrameException} naming {@code where} when it is not plausible. */
    public static void checkTrade(Decimal price, Decimal quantity, String where) {
        String problem = tradeProblem(price, quantity);
        if (problem != null) {
            throw new MalformedFrameException(where + ": " + problem);
        }
    }

    /** Null when a trade's price and quantity are plausible, else why not. */
    public static String tradeProblem(Decimal price, Decimal quantity) {
        return price.signum() > 0 && quantity.signum() > 0 ? null
                : "a trade needs price > 0 and quantity > 0, got " + quantity + " at " + price;
    }

    /** Null when a candle's prices are above zero and its volume zero or more, else why not. */
    public static String klineProblem(Decimal open, Decimal high, Decimal low, Decimal close, Decimal volume) {
        return open.signum() > 0 && high.signum() > 0 && low.signum() > 0 && close.signum() > 0
                && volume.signum() >= 0 ? null
                : "a candle needs prices > 0 and volume >= 0, got o " + open + " h " + high + " l " + low + " c "
                        + close + " v " + volume;
    }

    /** Null when a ticker's last price is above zero, else why not. */
    public static String tickerProblem(Decimal last) {
        return last.signum() > 0 ? null : "a ticker needs last > 0, got " + last;
    }
}
