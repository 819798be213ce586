package io.tickgate.gateway.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Named readiness checks: every component that can die or go stale registers one, and {@code GET /ready} answers
 * 503 with the failing ones (name and reason) when any fails. An advisory check ({@link #registerAdvisory}) is
 * reported but does not make the node unready: it names a part whose loss degrades the node without making it
 * useless, and which every node shares (the history database: were it required, its outage would take every node
 * out of the load balancer, and live data with them). Checks run on the HTTP thread at request time, so they must be
 * cheap and must not block. Register and evaluate from any thread.
 */
public final class Readiness {

    /** One component's check. */
    @FunctionalInterface
    public interface Check {
        /** Null (or empty) when the component is fine, else why it is not, e.g. "hub shard 1 thread stopped". */
        String problem();
    }

    /** A failing check and its reason. */
    public record Failure(String check, String reason) {
    }

    private final Map<String, Check> checks = new ConcurrentSkipListMap<>();
    private final Map<String, Check> advisory = new ConcurrentSkipListMap<>();

    /** Adds a check, replacing one of the same name (required or advisory). */
    public void register(String name, Check check) {
        checks.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check"));
        advisory.remove(name);
    }

    /** Adds an advisory check (reported as degraded, never unready), replacing one of the same name. */
    public void registerAdvisory(String name, Check check) {
        advisory.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check"));
        checks.remove(name);
    }

    /** The registered checks' names (required and advisory), sorted. */
    public List<String> names() {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(checks.keySet());
        all.addAll(advisory.keySet());
        return List.copyOf(all);
    }

    /** Runs every required check; the failing ones, sorted by name (a check that throws fails with the exception). */
    public List<Failure> failures() {
        return run(checks);
    }

    /** Runs every advisory check; the failing ones, sorted by name: what degrades the node without unreadying it. */
    public List<Failure> degraded() {
        return run(advisory);
    }

    private static List<Failure> run(Map<String, Check> checks) {
        List<Failure> out = new ArrayList<>();
        for (Map.Entry<String, Check> e : checks.entrySet()) {
            String problem;
            try {
                problem = e.getValue().problem();
            } catch (RuntimeException ex) {
                problem = "check failed: " + ex;
            }
            if (problem != null && !problem.isEmpty()) {
                out.add(new Failure(e.getKey(), problem));
            }
        }
        return out;
    }
}
