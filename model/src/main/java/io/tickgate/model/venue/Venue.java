package io.tickgate.model.venue;

import io.tickgate.model.topic.Topic;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A venue's identity: the one name feed, replay, configuration, topics and the simulator use for it ({@code binance},
 * {@code okx}). A value, so a new venue needs no change here: it names itself with {@link #of(String)} in its own
 * package. {@link #BINANCE} and {@link #OKX} are the venues that ship.
 *
 * @param id lower-case letters and digits, the topic source ({@code binance} in {@code binance.BTCUSDT.trade})
 */
public record Venue(String id) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]{0,31}");

    /** Binance spot. */
    public static final Venue BINANCE = new Venue("binance");
    /** OKX v5. */
    public static final Venue OKX = new Venue("okx");

    public Venue {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a venue id is 1-32 lower-case letters and digits, starting with a "
                    + "letter: \"" + id + "\"");
        }
        if (Topic.isReservedSource(id)) {
            throw new IllegalArgumentException("\"" + id + "\" is reserved for published messages, not a venue id");
        }
    }

    /** The venue called {@code id}, case-insensitive and trimmed ({@code "Binance "} → {@code binance}). */
    public static Venue of(String id) {
        return new Venue(Objects.requireNonNull(id, "id").trim().toLowerCase(java.util.Locale.ROOT));
    }

    /** The topic source name: the {@link #id()}. */
    public String source() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
