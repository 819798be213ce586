package io.tickgate.feed.json;

/**
 * Why a venue decoder's last frame was not decoded: each decoder keeps one (decoders are per connection, one
 * thread), records the reason and returns the matching {@link DecodeStatus} instead of throwing.
 */
public final class DecodeErrors {

    private String last;

    /** Records a malformed frame (null reason: "malformed frame") and returns {@link DecodeStatus#MALFORMED}. */
    public DecodeStatus malformed(String why) {
        last = why == null ? "malformed frame" : why;
        return DecodeStatus.MALFORMED;
    }

    /** Records a frame that is valid but not handled and returns {@link DecodeStatus#IGNORED}. */
    public DecodeStatus ignored(String why) {
        last = why;
        return DecodeStatus.IGNORED;
    }

    /** Forgets the last reason (before a new frame). */
    public void clear() {
        last = null;
    }

    /** The last reason; null after a frame that decoded. */
    public String last() {
        return last;
    }
}
