package io.tickgate.feed.venues.okx;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.model.topic.Channel;
import io.tickgate.model.topic.Interval;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What OKX's channels publish on: the declared topics must be the ones the decoder really fills. */
class OkxAdapterTest {

    private final OkxAdapter okx = new OkxAdapter();

    @Test
    void candleChannelsDeclareOnlyIntervalsTheDecoderReads() {
        assertThat(okx.topicChannels("candle1m", Set.of())).containsExactly(Channel.KLINE_1M);
        assertThat(okx.topicChannels("candle4H", Set.of())).containsExactly(Channel.kline(Interval.H4));
        assertThat(okx.topicChannels("candle1Dutc", Set.of())).containsExactly(Channel.KLINE_1D);
        assertThat(okx.topicChannels("candle1D", Set.of())).as("Hong Kong day, not a UTC day").isEmpty();
        assertThat(okx.topicChannels("candle3M", Set.of())).isEmpty();
    }

    @Test
    void tradesDeclareTheCandlesBuiltFromThem() {
        assertThat(okx.topicChannels("trades", Set.of(Interval.M1, Interval.D1)))
                .containsExactlyInAnyOrder(Channel.TRADE, Channel.KLINE_1M, Channel.KLINE_1D);
        assertThat(okx.topicChannels("books", Set.of())).containsExactlyInAnyOrder(Channel.BOOK, Channel.BOOK_TOP);
        assertThat(okx.carriesTopOfBook("bbo-tbt")).isTrue();
        assertThat(okx.carriesTopOfBook("books")).isFalse();
    }
}
