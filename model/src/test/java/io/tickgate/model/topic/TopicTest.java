package io.tickgate.model.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicTest {

    @Test
    void parsesConcreteTopics() {
        Topic t = Topic.parse("okx.BTC-USDT.book");
        assertThat(t.source()).isEqualTo("okx");
        assertThat(t.symbol()).isEqualTo("BTC-USDT");
        assertThat(t.channel()).isEqualTo(Channel.BOOK);
        assertThat(Topic.parse("binance.ETHUSDT.kline.1m").channel()).isEqualTo(Channel.KLINE_1M);
        assertThat(Topic.parse("sim.AAPL.book.top").channel()).isEqualTo(Channel.BOOK_TOP);
        assertThat(t.toString()).isEqualTo("okx.BTC-USDT.book");
    }

    @Test
    void rejectsInvalidTopics() {
        for (String bad : new String[] {"", "binance", "binance.BTCUSDT", "binance.BTCUSDT.trades",
                "Binance.BTCUSDT.trade", "binance.BTC USDT.trade", "binance..trade", "binance.*.trade",
                "binance.BTCUSDT.kline.2m", "x".repeat(200) + ".A.trade"}) {
            assertThatThrownBy(() -> Topic.parse(bad)).as(bad).isInstanceOf(InvalidTopicException.class);
        }
    }

    @Test
    void wildcardMatchesOneSegment() {
        TopicPattern p = TopicPattern.parse("binance.*.trade");
        assertThat(p.isExact()).isFalse();
        assertThat(p.matches(Topic.parse("binance.BTCUSDT.trade"))).isTrue();
        assertThat(p.matches(Topic.parse("binance.BTCUSDT.ticker"))).isFalse();
        assertThat(p.matches(Topic.parse("okx.BTC-USDT.trade"))).isFalse();
        assertThat(TopicPattern.parse("*.BTCUSDT.ticker").matches(Topic.parse("binance.BTCUSDT.ticker"))).isTrue();
        assertThat(TopicPattern.parse("sim.AAPL.trade").toTopic()).isEqualTo(Topic.parse("sim.AAPL.trade"));
        assertThatThrownBy(() -> TopicPattern.parse("binance.BTC*.trade")).isInstanceOf(InvalidTopicException.class);
        assertThatThrownBy(() -> TopicPattern.parse("binance.*.*")).isInstanceOf(InvalidTopicException.class);
    }
}
