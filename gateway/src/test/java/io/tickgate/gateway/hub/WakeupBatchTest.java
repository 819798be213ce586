package io.tickgate.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class WakeupBatchTest {

    /** An executor that keeps its tasks until the test runs them. */
    private static final class Tasks implements Executor {
        final List<Runnable> queued = new ArrayList<>();

        @Override
        public void execute(Runnable r) {
            queued.add(r);
        }
    }

    private static final class Woken implements WakeupBatch.Wakeable {
        final Executor executor;
        int wakes;
        int rejected;

        Woken(Executor executor) {
            this.executor = executor;
        }

        @Override
        public Executor executor() {
            return executor;
        }

        @Override
        public void wake() {
            wakes++;
        }

        @Override
        public void wakeRejected() {
            rejected++;
        }
    }

    @Test
    void outsideABatchNothingIsDeferred() {
        assertThat(WakeupBatch.defer(new Woken(new Tasks()))).isFalse();
    }

    @Test
    void oneTaskPerExecutorWakesEveryoneDeferredAndARefusingExecutorGetsEachRejected() {
        Tasks loopA = new Tasks();
        Tasks loopB = new Tasks();
        Executor dead = r -> {
            throw new RejectedExecutionException("shut down");
        };
        List<Woken> onA = List.of(new Woken(loopA), new Woken(loopA), new Woken(loopA));
        Woken onB = new Woken(loopB);
        Woken onDead = new Woken(dead);
        WakeupBatch batch = WakeupBatch.open();
        try {
            onA.forEach(WakeupBatch::defer);
            assertThat(WakeupBatch.defer(onB)).isTrue();
            WakeupBatch.defer(onDead);
            batch.flush();
            assertThat(loopA.queued).hasSize(1);
            assertThat(loopB.queued).hasSize(1);
            assertThat(onDead.rejected).isEqualTo(1);
            loopA.queued.forEach(Runnable::run);
            loopB.queued.forEach(Runnable::run);
            assertThat(onA).allMatch(w -> w.wakes == 1);
            assertThat(onB.wakes).isEqualTo(1);
            batch.flush();
            assertThat(loopA.queued).hasSize(1);
        } finally {
            batch.close();
        }
        assertThat(WakeupBatch.defer(onB)).isFalse();
    }
}
