package io.tickgate.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class AclPatternTest {

    @Test
    void starMatchesExactlyOneSegment() {
        AclPattern p = AclPattern.parse("binance.*.trade");
        assertThat(p.matches("binance.BTCUSDT.trade")).isTrue();
        assertThat(p.matches("binance.ETHUSDT.trade")).isTrue();
        assertThat(p.matches("okx.BTC-USDT.trade")).isFalse();
        assertThat(p.matches("binance.BTCUSDT.book")).isFalse();
        assertThat(p.matches("binance.BTCUSDT.trade.x")).isFalse();
        assertThat(p.matches("binance..trade")).isFalse();
        assertThat(p.matches("binance.trade")).isFalse();
    }

    @Test
    void channelMayBeAWildcardAndSegmentsCount() {
        AclPattern kline = AclPattern.parse("*.*.kline.*");
        assertThat(kline.matches("binance.ETHUSDT.kline.1m")).isTrue();
        assertThat(kline.matches("okx.BTC-USDT.kline.1h")).isTrue();
        assertThat(kline.matches("binance.ETHUSDT.kline")).isFalse();
        assertThat(AclPattern.parse("*.*.book").matches("binance.X.book.top")).as("book is not book.top").isFalse();
    }

    @Test
    void doubleStarMatchesTheRest() {
        assertThat(AclPattern.parse("**").matches("binance.X.book.top")).isTrue();
        assertThat(AclPattern.parse("binance.**").matches("binance.X.trade")).isTrue();
        assertThat(AclPattern.parse("binance.**").matches("binance")).isFalse();
        assertThat(AclPattern.parse("binance.**").matches("okx.X.trade")).isFalse();
        assertThat(AclPattern.parse("custom.signals.alpha").matches("custom.signals.alpha")).isTrue();
    }

    @Test
    void badPatternsAreRefused() {
        for (String bad : List.of("", "a..b", "a.**.b", "bin*.x.trade", ".a", "a.")) {
            assertThatThrownBy(() -> AclPattern.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aclAllowsWhatAnyPatternMatchesAndPlusUnites() {
        TopicAcl a = TopicAcl.of(List.of("binance.*.trade"), List.of());
        TopicAcl b = TopicAcl.of(List.of("*.*.kline.*"), List.of("custom.**"));
        TopicAcl both = a.plus(b);
        assertThat(a.maySubscribe("binance.X.trade")).isTrue();
        assertThat(a.maySubscribe("okx.X.book")).isFalse();
        assertThat(a.mayPublish("custom.a.b")).isFalse();
        assertThat(both.maySubscribe("okx.X.kline.1m")).isTrue();
        assertThat(both.maySubscribe("binance.X.trade")).isTrue();
        assertThat(both.mayPublish("custom.a.b")).isTrue();
        assertThat(TopicAcl.NONE.maySubscribe("binance.X.trade")).isFalse();
    }
}
