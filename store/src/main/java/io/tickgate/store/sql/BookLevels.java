package io.tickgate.store.sql;

import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.PriceLevel;

import java.util.ArrayList;
import java.util.List;

/**
 * A book side's levels as one text column: {@code price:size} pairs joined by {@code ,}, best first, each decimal the
 * venue's text (a decimal's text holds neither separator), so a read returns exactly what was published.
 */
public final class BookLevels {

    private BookLevels() {
    }

    public static String encode(List<PriceLevel> levels) {
        StringBuilder sb = new StringBuilder(levels.size() * 24);
        for (PriceLevel l : levels) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(l.price()).append(':').append(l.size());
        }
        return sb.toString();
    }

    /** @throws IllegalArgumentException if {@code text} is not what {@link #encode} wrote */
    public static List<PriceLevel> decode(String text) {
        List<PriceLevel> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        for (String pair : text.split(",")) {
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("not a stored book level: \"" + pair + "\"");
            }
            out.add(new PriceLevel(Decimal.parse(pair.substring(0, colon)), Decimal.parse(pair.substring(colon + 1))));
        }
        return out;
    }
}
