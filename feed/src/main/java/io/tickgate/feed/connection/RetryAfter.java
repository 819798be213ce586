package io.tickgate.feed.connection;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * An HTTP {@code Retry-After} header (RFC 9110 §10.2.3) as a wait in milliseconds, in either of its forms:
 * delta-seconds ({@code 120}) or an HTTP-date in the IMF-fixdate / RFC 1123 form
 * ({@code Sun, 06 Nov 1994 08:49:37 GMT}), read against the caller's clock.
 *
 * <p>Anything else reads as 0, meaning "no wait asked for" (the caller's own backoff applies): an absent or blank
 * header, a negative or fractional number, a date in the past or not on the calendar, and the obsolete RFC 850 and
 * asctime date forms. A wait is capped at {@link #MAX_MILLIS} (1 hour), so a broken or hostile header cannot stall
 * a connection for days.
 */
public final class RetryAfter {

    /** The longest wait a header can ask for: 1 hour. */
    public static final long MAX_MILLIS = 3_600_000;

    /** RFC 1123 dates, strictly: no 31 November or hour 24 silently moved to a valid time. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME
            .withResolverStyle(ResolverStyle.STRICT);

    private RetryAfter() {
    }

    /** The longest ban Binance documents for a REST IP ban (HTTP 418): 3 days. */
    public static final long MAX_BAN_MILLIS = 3 * 86_400_000L;

    /**
     * @param header    the header's value, or null
     * @param nowMillis the current wall-clock time (epoch ms), for the date form
     * @return the wait in ms, 0 to {@link #MAX_MILLIS}
     */
    public static long millis(String header, long nowMillis) {
        return millis(header, nowMillis, MAX_MILLIS);
    }

    /**
     * As {@link #millis(String, long)} with another cap, e.g. {@link #MAX_BAN_MILLIS} for the end of an IP ban.
     *
     * @param maxMillis the longest wait accepted
     * @return the wait in ms, 0 to {@code maxMillis}
     */
    public static long millis(String header, long nowMillis, long maxMillis) {
        if (header == null) {
            return 0;
        }
        String v = header.trim();
        if (v.isEmpty()) {
            return 0;
        }
        long delta = deltaSecondsMillis(v, maxMillis);
        if (delta >= 0) {
            return delta;
        }
        try {
            long at = ZonedDateTime.parse(v, DATE).toInstant().toEpochMilli();
            return Math.max(0, Math.min(maxMillis, at - nowMillis));
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    /** delta-seconds (digits only) in ms, capped without overflowing; -1 if {@code v} is not digits only. */
    private static long deltaSecondsMillis(String v, long maxMillis) {
        long s = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            s = Math.min(maxMillis / 1000 + 1, s * 10 + (c - '0'));
        }
        return Math.min(maxMillis, s * 1000);
    }
}
