package io.tickgate.feed.venue;

import io.tickgate.feed.pipeline.FeedItem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A socket for a venue session under test: records what the session asks of it (control texts, notices, rejects). */
public class RecordedSessionIo implements SessionIo {

    /** Control messages sent, in order. */
    public final List<String> control = new ArrayList<>();
    /** Shutdown notices (the socket is to be replaced). */
    public final List<String> notices = new ArrayList<>();
    /** Symbols reported as rejected. */
    public final List<String> rejected = new ArrayList<>();

    @Override
    public long sessionId() {
        return 1;
    }

    @Override
    public void sendControl(String text) {
        control.add(text);
    }

    @Override
    public void sendPong(byte[] payload) {
    }

    @Override
    public void sendHeartbeat(String text) {
    }

    @Override
    public void deliver(FeedItem item) {
    }

    @Override
    public void heartbeat() {
    }

    @Override
    public void verified(Collection<String> symbols) {
    }

    @Override
    public void rejected(String symbol, String reason) {
        rejected.add(symbol);
    }

    @Override
    public void rateLimited(long waitMillis) {
    }

    @Override
    public void shutdownNotice(String why) {
        notices.add(why);
    }

    @Override
    public void malformed(String why) {
    }
}
