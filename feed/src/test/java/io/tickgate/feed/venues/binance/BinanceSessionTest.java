package io.tickgate.feed.venues.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.feed.venue.RecordedSessionIo;
import io.tickgate.feed.venue.SessionProtocol;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A socket that never answers SUBSCRIBE is asked a few times, then reported for replacement, not asked forever. */
@Timeout(10)
class BinanceSessionTest {

    private long subscribes(RecordedSessionIo io) {
        return io.control.stream().filter(c -> c.contains("\"SUBSCRIBE\"")).count();
    }

    @Test
    void unansweredSubscribesAreSentAgainAFewTimesThenTheSocketIsReplaced() {
        RecordedSessionIo io = new RecordedSessionIo();
        BinanceProtocol protocol = new BinanceProtocol("ws://127.0.0.1:1/stream", List.of("trade"), 60_000, 30_000);
        SessionProtocol session = protocol.open(io, List.of());
        session.onOpen(List.of("BTCUSDT"));
        assertThat(subscribes(io)).isEqualTo(1);
        long now = System.currentTimeMillis();
        for (int round = 1; round <= 10; round++) {
            session.onTick(now + round * 11_000L); // every request's reply timeout passed
        }
        assertThat(subscribes(io)).as("the first and two more tries").isEqualTo(3);
        assertThat(io.notices).singleElement().asString().contains("no answer to 3 SUBSCRIBE requests");
    }
}
