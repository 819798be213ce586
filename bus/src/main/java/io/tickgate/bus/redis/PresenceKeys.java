package io.tickgate.bus.redis;

/**
 * The registry's Redis keys. A node's keys share the hash tag {@code {node:ID}} (one cluster slot, one owner); no
 * command touches keys of two tags, so the same code runs on Redis Cluster:
 * <pre>
 * P:nodes               zset    node id, scored by the deadline of its last heartbeat (ms; heartbeat + TTL)
 * P:{node:ID}:info      hash    id, address, started, heartbeat (ms), connections; expires with the TTL
 * P:{node:ID}:conns     hash    connection id → entry (JSON); expires with the TTL
 * P:{node:ID}:topics    hash    topic → subscriptions on the node; expires with the TTL
 * P:{user:U}:conns      hash    "node|connection" → entry; entries of dead nodes are skipped (and removed) on
 *                               read, the key expires 25 h after its last write (a connection lives 24 h at most)
 * P:control             channel control commands (plain PUBLISH: reaches every node of a cluster too)
 * </pre>
 */
final class PresenceKeys {

    private final String prefix;

    PresenceKeys(String prefix) {
        this.prefix = prefix;
    }

    String nodes() {
        return prefix + ":nodes";
    }

    String info(String node) {
        return prefix + ":{node:" + node + "}:info";
    }

    String connections(String node) {
        return prefix + ":{node:" + node + "}:conns";
    }

    String topics(String node) {
        return prefix + ":{node:" + node + "}:topics";
    }

    String user(String user) {
        return prefix + ":{user:" + user + "}:conns";
    }

    /** The field of a connection in its user's hash. */
    static String userField(String node, String connectionId) {
        return node + "|" + connectionId;
    }

    String control() {
        return prefix + ":control";
    }
}
