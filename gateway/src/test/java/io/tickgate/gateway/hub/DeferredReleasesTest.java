package io.tickgate.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reference counts a wake-up task gives back: summed per frame at its end, only for plain duplicates. */
class DeferredReleasesTest {

    private final ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();

    /** Buffers Netty's leak detector tracks are wrapped, so their duplicates are not plain ones: none tracked here. */
    @BeforeEach
    void untracked() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }

    @AfterEach
    void restore() {
        ResourceLeakDetector.setLevel(level);
    }

    private static ByteBuf frame() {
        ByteBuf f = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        f.writeBytes(new byte[] {1, 2, 3});
        return f;
    }

    @Test
    void insideATaskPlainDuplicatesGoBackOncePerFrameAtItsEnd() {
        ByteBuf a = frame().retain(3); // the hub's references for three subscribers, plus its own
        ByteBuf b = frame().retain(1);
        int[] during = new int[2];
        DeferredReleases.around(() -> {
            DeferredReleases.release(a.duplicate());
            DeferredReleases.release(b.duplicate());
            DeferredReleases.release(a.duplicate());
            DeferredReleases.release(a.duplicate());
            during[0] = a.refCnt();
            during[1] = b.refCnt();
        });
        assertThat(during).containsExactly(4, 2);
        assertThat(a.refCnt()).isEqualTo(1);
        assertThat(b.refCnt()).isEqualTo(1);
        assertThat(a.release()).isTrue();
        assertThat(b.release()).isTrue();
    }

    @Test
    void outsideATaskAndForRetainedDuplicatesTheReleaseIsImmediate() {
        ByteBuf a = frame().retain(2);
        DeferredReleases.release(a.duplicate());
        assertThat(a.refCnt()).isEqualTo(2);
        int[] during = new int[1];
        DeferredReleases.around(() -> {
            ByteBuf own = a.retainedDuplicate(); // a count of its own (the frame's goes up by one)
            DeferredReleases.release(own);
            during[0] = a.refCnt();
        });
        assertThat(during[0]).as("given back at once").isEqualTo(2);
        DeferredReleases.around(() -> DeferredReleases.release(a.duplicate()));
        assertThat(a.release()).isTrue();
    }
}
