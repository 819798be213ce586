package io.tickgate.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tickgate.gateway.codec.ServerMessageEncoder;
import io.tickgate.gateway.codec.TextFrameHeader;
import io.tickgate.gateway.protocol.ErrorCode;
import io.tickgate.model.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The compact history: what it holds, what it replays (pre-framed, byte for byte) and what it gives back. */
class TopicHistoryTest {

    private static final Topic TOPIC = Topic.parse("binance.BTCUSDT.trade");
    private static final Pattern SEQ = Pattern.compile("\"m(\\d+)-");
    private final ServerMessageEncoder encoder = new ServerMessageEncoder(PooledByteBufAllocator.DEFAULT);
    private final AtomicLong counted = new AtomicLong();
    private final List<ByteBuf> replayed = new ArrayList<>();
    private final List<TopicHistory> histories = new ArrayList<>();

    /** A history this test gives back after it ({@link #releaseAll}). */
    private TopicHistory history(int maxSize, long maxAgeNanos) {
        TopicHistory h = new TopicHistory(maxSize, maxAgeNanos, counted::addAndGet);
        histories.add(h);
        return h;
    }

    /** A pre-framed message whose text names {@code seq}, {@code padding} characters long besides. */
    private ByteBuf frame(long seq, int padding) {
        return encoder.error(null, ErrorCode.INVALID_JSON, "m" + seq + "-" + "x".repeat(padding));
    }

    private void append(TopicHistory h, long seq, long nanos, int padding) {
        ByteBuf f = frame(seq, padding);
        h.append(seq, nanos, f);
        assertThat(f.refCnt()).isEqualTo(1); // copied, not kept
        f.release();
    }

    /** A history of at most {@code maxSize} messages, no age limit, holding seqs 1..lastSeq (appended at time seq). */
    private TopicHistory holding(int maxSize, long lastSeq, int padding) {
        TopicHistory h = history(maxSize, Long.MAX_VALUE);
        for (long seq = 1; seq <= lastSeq; seq++) {
            append(h, seq, seq, padding);
        }
        return h;
    }

    /** Replays after {@code afterSeq}; returns each message's text (and keeps the frames to release later). */
    private List<String> replay(TopicHistory h, long afterSeq) {
        List<String> texts = new ArrayList<>();
        int n = h.replay(TOPIC, afterSeq, (frame, ingest) -> {
            assertThat(TextFrameHeader.isFramed(frame)).isTrue();
            String text = frame.toString(StandardCharsets.UTF_8);
            Matcher m = SEQ.matcher(text);
            assertThat(m.find()).isTrue();
            texts.add(m.group(1));
            replayed.add(frame);
            return true;
        });
        assertThat(n).isEqualTo(texts.size());
        return texts;
    }

    @AfterEach
    void releaseAll() {
        replayed.forEach(ByteBuf::release);
        histories.forEach(TopicHistory::clear);
    }

    @Test
    void replaysWhatFollowsAPositionPreFramedAndInOrder() {
        TopicHistory h = history(100, Long.MAX_VALUE);
        for (long seq = 1; seq <= 50; seq++) {
            append(h, seq, seq, (int) (seq * 7 % 40));
        }
        assertThat(h.covers(10, 50)).isTrue();
        assertThat(h.covers(0, 50)).isTrue();
        assertThat(h.covers(50, 50)).isTrue();
        assertThat(h.covers(10, 51)).isFalse();
        assertThat(replay(h, 47)).containsExactly("48", "49", "50");
        assertThat(replay(h, 0)).hasSize(50).startsWith("1", "2").endsWith("50");
        assertThat(counted).hasValue(50);
        h.clear();
        assertThat(counted).hasValue(0);
    }

    @Test
    void keepsTheLastMaxSizeMessagesAndGivesBackWholeSegments() {
        TopicHistory h = holding(100, 20_000, 100);
        assertThat(h.size()).isEqualTo(100);
        assertThat(h.firstSeq()).isEqualTo(19_901);
        assertThat(h.covers(19_900, 20_000)).isTrue();
        assertThat(h.covers(19_899, 20_000)).isFalse();
        assertThat(replay(h, 19_997)).containsExactly("19998", "19999", "20000");
        assertThat(counted).hasValue(100);
        // 100 messages of ~150 bytes: the segments holding them, not the 20,000 written
        assertThat(h.segmentBytes()).isLessThanOrEqualTo(100 * 160 + 2 * TopicHistory.MAX_SEGMENT_BYTES);
        h.clear();
        assertThat(h.segmentBytes()).isZero();
    }

