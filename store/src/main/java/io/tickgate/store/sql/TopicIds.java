package io.tickgate.store.sql;

import io.tickgate.model.topic.Topic;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Topic name → small integer id (the {@code topics} table), cached: rows carry the 4-byte id instead of the name,
 * which is most of a trade row's size otherwise. Ids are created in their own committed statement, so a batch that
 * rolls back never leaves the cache naming an id the table lacks.
 */
public final class TopicIds {

    private final Map<String, Integer> cache = new ConcurrentHashMap<>();

    /**
     * The id {@link #resolve} gave the topic before.
     *
     * @throws IllegalStateException if it did not
     */
    public int cached(Topic topic) {
        Integer id = cache.get(topic.toString());
        if (id == null) {
            throw new IllegalStateException("topic id not resolved: " + topic);
        }
        return id;
    }

    /** The topic's id, or null when nothing was ever stored for it. */
    public Integer find(Connection c, Topic topic) throws SQLException {
        Integer id = cache.get(topic.toString());
        if (id != null) {
            return id;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM topics WHERE name = ?")) {
            ps.setString(1, topic.toString());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                id = rs.getInt(1);
            }
        }
        cache.put(topic.toString(), id);
        return id;
    }

    /** The topic's id, created when new; {@code c} must be in auto-commit mode. */
    public int resolve(Connection c, Topic topic) throws SQLException {
        Integer id = find(c, topic);
        if (id != null) {
            return id;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO topics (name) VALUES (?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, topic.toString());
            ps.executeUpdate();
        }
        return find(c, topic);
    }
}
