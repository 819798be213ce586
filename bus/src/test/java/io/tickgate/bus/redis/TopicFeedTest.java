package io.tickgate.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickgate.bus.api.Envelope;
import io.tickgate.bus.api.History;
import io.tickgate.bus.api.TopicImage;
import io.tickgate.bus.api.TopicListener;
import io.tickgate.model.decimal.Decimal;
import io.tickgate.model.event.Side;
import io.tickgate.model.event.Trade;
import io.tickgate.model.topic.Topic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A sink's way from image to live messages and through a gap, without Redis: the order in which the two sockets'
 * answers (pub/sub messages, the image or history read) reach the node is chosen by the test.
 */
class TopicFeedTest {

    private static final Topic TOPIC = Topic.parse("binance.BTCUSDT.trade");

    /** What a listener got: "image@seq" or "seq". */
    private static final class Log implements TopicListener {
        final List<String> got = new ArrayList<>();

        @Override
        public void onImage(TopicImage image) {
            got.add("image@" + image.seq());
        }

        @Override
        public void onEnvelope(Envelope envelope) {
            got.add(Long.toString(envelope.seq()));
        }
    }

    private final TopicFeed feed = new TopicFeed(TOPIC, "ch");
    private final Log log = new Log();
    private final TopicFeed.Sink sink = new TopicFeed.Sink(log, true);

    private static Envelope env(String epoch, long seq) {
        Trade t = new Trade("binance", "BTCUSDT", Long.toString(seq), Decimal.parse("1"), Decimal.parse("1"), Side.BUY,
                seq);
        return new Envelope(TOPIC, epoch, seq, seq, 0, t);
    }

    private void live(long imageSeq) {
        feed.add(sink);
        feed.confirmed = true;
        assertThat(feed.dueImages()).containsExactly(sink);
        assertThat(feed.onImage(sink, new TopicImage(TOPIC, "e1", imageSeq, List.of())))
                .isEqualTo(TopicFeed.Imaged.DELIVERED);
    }

    @Test
    void aMessageTheImageAlreadyHeldArrivingAfterItIsDroppedNotAGap() {
        live(5);
        // published just before the image was read, but read from the pub/sub socket after the image's answer
        assertThat(feed.onEnvelope(env("e1", 4))).isEmpty();
        assertThat(feed.onEnvelope(env("e1", 5))).isEmpty();
        assertThat(feed.onEnvelope(env("e1", 6))).isEmpty();
        assertThat(log.got).containsExactly("image@5", "6");
    }

    @Test
    void aGapIsFilledFromTheHistoryWithoutAnImage() {
        live(5);
        feed.onEnvelope(env("e1", 6));
        assertThat(feed.onEnvelope(env("e1", 9))).containsExactly(sink); // 7 and 8 missed
        feed.onEnvelope(env("e1", 10));
        assertThat(feed.dueImages()).containsExactly(sink);
        assertThat(feed.fillable(sink)).isTrue();
        // the history read after 6 reaches 9 (10 arrived meanwhile and waits in the buffer)
        History h = new History(TOPIC, "e1", 9, false, List.of(env("e1", 7), env("e1", 8), env("e1", 9)));
        assertThat(feed.onHistory(sink, h)).isEqualTo(TopicFeed.Fill.FILLED);
        feed.onEnvelope(env("e1", 11));
        assertThat(log.got).containsExactly("image@5", "6", "7", "8", "9", "10", "11");
    }

    @Test
    void aGapTheHistoryCannotFillGetsAnImage() {
        live(5);
        assertThat(feed.onEnvelope(env("e1", 9))).containsExactly(sink);
        assertThat(feed.dueImages()).containsExactly(sink);
        assertThat(feed.onHistory(sink, History.gone(TOPIC, "e1", 9))).isEqualTo(TopicFeed.Fill.IMAGE);
        assertThat(feed.fillable(sink)).as("the next request is an image").isFalse();
        assertThat(feed.dueImages()).containsExactly(sink);
        assertThat(feed.onImage(sink, new TopicImage(TOPIC, "e1", 9, List.of())))
                .isEqualTo(TopicFeed.Imaged.DELIVERED);
        feed.onEnvelope(env("e1", 10));
        assertThat(log.got).containsExactly("image@5", "image@9", "10");
        assertThat(feed.fillable(sink)).as("live again: a later gap is filled first").isTrue();
    }

    @Test
    void aHistoryWithAHoleOrAnotherEpochIsNotUsed() {
        live(5);
        feed.onEnvelope(env("e1", 8));
        feed.dueImages();
        History holed = new History(TOPIC, "e1", 8, false, List.of(env("e1", 6), env("e1", 8)));
        assertThat(feed.onHistory(sink, holed)).isEqualTo(TopicFeed.Fill.IMAGE);
        assertThat(log.got).containsExactly("image@5");

        TopicFeed other = new TopicFeed(TOPIC, "ch");
        Log otherLog = new Log();
        TopicFeed.Sink s2 = new TopicFeed.Sink(otherLog, true);
        other.add(s2);
        other.confirmed = true;
        other.dueImages();
        other.onImage(s2, new TopicImage(TOPIC, "e1", 5, List.of()));
        assertThat(other.onEnvelope(env("e2", 1))).containsExactly(s2); // a new epoch
        other.dueImages();
        assertThat(other.onHistory(s2, new History(TOPIC, "e2", 1, false, List.of(env("e2", 1)))))
                .isEqualTo(TopicFeed.Fill.IMAGE);
        assertThat(otherLog.got).containsExactly("image@5");
    }

    @Test
    void anImageOfTheSameEpochBelowTheSinksSeqIsNotDeliveredButRetiresTheEpoch() {
        live(200);
        assertThat(feed.onEnvelope(env("e1", 205))).containsExactly(sink); // Redis came back: a pub/sub reconnect
        assertThat(feed.dueImages()).containsExactly(sink);
        assertThat(feed.onHistory(sink, History.gone(TOPIC, "e1", 100))).isEqualTo(TopicFeed.Fill.IMAGE);
        assertThat(feed.dueImages()).containsExactly(sink);
        assertThat(feed.onImage(sink, new TopicImage(TOPIC, "e1", 100, List.of())))
                .as("Redis went back from 200 to 100 in e1").isEqualTo(TopicFeed.Imaged.ROLLED_BACK);
        assertThat(log.got).as("the listener is not taken back into seqs it saw").containsExactly("image@200");
        assertThat(feed.dueImages()).as("imaged again once the epoch is retired").containsExactly(sink);
        assertThat(feed.onImage(sink, new TopicImage(TOPIC, "e2", 3, List.of())))
                .as("the new epoch's image; the old epoch's buffered message is dropped")
                .isEqualTo(TopicFeed.Imaged.DELIVERED);
        feed.onEnvelope(env("e2", 4));
        assertThat(log.got).containsExactly("image@200", "image@3", "4");
    }
}
