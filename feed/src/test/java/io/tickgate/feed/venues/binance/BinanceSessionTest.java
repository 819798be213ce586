package io.tickgate.feed.venues.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.feed.pipeline.FeedItem;
import io.tickgate.feed.venue.SessionIo;
import io.tickgate.feed.venue.SessionProtocol;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A socket that never answers SUBSCRIBE is asked a few times, then reported for replacement, not asked forever. */
@Timeout(10)
class BinanceSessionTest {

    /** What the session asks of its socket. */
    private static final class Recorded implements SessionIo {
        final List<String> control = new ArrayList<>();
        final List<String> notices = new ArrayList<>();

        @Override
        public long sessionId() {
            return 1;
        }

        @Override
        public void sendControl(String text) {
            control.add(text);
        }

        @Override
        public void sendPong(byte[] payload) {
        }

        @Override
        public void sendHeartbeat(String text) {
        }

        @Override
        public void deliver(FeedItem item) {
        }

        @Override
        public void heartbeat() {
        }

        @Override
        public void verified(Collection<String> symbols) {
        }

        @Override
        public void rejected(String symbol, String reason) {
        }

        @Override
        public void rateLimited(long waitMillis) {
        }

        @Override
        public void shutdownNotice(String why) {
            notices.add(why);
        }

        @Override
        public void malformed(String why) {
        }
    }

    private long subscribes(Recorded io) {
        return io.control.stream().filter(c -> c.contains("\"SUBSCRIBE\"")).count();
    }

    @Test
    void unansweredSubscribesAreSentAgainAFewTimesThenTheSocketIsReplaced() {
        Recorded io = new Recorded();
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
