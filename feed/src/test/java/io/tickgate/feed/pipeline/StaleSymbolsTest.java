package io.tickgate.feed.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stale rule on a scripted clock: silent for more than max(factor × own mean gap, minimum) while the socket
 * delivers other symbols; then resubscribe, recycle, resubscribe with doubling waits; data ends it.
 */
class StaleSymbolsTest {

    private static final long MS = 1_000_000L;

    private final List<String> calls = new ArrayList<>();
    private final StaleSymbols stale = new StaleSymbols(new StaleRule(10, 1000, 1), new StaleHandler() {
        @Override
        public void resubscribe(long session, List<String> symbols) {
            calls.add("resubscribe " + session + " " + symbols);
        }

        @Override
        public void recycle(long session) {
            calls.add("recycle " + session);
        }
    });
    private final Map<String, SymbolRoute> routes = new LinkedHashMap<>();
    private final Map<String, Long> period = new LinkedHashMap<>();
    private long now = 1_000 * MS;

    private void symbol(String s, long session, long everyMillis) {
        SymbolRoute r = new SymbolRoute();
        r.owner = session;
        stale.onOwner(r, now);
        routes.put(s, r);
        period.put(s, everyMillis);
    }

    /** Advances the clock by {@code millis} in 10 ms steps, delivering every symbol not silent on its period. */
    private void run(long millis, List<String> silent) {
        long end = now + millis * MS;
        while (now < end) {
            now += 10 * MS;
            for (Map.Entry<String, Long> e : period.entrySet()) {
                if (!silent.contains(e.getKey()) && (now / MS) % e.getValue() == 0) {
                    stale.onData(routes.get(e.getKey()), now);
                }
            }
            if ((now / MS) % 1000 == 0) {
                stale.check(List.of(routes), now);
            }
        }
    }

    private List<String> staleNow() {
        return stale.current().stream().map(StaleSymbol::symbol).toList();
    }

    @Test
    void aSlowSymbolWhoseFirstTradesCameInABurstIsJudgedByItsMeanGapNotByTheBurst() {
        symbol("BUSY", 1, 100);
        SymbolRoute calm = new SymbolRoute();
        calm.owner = 1;
        stale.onOwner(calm, now);
        routes.put("CALM", calm);
        for (int i = 0; i < 3; i++) { // a burst of three trades 10 ms apart, then one trade every 900 ms
            now += 10 * MS;
            stale.onData(calm, now);
        }
        for (int i = 0; i < 20; i++) {
            run(900, List.of());
            stale.onData(calm, now);
        }
        // its mean gap is 18,030 ms since it was taken over / 23 messages ≈ 784 ms: silent 6 s is not stale (a mean
        // weighing the burst's first gaps as much as all that came after would be ~300 ms, and it stale after 3 s)
        run(6_000, List.of());
        assertThat(staleNow()).isEmpty();
        assertThat(calls).isEmpty();
        run(3_000, List.of());
        assertThat(staleNow()).containsExactly("CALM");
        assertThat(stale.current().get(0).thresholdMillis()).isEqualTo(7839);
    }