    @Test
    void dropsMessagesPastTheAgeLimit() {
        TopicHistory h = history(1_000, 100);
        for (long seq = 1; seq <= 10; seq++) {
            append(h, seq, seq * 20, 10);
        }
        // at 200 the limit keeps what is at most 100 ns old: appended at 100..200, seqs 5..10
        assertThat(h.firstSeq()).isEqualTo(5);
        h.evictExpired(1_000);
        assertThat(h.size()).isZero();
        assertThat(h.covers(3, 10)).isFalse();
        assertThat(counted).hasValue(0);
        assertThat(h.segmentBytes()).isZero();
    }

    @Test
    void aSeqThatDoesNotFollowStartsAfresh() {
        TopicHistory h = holding(1_000, 5, 10);
        append(h, 9, 9, 10);
        assertThat(h.size()).isEqualTo(1);
        assertThat(h.covers(8, 9)).isTrue();
        assertThat(h.covers(5, 9)).isFalse();
        assertThat(replay(h, 8)).containsExactly("9");
        assertThat(counted).hasValue(1);
    }

    @Test
    void aFrameLargerThanASegmentGetsOneOfItsOwn() {
        TopicHistory h = holding(10, 1, 10);
        append(h, 2, 2, 100_000);
        append(h, 3, 3, 10);
        List<String> texts = replay(h, 0);
        assertThat(texts).containsExactly("1", "2", "3");
        assertThat(replayed.get(1).readableBytes()).isGreaterThan(100_000);
    }

    @Test
    void aReplayedFrameOutlivesItsEviction() {
        TopicHistory h = holding(2, 2, 10);
        assertThat(replay(h, 0)).containsExactly("1", "2");
        h.clear();
        // the client's copies are still readable (their own references) until written and released
        assertThat(replayed.get(0).refCnt()).isPositive();
        assertThat(replayed.get(0).toString(StandardCharsets.UTF_8)).contains("m1-");
    }

    @Test
    void aMessageWithoutHeaderRoomIsKeptFramedAllTheSame() {
        TopicHistory h = holding(10, 1, 10);
        // bytes from another path than the encoder: no header room in front of them
        for (int padding : new int[] {10, 200, 70_000}) {
            ByteBuf plain = Unpooled.copiedBuffer("{\"message\":\"m" + (h.size() + 1) + "-" + "y".repeat(padding)
                    + "\"}", StandardCharsets.UTF_8);
            assertThat(TextFrameHeader.isFramed(plain)).isFalse();
            h.append(h.size() + 1, 2, plain);
            plain.release();
        }
        assertThat(replay(h, 0)).containsExactly("1", "2", "3", "4"); // each replayed frame checked framed
        ByteBuf last = replayed.get(3);
        ByteBuf whole = TextFrameHeader.frame(last.duplicate());
        assertThat(whole.readableBytes()).isEqualTo(10 + last.readableBytes()); // 127 + 8-byte length
        assertThat(whole.getByte(whole.readerIndex())).isEqualTo((byte) 0x81);
    }

    @Test
    void noLimitKeepsNothing() {
        TopicHistory h = holding(0, 1, 10);
        assertThat(h.enabled()).isFalse();
        assertThat(h.size()).isZero();
        assertThat(h.segmentBytes()).isZero();
    }

    @Test
    void aSubscriberGoneStopsTheReplay() {
        TopicHistory h = holding(10, 5, 10);
        List<ByteBuf> got = new ArrayList<>();
        int n = h.replay(TOPIC, 0, (frame, ingest) -> {
            frame.release();
            got.add(frame);
            return got.size() < 2;
        });
        assertThat(n).isEqualTo(-1);
        assertThat(got).hasSize(2);
    }
}
