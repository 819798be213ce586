package io.tickgate.bus.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickgate.bus.api.Envelope;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Topic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway's engine today: numbers and fans out, keeps nothing (its hub keeps history and state). */
class InProcessBrokerWithoutRetentionTest {

    @Test
    void numbersAndFansOutButOffersNoHistoryOrImages() {
        InProcessBroker broker = InProcessBroker.withoutRetention();
        List<Envelope> seen = new ArrayList<>();
        broker.subscribe(seen::add);
        for (int i = 1; i <= 3; i++) {
            assertThat(broker.publish(new Trade("binance", "BTCUSDT", Integer.toString(i), Decimal.parse("1"),
                    Decimal.parse("2"), Side.BUY, i))).isTrue();
        }
        assertThat(seen).extracting(Envelope::seq).containsExactly(1L, 2L, 3L);
        Topic topic = Topic.parse("binance.BTCUSDT.trade");
        assertThat(broker.topics()).containsExactly(topic);
        assertThatThrownBy(() -> broker.history(topic, broker.epoch(), 0))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("withoutRetention");
        assertThatThrownBy(() -> broker.subscribe(topic, null)).isInstanceOf(UnsupportedOperationException.class);
    }
}
