package io.tickgate.gateway.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a connection may do: the topics it may subscribe to and the topics it may publish to, each a list of
 * {@link AclPattern}s (a topic is allowed when any pattern matches). Immutable.
 *
 * @param subscribe patterns of the topics the connection may subscribe to
 * @param publish   patterns of the topics the connection may publish to
 */
public record TopicAcl(List<AclPattern> subscribe, List<AclPattern> publish) {

    /** Allows nothing. */
    public static final TopicAcl NONE = new TopicAcl(List.of(), List.of());

    public TopicAcl {
        subscribe = List.copyOf(subscribe);
        publish = List.copyOf(publish);
    }

    /**
     * Parses both lists.
     *
     * @throws IllegalArgumentException when a pattern does not parse
     */
    public static TopicAcl of(Collection<String> subscribe, Collection<String> publish) {
        return new TopicAcl(parse(subscribe), parse(publish));
    }

    /** True when {@code topic} matches a subscribe pattern. */
    public boolean maySubscribe(String topic) {
        return anyMatches(subscribe, topic);
    }

    /** True when {@code topic} matches a publish pattern. */
    public boolean mayPublish(String topic) {
        return anyMatches(publish, topic);
    }

    /** Everything this or {@code other} allows. */
    public TopicAcl plus(TopicAcl other) {
        Set<AclPattern> s = new LinkedHashSet<>(subscribe);
        s.addAll(other.subscribe);
        Set<AclPattern> p = new LinkedHashSet<>(publish);
        p.addAll(other.publish);
        return new TopicAcl(new ArrayList<>(s), new ArrayList<>(p));
    }

    private static boolean anyMatches(List<AclPattern> patterns, String topic) {
        for (AclPattern p : patterns) {
            if (p.matches(topic)) {
                return true;
            }
        }
        return false;
    }

    private static List<AclPattern> parse(Collection<String> texts) {
        List<AclPattern> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(AclPattern.parse(t));
        }
        return out;
    }
}
