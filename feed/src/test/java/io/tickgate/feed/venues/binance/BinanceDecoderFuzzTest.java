package io.tickgate.feed.venues.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tickgate.feed.DecoderFuzz;
import io.tickgate.bus.testing.LeakWatch;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fuzzes the Binance decoder's live path with mutations of the real capture and documented payloads (PARANOID). */
@Timeout(60)
class BinanceDecoderFuzzTest {

    private static final Logger LOG = LoggerFactory.getLogger(BinanceDecoderFuzzTest.class);

    @Test
    void mutatedFramesNeverThrowLeakOrBreakTheDecoder() throws Exception {
        List<String> corpus = BinanceParserPathsTest.realFrames();
        BinanceFrameDecoder decoder = new BinanceFrameDecoder(() -> 42L);
        byte[] real = corpus.get(0).getBytes(StandardCharsets.UTF_8);
        try (LeakWatch leaks = new LeakWatch()) {
            DecoderFuzz.Stats s = DecoderFuzz.run(corpus, 11, 3, 500, 500_000,
                    buf -> decoder.decode(buf, new BinanceFrameDecoderTest.Collect()), decoder::lastError, () -> {
                        BinanceFrameDecoderTest.Collect c = new BinanceFrameDecoderTest.Collect();
                        ByteBuf buf = Unpooled.wrappedBuffer(real);
                        return decoder.decode(buf, c) + " " + c.events + c.depth + c.controls;
                    });
            LOG.info("binance decoder fuzz: {}", s);
            assertThat(s.malformed()).as("bad frames reached the checks").isGreaterThan(s.inputs() / 10);
            assertThat(s.ok()).as("and some still decoded").isPositive();
            assertThat(leaks.leaks()).isEmpty();
        }
    }
}
