package io.tickgate.bench.server;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This process's memory as the benchmark reports it: heap and non-heap in use (after a full GC when asked), direct
 * buffers, the resident set size from {@code /proc/self/status} and the kernel's TCP buffer memory from
 * {@code /proc/net/sockstat} (system-wide, in bytes). Values that cannot be read are -1.
 */
public final class ProcessMemory {

    private static final long PAGE_BYTES = 4_096;

    private ProcessMemory() {
    }

    /**
     * Reads the figures; with {@code gcFirst} runs {@link System#gc()} twice before (a stop-the-world full
     * collection: benchmark use only) so the heap figure is the live set.
     */
    public static Map<String, Object> read(boolean gcFirst) {
        if (gcFirst) {
            System.gc();
            System.gc();
        }
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long direct = 0;
        List<BufferPoolMXBean> pools = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class);
        for (BufferPoolMXBean p : pools) {
            if (p.getName().equals("direct")) {
                direct = p.getMemoryUsed();
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pid", ProcessHandle.current().pid());
        out.put("heapUsedBytes", mem.getHeapMemoryUsage().getUsed());
        out.put("heapCommittedBytes", mem.getHeapMemoryUsage().getCommitted());
        out.put("nonHeapUsedBytes", mem.getNonHeapMemoryUsage().getUsed());
        out.put("directBytes", direct + io.netty.util.internal.PlatformDependent.usedDirectMemory());
        out.put("rssBytes", rssBytes(Path.of("/proc/self/status")));
        out.put("kernelTcpBytes", kernelTcpBytes(Path.of("/proc/net/sockstat")));
        return out;
    }

    /** {@code VmRSS} of a {@code /proc/<pid>/status} file in bytes, -1 if unreadable. */
    static long rssBytes(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1_024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** The {@code mem} pages of the {@code TCP:} line of {@code /proc/net/sockstat}, in bytes; -1 if unreadable. */
    static long kernelTcpBytes(Path sockstat) {
        try {
            for (String line : Files.readAllLines(sockstat)) {
                if (line.startsWith("TCP:")) {
                    String[] parts = line.trim().split("\\s+");
                    for (int i = 1; i + 1 < parts.length; i++) {
                        if (parts[i].equals("mem")) {
                            return Long.parseLong(parts[i + 1]) * PAGE_BYTES;
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
