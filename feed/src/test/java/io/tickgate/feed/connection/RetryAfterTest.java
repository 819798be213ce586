package io.tickgate.feed.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RetryAfterTest {

    /** Sun, 06 Nov 1994 08:49:37 GMT, the example date of RFC 9110. */
    private static final long RFC_EXAMPLE = Instant.parse("1994-11-06T08:49:37Z").toEpochMilli();

    @Test
    void deltaSeconds() {
        assertThat(RetryAfter.millis("120", 0)).isEqualTo(120_000);
        assertThat(RetryAfter.millis(" 7 ", 0)).isEqualTo(7_000);
        assertThat(RetryAfter.millis("0", 0)).isZero();
        assertThat(RetryAfter.millis("007", 0)).as("leading zeros").isEqualTo(7_000);
        assertThat(RetryAfter.millis("3600", 0)).isEqualTo(3_600_000);
    }

    @Test
    void imfFixdateIsReadAgainstTheGivenClock() {
        String date = "Sun, 06 Nov 1994 08:49:37 GMT";
        assertThat(RetryAfter.millis(date, RFC_EXAMPLE - 30_000)).isEqualTo(30_000);
        assertThat(RetryAfter.millis(date, RFC_EXAMPLE - 1_500)).isEqualTo(1_500);
        assertThat(RetryAfter.millis("  " + date + " ", RFC_EXAMPLE - 2_000)).isEqualTo(2_000);
        // RFC 1123 without the day name, and a numeric zone, are read as well
        assertThat(RetryAfter.millis("06 Nov 1994 08:49:37 GMT", RFC_EXAMPLE - 5_000)).isEqualTo(5_000);
        assertThat(RetryAfter.millis("Sun, 06 Nov 1994 09:49:37 +0100", RFC_EXAMPLE - 5_000)).isEqualTo(5_000);
    }

    @Test
    void aDateNowOrInThePastAsksForNoWait() {
        String date = "Sun, 06 Nov 1994 08:49:37 GMT";
        assertThat(RetryAfter.millis(date, RFC_EXAMPLE)).isZero();
        assertThat(RetryAfter.millis(date, RFC_EXAMPLE + 1)).isZero();
        assertThat(RetryAfter.millis(date, System.currentTimeMillis())).isZero();
    }

    @Test
    void absurdWaitsAreCappedAtOneHour() {
        assertThat(RetryAfter.MAX_MILLIS).isEqualTo(3_600_000);
        assertThat(RetryAfter.millis("3601", 0)).isEqualTo(RetryAfter.MAX_MILLIS);
        assertThat(RetryAfter.millis("86400", 0)).isEqualTo(RetryAfter.MAX_MILLIS);
        assertThat(RetryAfter.millis("99999999999999999999999999", 0)).as("no overflow")
                .isEqualTo(RetryAfter.MAX_MILLIS);
        assertThat(RetryAfter.millis("Sun, 06 Nov 1994 08:49:37 GMT", RFC_EXAMPLE - 86_400_000))
                .isEqualTo(RetryAfter.MAX_MILLIS);
        assertThat(RetryAfter.millis("Fri, 31 Dec 9999 23:59:59 GMT", System.currentTimeMillis()))
                .isEqualTo(RetryAfter.MAX_MILLIS);
    }

    @Test
    void garbageNegativeAndObsoleteFormsAskForNoWait() {
        long now = RFC_EXAMPLE - 60_000;
        assertThat(RetryAfter.millis(null, now)).isZero();
        assertThat(RetryAfter.millis("", now)).isZero();
        assertThat(RetryAfter.millis("   ", now)).isZero();
        assertThat(RetryAfter.millis("-5", now)).isZero();
        assertThat(RetryAfter.millis("+5", now)).isZero();
        assertThat(RetryAfter.millis("1.5", now)).isZero();
        assertThat(RetryAfter.millis("12abc", now)).isZero();
        assertThat(RetryAfter.millis("soon", now)).isZero();
        assertThat(RetryAfter.millis("Sun, 06 Nov 1994 08:49:37", now)).as("no zone").isZero();
        assertThat(RetryAfter.millis("Mon, 06 Nov 1994 08:49:37 GMT", now)).as("wrong day name").isZero();
        assertThat(RetryAfter.millis("Wed, 31 Nov 1994 08:49:37 GMT", now)).as("no such day").isZero();
        assertThat(RetryAfter.millis("Sun, 06 Nov 1994 24:00:00 GMT", now)).as("no such hour").isZero();
        assertThat(RetryAfter.millis("Sunday, 06-Nov-94 08:49:37 GMT", now)).as("obsolete RFC 850").isZero();
        assertThat(RetryAfter.millis("Sun Nov  6 08:49:37 1994", now)).as("obsolete asctime").isZero();
    }

    @Test
    void theHandlerReadsBothFormsOnTheWallClock() {
        assertThat(WsClientHandler.retryAfterMillis("2")).isEqualTo(2_000);
        assertThat(WsClientHandler.retryAfterMillis(null)).isZero();
        String inAMinute = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(60));
        // the date has whole seconds and the clock moves on: generous bounds on a noisy machine
        assertThat(WsClientHandler.retryAfterMillis(inAMinute)).isBetween(30_000L, 60_000L);
    }

    @Test
    void aBanMayAskForLongerThanAnHourUpToBinancesThreeDays() {
        long now = 1_000_000_000_000L;
        assertThat(RetryAfter.millis("7200", now)).as("the default cap").isEqualTo(RetryAfter.MAX_MILLIS);
        assertThat(RetryAfter.millis("7200", now, RetryAfter.MAX_BAN_MILLIS)).isEqualTo(7_200_000);
        assertThat(RetryAfter.millis("999999999999", now, RetryAfter.MAX_BAN_MILLIS))
                .isEqualTo(RetryAfter.MAX_BAN_MILLIS);
        assertThat(RetryAfter.millis("2", now, 1_500)).isEqualTo(1_500);
    }
}
