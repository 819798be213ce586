package io.tickgate.store.rest;

import io.tickgate.gateway.http.ApiRequest;
import io.tickgate.model.topic.InvalidTopicException;
import io.tickgate.model.topic.Topic;
import io.tickgate.store.api.TradeCursor;

import java.util.function.Predicate;

/**
 * The history requests' query parameters, checked: each problem throws an {@link IllegalArgumentException} whose
 * message starts with the parameter's name, which the gateway answers as 400 {@code {"error": ..}}.
 */
final class HistoryParams {

    static final int MAX_LIMIT = 1_000;
    static final int DEFAULT_LIMIT = 500;

    private HistoryParams() {
    }

    /** The required {@code topic}, which {@code accepted} must accept ({@code what} names what it must be). */
    static Topic topic(ApiRequest req, Predicate<Topic> accepted, String what) {
        String text = req.param("topic");
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("topic: required (e.g. " + what + ")");
        }
        Topic t;
        try {
            t = Topic.parse(text);
        } catch (InvalidTopicException e) {
            throw new IllegalArgumentException("topic: " + e.getMessage(), e);
        }
        if (!accepted.test(t)) {
            throw new IllegalArgumentException("topic: \"" + text + "\" is not " + what);
        }
        return t;
    }

    /** A time parameter in epoch ms ({@code fallback} when absent). */
    static long time(ApiRequest req, String name, long fallback) {
        String text = req.param(name);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            long v = Long.parseLong(text);
            if (v < 0) {
                throw new IllegalArgumentException(name + ": must be >= 0 (epoch milliseconds)");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": \"" + text + "\" is not a time in epoch milliseconds", e);
        }
    }

    /** {@code from <= to}, else a 400 naming {@code from}. */
    static void ordered(long from, long to) {
        if (from > to) {
            throw new IllegalArgumentException("from: " + from + " is after to (" + to + ")");
        }
    }

    /** {@code limit}: 1 to 1,000, default 500. */
    static int limit(ApiRequest req) {
        String text = req.param("limit");
        if (text == null || text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int v = Integer.parseInt(text);
            if (v >= 1 && v <= MAX_LIMIT) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("limit: \"" + text + "\" is not a number from 1 to " + MAX_LIMIT);
    }

    /**
     * A time range with a limit: {@code from}..{@code to} inclusive, and whether it is closed (cacheable).
     */
    record Span(long from, long to, int limit, boolean closed) {
    }

    /**
     * {@code to} (default now), {@code from} (default {@code to - defaultMillis}), ordered, and {@code limit}; the range
     * is closed when {@code to} was given and lies more than {@code settleMillis} in the past.
     */
    static Span span(ApiRequest req, long defaultMillis, long settleMillis) {
        long now = System.currentTimeMillis();
        long to = time(req, "to", now);
        long from = time(req, "from", Math.max(0, to - defaultMillis));
        ordered(from, to);
        int limit = limit(req);
        // to < now - settle, not to + settle < now: that overflows for to = Long.MAX_VALUE, "until forever"
        return new Span(from, to, limit, req.param("to") != null && to < now - settleMillis);
    }

    /** The optional {@code cursor} a previous page returned as {@code next}. */
    static TradeCursor cursor(ApiRequest req) {
        String text = req.param("cursor");
        return text == null || text.isEmpty() ? null : TradeCursor.decode(text);
    }
}
