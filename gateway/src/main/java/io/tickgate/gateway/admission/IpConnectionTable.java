package io.tickgate.gateway.admission;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open connections and the connection-rate bucket per client address (IPv6 addresses are grouped by their /64,
 * the usual allocation to one subscriber). Entries are created on the first connection and dropped by
 * {@link #sweep} once nothing is open and the bucket is full again. Thread-safe; each call locks only its entry.
 */
public final class IpConnectionTable {

    private static final class Entry {
        int open;
        TokenBucket bucket;
    }

    private final int maxPerIp;
    private final double ratePerSecond;
    private final int burst;
    private final Map<InetAddress, Entry> entries = new ConcurrentHashMap<>();

    /**
     * @param maxPerIp      open connections per address; 0 = no limit
     * @param ratePerSecond new connections per second per address; 0 = no limit
     */
    public IpConnectionTable(int maxPerIp, double ratePerSecond, int burst) {
        this.maxPerIp = maxPerIp;
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
    }

    /** The key an address is counted under: itself, or its /64 for IPv6. */
    public static InetAddress key(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] b = Arrays.copyOf(address.getAddress(), 16);
        Arrays.fill(b, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 16 bytes are always a valid address
        }
    }

    /**
     * Counts a new connection from {@code key} (see {@link #key}) unless it is over a limit.
     *
     * @return null when admitted (then {@link #release} it when it closes), else why not
     */
    public Refusal tryAcquire(InetAddress key, long nowNanos) {
        Refusal[] out = new Refusal[1];
        entries.compute(key, (k, e) -> {
            Entry entry = e == null ? new Entry() : e;
            if (maxPerIp > 0 && entry.open >= maxPerIp) {
                out[0] = Refusal.IP_LIMIT;
            } else if (ratePerSecond > 0 && !bucket(entry, nowNanos).tryTake(nowNanos)) {
                out[0] = Refusal.IP_RATE;
            } else {
                entry.open++;
            }
            return entry;
        });
        return out[0];
    }

    /** A connection counted by {@link #tryAcquire} closed. */
    public void release(InetAddress key) {
        entries.computeIfPresent(key, (k, e) -> {
            e.open--;
            return e;
        });
    }

    /** Drops entries with nothing open and a full bucket. Returns how many remain. */
    public int sweep(long nowNanos) {
        for (InetAddress key : entries.keySet()) {
            entries.computeIfPresent(key, (k, e) ->
                    e.open <= 0 && (e.bucket == null || e.bucket.isFull(nowNanos)) ? null : e);
        }
        return entries.size();
    }

    /** Open connections counted for {@code key}. */
    public int open(InetAddress key) {
        Entry e = entries.get(key);
        return e == null ? 0 : e.open;
    }

    private TokenBucket bucket(Entry e, long nowNanos) {
        if (e.bucket == null) {
            e.bucket = new TokenBucket(ratePerSecond, burst, nowNanos);
        }
        return e.bucket;
    }
}
