package io.tickgate.model.topic;

/**
 * A subscription pattern: a topic name where the source and/or the symbol may be {@code *} (one whole segment),
 * e.g. {@code binance.*.trade} or {@code *.BTCUSDT.ticker}. A pattern without {@code *} matches exactly one topic.
 */
public final class TopicPattern {

    private static final String ANY = "*";

    private final String source;
    private final String symbol;
    private final Channel channel;
    /** The third segment (a channel's wire name, or a custom topic's name). */
    private final String last;
    private final String text;

    private TopicPattern(String source, String symbol, Channel channel, String last, String text) {
        this.source = source;
        this.symbol = symbol;
        this.channel = channel;
        this.last = last;
        this.text = text;
    }

    /**
     * Parses a pattern.
     *
     * @throws InvalidTopicException if the text is neither a topic nor a topic with {@code *} segments
     */
    public static TopicPattern parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidTopicException("topic is empty");
        }
        if (text.length() > Topic.MAX_LENGTH) {
            throw new InvalidTopicException("topic longer than " + Topic.MAX_LENGTH + " characters");
        }
        int a = text.indexOf('.');
        int b = a < 0 ? -1 : text.indexOf('.', a + 1);
        if (a < 0 || b < 0) {
            throw new InvalidTopicException("topic \"" + text + "\" is not <source>.<SYMBOL>.<channel>");
        }
        String source = text.substring(0, a);
        String symbol = text.substring(a + 1, b);
        String channelName = text.substring(b + 1);
        if (Topic.isReservedSource(source)) {
            // custom.<group|*>.<name>, user.<id>.inbox: checked by building the topic with a stand-in for *
            Topic.published(source, symbol.equals(ANY) ? "x" : symbol, channelName);
            return new TopicPattern(source, symbol, Channel.CUSTOM, channelName, text);
        }
        Channel channel = Channel.fromWireName(channelName);
        if (channel == null) {
            throw new InvalidTopicException("unknown channel \"" + channelName + "\" in \"" + text + "\"");
        }
        if (!source.equals(ANY) && !Topic.isSource(source)) {
            throw new InvalidTopicException("invalid source \"" + source + "\" in \"" + text + "\"");
        }
        if (!symbol.equals(ANY) && !Topic.isSymbol(symbol)) {
            throw new InvalidTopicException("invalid symbol \"" + symbol + "\" in \"" + text + "\"");
        }
        return new TopicPattern(source, symbol, channel, channelName, text);
    }

    /** True when the pattern has no wildcard and names exactly one topic. */
    public boolean isExact() {
        return !source.equals(ANY) && !symbol.equals(ANY);
    }

    /** The one topic an exact pattern names. */
    public Topic toTopic() {
        if (!isExact()) {
            throw new IllegalStateException("pattern " + text + " has wildcards");
        }
        return channel == Channel.CUSTOM ? Topic.published(source, symbol, last) : Topic.of(source, symbol, channel);
    }

    public boolean matches(Topic topic) {
        return channel == topic.channel()
                && (channel != Channel.CUSTOM || topic.toString().endsWith("." + last))
                && (source.equals(ANY) || source.equals(topic.source()))
                && (symbol.equals(ANY) || symbol.equals(topic.symbol()));
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof TopicPattern && text.equals(((TopicPattern) o).text));
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
