package io.tickgate.gateway.hub;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A topic's subscribers that live on event loops ({@link LoopSubscriber}), grouped by loop, so that the hub hands
 * each loop one entry per message ({@link WakeupBatch#handOffShared}) instead of one per subscriber. Each group's
 * members are an array replaced (never changed) when a member comes or goes: an entry already handed off keeps the
 * members it was handed to. Owned by the topic's shard thread.
 */
final class LoopGroups {

    /** The members of one event loop. */
    record Group(Executor executor, LoopSubscriber[] members) {
    }

    private static final LoopSubscriber[] NONE = {};

    private final List<Group> groups = new ArrayList<>(2);

    /** The groups, one per event loop with members; not to be changed by the caller. */
    List<Group> groups() {
        return groups;
    }

    void add(LoopSubscriber s) {
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            if (g.executor() == s.executor()) {
                LoopSubscriber[] grown = Arrays.copyOf(g.members(), g.members().length + 1);
                grown[grown.length - 1] = s;
                groups.set(i, new Group(g.executor(), grown));
                return;
            }
        }
        groups.add(new Group(s.executor(), new LoopSubscriber[] {s}));
    }

    void remove(LoopSubscriber s) {
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            if (g.executor() != s.executor()) {
                continue;
            }
            LoopSubscriber[] m = g.members();
            LoopSubscriber[] left = NONE;
            for (int j = 0; j < m.length; j++) {
                if (m[j] == s) {
                    left = new LoopSubscriber[m.length - 1];
                    System.arraycopy(m, 0, left, 0, j);
                    System.arraycopy(m, j + 1, left, j, m.length - j - 1);
                    break;
                }
            }
            if (left.length == 0) {
                if (m.length == 1 && m[0] == s) {
                    groups.remove(i);
                }
            } else {
                groups.set(i, new Group(g.executor(), left));
            }
            return;
        }
    }
}
