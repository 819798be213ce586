package io.tickgate.app.failover;

import io.tickgate.client.Gap;
import io.tickgate.client.TopicListener;
import io.tickgate.client.TopicMessage;
import io.tickgate.client.UpstreamGap;
import java.util.ArrayList;
import java.util.List;

/**
 * What one client got on one trade topic, in arrival order: snapshots, data (with the trade id), gap notices (trades
 * the server announces it lost, e.g. dropped while Redis was down) and the seq gaps the client reported for the topic
 * (they arrive on the same dispatcher thread, in order with the messages).
 */
final class TopicTrail implements TopicListener {

    enum Kind { SNAPSHOT, DATA, GAP, NOTICE }

    /**
     * One step; for a gap, {@code epoch}/{@code seq} are where the topic continues and {@code id} the reason; a
     * notice (trades tickgate could not deliver, a {@code gap} message) takes its seq like data, {@code id} its reason.
     */
    record Step(Kind kind, String epoch, long seq, String id) {
    }

    private final List<Step> steps = new ArrayList<>();

    @Override
    public synchronized void onMessage(TopicMessage m) {
        steps.add(new Step(m.isSnapshot() ? Kind.SNAPSHOT : Kind.DATA, m.epoch(), m.seq(),
                m.isSnapshot() ? "" : m.data().path("id").asText()));
    }

    synchronized void onGap(Gap g) {
        steps.add(new Step(Kind.GAP, g.epoch(), g.seq(), g.reason().name()));
    }

    synchronized void onUpstreamGap(UpstreamGap g) {
        steps.add(new Step(Kind.NOTICE, g.epoch(), g.seq(), g.reason()));
    }

    synchronized List<Step> steps() {
        return new ArrayList<>(steps);
    }

    /** The last snapshot or data message, null before any. */
    synchronized Step last() {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i).kind() == Kind.SNAPSHOT || steps.get(i).kind() == Kind.DATA) {
                return steps.get(i);
            }
        }
        return null;
    }

    /**
     * Problems in the trail: it starts with a snapshot; data continues the last message's epoch (an epoch changes only
     * through a snapshot) seq by seq, unless the client reported a seq gap right before it; a snapshot of the same
     * epoch never goes back.
     */
    synchronized String problems() {
        String epoch = null;
        long seq = 0;
        boolean gapReported = false;
        for (Step s : steps) {
            switch (s.kind()) {
                case GAP -> gapReported = true;
                case SNAPSHOT -> {
                    if (s.epoch().equals(epoch) && s.seq() < seq) {
                        return "snapshot at " + s.seq() + " goes back from " + seq + " in epoch " + epoch;
                    }
                    epoch = s.epoch();
                    seq = s.seq();
                    gapReported = false;
                }
                case DATA, NOTICE -> {
                    if (epoch == null) {
                        return "data before any snapshot: " + s;
                    }
                    if (!s.epoch().equals(epoch)) {
                        return "data of epoch " + s.epoch() + " seq " + s.seq() + " right after epoch " + epoch
                                + " seq " + seq + " without a snapshot";
                    }
                    if (s.seq() != seq + 1 && !gapReported) {
                        return "seq " + s.seq() + " after " + seq + " with no gap reported";
                    }
                    if (s.seq() <= seq) {
                        return "seq " + s.seq() + " again after " + seq;
                    }
                    seq = s.seq();
                    gapReported = false;
                }
                default -> throw new IllegalStateException();
            }
        }
        return epoch == null ? "nothing received" : "";
    }
}
