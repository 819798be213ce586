package io.tickgate.bus.lease;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;

/**
 * How many shards a node should own and which free ones it prefers: an even spread without a central planner.
 * Each of N live collectors owns at most ceil(S / N) of S shards; a node below that takes free shards in its own
 * rendezvous order (so nodes starting together mostly reach for different shards), a node above it gives its
 * surplus back. A join moves only the surplus; a death frees the dead node's shards when their leases expire.
 */
final class ShardSpread {

    private ShardSpread() {
    }

    /** The most shards one of {@code nodes} live collectors should own (at least 1). */
    static int quota(int shards, int nodes) {
        return Math.max(1, (shards + Math.max(1, nodes) - 1) / Math.max(1, nodes));
    }

    /** {@code shards} sorted by {@code node}'s preference, most preferred first. */
    static List<String> preferred(List<String> shards, String node) {
        return shards.stream().sorted(Comparator.comparingLong((String s) -> score(s, node)).reversed()).toList();
    }

    /**
     * The hot standby of {@code shard} among {@code nodes} (the live collectors other than its owner): the one whose
     * rendezvous score for the shard is highest, so every node names the same one and a node's death moves only the
     * standbys it held. Null when there is none.
     */
    static String standby(String shard, Collection<String> nodes) {
        return nodes.stream().max(Comparator.comparingLong((String n) -> score(shard, n))).orElse(null);
    }

    private static long score(String shard, String node) {
        CRC32 crc = new CRC32();
        crc.update((shard + "\n" + node).getBytes(StandardCharsets.UTF_8));
        long x = crc.getValue() * 0x9E3779B97F4A7C15L;
        return x ^ (x >>> 29);
    }
}
