package io.tickgate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ProcessCpuTest {

    @Test
    void sumsUserSystemAndWaitedForChildrenTicks() {
        // a command name with spaces and a parenthesis, as /proc shows it; utime 14, stime 15, cutime 16, cstime 17
        String stat = "4242 (bun (peer) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 1000 250 7 3 20 0 9 0 12345 "
                + "100000000 5000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        assertThat(ProcessCpu.ticksOf(stat)).isEqualTo(1000 + 250 + 7 + 3);
    }

    @Test
    void readsThisProcessAndSeesItWork() {
        ProcessCpu cpu = ProcessCpu.of(ProcessHandle.current().pid());
        assertThat(cpu.ticksPerSecond()).isPositive();
        ProcessCpu.Reading before = cpu.read();
        assertThat(before.seconds()).isPositive();
        assertThat(before.processes()).isGreaterThanOrEqualTo(1);
        long deadline = System.nanoTime() + 300_000_000L; // burn 0.3 s of CPU
        long x = 0;
        while (System.nanoTime() < deadline) {
            x += Long.numberOfTrailingZeros(System.nanoTime());
        }
        assertThat(x).isNotNegative();
        assertThat(cpu.read().seconds()).isGreaterThan(before.seconds());
    }

    @Test
    void aMissingProcessReadsAsMinusOne() {
        assertThat(new ProcessCpu(Integer.MAX_VALUE, 100).read().seconds()).isEqualTo(-1);
    }
}
