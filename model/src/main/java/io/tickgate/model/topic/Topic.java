package io.tickgate.model.topic;

import java.util.Objects;

/**
 * A concrete topic: {@code <source>.<SYMBOL>.<channel>}, e.g. {@code binance.BTCUSDT.trade},
 * {@code okx.BTC-USDT.book}, {@code sim.AAPL.kline.1m}.
 *
 * <p>Source: lowercase letters, digits, {@code _} and {@code -}, starting with a letter. Symbol: letters, digits,
 * {@code _} and {@code -} (venue spelling kept). Channel: one of {@link Channel}. At most 128 characters.
 *
 * <p>Two sources are reserved for messages applications publish (channel {@link Channel#CUSTOM}), never for venues:
 * {@code custom.<group>.<name>} (e.g. {@code custom.signals.alpha}; group and name spelled like a symbol) and the
 * personal topic of a user {@code user.<id>.inbox}. Their third segment is a name, not a channel.
 */
public final class Topic {

    public static final int MAX_LENGTH = 128;
    /** The source of application topics ({@code custom.signals.alpha}). */
    public static final String CUSTOM_SOURCE = "custom";
    /** The source of personal topics ({@code user.<id>.inbox}). */
    public static final String USER_SOURCE = "user";
    /** The name of a user's personal topic. */
    public static final String INBOX = "inbox";

    private final String source;
    private final String symbol;
    private final Channel channel;
    private final String name;

    private Topic(String source, String symbol, Channel channel, String last) {
        this.source = source;
        this.symbol = symbol;
        this.channel = channel;
        this.name = source + '.' + symbol + '.' + last;
    }

    /**
     * A market topic.
     *
     * @throws InvalidTopicException for a reserved source ({@link #isReservedSource}) or the custom channel: use
     *                               {@link #custom} or {@link #inbox}
     */
    public static Topic of(String source, String symbol, Channel channel) {
        Objects.requireNonNull(channel, "channel");
        if (channel == Channel.CUSTOM || isReservedSource(source)) {
            throw new InvalidTopicException("\"" + source + "." + symbol + "\" with channel " + channel.wireName()
                    + " is not a market topic (sources custom and user are reserved for published messages)");
        }
        return checked(source, symbol, channel, channel.wireName());
    }

    /** The application topic {@code custom.<group>.<name>}. */
    public static Topic custom(String group, String name) {
        if (!isSymbol(name)) {
            throw new InvalidTopicException("invalid name \"" + name + "\" in a custom topic");
        }
        return checked(CUSTOM_SOURCE, group, Channel.CUSTOM, name);
    }

    /**
     * The personal topic {@code user.<id>.inbox} of a user (only that user may subscribe).
     *
     * @throws InvalidTopicException when the user id is not spelled like a symbol (letters, digits, _ and -)
     */
    public static Topic inbox(String userId) {
        return checked(USER_SOURCE, userId, Channel.CUSTOM, INBOX);
    }

    private static Topic checked(String source, String symbol, Channel channel, String last) {
        if (!isSource(source)) {
            throw new InvalidTopicException("invalid source \"" + source + "\"");
        }
        if (!isSymbol(symbol)) {
            throw new InvalidTopicException("invalid symbol \"" + symbol + "\"");
        }
        Topic t = new Topic(source, symbol, channel, last);
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
        if (isReservedSource(name.substring(0, a))) {
            return published(name.substring(0, a), name.substring(a + 1, b), channelName);
        }
        Channel channel = Channel.fromWireName(channelName);
        if (channel == null) {
            throw new InvalidTopicException("unknown channel \"" + channelName + "\" in \"" + name + "\"");
        }
        return of(name.substring(0, a), name.substring(a + 1, b), channel);
    }

    /** A {@code custom.*} or {@code user.*} topic from its segments. */
    static Topic published(String source, String symbol, String last) {
        if (USER_SOURCE.equals(source)) {
            if (!INBOX.equals(last)) {
                throw new InvalidTopicException("a user topic is user.<id>.inbox, not \"" + source + "." + symbol + "."
                        + last + "\"");
            }
            return inbox(symbol);
        }
        return custom(symbol, last);
    }

    /** True for the sources reserved for published messages: {@code custom} and {@code user}. */
    public static boolean isReservedSource(String source) {
        return CUSTOM_SOURCE.equals(source) || USER_SOURCE.equals(source);
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

    /** True for a topic of published messages ({@code custom.<group>.<name>}, {@code user.<id>.inbox}). */
    public boolean isCustom() {
        return channel == Channel.CUSTOM;
    }

    /** The user whose personal topic this is ({@code user.<id>.inbox}), or null. */
    public String inboxOwner() {
        return USER_SOURCE.equals(source) ? symbol : null;
    }

    /** The same source and symbol on another market channel (a market topic only). */
    public Topic withChannel(Channel other) {
        if (isCustom() || other == Channel.CUSTOM) {
            throw new IllegalArgumentException("withChannel is for market topics, not " + this);
        }
        return other == channel ? this : new Topic(source, symbol, other, other.wireName());
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
