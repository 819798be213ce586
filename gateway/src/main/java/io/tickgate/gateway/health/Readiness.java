package io.tickgate.gateway.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Named readiness checks: every component that can die or go stale registers one, and {@code GET /ready} answers
 * 503 with the failing ones (name and reason) when any fails. Checks run on the HTTP thread at request time, so they
 * must be cheap and must not block. Register and evaluate from any thread.
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

    /** Adds a check, replacing one of the same name. */
    public void register(String name, Check check) {
        checks.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check"));
    }

    /** The registered checks' names, sorted. */
    public List<String> names() {
        return List.copyOf(checks.keySet());
    }

    /** Runs every check; the failing ones, sorted by name (a check that throws fails with the exception). */
    public List<Failure> failures() {
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
