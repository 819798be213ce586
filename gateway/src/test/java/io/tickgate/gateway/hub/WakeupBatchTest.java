package io.tickgate.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tickgate.model.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class WakeupBatchTest {

    private static final Topic TRADES = Topic.parse("binance.BTCUSDT.trade");

    /** An executor that keeps its tasks until the test runs them. */
    private static final class Tasks implements Executor {
        final List<Runnable> queued = new ArrayList<>();

        @Override
        public void execute(Runnable r) {
            queued.add(r);
        }

        void runAll() {
            List<Runnable> now = new ArrayList<>(queued);
            queued.clear();
            now.forEach(Runnable::run);
        }
    }

    /** Records what it takes, in order, and its wake-ups. */
    private static class Taker implements LoopSubscriber {
        final Executor executor;
        final List<String> log;
        final String name;
        boolean taken;
        int wakes;
        int rejected;

        Taker(Executor executor, List<String> log, String name) {
            this.executor = executor;
            this.log = log;
            this.name = name;
        }

        @Override
        public Executor executor() {
            return executor;
        }

        @Override
        public boolean take(Object item) {
            log.add(name + ":" + item);
            boolean first = !taken;
            taken = true;
            return first;
        }

        @Override
        public boolean takeShared(Topic topic, ByteBuf frame, long ingestNanos) {
            log.add(name + ":" + frame.toString(StandardCharsets.UTF_8) + "@" + ingestNanos);
            boolean first = !taken;
            taken = true;
            return first;
        }

        @Override
        public void wake() {
            taken = false;
            wakes++;
            log.add(name + ":wake");
        }

        @Override
        public void takeRejected(Object item) {
            log.add(name + ":rejected " + item);
        }

        @Override
        public void wakeRejected() {
            rejected++;
        }

        @Override
        public boolean deliver(ByteBuf frame, long ingestNanos) {
            throw new AssertionError("not used here");
        }
    }

    private static ByteBuf frame(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    @Test
    void outsideARoundNothingIsHandedOff() {
        Tasks loop = new Tasks();
        Taker t = new Taker(loop, new ArrayList<>(), "a");
        ByteBuf f = frame("x");
        assertThat(WakeupBatch.inRound()).isFalse();
        assertThat(WakeupBatch.handOff(t, "m1")).isFalse();
        assertThat(WakeupBatch.handOffShared(loop, new LoopSubscriber[] {t}, TRADES, f, 1)).isFalse();
        assertThat(f.refCnt()).isEqualTo(1);
        assertThat(loop.queued).isEmpty();
    }

    @Test
    void oneTaskPerExecutorRunsItsEntriesInOrderThenWakesEachTakerOnce() {
        Tasks loopA = new Tasks();
        Tasks loopB = new Tasks();
        List<String> log = new ArrayList<>();
        Taker a1 = new Taker(loopA, log, "a1");
        Taker a2 = new Taker(loopA, log, "a2");
        Taker b1 = new Taker(loopB, log, "b1");
        ByteBuf f1 = frame("t1");
        ByteBuf f2 = frame("t2");
        WakeupBatch batch = WakeupBatch.open();
        try {
            assertThat(WakeupBatch.inRound()).isTrue();
            WakeupBatch.handOff(a1, "subscribed");
            assertThat(WakeupBatch.handOffShared(loopA, new LoopSubscriber[] {a1, a2}, TRADES, f1, 7)).isTrue();
            assertThat(WakeupBatch.handOffShared(loopB, new LoopSubscriber[] {b1}, TRADES, f1, 7)).isTrue();
            WakeupBatch.handOff(a2, "reply");
            assertThat(WakeupBatch.handOffShared(loopA, new LoopSubscriber[] {a1, a2}, TRADES, f2, 8)).isTrue();
            assertThat(f1.refCnt()).as("one reference per loop").isEqualTo(3);
            f1.release();
            f2.release();
            batch.flush();
            assertThat(loopA.queued).hasSize(1);
            assertThat(loopB.queued).hasSize(1);
            assertThat(log).isEmpty();
            loopA.runAll();
            assertThat(log).containsExactly("a1:subscribed", "a1:t1@7", "a2:t1@7", "a2:reply", "a1:t2@8", "a2:t2@8",
                    "a1:wake", "a2:wake");
            assertThat(f2.refCnt()).as("given back after the loop ran").isZero();
            assertThat(f1.refCnt()).as("loop B's reference is still out").isEqualTo(1);
            loopB.runAll();
            assertThat(f1.refCnt()).isZero();
            assertThat(log).endsWith("b1:t1@7", "b1:wake");
            batch.flush();
            assertThat(loopA.queued).as("nothing handed off: no task").isEmpty();
        } finally {
            batch.close();
        }
        assertThat(WakeupBatch.inRound()).isFalse();
    }

    @Test
    void aTakeOrWakeUpThatThrowsStopsNeitherTheRoundNorTheOthersAndIsThrownAtTheEnd() {
        Tasks loop = new Tasks();
        List<String> log = new ArrayList<>();
        Taker a = new Taker(loop, log, "a") {
            @Override
            public boolean takeShared(Topic topic, ByteBuf frame, long ingestNanos) {
                super.takeShared(topic, frame, ingestNanos);
                throw new IllegalStateException("out of direct memory");
            }
        };
        Taker b = new Taker(loop, log, "b") {
            @Override
            public void wake() {
                super.wake();
                throw new IllegalStateException("drain failed");
            }
        };
        Taker c = new Taker(loop, log, "c");
        ByteBuf f = frame("t");
        WakeupBatch batch = WakeupBatch.open();
        try {
            WakeupBatch.handOffShared(loop, new LoopSubscriber[] {a, b, c}, TRADES, f, 1);
            WakeupBatch.handOff(c, "reply");
            f.release();
            batch.flush();
        } finally {
            batch.close();
        }
        assertThatThrownBy(loop::runAll).hasMessage("out of direct memory")
                .satisfies(t -> assertThat(t.getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly("drain failed"));
        assertThat(log).containsExactly("a:t@1", "b:t@1", "c:t@1", "c:reply", "a:wake", "b:wake", "c:wake");
        assertThat(f.refCnt()).as("the loop's reference given back").isZero();
    }

    @Test
    void aRefusingExecutorGetsEveryItemBackAndEveryFrameReleased() {
        Executor dead = r -> {
            throw new RejectedExecutionException("shut down");
        };
        List<String> log = new ArrayList<>();
        Taker t = new Taker(dead, log, "d");
        ByteBuf f = frame("t");
        WakeupBatch batch = WakeupBatch.open();
        try {
            WakeupBatch.handOff(t, "m1");
            WakeupBatch.handOffShared(dead, new LoopSubscriber[] {t}, TRADES, f, 1);
            f.release();
            batch.flush();
        } finally {
            batch.close();
        }
        assertThat(log).containsExactly("d:rejected m1");
        assertThat(t.rejected).isPositive();
        assertThat(f.refCnt()).isZero();
    }

    @Test
    void sharedEntriesAreRefusedWhileTooManyBytesWaitForTheirLoop() {
        Tasks stalled = new Tasks();
        Taker t = new Taker(stalled, new ArrayList<>(), "s");
        LoopSubscriber[] members = {t};
        ByteBuf big = Unpooled.buffer(1024 * 1024).writerIndex(1024 * 1024);
        WakeupBatch batch = WakeupBatch.open();
        try {
            int handed = 0;
            while (WakeupBatch.handOffShared(stalled, members, TRADES, big, 1)) {
                handed++;
                if (handed % 4 == 0) {
                    batch.flush(); // tasks pile up on the loop that does not run
                }
            }
            assertThat((long) handed * big.readableBytes()).isLessThanOrEqualTo(WakeupBatch.MAX_IN_FLIGHT_BYTES)
                    .isGreaterThan(WakeupBatch.MAX_IN_FLIGHT_BYTES - big.readableBytes());
            batch.flush();
            stalled.runAll();
            assertThat(WakeupBatch.handOffShared(stalled, members, TRADES, big, 1))
                    .as("accepted again once the loop ran").isTrue();
            batch.flush();
            stalled.runAll();
        } finally {
            batch.close();
        }
        assertThat(big.refCnt()).isEqualTo(1);
        big.release();
    }
}
