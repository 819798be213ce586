package io.tickgate.feed.record;

import io.netty.buffer.ByteBuf;
import io.tickgate.feed.venue.SessionIo;
import io.tickgate.feed.venue.SessionProtocol;
import io.tickgate.feed.venue.VenueProtocol;
import io.tickgate.model.venue.Venue;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A venue's protocol with every text frame recorded as it enters, before the venue's session decodes it: the
 * venue-neutral hook of a recording (the pool wraps its venue's protocol in it while recording).
 */
public final class RecordingProtocol implements VenueProtocol {

    private final VenueProtocol venue;
    private final VenueRecorder recorder;

    public RecordingProtocol(VenueProtocol venue, VenueRecorder recorder) {
        this.venue = Objects.requireNonNull(venue, "venue");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
    }

    @Override
    public Venue venue() {
        return venue.venue();
    }

    @Override
    public Target target(List<String> symbols) {
        return venue.target(symbols);
    }

    @Override
    public SessionProtocol open(SessionIo io, List<String> urlSymbols) {
        return new Recorded(venue.open(io, urlSymbols), io.sessionId(), recorder);
    }

    @Override
    public long heartbeatTimeoutMillis() {
        return venue.heartbeatTimeoutMillis();
    }

    @Override
    public long silenceMillis() {
        return venue.silenceMillis();
    }

    @Override
    public void disableUrlSubscriptions() {
        venue.disableUrlSubscriptions();
    }

    @Override
    public void enableUrlSubscriptions() {
        venue.enableUrlSubscriptions();
    }

    private record Recorded(SessionProtocol session, long id, VenueRecorder recorder) implements SessionProtocol {

        @Override
        public void onOpen(Collection<String> symbols) {
            session.onOpen(symbols);
        }

        @Override
        public void onText(ByteBuf utf8) {
            recorder.frame(id, System.currentTimeMillis(), utf8);
            session.onText(utf8);
        }

        @Override
        public void onPing(byte[] payload) {
            session.onPing(payload);
        }

        @Override
        public void onPong() {
            session.onPong();
        }

        @Override
        public void onTick(long nowMillis) {
            session.onTick(nowMillis);
        }

        @Override
        public void subscribe(Collection<String> symbols) {
            session.subscribe(symbols);
        }

        @Override
        public void unsubscribe(Collection<String> symbols, Runnable acked) {
            session.unsubscribe(symbols, acked);
        }

        @Override
        public void resubscribeBook(String symbol) {
            session.resubscribeBook(symbol);
        }
    }
}
