package io.tickgate.model.event;

/** The aggressor side of a trade. */
public enum Side {
    BUY("buy"),
    SELL("sell"),
    UNKNOWN("unknown");

    private final String wireName;

    Side(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
