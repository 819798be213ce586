package io.tickgate.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The time partitions of one table: {@code trades_d20261129} holds one UTC day, {@code klines_m202611} one UTC month.
 * Created on demand before a batch that needs them (remembered, so an existing one costs nothing), listed and
 * dropped whole by retention: dropping a partition is instant and leaves no dead rows to vacuum. Creating or dropping
 * one locks the parent table, so each statement has a timeout: a lock held elsewhere fails it rather than holding the
 * writer thread.
 */
final class Partitions {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

    private final String table;
    private final boolean monthly;
    private final int timeoutSeconds;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /** {@code timeoutSeconds}: how long each statement may run (0: no limit). */
    Partitions(String table, boolean monthly, int timeoutSeconds) {
        this.table = table;
        this.monthly = monthly;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Creates the partition holding {@code epochMillis} unless it exists. */
    void ensure(Connection c, long epochMillis) throws SQLException {
        LocalDate start = start(epochMillis);
        String name = name(start);
        if (known.contains(name)) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(timeoutSeconds);
            s.execute("CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF " + table + " FOR VALUES FROM ("
                    + millis(start) + ") TO (" + millis(next(start)) + ")");
        }
        known.add(name);
    }

    /** Drops every partition whose whole range lies before {@code cutoffMillis}; returns how many. */
    int dropBefore(Connection c, long cutoffMillis) throws SQLException {
        List<String> drop = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT child.relname FROM pg_inherits i"
                + " JOIN pg_class child ON child.oid = i.inhrelid JOIN pg_class parent ON parent.oid = i.inhparent"
                + " WHERE parent.relname = ?")) {
            ps.setQueryTimeout(timeoutSeconds);
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    LocalDate start = parse(name);
                    if (start != null && millis(next(start)) <= cutoffMillis) {
                        drop.add(name);
                    }
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(timeoutSeconds);
            for (String name : drop) {
                s.execute("DROP TABLE IF EXISTS " + name);
                known.remove(name);
            }
        }
        return drop.size();
    }

    private LocalDate start(long epochMillis) {
        LocalDate d = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate();
        return monthly ? d.withDayOfMonth(1) : d;
    }

    private LocalDate next(LocalDate start) {
        return monthly ? start.plusMonths(1) : start.plusDays(1);
    }

    private String name(LocalDate start) {
        return table + (monthly ? "_m" + MONTH.format(start) : "_d" + DAY.format(start));
    }

    private LocalDate parse(String name) {
        String prefix = table + (monthly ? "_m" : "_d");
        if (!name.startsWith(prefix)) {
            return null;
        }
        String digits = name.substring(prefix.length());
        try {
            return monthly ? LocalDate.parse(digits + "01", DAY) : LocalDate.parse(digits, DAY);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static long millis(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