    @Test
    void aFastSymbolGoingSilentOnABusySocketIsStaleButANaturallySlowOneIsNot() {
        symbol("FAST", 1, 50);
        symbol("BUSY", 1, 100);
        symbol("SLOW", 1, 4000); // gaps of 4 s, four times the minimum silence
        run(20_000, List.of());
        assertThat(staleNow()).isEmpty();
        assertThat(calls).isEmpty();

        run(1_000, List.of("FAST")); // silent exactly its threshold: not yet
        assertThat(staleNow()).isEmpty();
        run(1_000, List.of("FAST"));
        assertThat(staleNow()).containsExactly("FAST");
        StaleSymbol s = stale.current().get(0);
        assertThat(s.thresholdMillis()).isEqualTo(1000); // 10 × 50 ms is below the minimum
        assertThat(s.usualRate()).isCloseTo(20.0, offset(0.5));
        assertThat(s.silentMillis()).isEqualTo(2000);
        assertThat(calls).containsExactly("resubscribe 1 [FAST]");

        run(1_000, List.of("FAST")); // one threshold later, still silent: resubscribes used up
        assertThat(calls).containsExactly("resubscribe 1 [FAST]", "recycle 1");
        run(1_000, List.of("FAST")); // the wait doubles
        assertThat(calls).hasSize(2);
        run(1_000, List.of("FAST"));
        assertThat(calls).containsExactly("resubscribe 1 [FAST]", "recycle 1", "resubscribe 1 [FAST]");
        assertThat(stale.current().get(0).resubscribes()).isEqualTo(2);
        assertThat(stale.current().get(0).recycles()).isEqualTo(1);

        run(2_000, List.of());
        assertThat(staleNow()).isEmpty(); // data ends the episode
        assertThat(stale.detected()).isEqualTo(1);
        assertThat(stale.resubscribed()).isEqualTo(2);
        assertThat(stale.recycled()).isEqualTo(1);
        assertThat(calls).hasSize(3);
    }

    @Test
    void aSlowSymbolIsJudgedByItsOwnRate() {
        symbol("BUSY", 1, 20);
        symbol("SLOW", 1, 4000);
        run(60_000, List.of());
        run(20_000, List.of("SLOW")); // 20 s of silence: five of its gaps, below 10 × 4 s
        assertThat(staleNow()).isEmpty();
        run(21_000, List.of("SLOW")); // past 40 s
        assertThat(staleNow()).containsExactly("SLOW");
        assertThat(stale.current().get(0).thresholdMillis()).isBetween(39_000L, 41_000L);
    }

    @Test
    void aSocketWhereEverythingIsSilentIsNoSymbolsFault() {
        symbol("A", 1, 50);
        symbol("B", 1, 50);
        symbol("C", 2, 50);
        run(10_000, List.of());
        run(10_000, List.of("A", "B")); // socket 1 delivers nothing at all: the socket's health check handles it
        assertThat(staleNow()).isEmpty();
        assertThat(calls).isEmpty();
    }

    @Test
    void symbolsThatNeverDeliveredAreNotStale() {
        symbol("BUSY", 1, 50);
        symbol("NEVER", 1, 50);
        symbol("TWICE", 1, 50);
        stale.onData(routes.get("TWICE"), now + MS);
        stale.onData(routes.get("TWICE"), now + 2 * MS);
        run(10_000, List.of("NEVER", "TWICE"));
        assertThat(staleNow()).isEmpty();
    }

    @Test
    void aNewSocketGetsAThresholdOfGraceBeforeItsSymbolsAreJudged() {
        symbol("FAST", 1, 50);
        symbol("BUSY", 1, 50);
        run(10_000, List.of());
        run(5_000, List.of("FAST", "BUSY")); // the socket died: nothing is stale
        SymbolRoute fast = routes.get("FAST");
        SymbolRoute busy = routes.get("BUSY");
        fast.owner = 7; // a reconnect: socket 7 owns both now
        busy.owner = 7;
        stale.onOwner(fast, now);
        stale.onOwner(busy, now);
        run(1_000, List.of("FAST"));
        assertThat(staleNow()).isEmpty();
        run(1_000, List.of("FAST"));
        assertThat(staleNow()).containsExactly("FAST");
        assertThat(calls).containsExactly("resubscribe 7 [FAST]");
    }

    @Test
    void offJudgesNothing() {
        StaleSymbols off = new StaleSymbols(StaleRule.off(), StaleHandler.NONE);
        SymbolRoute r = new SymbolRoute();
        r.owner = 1;
        SymbolRoute other = new SymbolRoute();
        other.owner = 1;
        for (int i = 1; i <= 10; i++) {
            off.onData(r, i * MS);
            off.onData(other, i * MS);
        }
        off.onData(other, 100_000 * MS);
        off.check(List.of(Map.of("A", r, "B", other)), 100_000 * MS);
        assertThat(off.current()).isEmpty();
    }
}
