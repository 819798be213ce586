package io.tickgate.model.event;

import io.tickgate.model.decimal.Decimal;
import java.util.Objects;

/** One price level of a book side. In a delta, a zero size removes the level. */
public record PriceLevel(Decimal price, Decimal size) {

    public PriceLevel {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(size, "size");
    }

    public static PriceLevel of(String price, String size) {
        return new PriceLevel(Decimal.parse(price), Decimal.parse(size));
    }
}
