package io.tickgate.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time of another process and of its descendants, from {@code /proc/<pid>/stat} (Linux): for each process of
 * the tree, utime + stime (its threads) + cutime + cstime (children it has already waited for), in clock ticks
 * ({@code getconf CLK_TCK}, usually 100 per second). Two readings around a window give the CPU the server spent in it.
 */
final class ProcessCpu {

    /** One reading: CPU seconds of the tree so far, and how many processes it had; -1 seconds if unreadable. */
    record Reading(double seconds, int processes) {
    }

    private static final long DEFAULT_TICKS = 100;
    // fields after the ")" that ends the command name: 0 = state (field 3), so utime (field 14) is 11
    private static final int UTIME = 11;

    private final long pid;
    private final long ticksPerSecond;

    ProcessCpu(long pid, long ticksPerSecond) {
        this.pid = pid;
        this.ticksPerSecond = ticksPerSecond;
    }

    /** For {@code pid}, with the clock-tick rate from {@code getconf CLK_TCK}. */
    static ProcessCpu of(long pid) {
        return new ProcessCpu(pid, clockTicks());
    }

    long pid() {
        return pid;
    }

    long ticksPerSecond() {
        return ticksPerSecond;
    }

    /** The tree's CPU time now; seconds -1 when the process is gone or /proc is unreadable. */
    Reading read() {
        List<Long> tree = Stream.concat(Stream.of(pid), ProcessHandle.of(pid).stream()
                .flatMap(ProcessHandle::descendants).map(ProcessHandle::pid)).collect(Collectors.toList());
        long ticks = 0;
        int counted = 0;
        for (long p : tree) {
            long t = ticks(p);
            if (t >= 0) {
                ticks += t;
                counted++;
            } else if (p == pid) {
                return new Reading(-1, 0);
            }
        }
        return new Reading((double) ticks / ticksPerSecond, counted);
    }

    /** utime + stime + cutime + cstime of one process, -1 if it cannot be read. */
    static long ticks(long pid) {
        try {
            return ticksOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The same from the text of a {@code /proc/<pid>/stat} file. */
    static long ticksOf(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(f[UTIME]) + Long.parseLong(f[UTIME + 1]) + Long.parseLong(f[UTIME + 2])
                + Long.parseLong(f[UTIME + 3]);
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return DEFAULT_TICKS;
            }
            long t = Long.parseLong(new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
            return t > 0 ? t : DEFAULT_TICKS;
        } catch (IOException | RuntimeException e) {
            return DEFAULT_TICKS;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DEFAULT_TICKS;
        }
    }
}
