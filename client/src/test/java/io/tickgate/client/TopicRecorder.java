package io.tickgate.client;

import java.util.ArrayList;
import java.util.List;

/**
 * Records what one listener got on one topic, per epoch: the snapshot seq and every data seq, so a test can check
 * that each seq after the snapshot arrived exactly once.
 */
final class TopicRecorder implements TopicListener {

    /** What arrived in one epoch. */
    static final class EpochLog {
        final String epoch;
        final List<Long> snapshots = new ArrayList<>();
        final List<Long> data = new ArrayList<>();

        EpochLog(String epoch) {
            this.epoch = epoch;
        }
    }

    private final List<EpochLog> epochs = new ArrayList<>();

    @Override
    public synchronized void onMessage(TopicMessage m) {
        EpochLog log = epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
        if (log == null || !log.epoch.equals(m.epoch())) {
            log = new EpochLog(m.epoch());
            epochs.add(log);
        }
        (m.isSnapshot() ? log.snapshots : log.data).add(m.seq());
    }

    synchronized List<EpochLog> epochs() {
        return new ArrayList<>(epochs);
    }

    /** Seq of the last message in {@code epoch}, 0 if none. */
    synchronized long last(String epoch) {
        for (EpochLog l : epochs) {
            if (l.epoch.equals(epoch)) {
                long a = l.data.isEmpty() ? 0 : l.data.get(l.data.size() - 1);
                long b = l.snapshots.isEmpty() ? 0 : l.snapshots.get(l.snapshots.size() - 1);
                return Math.max(a, b);
            }
        }
        return 0;
    }

    /**
     * Problems in {@code epoch}: it must start with one snapshot at S, then hold data S+1..last exactly once each.
     * Empty when everything is in order.
     */
    synchronized String check(String epoch, long last) {
        for (EpochLog l : epochs) {
            if (!l.epoch.equals(epoch)) {
                continue;
            }
            if (l.snapshots.size() != 1) {
                return "expected one snapshot in epoch " + epoch + ", got " + l.snapshots;
            }
            long expect = l.snapshots.get(0) + 1;
            for (long s : l.data) {
                if (s != expect) {
                    return "epoch " + epoch + ": expected seq " + expect + " but got " + s;
                }
                expect++;
            }
            return expect - 1 == last ? "" : "epoch " + epoch + ": ends at " + (expect - 1) + ", not " + last;
        }
        return "nothing received in epoch " + epoch;
    }
}
