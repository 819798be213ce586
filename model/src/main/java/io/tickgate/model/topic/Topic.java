package io.tickgate.model.topic;

import java.util.Objects;

/**
 * A concrete topic: {@code <source>.<SYMBOL>.<channel>}, e.g. {@code binance.BTCUSDT.trade},
 * {@code okx.BTC-USDT.book}, {@code sim.AAPL.kline.1m}.
 *
 * <p>Source: lowercase letters, digits, {@code _} and {@code -}, starting with a letter. Symbol: letters, digits,
 * {@code _} and {@code -} (venue spelling kept). Channel: one of {@link Channel}. At most 128 characters.
 */
public final class Topic {

    public static final int MAX_LENGTH = 128;

    private final String source;
    private final String symbol;
    private final Channel channel;
    private final String name;

    private Topic(String source, String symbol, Channel channel) {
        this.source = source;
        this.symbol = symbol;
        this.channel = channel;
        this.name = source + '.' + symbol + '.' + channel.wireName();
    }

    public static Topic of(String source, String symbol, Channel channel) {
        Objects.requireNonNull(channel, "channel");
        if (!isSource(source)) {
            throw new InvalidTopicException("invalid source \"" + source + "\"");
        }
        if (!isSymbol(symbol)) {
            throw new InvalidTopicException("invalid symbol \"" + symbol + "\"");
        }
        Topic t = new Topic(source, symbol, channel);
        if (t.name.length() > MAX_LENGTH) {
            throw new InvalidTopicException("topic longer than " + MAX_LENGTH + " characters");
        }
        return t;
    }

    /**
     * Parses a concrete topic name.
     *
     * @throws InvalidTopicException if the name is not a valid concrete topic (wildcards are not allowed here)
     */
    public static Topic parse(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidTopicException("topic is empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidTopicException("topic longer than " + MAX_LENGTH + " characters");
        }
        int a = name.indexOf('.');
        int b = a < 0 ? -1 : name.indexOf('.', a + 1);
        if (a < 0 || b < 0) {
            throw new InvalidTopicException("topic \"" + name + "\" is not <source>.<SYMBOL>.<channel>");
        }
        String channelName = name.substring(b + 1);
        Channel channel = Channel.fromWireName(channelName);
        if (channel == null) {
            throw new InvalidTopicException("unknown channel \"" + channelName + "\" in \"" + name + "\"");
        }
        return of(name.substring(0, a), name.substring(a + 1, b), channel);
    }

    /** True when {@code s} is a valid topic source: lowercase letters, digits, {@code _}, {@code -}; a letter first. */
    public static boolean isSource(String s) {
        if (s == null || s.isEmpty() || s.charAt(0) < 'a' || s.charAt(0) > 'z') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code s} is a valid topic symbol: letters, digits, {@code _} and {@code -}. */
    public static boolean isSymbol(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    public String source() {
        return source;
    }

    public String symbol() {
        return symbol;
    }

    public Channel channel() {
        return channel;
    }

    /** The same source and symbol on another channel. */
    public Topic withChannel(Channel other) {
        return other == channel ? this : new Topic(source, symbol, other);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Topic && name.equals(((Topic) o).name));
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    /** The topic name, e.g. {@code binance.BTCUSDT.trade}. */
    @Override
    public String toString() {
        return name;
    }
}
