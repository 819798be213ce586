package io.tickgate.bus.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickgate.model.event.CustomMessage;
import io.tickgate.model.topic.Topic;
import org.junit.jupiter.api.Test;

class CustomMessageCodecTest {

    @Test
    void aCustomMessageRoundTripsWithItsDataAsPublished() {
        Topic t = Topic.parse("custom.signals.alpha");
        CustomMessage m = new CustomMessage(t, "{\"side\":\"buy\",\"note\":\"a|b \\\"q\\\"\"}", "user:alice", 17);
        String text = EventCodec.encode(m, 99);
        assertThat(text).doesNotContain("\n");
        EventCodec.Decoded d = EventCodec.decode(t, text);
        assertThat(d.ingestTime()).isEqualTo(99);
        assertThat(d.event()).isEqualTo(m);
    }

    @Test
    void aCustomMessageIsNotReadForAMarketTopic() {
        String text = EventCodec.encode(new CustomMessage(Topic.inbox("bob"), "{}", "api", 1), 2);
        assertThat(EventCodec.decode(Topic.inbox("bob"), text).event()).isInstanceOf(CustomMessage.class);
        assertThatThrownBy(() -> EventCodec.decode(Topic.parse("sim.AAPL.ticker"), text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad event encoding");
    }
}
