package io.tickgate.bus.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.bus.api.Envelope;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Topic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InProcessBrokerTest {

    @Test
    void numbersEachTopicFromOneWithoutGaps() throws Exception {
        try (InProcessBroker broker = new InProcessBroker("e1")) {
            List<Envelope> seen = new ArrayList<>();
            AutoCloseable sub = broker.subscribe(seen::add);
            for (int i = 0; i < 5; i++) {
                broker.publish(trade("AAPL", i));
                broker.publish(trade("MSFT", i));
            }
            sub.close();
            broker.publish(trade("AAPL", 99));
            assertThat(seen).hasSize(10);
            assertThat(seen.stream().filter(e -> e.topic().equals(Topic.parse("sim.AAPL.trade")))
                    .map(Envelope::seq)).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(seen).allMatch(e -> e.epoch().equals("e1"));
            assertThat(broker.topics()).hasSize(2);
        }
    }

    private static Trade trade(String symbol, int id) {
        return new Trade("sim", symbol, Integer.toString(id), Decimal.parse("1.5"), Decimal.parse("2"), Side.BUY, id);
    }
}
