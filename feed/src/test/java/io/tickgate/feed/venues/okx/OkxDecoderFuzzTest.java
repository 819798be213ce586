package io.tickgate.feed.venues.okx;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.tickgate.feed.DecoderFuzz;
import io.tickgate.bus.testing.LeakWatch;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fuzzes the OKX decoder's live path with mutations of the documented frames (PARANOID leak detection). */
@Timeout(60)
class OkxDecoderFuzzTest {

    private static final Logger LOG = LoggerFactory.getLogger(OkxDecoderFuzzTest.class);

    @Test
    void mutatedFramesNeverThrowLeakOrBreakTheDecoder() throws Exception {
        OkxFrameDecoder decoder = new OkxFrameDecoder();
        byte[] real = OkxParserPathsTest.FRAMES.get(0).getBytes(StandardCharsets.UTF_8);
        try (LeakWatch leaks = new LeakWatch()) {
            DecoderFuzz.Stats s = DecoderFuzz.run(OkxParserPathsTest.FRAMES, 12, 3, 500, 500_000,
                    buf -> decoder.decode(buf, new OkxFrameDecoderTest.Collect()), decoder::lastError, () -> {
                        OkxFrameDecoderTest.Collect c = new OkxFrameDecoderTest.Collect();
                        return decoder.decode(Unpooled.wrappedBuffer(real), c) + " " + c.events + c.books
                                + c.controls;
                    });
            LOG.info("okx decoder fuzz: {}", s);
            assertThat(s.malformed()).as("bad frames reached the checks").isGreaterThan(s.inputs() / 10);
            assertThat(s.ok()).as("and some still decoded").isPositive();
            assertThat(leaks.leaks()).isEmpty();
        }
    }
}
