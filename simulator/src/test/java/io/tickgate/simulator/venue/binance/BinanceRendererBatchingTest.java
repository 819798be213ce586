package io.tickgate.simulator.venue.binance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.tickgate.model.event.BookDelta;
import io.tickgate.model.event.BookSnapshot;
import io.tickgate.model.event.PriceLevel;
import io.tickgate.model.event.Trade;
import io.tickgate.simulator.venue.SubscriptionIndex;
import io.tickgate.simulator.venue.VenueConnection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Diff-depth time batching, driven with hand-made engine events and clock values. */
class BinanceRendererBatchingTest {

    private final ObjectMapper json = new ObjectMapper();
    private final SubscriptionIndex index = new SubscriptionIndex();
    private final BinanceRenderer renderer = new BinanceRenderer(index);

    private VenueConnection subscriber(String stream) {
        VenueConnection c = new VenueConnection(1, "c", new EmbeddedChannel(), false, 0);
        index.add(c, stream);
        return c;
    }

    private List<JsonNode> sent(VenueConnection c) throws Exception {
        EmbeddedChannel ch = (EmbeddedChannel) c.channel();
        ch.runPendingTasks(); // a connection writes through its loop's task queue (in order)
        List<JsonNode> out = new ArrayList<>();
        TextWebSocketFrame f;
        while ((f = ch.readOutbound()) != null) {
            out.add(json.readTree(f.text()));
            f.release();
        }
        return out;
    }

    private static BookDelta delta(long id, long at, List<PriceLevel> bids, List<PriceLevel> asks) {
        return new BookDelta("binance", "BTCUSDT", bids, asks, id, id, at);
    }

    private static Trade trade(long at) {
        return new Trade("binance", "BTCUSDT", "1", io.tickgate.model.decimal.Decimal.parse("100"),
                io.tickgate.model.decimal.Decimal.parse("1"), io.tickgate.model.event.Side.BUY, at);
    }

    @Test
    void updatesOfOneIntervalGoOutAsOneMergedEventWhenItEnds() throws Exception {
        VenueConnection fast = subscriber("btcusdt@depth@100ms");
        VenueConnection slow = subscriber("btcusdt@depth");
        renderer.accept(new BookSnapshot("binance", "BTCUSDT", List.of(PriceLevel.of("99", "5")),
                List.of(PriceLevel.of("101", "5")), 10, 1000));
        renderer.accept(delta(11, 1001, List.of(PriceLevel.of("100", "1")), List.of()));
        renderer.accept(delta(12, 1050, List.of(PriceLevel.of("100", "2")), List.of(PriceLevel.of("101", "3"))));
        renderer.accept(delta(13, 1099, List.of(PriceLevel.of("99", "0")), List.of()));
        assertThat(sent(fast)).as("nothing before the interval ends").isEmpty();

        renderer.accept(delta(14, 1100, List.of(), List.of(PriceLevel.of("102", "7"))));
        List<JsonNode> out = sent(fast);
        assertThat(out).hasSize(1);
        JsonNode e = out.get(0);
        assertThat(e.get("e").asText()).isEqualTo("depthUpdate");
        assertThat(e.get("E").asLong()).isEqualTo(1100);
        assertThat(e.get("U").asLong()).isEqualTo(11);
        assertThat(e.get("u").asLong()).isEqualTo(13);
        assertThat(e.get("b").toString()).isEqualTo("[[\"100\",\"2\"],[\"99\",\"0\"]]"); // last value wins
        assertThat(e.get("a").toString()).isEqualTo("[[\"101\",\"3\"]]");

        renderer.accept(trade(1250)); // any engine event at or after the interval's end sends a due batch
        e = sent(fast).get(0);
        assertThat(e.get("U").asLong()).isEqualTo(14);
        assertThat(e.get("u").asLong()).isEqualTo(14);
        assertThat(e.get("a").toString()).isEqualTo("[[\"102\",\"7\"]]");
        assertThat(sent(slow)).as("plain @depth is 1000 ms").isEmpty();

        renderer.accept(trade(2000));
        out = sent(slow);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).get("U").asLong()).isEqualTo(11);
        assertThat(out.get(0).get("u").asLong()).isEqualTo(14);
        assertThat(out.get(0).get("b").toString()).isEqualTo("[[\"100\",\"2\"],[\"99\",\"0\"]]");
        assertThat(sent(fast)).as("no event for an interval without updates").isEmpty();
    }

    @Test
    void aBatchIsDroppedWhenItsStreamLosesItsLastSubscriber() throws Exception {
        VenueConnection c = subscriber("btcusdt@depth@100ms");
        renderer.accept(delta(11, 1001, List.of(PriceLevel.of("100", "1")), List.of()));
        index.remove(c, "btcusdt@depth@100ms");
        renderer.accept(delta(12, 1002, List.of(PriceLevel.of("100", "2")), List.of()));
        index.add(c, "btcusdt@depth@100ms");
        renderer.accept(delta(13, 1003, List.of(PriceLevel.of("100", "3")), List.of()));
        renderer.accept(trade(1100));
        JsonNode e = sent(c).get(0);
        assertThat(e.get("U").asLong()).as("an event covers every update from its U on").isEqualTo(13);
        assertThat(e.get("u").asLong()).isEqualTo(13);
    }
}
