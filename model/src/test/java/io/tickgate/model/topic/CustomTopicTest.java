package io.tickgate.model.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickgate.model.event.CustomMessage;
import io.tickgate.model.venue.Venue;
import org.junit.jupiter.api.Test;

class CustomTopicTest {

    @Test
    void customAndInboxTopicsParseAsPublishedTopics() {
        Topic t = Topic.parse("custom.signals.alpha");
        assertThat(t.isCustom()).isTrue();
        assertThat(t.channel()).isEqualTo(Channel.CUSTOM);
        assertThat(t).hasToString("custom.signals.alpha").isEqualTo(Topic.custom("signals", "alpha"));
        assertThat(Topic.parse("custom.signals.trade").isCustom()).as("the third segment is a name").isTrue();
        Topic inbox = Topic.parse("user.alice.inbox");
        assertThat(inbox).isEqualTo(Topic.inbox("alice"));
        assertThat(inbox.inboxOwner()).isEqualTo("alice");
        assertThat(t.inboxOwner()).isNull();
        assertThat(Topic.parse("binance.BTCUSDT.trade").isCustom()).isFalse();
    }

    @Test
    void badPublishedTopicsAreRejected() {
        for (String bad : new String[] {"user.alice.other", "custom.signals", "custom.sig nals.alpha",
                "custom.signals.al.pha", "binance.BTCUSDT.custom", "user.a@b.inbox"}) {
            assertThatThrownBy(() -> Topic.parse(bad)).as(bad).isInstanceOf(InvalidTopicException.class);
        }
        assertThatThrownBy(() -> Topic.of("custom", "X", Channel.TRADE)).isInstanceOf(InvalidTopicException.class);
        assertThatThrownBy(() -> Venue.of("user")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void patternsOverCustomTopics() {
        TopicPattern p = TopicPattern.parse("custom.*.alpha");
        assertThat(p.matches(Topic.parse("custom.signals.alpha"))).isTrue();
        assertThat(p.matches(Topic.parse("custom.signals.beta"))).isFalse();
        assertThat(p.matches(Topic.parse("user.alpha.inbox"))).isFalse();
        assertThat(TopicPattern.parse("custom.signals.alpha").toTopic()).isEqualTo(Topic.custom("signals", "alpha"));
        assertThat(TopicPattern.parse("binance.*.trade").matches(Topic.parse("custom.x.trade"))).isFalse();
    }

    @Test
    void aCustomMessageBelongsOnACustomTopic() {
        CustomMessage m = new CustomMessage(Topic.custom("signals", "alpha"), "{\"a\":1}", "api", 5);
        assertThat(m.topic()).hasToString("custom.signals.alpha");
        assertThatThrownBy(() -> new CustomMessage(Topic.parse("sim.AAPL.trade"), "{}", "api", 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CustomMessage(Topic.custom("s", "a"), "{\n}", "api", 5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
